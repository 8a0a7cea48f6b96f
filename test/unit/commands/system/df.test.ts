import * as assert from 'node:assert';
import type { ApiCall } from '../../../../src/engine/operations';
import { TestLab } from '../../helpers/TestLab';

const NGINX_ALPINE_ID = 'sha256:3dd08163706a20b20622f310ec10258cc96e9007ab357f7201955bc880ac17f4';
const ALPINE_ID = 'sha256:320994c3b997e2ec6433f717f153e108023c5bec8fefa8d76b83451d16d05ea8';
const NGINX_ID = 'sha256:34e04bb6b4bb37d45845842374be0cd181723daffb230849b1984aaeaa96faba';

/** The layer bytes of the three images: alpine's one layer is nginx:alpine's base. */
const NGINX_BYTES = 188_204_707;
const NGINX_ALPINE_BYTES = 68_407_471;
const ALPINE_BYTES = 10_009_319;
/** What nginx writes into its container at start-up: default.conf with the IPv6 listen line, and its pid file. */
const NGINX_START_UP_BYTES = 1095;

/** The three sections -v prints below the images, for a lab without volumes or build cache. */
const EMPTY_VOLUMES_AND_CACHE = [
  'Local Volumes space usage:',
  '',
  'VOLUME NAME   LINKS     SIZE',
  '',
  'Build cache usage: 0B',
  '',
  'CACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED',
  '',
];

/** A lab (clock at 2026-11-24) holding nginx:1.28.0, nginx:alpine and alpine:latest. */
async function labWithImages(): Promise<TestLab> {
  const lab = new TestLab();
  await lab.ok('pull', '-q', 'nginx:1.28.0');
  await lab.ok('pull', '-q', 'nginx:alpine');
  await lab.ok('pull', '-q', 'alpine:latest');
  return lab;
}

suite('docker system df', () => {
  test('an empty lab: four rows of zeros under docker\'s columns', async () => {
    const lab = new TestLab();
    assert.deepStrictEqual(await lab.docker('system', 'df'), {
      stdout: [
        'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE',
        'Images          0         0         0B        0B',
        'Containers      0         0         0B        0B',
        'Local Volumes   0         0         0B        0B',
        'Build Cache     0         0         0B        0B',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  test('-v on an empty lab: four titled sections, each a header alone, blank lines as docker 28.2.2 prints them', async () => {
    const lab = new TestLab();
    assert.strictEqual(await lab.ok('system', 'df', '-v'), [
      'Images space usage:',
      '',
      'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS',
      '',
      'Containers space usage:',
      '',
      'CONTAINER ID   IMAGE     COMMAND   LOCAL VOLUMES   SIZE      CREATED   STATUS    NAMES',
      '',
      ...EMPTY_VOLUMES_AND_CACHE,
    ].join('\n'));
    assert.strictEqual(await lab.ok('system', 'df', '--verbose'), await lab.ok('system', 'df', '-v'));
  });

  test('three images: the shared alpine layer counts once in SIZE; without containers it is all reclaimable', async () => {
    const lab = await labWithImages();
    // 188.2MB + 68.41MB: alpine:latest adds nothing, its layer is nginx:alpine's base.
    assert.strictEqual(await lab.ok('system', 'df'), [
      'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE',
      'Images          3         0         256.6MB   256.6MB (100%)',
      'Containers      0         0         0B        0B',
      'Local Volumes   0         0         0B        0B',
      'Build Cache     0         0         0B        0B',
      '',
    ].join('\n'));
  });

  test('a running container: ACTIVE counts its image and container; RECLAIMABLE loses the image\'s unique size', async () => {
    const lab = await labWithImages();
    await lab.ok('run', '-d', '--name', 'web', 'nginx:alpine');
    // 256.6MB - (68.41MB - 10.01MB shared) = 198.2MB, 77% by Go's integer division.
    assert.strictEqual(await lab.ok('system', 'df'), [
      'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE',
      'Images          3         1         256.6MB   198.2MB (77%)',
      // nginx's start-up writes (default.conf's IPv6 edit, its pid file) are the container's 1.095kB.
      'Containers      1         1         1.095kB   0B (0%)',
      'Local Volumes   0         0         0B        0B',
      'Build Cache     0         0         0B        0B',
      '',
    ].join('\n'));
    // A created (not running) container makes its image active but not the container;
    // alpine's only layer is shared, so reclaimable space does not change.
    await lab.ok('create', '--name', 'idle', 'alpine');
    assert.strictEqual(await lab.ok('system', 'df'), [
      'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE',
      'Images          3         2         256.6MB   198.2MB (77%)',
      'Containers      2         1         1.095kB   0B (0%)',
      'Local Volumes   0         0         0B        0B',
      'Build Cache     0         0         0B        0B',
      '',
    ].join('\n'));
  });

  test('-v: images newest first under their first tag with SHARED SIZE, UNIQUE SIZE and CONTAINERS; containers without virtual size', async () => {
    const lab = await labWithImages();
    await lab.ok('run', '-d', '--name', 'web', 'nginx:alpine');
    await lab.ok('create', '--name', 'idle', 'alpine');
    const webId = (await lab.ok('ps', '-aq', '--filter', 'name=web')).trim();
    const idleId = (await lab.ok('ps', '-aq', '--filter', 'name=idle')).trim();
    assert.strictEqual(await lab.ok('system', 'df', '-v'), [
      'Images space usage:',
      '',
      'REPOSITORY   TAG       IMAGE ID       CREATED         SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS',
      'nginx        alpine    3dd08163706a   2 months ago    68.4MB    10.01MB       58.4MB        1',
      'alpine       latest    320994c3b997   2 months ago    10MB      10.01MB       0B            1',
      'nginx        1.28.0    34e04bb6b4bb   11 months ago   188MB     0B            188.2MB       0',
      '',
      'Containers space usage:',
      '',
      'CONTAINER ID   IMAGE          COMMAND                  LOCAL VOLUMES   SIZE      CREATED                  STATUS                  NAMES',
      `${idleId}   alpine         "/bin/sh"                0               0B        Less than a second ago   Created                 idle`,
      `${webId}   nginx:alpine   "/docker-entrypoint.…"   0               1.09kB    Less than a second ago   Up Less than a second   web`,
      '',
      ...EMPTY_VOLUMES_AND_CACHE,
    ].join('\n'));
  });

  test('removing nginx:alpine leaves alpine\'s layer unshared: SHARED SIZE 0B, UNIQUE SIZE its whole size', async () => {
    const lab = await labWithImages();
    await lab.ok('rmi', 'nginx:alpine');
    assert.strictEqual(await lab.ok('system', 'df', '-v', '--format', '{{range .Images}}{{.Repository}}:{{.Tag}} {{.SharedSize}} {{.UniqueSize}}\n{{end}}'), [
      'alpine:latest 0B 10.01MB',
      'nginx:1.28.0 0B 188.2MB',
      '',
    ].join('\n'));
    assert.match(await lab.ok('system', 'df'), /\nImages {10}2 {9}0 {9}198.2MB {3}198.2MB \(100%\)\n/);
  });

  test('--format with a template: one line per row, tabs kept as they are; a table template gets a header', async () => {
    const lab = await labWithImages();
    assert.strictEqual(await lab.ok('system', 'df', '--format', '{{.Type}}\t{{.Size}}'), [
      'Images\t256.6MB',
      'Containers\t0B',
      'Local Volumes\t0B',
      'Build Cache\t0B',
      '',
    ].join('\n'));
    assert.strictEqual(await lab.ok('system', 'df', '--format', 'table {{.Type}}\t{{.Reclaimable}}'), [
      'TYPE            RECLAIMABLE',
      'Images          256.6MB (100%)',
      'Containers      0B',
      'Local Volumes   0B',
      'Build Cache     0B',
      '',
    ].join('\n'));
  });

  test('--format json: each row\'s five fields as strings, keys sorted', async () => {
    const lab = await labWithImages();
    await lab.ok('run', '-d', '--name', 'web', 'nginx:alpine');
    assert.strictEqual(await lab.ok('system', 'df', '--format', 'json'), [
      '{"Active":"1","Reclaimable":"198.2MB (77%)","Size":"256.6MB","TotalCount":"3","Type":"Images"}',
      '{"Active":"1","Reclaimable":"0B (0%)","Size":"1.095kB","TotalCount":"1","Type":"Containers"}',
      '{"Active":"0","Reclaimable":"0B","Size":"0B","TotalCount":"0","Type":"Local Volumes"}',
      '{"Active":"0","Reclaimable":"0B","Size":"0B","TotalCount":"0","Type":"Build Cache"}',
      '',
    ].join('\n'));
  });

  test('--format raw: the summary as key: value blocks', async () => {
    const lab = new TestLab();
    const out = await lab.ok('system', 'df', '--format', 'raw');
    assert.strictEqual(out.split('\n\n')[0], 'type: Images\ntotal: 0\nactive: 0\nsize: 0B\nreclaimable: 0B');
    assert.strictEqual(out.split('\n\n').length, 5);
  });

  test('-v --format json: one object of the four lists, full IDs, no newline after it (tmpl.Execute on the whole)', async () => {
    const lab = await labWithImages();
    const out = await lab.ok('system', 'df', '-v', '--format', 'json');
    assert.ok(!out.endsWith('\n'));
    const parsed = JSON.parse(out) as { Images: Record<string, string>[]; Containers: unknown[]; Volumes: unknown[]; BuildCache: unknown[] };
    assert.deepStrictEqual(Object.keys(parsed), ['Images', 'Containers', 'Volumes', 'BuildCache']);
    assert.deepStrictEqual(parsed.Images.map((i) => i.ID), [NGINX_ALPINE_ID, ALPINE_ID, NGINX_ID]);
    assert.deepStrictEqual(parsed.Images[1], {
      Containers: '0',
      CreatedAt: '2026-09-17 20:37:20 +0000 UTC',
      CreatedSince: '2 months ago',
      Digest: '',
      ID: ALPINE_ID,
      Repository: 'alpine',
      SharedSize: '10.01MB',
      Size: '10MB',
      Tag: 'latest',
      UniqueSize: '0B',
      VirtualSize: '10.01MB',
    });
    assert.deepStrictEqual([parsed.Containers, parsed.Volumes, parsed.BuildCache], [[], [], []]);
  });

  test('-v with a `table` template: the prefix is dropped, no header, IDs truncated', async () => {
    const lab = await labWithImages();
    assert.strictEqual(await lab.ok('system', 'df', '-v', '--format', 'table {{range .Images}}{{.ID}} {{end}}'), '3dd08163706a 320994c3b997 34e04bb6b4bb ');
  });

  test('bad templates: docker\'s messages and exit 1 (the -v template\'s execution error is not wrapped)', async () => {
    const lab = new TestLab();
    assert.deepStrictEqual(await lab.docker('system', 'df', '--format', '{{.Foo}}'), {
      stdout: '',
      stderr: 'template parsing error: template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.diskUsageImagesContext\n',
      code: 1,
    });
    assert.deepStrictEqual(await lab.docker('system', 'df', '-v', '--format', 'x{{.Foo}}'), {
      stdout: 'x',
      stderr: 'template: :1:3: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.diskUsageContext\n',
      code: 1,
    });
    assert.deepStrictEqual(await lab.docker('system', 'df', '-v', '--format', '{{.Foo'), {
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      code: 1,
    });
  });

  test('usage errors as the docker 28.2.2 binary prints them: unknown flag 125, an argument 1', async () => {
    const lab = new TestLab();
    assert.deepStrictEqual(await lab.docker('system', 'df', '--bogus'), {
      stdout: '',
      stderr: 'unknown flag: --bogus\n\nUsage:  docker system df [OPTIONS]\n\nRun \'docker system df --help\' for more information\n',
      code: 125,
    });
    assert.deepStrictEqual(await lab.docker('system', 'df', 'x'), {
      stdout: '',
      stderr: 'docker: \'docker system df\' accepts no arguments\n\nUsage:  docker system df [OPTIONS]\n\nRun \'docker system df --help\' for more information\n',
      code: 1,
    });
  });

  test('the engine answers GET /system/df with moby\'s numbers: LayersSize, SharedSize, container counts, SizeRw from the writable layer', async () => {
    const lab = await labWithImages();
    await lab.ok('run', '-d', '--name', 'web', 'nginx:alpine');
    const calls: ApiCall[] = [];
    lab.engine.onApiCall((call) => calls.push(call));
    const usage = lab.engine.systemDataUsage();
    assert.deepStrictEqual(calls.map((c) => `${c.method} ${c.path} ${c.statusCode}`), ['GET /system/df 200']);
    assert.strictEqual(usage.LayersSize, NGINX_BYTES + NGINX_ALPINE_BYTES);
    assert.deepStrictEqual(usage.Images.map((i) => [i.Id, i.Size, i.SharedSize, i.Containers]), [
      [NGINX_ALPINE_ID, NGINX_ALPINE_BYTES, ALPINE_BYTES, 1],
      [ALPINE_ID, ALPINE_BYTES, ALPINE_BYTES, 0],
      [NGINX_ID, NGINX_BYTES, 0, 0],
    ]);
    assert.deepStrictEqual(usage.Containers.map((c) => [c.Names[0], c.SizeRw, c.SizeRootFs]), [['/web', NGINX_START_UP_BYTES, NGINX_ALPINE_BYTES + NGINX_START_UP_BYTES]]);
    assert.deepStrictEqual([usage.Volumes, usage.BuildCache], [[], []]);
  });
});
