import * as assert from 'node:assert';
import { ManualClock } from '../../../src/engine/Clock';
import { Engine } from '../../../src/engine/Engine';
import { ConflictError, NotFoundError } from '../../../src/engine/errors';
import { officialLayerFiles } from '../../../src/engine/fs/officialLayerFiles';
import type { FsNode } from '../../../src/engine/fs/overlay';
import { OFFICIAL_IMAGES } from '../../../src/engine/Registry';
import { seededRandom } from '../../../src/engine/util/seededRandom';

// A container's files as the daemon keeps them: the image's layers, docker's
// init layer and the container's writable layer; what diff, commit, cp and
// snapshots make of them.

async function lab(...images: string[]) {
  const clock = new ManualClock();
  const engine = new Engine({ clock, random: seededRandom(3), pullSecondsPerMegabyte: 0 });
  for (const image of images) await clock.settle(engine.imagePull(image));
  return { clock, engine };
}

function run(engine: Engine, image: string, cmd = ['sleep', '1000']): string {
  const { Id } = engine.containerCreate({ Image: image, Cmd: cmd });
  engine.containerStart(Id);
  return Id;
}

const file = (content: string): FsNode => ({ kind: 'file', mode: 0o644, size: new TextEncoder().encode(content).length, content });

function contentOf(engine: Engine, id: string, path: string): string | undefined {
  const { entries } = engine.containerArchive(id, path);
  const node = entries[0]?.[1];
  return node?.kind === 'file' ? node.content : undefined;
}

suite('engine: container files', () => {
  test('a fresh container has no changes: the init layer (/.dockerenv, /etc/hosts) is not in docker diff', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, 'alpine:latest');
    assert.deepStrictEqual(engine.containerChanges(id), []);
    assert.strictEqual(engine.containerStatPath(id, '/.dockerenv').size, 0);
    assert.match(contentOf(engine, id, '/etc/hosts') ?? '', /^127\.0\.0\.1\tlocalhost\n/);
    assert.strictEqual(contentOf(engine, id, '/etc/hostname'), `${id.slice(0, 12)}\n`);
  });

  test('copying into a container: copied-up directories are C, new files A, as docker diff lists them', async () => {
    const { engine } = await lab('nginx:1.28.0');
    const id = run(engine, 'nginx:1.28.0', ['sleep', '1000']);
    engine.containerPutArchive(id, '/usr/share/nginx/html', [['index.html', file('<h1>mine</h1>\n')], ['new', { kind: 'dir', mode: 0o755 }], ['new/a.txt', file('a\n')]]);
    assert.deepStrictEqual(engine.containerChanges(id).map((c) => `${'CAD'[c.Kind]} ${c.Path}`), [
      'C /usr',
      'C /usr/share',
      'C /usr/share/nginx',
      'C /usr/share/nginx/html',
      'C /usr/share/nginx/html/index.html',
      'A /usr/share/nginx/html/new',
      'A /usr/share/nginx/html/new/a.txt',
    ]);
    assert.strictEqual(contentOf(engine, id, '/usr/share/nginx/html/index.html'), '<h1>mine</h1>\n');
  });

  test('docker cp out of a container: the tree below the path, named from its parent', async () => {
    const { engine } = await lab('nginx:1.28.0');
    const id = run(engine, 'nginx:1.28.0', ['sleep', '1000']);
    const { stat, entries } = engine.containerArchive(id, '/etc/nginx/conf.d');
    assert.strictEqual(stat.name, 'conf.d');
    assert.strictEqual(stat.mode >>> 0, (0x80000000 | 0o755) >>> 0);
    assert.deepStrictEqual(entries.map(([path]) => path), ['conf.d', 'conf.d/default.conf']);
    assert.match((entries[1][1] as { content: string }).content, /listen\s+80;/);
    assert.throws(() => engine.containerArchive(id, '/nosuch'), (e: unknown) => e instanceof NotFoundError && e.message === `Could not find the file /nosuch in container ${id}`);
    assert.throws(() => engine.containerPutArchive(id, '/etc/nginx/nginx.conf', []), /extraction point is not a directory/);
  });

  test('commit: the writable layer becomes one more layer; a container of the new image sees the file', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, 'alpine:latest');
    engine.containerPutArchive(id, '/root', [['note.txt', file('hello\n')]]);
    const { Id } = engine.containerCommit(id, { repo: 'mine', tag: 'v1', comment: 'a note' });
    const image = engine.imageInspect('mine:v1');
    assert.strictEqual(image.Id, Id);
    assert.strictEqual(image.RootFS.Layers?.length, 2);
    assert.strictEqual(image.Comment, 'a note');
    const history = engine.imageHistory('mine:v1');
    assert.strictEqual(history[0].CreatedBy, 'sleep 1000');
    assert.strictEqual(history[0].Size, 6);
    const child = run(engine, 'mine:v1');
    assert.strictEqual(contentOf(engine, child, '/root/note.txt'), 'hello\n');
    assert.deepStrictEqual(engine.containerChanges(child), []);
    // The original container's programs still run in the committed image's containers.
    assert.ok(engine.isContainerRunning(child));
  });

  test('a commit without changes still adds a layer: the empty one', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, 'alpine:latest');
    const { Id } = engine.containerCommit(id);
    assert.strictEqual(engine.imageInspect(Id).RootFS.Layers?.[1], 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef');
  });

  test('commit --change sets the new image config', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, 'alpine:latest');
    engine.containerCommit(id, { repo: 'web', changes: ['CMD ["nginx", "-g", "daemon off;"]', 'ENV MODE=prod', 'EXPOSE 80', 'WORKDIR /srv'] });
    const config = engine.imageInspect('web').Config;
    assert.deepStrictEqual(config?.Cmd, ['nginx', '-g', 'daemon off;']);
    assert.ok(config?.Env?.includes('MODE=prod'));
    assert.deepStrictEqual(config?.ExposedPorts, { '80/tcp': {} });
    assert.strictEqual(config?.WorkingDir, '/srv');
    assert.throws(() => engine.containerCommit(id, { changes: ['RUN echo'] }), /run is not a valid change command/);
  });

  test('the writable layer survives a snapshot and a restore', async () => {
    const { engine, clock } = await lab('alpine:latest');
    const id = run(engine, 'alpine:latest');
    engine.containerPutArchive(id, '/tmp', [['kept', file('still here\n')]]);
    const restored = Engine.restore(JSON.parse(JSON.stringify(engine.snapshot())), { clock, random: seededRandom(1) });
    assert.strictEqual(contentOf(restored, id, '/tmp/kept'), 'still here\n');
    assert.deepStrictEqual(restored.containerChanges(id).map((c) => c.Path), ['/tmp', '/tmp/kept']);
  });

  test('docker rmi -f of the image a stopped container uses: the container keeps its files, no layer is reported deleted', async () => {
    const { engine, clock } = await lab('alpine:latest');
    const id = run(engine, 'alpine:latest');
    engine.containerKill(id);
    await clock.settle(engine.containerWait(id));
    const deleted = engine.imageDelete('alpine:latest', { force: true });
    assert.deepStrictEqual(deleted.filter((item) => 'Deleted' in item).length, 1, 'only the image itself');
    assert.strictEqual(engine.containerStatPath(id, '/etc/alpine-release').size > 0, true);
  });

  test('docker ps -s and system df count the writable layer', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, 'alpine:latest');
    engine.containerPutArchive(id, '/tmp', [['x', file('12345')]]);
    const [summary] = engine.containerList({ size: true });
    assert.strictEqual(summary.SizeRw, 5);
    assert.strictEqual(summary.SizeRootFs, 5 + engine.imageList()[0].Size);
    assert.strictEqual(engine.systemDataUsage().Containers[0].SizeRw, 5);
  });

  test('exec: refused on a stopped or paused container, runc\'s message for a missing program', async () => {
    const { engine, clock } = await lab('alpine:latest');
    const id = run(engine, 'alpine:latest');
    engine.containerPause(id);
    assert.throws(() => engine.execCreate(id, { Cmd: ['ls'] }), (e: unknown) => e instanceof ConflictError && e.message === `Container ${id} is paused, unpause the container before exec`);
    engine.containerUnpause(id);
    const exec = engine.execCreate(id, { Cmd: ['nosuch'], AttachStdout: true });
    let out = '';
    const code = await clock.settle(engine.execStart(exec.Id, (_stream, text) => { out += text; }).exited);
    assert.strictEqual(code, 127);
    assert.strictEqual(out, 'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\r\n');
    assert.strictEqual(engine.execInspect(exec.Id).ExitCode, 127);
    engine.containerKill(id);
    await clock.settle(engine.containerWait(id));
    assert.throws(() => engine.execCreate(id, { Cmd: ['ls'] }), (e: unknown) => e instanceof ConflictError && e.message === `container ${id} is not running`);
  });

  test('exec runs beside the main process on the same files, and its output is not in the logs', async () => {
    const { engine, clock } = await lab('alpine:latest');
    const id = run(engine, 'alpine:latest');
    engine.containerPutArchive(id, '/tmp', [['greeting', file('hi there\n')]]);
    const exec = engine.execCreate(id, { Cmd: ['cat', '/tmp/greeting'], AttachStdout: true });
    let out = '';
    const code = await clock.settle(engine.execStart(exec.Id, (_stream, text) => { out += text; }).exited);
    assert.strictEqual(code, 0);
    assert.strictEqual(out, 'hi there\n');
    assert.deepStrictEqual(engine.containerLogs(id), []);
    assert.deepStrictEqual({ running: engine.execInspect(exec.Id).Running, entrypoint: engine.execInspect(exec.Id).ProcessConfig.entrypoint }, { running: false, entrypoint: 'cat' });
  });
});

suite('engine: official layers\' files', () => {
  test('every generated layer weighs what the registry says; base layers from real lists keep their real bytes', () => {
    for (const image of OFFICIAL_IMAGES.all()) {
      image.layers.forEach((layer, index) => {
        const files = officialLayerFiles(layer.digest);
        assert.ok(files, `${image.path}:${image.tag} layer ${index}`);
        const bytes = [...files.values()].reduce((sum, entry) => sum + (entry.kind === 'file' ? entry.size : 0), 0);
        const realList = index === 0 && (image.family === 'debian');
        if (!realList) assert.ok(bytes === layer.size || layer.size < 65_536, `${image.path}:${image.tag} layer ${index}: ${bytes} vs ${layer.size}`);
      });
    }
  });

  test('nginx:1.28.0: the install step holds nginx and its texts, each COPY the file it names', () => {
    const nginx = OFFICIAL_IMAGES.resolve('library/nginx', '1.28.0');
    assert.ok(nginx);
    const install = officialLayerFiles(nginx.layers[1].digest);
    assert.strictEqual(install?.get('/usr/sbin/nginx')?.kind, 'file');
    assert.match((install?.get('/usr/share/nginx/html/index.html') as { content: string }).content, /Welcome to nginx!/);
    assert.deepStrictEqual([...(officialLayerFiles(nginx.layers[2].digest)?.keys() ?? [])], ['/docker-entrypoint.sh']);
    assert.deepStrictEqual([...(officialLayerFiles(nginx.layers[3].digest)?.keys() ?? [])], ['/docker-entrypoint.d', '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh']);
    const base = officialLayerFiles(nginx.layers[0].digest);
    assert.deepStrictEqual(base?.get('/bin'), { kind: 'symlink', target: 'usr/bin' });
    assert.strictEqual(base?.get('/usr/bin/bash')?.kind, 'file');
  });

  test('the same digest gives the same files', () => {
    const node = OFFICIAL_IMAGES.resolve('library/node', '22');
    assert.ok(node);
    const digest = node.layers[3].digest;
    const first = JSON.stringify([...(officialLayerFiles(digest) ?? [])]);
    assert.ok(first.length > 100);
    assert.strictEqual(JSON.stringify([...(officialLayerFiles(digest) ?? [])]), first);
  });
});
