import * as assert from 'node:assert';
import { TestLab } from '../../helpers/TestLab';

const NGINX_ID = 'sha256:34e04bb6b4bb37d45845842374be0cd181723daffb230849b1984aaeaa96faba';
const ALPINE_ID = 'sha256:320994c3b997e2ec6433f717f153e108023c5bec8fefa8d76b83451d16d05ea8';
const NGINX_DIGEST = 'sha256:552e7481ca93ffccd046aa658dbbed22caefbc09c66fa7cd247cbb90b8a5c609';
const ALPINE_DIGEST = 'sha256:5b02b42e375f7426f8d65c3af331ca05d9878f9989230354504e0b9dfd431f60';

/** A lab (clock at 2026-11-24) holding nginx:1.28.0 (built 2025-12-08) and alpine:latest (2026-09-17). */
async function labWithImages(): Promise<TestLab> {
  const lab = new TestLab();
  await lab.ok('pull', '-q', 'nginx:1.28.0');
  await lab.ok('pull', '-q', 'alpine');
  return lab;
}

suite('docker images', () => {
  test('no images: the header alone, in docker\'s columns', async () => {
    const lab = new TestLab();
    assert.deepStrictEqual(await lab.docker('images'), { stdout: 'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n', stderr: '', code: 0 });
  });

  test('the default table: newest image first, 12-digit ids, "N months ago", sizes like 188MB', async () => {
    const lab = await labWithImages();
    assert.strictEqual(await lab.ok('images'), [
      'REPOSITORY   TAG       IMAGE ID       CREATED         SIZE',
      'alpine       latest    320994c3b997   2 months ago    10MB',
      'nginx        1.28.0    34e04bb6b4bb   11 months ago   188MB',
      '',
    ].join('\n'));
    // `docker image ls` and `docker image list` are the same command.
    assert.strictEqual(await lab.ok('image', 'ls'), await lab.ok('images'));
    assert.strictEqual(await lab.ok('image', 'list'), await lab.ok('images'));
  });

  test('an image with two tags is two rows with the same id; REPOSITORY narrows to one', async () => {
    const lab = await labWithImages();
    await lab.ok('tag', 'nginx:1.28.0', 'myweb:v1');
    assert.strictEqual(await lab.ok('images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'), 'alpine:latest 320994c3b997\nnginx:1.28.0 34e04bb6b4bb\nmyweb:v1 34e04bb6b4bb\n');
    assert.strictEqual(await lab.ok('images', 'nginx'), [
      'REPOSITORY   TAG       IMAGE ID       CREATED         SIZE',
      'nginx        1.28.0    34e04bb6b4bb   11 months ago   188MB',
      '',
    ].join('\n'));
    assert.strictEqual(await lab.ok('images', '--format', '{{.Repository}}:{{.Tag}}', '*web:v?'), 'myweb:v1\n');
  });

  test('-q, --no-trunc and --digests', async () => {
    const lab = await labWithImages();
    assert.strictEqual(await lab.ok('images', '-q'), '320994c3b997\n34e04bb6b4bb\n');
    assert.strictEqual(await lab.ok('images', '-q', '--no-trunc'), `${ALPINE_ID}\n${NGINX_ID}\n`);
    assert.strictEqual(await lab.ok('images', '--digests'), [
      'REPOSITORY   TAG       DIGEST                                                                    IMAGE ID       CREATED         SIZE',
      `alpine       latest    ${ALPINE_DIGEST}   320994c3b997   2 months ago    10MB`,
      `nginx        1.28.0    ${NGINX_DIGEST}   34e04bb6b4bb   11 months ago   188MB`,
      '',
    ].join('\n'));
  });

  test('--format json: every field of docker\'s image context, keys sorted; unset counts are N/A', async () => {
    const lab = await labWithImages();
    const lines = (await lab.ok('images', '--format', 'json')).trimEnd().split('\n');
    assert.strictEqual(lines.length, 2);
    assert.deepStrictEqual(JSON.parse(lines[1]), {
      Containers: 'N/A',
      CreatedAt: '2025-12-08 22:39:09 +0000 UTC',
      CreatedSince: '11 months ago',
      Digest: '<none>',
      ID: '34e04bb6b4bb',
      Repository: 'nginx',
      SharedSize: 'N/A',
      Size: '188MB',
      Tag: '1.28.0',
      UniqueSize: 'N/A',
      VirtualSize: '188.2MB',
    });
  });

  test('--format json escapes <, > and & as docker\'s formatter.MarshalJSON (json.Marshal) does', async () => {
    const lab = await labWithImages();
    const nginx = (await lab.ok('images', '--format', 'json')).trimEnd().split('\n')[1];
    assert.ok(nginx.includes('"Digest":"\\u003cnone\\u003e"'), nginx);
  });

  test('a custom table gets the digest column with --digests; a bad template fails with docker\'s error', async () => {
    const lab = await labWithImages();
    assert.strictEqual(await lab.ok('images', '--digests', '--format', 'table {{.Repository}}'), [
      'REPOSITORY   DIGEST',
      `alpine       ${ALPINE_DIGEST}`,
      `nginx        ${NGINX_DIGEST}`,
      '',
    ].join('\n'));
    assert.deepStrictEqual(await lab.docker('images', '--format', '{{.Foo}}'), {
      stdout: '',
      stderr: 'template parsing error: template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.imageContext\n',
      code: 1,
    });
  });

  test('an image pulled by digest only: <none> tag, listed as dangling', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', `nginx@${NGINX_DIGEST}`);
    await lab.ok('pull', '-q', 'alpine');
    // {{.Digest}} in the format shows tagged images' digests; a digest-only row shows one only with --digests.
    assert.strictEqual(await lab.ok('images', '--format', '{{.Repository}} {{.Tag}} {{.Digest}}'), `alpine latest ${ALPINE_DIGEST}\nnginx <none> \n`);
    assert.strictEqual(await lab.ok('images', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}}'), `alpine latest ${ALPINE_DIGEST}\nnginx <none> ${NGINX_DIGEST}\n`);
    assert.strictEqual(await lab.ok('images', '-f', 'dangling=true', '--format', '{{.Repository}}:{{.Tag}}'), 'nginx:<none>\n');
    assert.strictEqual(await lab.ok('images', '-f', 'dangling=false', '--format', '{{.Repository}}:{{.Tag}}'), 'alpine:latest\nnginx:<none>\n');
  });

  test('filters: label, before, since, until, reference', async () => {
    const lab = await labWithImages();
    const names = (...filters: string[]) => lab.ok('images', ...filters.flatMap((f) => ['-f', f]), '--format', '{{.Repository}}');
    assert.strictEqual(await names('label=maintainer'), 'nginx\n');
    assert.strictEqual(await names('label=maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>'), 'nginx\n');
    assert.strictEqual(await names('label=maintainer=someone'), '');
    assert.strictEqual(await names('before=alpine'), 'nginx\n');
    assert.strictEqual(await names('since=nginx:1.28.0'), 'alpine\n');
    // 1000 hours before the lab's clock is mid-October 2026: both images are older.
    assert.strictEqual(await names('until=1000h'), 'alpine\nnginx\n');
    assert.strictEqual(await names('until=2026-01-01'), 'nginx\n');
    assert.strictEqual(await names('reference=alp*'), 'alpine\n');
    assert.strictEqual(await names('reference=alpine', 'reference=nginx'), 'alpine\nnginx\n');
  });

  test('filter errors are the daemon\'s, exit 1', async () => {
    const lab = await labWithImages();
    const error = async (...argv: string[]) => lab.docker('images', ...argv);
    assert.deepStrictEqual(await error('-f', 'foo=bar'), { stdout: '', stderr: "Error response from daemon: invalid filter 'foo'\n", code: 1 });
    assert.deepStrictEqual(await error('-f', 'dangling=maybe'), { stdout: '', stderr: "Error response from daemon: invalid filter 'dangling=[maybe]'\n", code: 1 });
    assert.deepStrictEqual(await error('-f', 'before=nosuch'), { stdout: '', stderr: 'Error response from daemon: No such image: nosuch:latest\n', code: 1 });
    assert.deepStrictEqual(await error('-f', 'reference=['), { stdout: '', stderr: 'Error response from daemon: syntax error in pattern\n', code: 1 });
    assert.deepStrictEqual(await error('-f', 'until=soon'), { stdout: '', stderr: 'Error response from daemon: failed to parse value as time or duration: "soon"\n', code: 1 });
  });

  test('"docker images ls": an empty list and docker\'s hint on stderr (only for the top-level command)', async () => {
    const lab = await labWithImages();
    assert.deepStrictEqual(await lab.docker('images', 'ls'), {
      stdout: 'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n',
      stderr: '\nNo images found matching "ls": did you mean "docker image ls"?\n',
      code: 0,
    });
    assert.strictEqual((await lab.docker('image', 'ls', 'ls')).stderr, '');
  });
});
