import * as assert from 'node:assert';
import { ManualClock } from '../../../src/engine/Clock';
import { Engine } from '../../../src/engine/Engine';
import { ConflictError, NotFoundError, NotModifiedError, SystemError } from '../../../src/engine/errors';
import type { ApiCall } from '../../../src/engine/operations';
import type { EventMessage, ProgressMessage } from '../../../src/engine/types';
import { seededRandom } from '../../../src/engine/util/seededRandom';

function newEngine() {
  const clock = new ManualClock();
  const engine = new Engine({ clock, random: seededRandom(7), pullSecondsPerMegabyte: 0 });
  return { clock, engine };
}

async function pulled(...refs: string[]) {
  const lab = newEngine();
  for (const ref of refs) await lab.clock.settle(lab.engine.imagePull(ref));
  return lab;
}

function logText(engine: Engine, id: string, stream?: 'stdout' | 'stderr'): string {
  return engine.containerLogs(id).filter((e) => !stream || e.stream === stream).map((e) => e.text).join('');
}

suite('Engine: pull', () => {
  test('a first pull downloads every layer and reports the index digest', async () => {
    const { engine, clock } = newEngine();
    const messages: ProgressMessage[] = [];
    await clock.settle(engine.imagePull('nginx:1.28.0', (m) => messages.push(m)));
    const statuses = messages.filter((m) => !m.progressDetail?.total).map((m) => (m.id ? `${m.id}: ${m.status}` : m.status ?? ''));
    assert.strictEqual(statuses[0], '1.28.0: Pulling from library/nginx');
    assert.strictEqual(statuses.filter((s) => s.endsWith('Pull complete')).length, 7);
    assert.ok(!statuses.some((s) => s.endsWith('Already exists')));
    assert.strictEqual(statuses[statuses.length - 2], 'Digest: sha256:552e7481ca93ffccd046aa658dbbed22caefbc09c66fa7cd247cbb90b8a5c609');
    assert.strictEqual(statuses[statuses.length - 1], 'Status: Downloaded newer image for nginx:1.28.0');
    assert.deepStrictEqual(engine.imageList().map((i) => i.RepoTags), [['nginx:1.28.0']]);
  });

  test('layers shared with an image already present are not downloaded again', async () => {
    const { engine, clock } = await pulled('alpine:latest');
    const messages: ProgressMessage[] = [];
    await clock.settle(engine.imagePull('nginx:alpine', (m) => messages.push(m)));
    const alreadyExists = messages.filter((m) => m.status === 'Already exists').map((m) => m.id);
    assert.deepStrictEqual(alreadyExists, ['e2de96513ba9']);
    assert.strictEqual(messages.filter((m) => m.status === 'Pull complete').length, 7);
  });

  test('pulling an image that is present says it is up to date', async () => {
    const { engine, clock } = await pulled('hello-world');
    const messages: ProgressMessage[] = [];
    await clock.settle(engine.imagePull('hello-world', (m) => messages.push(m)));
    assert.deepStrictEqual(messages.map((m) => m.status), [
      'Pulling from library/hello-world',
      'Digest: sha256:5e23090353324d887c48ad5e5c56d294eab81588df9605b07d1afe895f9cc8f8',
      'Status: Image is up to date for hello-world:latest',
    ]);
  });

  test('unknown repositories and tags get the registry\'s errors', async () => {
    const { engine, clock } = newEngine();
    await assert.rejects(clock.settle(engine.imagePull('nosuchimage')), (e: unknown) => e instanceof NotFoundError
      && e.message === "pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
    await assert.rejects(clock.settle(engine.imagePull('nginx:9.9.9')), (e: unknown) => e instanceof NotFoundError
      && e.message === 'manifest for nginx:9.9.9 not found: manifest unknown: manifest unknown');
  });
});

suite('Engine: container lifecycle', () => {
  test('hello-world prints its message and exits 0', async () => {
    const { engine, clock } = await pulled('hello-world');
    const { Id } = engine.containerCreate({ Image: 'hello-world' });
    const exited = engine.containerWait(Id);
    engine.containerStart(Id);
    assert.deepStrictEqual(await clock.settle(exited), { StatusCode: 0 });
    assert.match(logText(engine, Id), /^\nHello from Docker!\nThis message shows that your installation appears to be working correctly\.\n/);
    assert.strictEqual(engine.containerInspect(Id).State.Status, 'exited');
  });

  test('created -> running -> paused -> running -> exited, with Docker\'s status strings', async () => {
    const { engine, clock } = await pulled('nginx:1.28.0');
    const { Id } = engine.containerCreate({ Image: 'nginx:1.28.0' }, 'web');
    assert.strictEqual(engine.containerList({ all: true })[0].Status, 'Created');
    engine.containerStart(Id);
    await clock.advance(5 * 60_000);
    assert.strictEqual(engine.containerList()[0].Status, 'Up 5 minutes');
    engine.containerPause('web');
    assert.strictEqual(engine.containerList()[0].Status, 'Up 5 minutes (Paused)');
    assert.throws(() => engine.containerPause('web'), ConflictError);
    engine.containerUnpause('web');
    await clock.settle(engine.containerStop('web'));
    await clock.advance(3000);
    assert.strictEqual(engine.containerList({ all: true })[0].Status, 'Exited (0) 3 seconds ago');
    assert.match(logText(engine, Id, 'stderr'), /signal 3 \(SIGQUIT\) received, shutting down/);
  });

  test('a PID 1 that ignores SIGTERM is killed after the grace period: exit 137', async () => {
    const { engine, clock } = await pulled('alpine');
    const { Id } = engine.containerCreate({ Image: 'alpine', Cmd: ['sleep', '1000'] });
    engine.containerStart(Id);
    const before = clock.now();
    await clock.settle(engine.containerStop(Id));
    assert.strictEqual(clock.now() - before, 10_000);
    assert.strictEqual(engine.containerInspect(Id).State.ExitCode, 137);
  });

  test('starting a running container is not modified; removing it is a conflict', async () => {
    const { engine } = await pulled('nginx:1.28.0');
    const { Id } = engine.containerCreate({ Image: 'nginx:1.28.0' }, 'web');
    engine.containerStart(Id);
    assert.throws(() => engine.containerStart('web'), NotModifiedError);
    await assert.rejects(engine.containerDelete('web'), (e: unknown) => e instanceof ConflictError
      && e.message === 'cannot remove container "web": container is running: stop the container before removing or force remove');
  });

  test('names are unique; ids resolve by unique prefix', async () => {
    const { engine } = await pulled('alpine');
    const a = engine.containerCreate({ Image: 'alpine' }, 'box').Id;
    assert.throws(() => engine.containerCreate({ Image: 'alpine' }, 'box'), (e: unknown) => e instanceof ConflictError
      && e.message === `Conflict. The container name "/box" is already in use by container "${a}". You have to remove (or rename) that container to be able to reuse that name.`);
    assert.strictEqual(engine.containerId(a.slice(0, 5)), a);
    assert.throws(() => engine.containerId('zzz'), (e: unknown) => e instanceof NotFoundError && e.message === 'No such container: zzz');
  });

  test('a missing executable fails the start with the runtime\'s error and exit code 127', async () => {
    const { engine } = await pulled('hello-world');
    const { Id } = engine.containerCreate({ Image: 'hello-world', Cmd: ['ls'] });
    assert.throws(() => engine.containerStart(Id), (e: unknown) => e instanceof SystemError
      && e.runExitCode === 127 && e.message.endsWith('exec: "ls": executable file not found in $PATH: unknown'));
    const state = engine.containerInspect(Id).State;
    assert.strictEqual(state.Status, 'created');
    assert.strictEqual(state.ExitCode, 127);
  });

  test('a published port is exclusive while its container runs', async () => {
    const { engine } = await pulled('nginx:1.28.0');
    const bindings = { '80/tcp': [{ HostIp: '', HostPort: '8080' }] };
    engine.containerStart(engine.containerCreate({ Image: 'nginx:1.28.0', HostConfig: { PortBindings: bindings } }, 'web1').Id);
    const b = engine.containerCreate({ Image: 'nginx:1.28.0', HostConfig: { PortBindings: bindings } }, 'web2').Id;
    assert.throws(() => engine.containerStart(b), (e: unknown) => e instanceof SystemError && /Bind for 0\.0\.0\.0:8080 failed: port is already allocated$/.test(e.message));
    const response = engine.hostHttpRequest(8080, { method: 'GET', path: '/', headers: { 'User-Agent': 'curl/8.5.0' } });
    assert.strictEqual(response?.status, 200);
    assert.match(response!.body, /<title>Welcome to nginx!<\/title>/);
    assert.strictEqual(engine.hostHttpRequest(9999, { method: 'GET', path: '/', headers: {} }), undefined);
  });

  test('--rm removes the container once it exits', async () => {
    const { engine, clock } = await pulled('alpine');
    const { Id } = engine.containerCreate({ Image: 'alpine', Cmd: ['echo', 'hi'], HostConfig: { AutoRemove: true } });
    const exited = engine.containerWait(Id);
    engine.containerStart(Id);
    await clock.settle(exited);
    assert.throws(() => engine.containerInspect(Id), NotFoundError);
  });

  test('containers share the host kernel', async () => {
    const { engine, clock } = await pulled('alpine', 'nginx:1.28.0');
    const kernels = [];
    for (const image of ['alpine', 'nginx:1.28.0']) {
      const { Id } = engine.containerCreate({ Image: image, Entrypoint: [], Cmd: ['uname', '-r'] });
      const exited = engine.containerWait(Id);
      engine.containerStart(Id);
      await clock.settle(exited);
      kernels.push(logText(engine, Id));
    }
    assert.deepStrictEqual(kernels, [`${engine.host.kernelRelease}\n`, `${engine.host.kernelRelease}\n`]);
  });
});

suite('Engine: events and API calls', () => {
  test('docker run fires create, start, die in order, each with the image and name', async () => {
    const { engine, clock } = await pulled('hello-world');
    const events: EventMessage[] = [];
    engine.onEvent((e) => events.push(e));
    const { Id } = engine.containerCreate({ Image: 'hello-world' }, 'hi');
    const exited = engine.containerWait(Id);
    engine.containerStart(Id);
    await clock.settle(exited);
    // The container's own events; its endpoint's network connect/disconnect come between them, as on dockerd.
    const own = events.filter((e) => e.Type === 'container');
    assert.deepStrictEqual(own.map((e) => e.Action), ['create', 'start', 'die']);
    assert.deepStrictEqual(own[2].Actor.Attributes.exitCode, '0');
    assert.strictEqual(own[0].Actor.Attributes.name, 'hi');
  });

  test('each operation reports its REST call', async () => {
    const { engine } = await pulled('alpine');
    const calls: ApiCall[] = [];
    engine.onApiCall((c) => calls.push(c));
    engine.containerList();
    assert.throws(() => engine.containerStart('nope'));
    assert.deepStrictEqual(calls.map((c) => `${c.method} ${c.path} ${c.statusCode}`), [
      'GET /containers/json 200',
      'POST /containers/nope/start 404',
    ]);
  });

  test('reads inside observe (the sidebar redrawing) are not reported as API calls; errors still surface', async () => {
    const { engine } = await pulled('alpine');
    const calls: ApiCall[] = [];
    engine.onApiCall((c) => calls.push(c));
    assert.strictEqual(engine.observe(() => engine.containerList({ all: true })).length, 0);
    assert.throws(() => engine.observe(() => engine.containerInspect('nope')), /No such container: nope/);
    engine.imageList();
    assert.deepStrictEqual(calls.map((c) => `${c.method} ${c.path}`), ['GET /images/json']);
  });

  test('reset empties the lab: containers killed and gone, images and events cleared, views told', async () => {
    const { engine } = await pulled('alpine');
    engine.containerStart(engine.containerCreate({ Image: 'alpine', Cmd: ['sleep', '100'] }, 'sleeper').Id);
    const changes: string[] = [];
    engine.onDidChange((c) => changes.push(c.kind));
    engine.reset();
    assert.deepStrictEqual([engine.containerList({ all: true }).length, engine.imageList().length, engine.events().length], [0, 0, 0]);
    assert.ok(changes.includes('containers') && changes.includes('images'));
    // The name and the address are free again.
    await engine.imagePull('alpine');
    engine.containerStart(engine.containerCreate({ Image: 'alpine', Cmd: ['sleep', '100'] }, 'sleeper').Id);
    assert.strictEqual(engine.containerInspect('sleeper').NetworkSettings.IPAddress, '172.17.0.2');
  });
});

suite('Engine: images', () => {
  test('rmi of an image a container uses is refused unless forced', async () => {
    const { engine } = await pulled('alpine');
    const { Id } = engine.containerCreate({ Image: 'alpine' });
    assert.throws(() => engine.imageDelete('alpine'), (e: unknown) => e instanceof ConflictError
      && e.message === `conflict: unable to remove repository reference "alpine" (must force) - container ${Id.slice(0, 12)} is using its referenced image ${engine.imageInspect('alpine').Id.slice(7, 19)}`);
  });

  test('rmi untags, then deletes the image and the layers no one else holds', async () => {
    const { engine } = await pulled('alpine:latest', 'nginx:alpine');
    const records = engine.imageDelete('nginx:alpine');
    assert.deepStrictEqual(records[0], { Untagged: 'nginx:alpine' });
    assert.match((records[1] as { Untagged: string }).Untagged, /^nginx@sha256:df221db836e1/);
    const deleted = records.filter((r) => 'Deleted' in r);
    // The image and its 7 own layers go; the alpine base layer stays for alpine:latest.
    assert.strictEqual(deleted.length, 8);
    assert.strictEqual(engine.imageList().length, 1);
    assert.strictEqual(engine.imageLayers('alpine').length, 1);
  });

  test('a second tag only untags', async () => {
    const { engine } = await pulled('alpine');
    engine.imageTag('alpine', 'myalpine:v1');
    assert.deepStrictEqual(engine.imageDelete('myalpine:v1'), [{ Untagged: 'myalpine:v1' }]);
  });
});

suite('Engine: snapshot', () => {
  test('a snapshot round trip keeps images, containers and logs; running containers keep running', async () => {
    const { engine, clock } = await pulled('nginx:1.28.0', 'hello-world');
    const web = engine.containerCreate({ Image: 'nginx:1.28.0', HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } } }, 'web').Id;
    engine.containerStart(web);
    const hello = engine.containerCreate({ Image: 'hello-world' }, 'hello').Id;
    const exited = engine.containerWait(hello);
    engine.containerStart(hello);
    await clock.settle(exited);

    const json = JSON.parse(JSON.stringify(engine.snapshot()));
    const restored = Engine.restore(json, { clock, random: seededRandom(1) });
    assert.deepStrictEqual(restored.containerList({ all: true }).map((c) => [c.Names[0], c.State]), [['/hello', 'exited'], ['/web', 'running']]);
    assert.strictEqual(logText(restored, 'web'), logText(engine, 'web'));
    assert.strictEqual(restored.hostHttpRequest(8080, { method: 'GET', path: '/', headers: {} })?.status, 200);
    assert.deepStrictEqual(restored.imageList().map((i) => i.RepoTags[0]).sort(), ['hello-world:latest', 'nginx:1.28.0']);
  });

  test('a snapshot from a newer lab is refused', () => {
    assert.throws(() => Engine.restore({ schemaVersion: 99, state: {} }), /newer Docker Lab/);
    assert.throws(() => Engine.restore({ hello: 1 }), /not a Docker Lab state file/);
  });
});
