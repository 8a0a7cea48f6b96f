import * as assert from 'node:assert';
import { ManualClock } from '../../../src/engine/Clock';
import { Engine } from '../../../src/engine/Engine';
import { ConflictError, ForbiddenError, InvalidParameterError, NotFoundError, NotImplementedError } from '../../../src/engine/errors';
import type { FsNode } from '../../../src/engine/fs/overlay';
import type { ContainerCreateRequest, EventMessage } from '../../../src/engine/types';
import { seededRandom } from '../../../src/engine/util/seededRandom';

// Volumes and networks in the daemon: what containers mount and where they
// get their addresses, as moby v28.2.2 does it; what inspect, the list, the
// events and system df show of them; snapshots keeping them.

async function lab(...images: string[]) {
  const clock = new ManualClock();
  const engine = new Engine({ clock, random: seededRandom(5), pullSecondsPerMegabyte: 0 });
  for (const image of images) await clock.settle(engine.imagePull(image));
  return { clock, engine };
}

function run(engine: Engine, request: ContainerCreateRequest, name?: string): string {
  const { Id } = engine.containerCreate({ Cmd: ['sleep', '1000'], ...request }, name);
  engine.containerStart(Id);
  return Id;
}

const file = (content: string): FsNode => ({ kind: 'file', mode: 0o644, size: new TextEncoder().encode(content).length, content });

function read(engine: Engine, id: string, path: string): string | undefined {
  const node = engine.containerArchive(id, path).entries[0]?.[1];
  return node?.kind === 'file' ? node.content : undefined;
}

function throwsEngine(fn: () => unknown, kind: new (message: string) => Error, message: string): void {
  assert.throws(fn, (e: unknown) => e instanceof kind && e.message === message, message);
}

suite('engine: volumes', () => {
  test('a named volume outlives its container: a second container mounting it reads what the first wrote', async () => {
    const { engine } = await lab('alpine:latest');
    const writer = run(engine, { Image: 'alpine:latest', HostConfig: { Binds: ['data:/data'] } });
    engine.containerPutArchive(writer, '/data', [['x', file('hi\n')]]);
    await engine.containerDelete(writer, { force: true, removeVolumes: true });
    const reader = run(engine, { Image: 'alpine:latest', HostConfig: { Binds: ['data:/srv/other'] } });
    assert.strictEqual(read(engine, reader, '/srv/other/x'), 'hi\n');
    assert.deepStrictEqual(engine.containerChanges(reader).map((change) => change.Path), ['/srv', '/srv/other'], 'only the mount point is in the container\'s layer');
    assert.deepStrictEqual(engine.volumeList().Volumes.map((volume) => volume.Name), ['data'], 'rm -v leaves a named volume');
  });

  test('-v creates the volume, inspect lists the mount (mode z, rw) and the Binds; the volume is refused removal while used', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, { Image: 'alpine:latest', HostConfig: { Binds: ['data:/data', 'logs:/var/log/app:ro'] } }, 'box');
    const inspect = engine.containerInspect(id);
    assert.deepStrictEqual(inspect.Mounts, [
      { Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', Driver: 'local', Mode: 'z', RW: true, Propagation: '' },
      { Type: 'volume', Name: 'logs', Source: '/var/lib/docker/volumes/logs/_data', Destination: '/var/log/app', Driver: 'local', Mode: 'ro', RW: false, Propagation: '' },
    ]);
    assert.deepStrictEqual(inspect.HostConfig.Binds, ['data:/data', 'logs:/var/log/app:ro']);
    assert.deepStrictEqual(engine.containerList().map((summary) => summary.Mounts.map((mount) => mount.Name)), [['data', 'logs']]);
    throwsEngine(() => engine.volumeDelete('data'), ConflictError, `remove data: volume is in use - [${id}]`);
    throwsEngine(() => engine.volumeDelete('data', { force: true }), ConflictError, `remove data: volume is in use - [${id}]`);
    await engine.containerDelete(id, { force: true });
    engine.volumeDelete('data');
    throwsEngine(() => engine.volumeInspect('data'), NotFoundError, 'get data: no such volume');
    throwsEngine(() => engine.volumeDelete('data'), NotFoundError, 'get data: no such volume');
    engine.volumeDelete('data', { force: true });
  });

  test('a read-only volume refuses writes (EROFS) through the container\'s files', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, { Image: 'alpine:latest', HostConfig: { Binds: ['cfg:/cfg:ro'] } });
    assert.throws(() => engine.containerPutArchive(id, '/cfg', [['x', file('no\n')]]), /Read-only file system/);
  });

  test('the image\'s VOLUME lines and -v /path get anonymous volumes; rm -v removes them, a named one stays', async () => {
    const { engine } = await lab('postgres:latest');
    const { Id } = engine.containerCreate({ Image: 'postgres:latest', Volumes: { '/scratch': {} }, HostConfig: { Binds: ['pgdata:/var/lib/postgresql'] } });
    const mounts = engine.containerInspect(Id).Mounts;
    // The image's /var/lib/postgresql is taken by the named volume: no anonymous one there.
    assert.deepStrictEqual(mounts.map((mount) => [mount.Destination, mount.Mode, mount.Name === 'pgdata' ? 'pgdata' : mount.Name?.length]), [
      ['/var/lib/postgresql', 'z', 'pgdata'],
      ['/scratch', '', 64],
    ]);
    assert.deepStrictEqual(engine.containerInspect(Id).Config.Volumes, { '/var/lib/postgresql': {}, '/scratch': {} });
    const anonymous = mounts[1].Name as string;
    assert.deepStrictEqual(engine.volumeInspect(anonymous).Labels, { 'com.docker.volume.anonymous': '' });
    await engine.containerDelete(Id, { removeVolumes: true });
    assert.deepStrictEqual(engine.volumeList().Volumes.map((volume) => volume.Name), ['pgdata']);
  });

  test('--rm removes the anonymous volumes when the container exits; plain rm keeps them', async () => {
    const { engine, clock } = await lab('alpine:latest');
    const { Id } = engine.containerCreate({ Image: 'alpine:latest', Cmd: ['true'], Volumes: { '/tmpdata': {} }, HostConfig: { AutoRemove: true } });
    const exited = engine.containerWait(Id, 'next-exit');
    engine.containerStart(Id);
    await clock.settle(exited);
    assert.deepStrictEqual(engine.volumeList().Volumes, []);
    const kept = engine.containerCreate({ Image: 'alpine:latest', Volumes: { '/tmpdata': {} } }).Id;
    await engine.containerDelete(kept);
    assert.strictEqual(engine.volumeList().Volumes.length, 1);
  });

  test('an empty volume is filled from the image at its mount point; nocopy and a volume with files are left alone', async () => {
    const { engine } = await lab('nginx:1.28.0');
    const first = run(engine, { Image: 'nginx:1.28.0', HostConfig: { Binds: ['html:/usr/share/nginx/html'] } });
    assert.match(read(engine, first, '/usr/share/nginx/html/index.html') ?? '', /Welcome to nginx/);
    engine.containerPutArchive(first, '/usr/share/nginx/html', [['index.html', file('<h1>mine</h1>\n')]]);
    const second = run(engine, { Image: 'nginx:1.28.0', HostConfig: { Binds: ['html:/usr/share/nginx/html'] } });
    assert.strictEqual(read(engine, second, '/usr/share/nginx/html/index.html'), '<h1>mine</h1>\n');
    const bare = run(engine, { Image: 'nginx:1.28.0', HostConfig: { Binds: ['bare:/usr/share/nginx/html:nocopy'] } });
    assert.deepStrictEqual(engine.containerArchive(bare, '/usr/share/nginx/html').entries.map(([path]) => path), ['html']);
  });

  test('mount specs are checked as moby\'s Linux parser checks them; bind mounts are refused plainly', async () => {
    const { engine } = await lab('alpine:latest');
    const cases: [ContainerCreateRequest['HostConfig'], new (message: string) => Error, string][] = [
      [{ Binds: ['/host/dir:/data'] }, InvalidParameterError, 'bind mounts are not simulated in Docker Lab: /host/dir:/data would share the host\'s /host/dir; use a volume instead (-v NAME:/data)'],
      [{ Binds: [':/data'] }, InvalidParameterError, 'invalid volume specification: \':/data\''],
      [{ Binds: ['/data:ro'] }, InvalidParameterError, 'invalid volume specification: \'/data:ro\''],
      [{ Binds: ['data:/data:bogus'] }, InvalidParameterError, 'invalid mode: bogus'],
      [{ Binds: ['data:relative'] }, InvalidParameterError, 'invalid volume specification: \'data:relative\': invalid mount config for type "volume": invalid mount path: \'relative\' mount path must be absolute'],
      [{ Binds: ['data:/'] }, InvalidParameterError, 'invalid volume specification: \'data:/\': invalid mount config for type "volume": invalid specification: destination can\'t be \'/\''],
      [{ Binds: ['a1:/data', 'b1:/data'] }, InvalidParameterError, 'Duplicate mount point: /data'],
      [{ Binds: ['x:/data'] }, InvalidParameterError, 'create x: volume name is too short, names should be at least two alphanumeric characters'],
      [{ Mounts: [{ Type: 'bind', Source: '/etc', Target: '/etc2' }] }, InvalidParameterError, 'bind mounts are not simulated in Docker Lab: --mount type=bind would share the host\'s /etc; use type=volume instead'],
      [{ Mounts: [{ Type: 'tmpfs', Target: '/run' }] }, NotImplementedError, 'tmpfs mounts are not simulated in Docker Lab; use type=volume'],
      [{ Mounts: [{ Type: 'volume', Target: '' }] }, InvalidParameterError, 'invalid mount config for type "volume": field Target must not be empty'],
      [{ Mounts: [{ Type: 'volume', Target: '/x', ReadOnly: true }] }, InvalidParameterError, 'invalid mount config for type "volume": must not set ReadOnly mode when using anonymous volumes'],
      [{ Binds: ['d1:/data'], Mounts: [{ Type: 'volume', Source: 'd2', Target: '/data' }] }, InvalidParameterError, 'Duplicate mount point: /data'],
    ];
    for (const [hostConfig, kind, message] of cases) {
      throwsEngine(() => engine.containerCreate({ Image: 'alpine:latest', HostConfig: hostConfig }), kind, message);
    }
    assert.deepStrictEqual(engine.containerList({ all: true }), [], 'a refused create leaves no container');
  });

  test('--mount type=volume mounts a named volume with its labels', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, { Image: 'alpine:latest', HostConfig: { Mounts: [{ Type: 'volume', Source: 'cache', Target: '/cache', VolumeOptions: { Labels: { kind: 'cache' } } }] } });
    assert.deepStrictEqual(engine.volumeInspect('cache').Labels, { kind: 'cache' });
    assert.deepStrictEqual(engine.containerInspect(id).Mounts[0], { Type: 'volume', Name: 'cache', Source: '/var/lib/docker/volumes/cache/_data', Destination: '/cache', Driver: 'local', Mode: 'z', RW: true, Propagation: '' });
  });

  test('volume create: a name, or a generated 64-hex anonymous one; an existing name is answered as it is', async () => {
    const { engine } = await lab();
    const named = engine.volumeCreate({ Name: 'data', Labels: { a: 'b' } });
    assert.deepStrictEqual([named.Name, named.Driver, named.Scope, named.Mountpoint, named.Labels, named.Options], ['data', 'local', 'local', '/var/lib/docker/volumes/data/_data', { a: 'b' }, null]);
    assert.deepStrictEqual(engine.volumeCreate({ Name: 'data' }).Labels, { a: 'b' });
    const anonymous = engine.volumeCreate({});
    assert.match(anonymous.Name, /^[0-9a-f]{64}$/);
    assert.deepStrictEqual(anonymous.Labels, { 'com.docker.volume.anonymous': '' });
    throwsEngine(() => engine.volumeCreate({ Name: 'nfs', Driver: 'nfs' }), NotFoundError, 'create nfs: error looking up volume plugin nfs: plugin "nfs" not found');
    assert.throws(() => engine.volumeCreate({ Name: 'ram', DriverOpts: { type: 'tmpfs' } }), NotImplementedError);
  });

  test('volume list filters: dangling, name, driver, label; unknown filters refused', async () => {
    const { engine } = await lab('alpine:latest');
    engine.volumeCreate({ Name: 'alpha', Labels: { tier: 'db' } });
    engine.volumeCreate({ Name: 'beta' });
    run(engine, { Image: 'alpine:latest', HostConfig: { Binds: ['beta:/b'] } });
    const names = (filters: Record<string, string[]>) => engine.volumeList(filters).Volumes.map((volume) => volume.Name);
    assert.deepStrictEqual(names({ dangling: ['true'] }), ['alpha']);
    assert.deepStrictEqual(names({ dangling: ['false'] }), ['beta']);
    assert.deepStrictEqual(names({ name: ['alp'] }), ['alpha']);
    assert.deepStrictEqual(names({ label: ['tier=db'] }), ['alpha']);
    assert.deepStrictEqual(names({ label: ['tier=web'] }), []);
    assert.deepStrictEqual(names({ driver: ['local'] }), ['alpha', 'beta']);
    throwsEngine(() => engine.volumeList({ color: ['red'] }), InvalidParameterError, 'invalid filter \'color\'');
  });

  test('volume prune: unused anonymous volumes, all unused ones with all=true; the space they held', async () => {
    const { engine } = await lab('alpine:latest');
    engine.volumeCreate({ Name: 'named' });
    const anonymous = engine.volumeCreate({}).Name;
    const used = engine.containerCreate({ Image: 'alpine:latest', Volumes: { '/in-use': {} } }).Id;
    const usedVolume = engine.containerInspect(used).Mounts[0].Name;
    const writer = run(engine, { Image: 'alpine:latest', HostConfig: { Binds: ['named:/n'] } });
    engine.containerPutArchive(writer, '/n', [['f', file('12345')]]);
    await engine.containerDelete(writer, { force: true });
    assert.deepStrictEqual(engine.volumePrune(), { VolumesDeleted: [anonymous], SpaceReclaimed: 0 });
    assert.deepStrictEqual(engine.volumePrune({ all: ['true'] }), { VolumesDeleted: ['named'], SpaceReclaimed: 5 });
    assert.deepStrictEqual(engine.volumeList().Volumes.map((volume) => volume.Name), [usedVolume]);
    throwsEngine(() => engine.volumePrune({ all: ['maybe'] }), InvalidParameterError, 'invalid filter \'all\': strconv.ParseBool: parsing "maybe": invalid syntax');
    throwsEngine(() => engine.volumePrune({ dangling: ['true'] }), InvalidParameterError, 'invalid filter \'dangling\'');
  });

  test('system df reports each volume\'s bytes and how many containers use it', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, { Image: 'alpine:latest', HostConfig: { Binds: ['data:/data'] } });
    engine.containerPutArchive(id, '/data', [['a', file('abc')]]);
    engine.volumeCreate({ Name: 'idle' });
    assert.deepStrictEqual(engine.systemDataUsage().Volumes.map((volume) => [volume.Name, volume.UsageData]), [
      ['data', { Size: 3, RefCount: 1 }],
      ['idle', { Size: 0, RefCount: 0 }],
    ]);
  });

  test('events: volume create, mount at start, unmount after the die, destroy', async () => {
    const { engine, clock } = await lab('alpine:latest');
    const events: EventMessage[] = [];
    engine.onEvent((event) => events.push(event));
    const { Id } = engine.containerCreate({ Image: 'alpine:latest', Cmd: ['true'], HostConfig: { Binds: ['data:/data'] } });
    const exited = engine.containerWait(Id, 'next-exit');
    engine.containerStart(Id);
    await clock.settle(exited);
    await engine.containerDelete(Id);
    engine.volumeDelete('data');
    assert.deepStrictEqual(events.map((event) => `${event.Type} ${event.Action}`), [
      'volume create', 'container create', 'network connect', 'volume mount', 'container start',
      'container die', 'network disconnect', 'volume unmount', 'container destroy', 'volume destroy',
    ]);
    const mount = events.find((event) => event.Action === 'mount');
    assert.deepStrictEqual(mount?.Actor, { ID: 'data', Attributes: { container: Id, destination: '/data', driver: 'local', propagation: '', 'read/write': 'true' } });
  });
});

suite('engine: networks', () => {
  test('a container on a user-defined network gets its address there; network inspect lists it, inspect shows it by name', async () => {
    const { engine } = await lab('redis:latest');
    const { Id: networkId } = engine.networkCreate({ Name: 'app' });
    const id = run(engine, { Image: 'redis:latest', Cmd: null, HostConfig: { NetworkMode: 'app' } }, 'db');
    const settings = engine.containerInspect(id).NetworkSettings as { IPAddress: string; Networks: Record<string, Record<string, unknown>> };
    assert.strictEqual(settings.IPAddress, '', 'the deprecated top-level fields are the default bridge\'s only');
    assert.deepStrictEqual(Object.keys(settings.Networks), ['app']);
    const endpoint = settings.Networks.app;
    assert.deepStrictEqual([endpoint.NetworkID, endpoint.IPAddress, endpoint.IPPrefixLen, endpoint.Gateway, endpoint.DNSNames], [networkId, '172.18.0.2', 16, '172.18.0.1', ['db', id.slice(0, 12)]]);
    const network = engine.networkInspect('app');
    assert.deepStrictEqual(network.Containers, {
      [id]: { Name: 'db', EndpointID: endpoint.EndpointID, MacAddress: '02:42:ac:12:00:02', IPv4Address: '172.18.0.2/16', IPv6Address: '' },
    });
    assert.deepStrictEqual(engine.networkList({ name: ['app'] })[0].Containers, {}, 'the list leaves the containers out');
    assert.deepStrictEqual(Object.keys(engine.containerList()[0].NetworkSettings.Networks), ['app']);
  });

  test('the default bridge stays as it was: 172.17.0.2 first, top-level fields filled, no DNS names', async () => {
    const { engine } = await lab('alpine:latest');
    const id = run(engine, { Image: 'alpine:latest', HostConfig: { NetworkMode: 'default' } });
    const inspect = engine.containerInspect(id);
    const settings = inspect.NetworkSettings as { IPAddress: string; Gateway: string; Networks: Record<string, { DNSNames: unknown; NetworkID: string }> };
    assert.deepStrictEqual([inspect.HostConfig.NetworkMode, settings.IPAddress, settings.Gateway], ['bridge', '172.17.0.2', '172.17.0.1']);
    assert.deepStrictEqual([settings.Networks.bridge.DNSNames, settings.Networks.bridge.NetworkID], [null, engine.networkInspect('bridge').Id]);
  });

  test('network rm: refused for predefined networks and while a container runs on it; a stopped container does not hold it', async () => {
    const { engine, clock } = await lab('alpine:latest');
    engine.networkCreate({ Name: 'app' });
    const id = run(engine, { Image: 'alpine:latest', HostConfig: { NetworkMode: 'app' } }, 'web');
    throwsEngine(() => engine.networkDelete('bridge'), ForbiddenError, 'bridge is a pre-defined network and cannot be removed');
    const endpoint = (engine.containerInspect(id).NetworkSettings as { Networks: Record<string, { EndpointID: string }> }).Networks.app.EndpointID;
    throwsEngine(() => engine.networkDelete('app'), ForbiddenError, `error while removing network: network app has active endpoints (name:"web" id:"${endpoint.slice(0, 12)}")`);
    await clock.settle(engine.containerStop(id, { timeout: 0 }));
    engine.networkDelete('app');
    throwsEngine(() => engine.networkInspect('app'), NotFoundError, 'network app not found');
    // The stopped container's network is gone: its start fails as dockerd's does, and it stays created-or-exited.
    throwsEngine(() => engine.containerStart(id), NotFoundError, 'network app not found');
    assert.deepStrictEqual([engine.containerInspect(id).State.Error, engine.isContainerRunning(id)], ['network app not found', false]);
  });

  test('an unknown network: the create succeeds and the start fails with 404 (exit code 128), as dockerd does', async () => {
    const { engine } = await lab('alpine:latest');
    const { Id } = engine.containerCreate({ Image: 'alpine:latest', HostConfig: { NetworkMode: 'nope' } });
    throwsEngine(() => engine.containerStart(Id), NotFoundError, 'network nope not found');
    const state = engine.containerInspect(Id).State;
    assert.deepStrictEqual([state.Status, state.ExitCode, state.Error], ['created', 128, 'network nope not found']);
  });

  test('a failed start of an --rm container removes it and ends the waits on it', async () => {
    const { engine, clock } = await lab('alpine:latest');
    const { Id } = engine.containerCreate({ Image: 'alpine:latest', HostConfig: { NetworkMode: 'nope', AutoRemove: true } });
    const waited = engine.containerWait(Id, 'next-exit');
    assert.throws(() => engine.containerStart(Id), NotFoundError);
    assert.deepStrictEqual(await clock.settle(waited), { StatusCode: 128 });
    assert.deepStrictEqual(engine.containerList({ all: true }), []);
  });

  test('host and none: no address, honest inspect; host shares the host\'s name, publishing is discarded with dockerd\'s warning', async () => {
    const { engine } = await lab('alpine:latest');
    const created = engine.containerCreate({ Image: 'alpine:latest', Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'host', PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } } });
    assert.deepStrictEqual(created.Warnings, ['Published ports are discarded when using host network mode']);
    engine.containerStart(created.Id);
    const host = engine.containerInspect(created.Id);
    const hostSettings = host.NetworkSettings as { SandboxKey: string; Ports: unknown; Networks: Record<string, { IPAddress: string; NetworkID: string; EndpointID: string }> };
    assert.deepStrictEqual([host.Config.Hostname, hostSettings.SandboxKey, hostSettings.Ports, hostSettings.Networks.host.IPAddress], ['docker-lab', '/var/run/docker/netns/default', {}, '']);
    assert.strictEqual(hostSettings.Networks.host.NetworkID, engine.networkInspect('host').Id);
    assert.deepStrictEqual(engine.containerList()[0].Ports, [], 'nothing is published');
    const none = run(engine, { Image: 'alpine:latest', HostConfig: { NetworkMode: 'none' } });
    assert.deepStrictEqual(Object.keys((engine.containerInspect(none).NetworkSettings as { Networks: object }).Networks), ['none']);
    assert.deepStrictEqual(Object.values(engine.networkInspect('none').Containers).map((endpoint) => endpoint.IPv4Address), ['']);
    assert.throws(() => engine.containerCreate({ Image: 'alpine:latest', HostConfig: { NetworkMode: 'container:other' } }), NotImplementedError);
  });

  test('a NetworkMode by ID prefix attaches to that network, keyed by its name', async () => {
    const { engine } = await lab('alpine:latest');
    const { Id } = engine.networkCreate({ Name: 'backend' });
    const id = run(engine, { Image: 'alpine:latest', HostConfig: { NetworkMode: Id.slice(0, 6) } });
    assert.deepStrictEqual(Object.keys((engine.containerInspect(id).NetworkSettings as { Networks: object }).Networks), ['backend']);
  });

  test('network list filters: type custom/builtin, driver, name, id, label; dangling as moby filters it', async () => {
    const { engine } = await lab();
    const { Id } = engine.networkCreate({ Name: 'app', Labels: { tier: 'db' } });
    const names = (filters: Record<string, string[]>) => engine.networkList(filters).map((network) => network.Name);
    assert.deepStrictEqual(names({}), ['bridge', 'host', 'none', 'app']);
    assert.deepStrictEqual(names({ type: ['custom'] }), ['app']);
    assert.deepStrictEqual(names({ type: ['builtin'] }), ['bridge', 'host', 'none']);
    assert.deepStrictEqual(names({ driver: ['null'] }), ['none']);
    assert.deepStrictEqual(names({ name: ['^b'] }), ['bridge']);
    assert.deepStrictEqual(names({ id: [Id.slice(0, 5)] }), ['app']);
    assert.deepStrictEqual(names({ label: ['tier'] }), ['app']);
    assert.deepStrictEqual(names({ dangling: ['true'] }), ['app']);
    assert.deepStrictEqual(names({ dangling: ['false'] }), ['bridge', 'host', 'none']);
    throwsEngine(() => engine.networkList({ dangling: ['maybe'] }), InvalidParameterError, 'invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")');
    throwsEngine(() => engine.networkList({ color: ['red'] }), InvalidParameterError, 'invalid filter \'color\'');
  });

  test('network prune: unused user-defined networks by name (null when none); label filters narrow it', async () => {
    const { engine } = await lab('alpine:latest');
    engine.networkCreate({ Name: 'used' });
    engine.networkCreate({ Name: 'idle', Labels: { keep: 'yes' } });
    engine.networkCreate({ Name: 'spare' });
    run(engine, { Image: 'alpine:latest', HostConfig: { NetworkMode: 'used' } });
    assert.deepStrictEqual(engine.networkPrune({ 'label!': ['keep'] }), { NetworksDeleted: ['spare'] });
    assert.deepStrictEqual(engine.networkPrune(), { NetworksDeleted: ['idle'] });
    assert.deepStrictEqual(engine.networkPrune(), { NetworksDeleted: null });
    throwsEngine(() => engine.networkPrune({ dangling: ['true'] }), InvalidParameterError, 'invalid filter \'dangling\'');
  });

  test('events: network create, connect at start, disconnect after the die, destroy', async () => {
    const { engine, clock } = await lab('alpine:latest');
    const events: EventMessage[] = [];
    engine.onEvent((event) => events.push(event));
    const { Id: networkId } = engine.networkCreate({ Name: 'app' });
    const { Id } = engine.containerCreate({ Image: 'alpine:latest', Cmd: ['true'], HostConfig: { NetworkMode: 'app' } });
    const exited = engine.containerWait(Id, 'next-exit');
    engine.containerStart(Id);
    await clock.settle(exited);
    engine.networkDelete('app');
    const network = events.filter((event) => event.Type === 'network');
    assert.deepStrictEqual(network.map((event) => [event.Action, event.Actor.ID, event.Actor.Attributes]), [
      ['create', networkId, { name: 'app', type: 'bridge' }],
      ['connect', networkId, { container: Id, name: 'app', type: 'bridge' }],
      ['disconnect', networkId, { container: Id, name: 'app', type: 'bridge' }],
      ['destroy', networkId, { name: 'app', type: 'bridge' }],
    ]);
  });
});

suite('engine: volumes and networks in snapshots', () => {
  test('a snapshot keeps networks, volumes and their files; a running container resumes on its network with its address', async () => {
    const { engine, clock } = await lab('alpine:latest');
    engine.networkCreate({ Name: 'app' });
    run(engine, { Image: 'alpine:latest', HostConfig: { NetworkMode: 'app' } });
    const id = run(engine, { Image: 'alpine:latest', HostConfig: { NetworkMode: 'app', Binds: ['data:/data'] } }, 'keeper');
    engine.containerPutArchive(id, '/data', [['note', file('kept\n')]]);
    const snapshot = JSON.parse(JSON.stringify(engine.snapshot())) as unknown;
    const restored = Engine.restore(snapshot, { clock, random: seededRandom(9), pullSecondsPerMegabyte: 0 });
    assert.deepStrictEqual(restored.networkList({ type: ['custom'] }).map((network) => network.Name), ['app']);
    assert.strictEqual(read(restored, 'keeper', '/data/note'), 'kept\n');
    const settings = restored.containerInspect('keeper').NetworkSettings as { Networks: Record<string, { IPAddress: string }> };
    assert.strictEqual(settings.Networks.app.IPAddress, '172.18.0.3');
    assert.strictEqual(Object.keys(restored.networkInspect('app').Containers).length, 2);
    assert.throws(() => restored.networkDelete('app'), ForbiddenError, 'the resumed containers hold their endpoints again');
  });

  test('a state file from before volumes and networks loads: the predefined networks, no volumes', async () => {
    const { engine, clock } = await lab('alpine:latest');
    run(engine, { Image: 'alpine:latest' });
    const snapshot = JSON.parse(JSON.stringify(engine.snapshot())) as { state: Record<string, unknown> };
    delete snapshot.state.volumes;
    delete snapshot.state.networks;
    const restored = Engine.restore(snapshot, { clock, random: seededRandom(9), pullSecondsPerMegabyte: 0 });
    assert.deepStrictEqual(restored.networkList().map((network) => network.Name), ['bridge', 'host', 'none']);
    assert.deepStrictEqual(restored.volumeList(), { Volumes: [], Warnings: null });
    assert.strictEqual(Object.keys(restored.networkInspect('bridge').Containers).length, 1, 'the running container is back on the bridge');
  });
});
