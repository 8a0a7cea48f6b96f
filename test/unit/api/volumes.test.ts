import * as assert from 'node:assert';
import { call, filters, hijack, json, post as postTo, serveLab, v } from '../helpers/apiClient';
import type { ServedLab } from '../helpers/apiClient';
import { TestLab } from '../helpers/TestLab';

// The volume routes on the socket, as the docker CLI calls them: the
// status codes and JSON errors dockerd answers, the query values it reads
// (filters, force, v), and a volume shared by two containers end to end.

suite('Engine API: volumes', () => {
  let lab: ServedLab;
  let socket: string;
  const post = (url: string, body?: unknown) => postTo(socket, url, body);

  setup(async () => {
    lab = await serveLab('volumes');
    ({ socket } = lab);
  });

  teardown(async () => {
    await lab.close();
  });

  test('create answers 201 with the volume; list is {Volumes, Warnings: null}; inspect by name', async () => {
    const created = await post('/volumes/create', { Name: 'data', Labels: { team: 'a' } });
    assert.strictEqual(created.status, 201);
    assert.deepStrictEqual(Object.keys(json(created) as object), ['CreatedAt', 'Driver', 'Labels', 'Mountpoint', 'Name', 'Options', 'Scope']);
    const list = json(await call(socket, 'GET', v('/volumes'))) as { Volumes: { Name: string }[]; Warnings: unknown };
    assert.deepStrictEqual([list.Volumes.map((volume) => volume.Name), list.Warnings], [['data'], null]);
    const inspect = await call(socket, 'GET', v('/volumes/data'));
    assert.deepStrictEqual([inspect.status, (json(inspect) as { Labels: unknown }).Labels], [200, { team: 'a' }]);
  });

  test('errors: 404 get NAME: no such volume, 400 for a bad name, 409 while in use; force only forgives a missing volume', async () => {
    assert.deepStrictEqual([(await call(socket, 'GET', v('/volumes/nope'))).status, json(await call(socket, 'GET', v('/volumes/nope')))], [404, { message: 'get nope: no such volume' }]);
    const bad = await post('/volumes/create', { Name: 'x' });
    assert.deepStrictEqual([bad.status, json(bad)], [400, { message: 'create x: volume name is too short, names should be at least two alphanumeric characters' }]);
    assert.strictEqual((await call(socket, 'DELETE', v('/volumes/nope'))).status, 404);
    assert.strictEqual((await call(socket, 'DELETE', v('/volumes/nope?force=1'))).status, 204);
    await post('/images/create?fromImage=alpine&tag=latest');
    const { Id } = json(await post('/containers/create?name=user', { Image: 'alpine:latest', HostConfig: { Binds: ['busy:/busy'] } })) as { Id: string };
    const inUse = await call(socket, 'DELETE', v('/volumes/busy?force=1'));
    assert.deepStrictEqual([inUse.status, json(inUse)], [409, { message: `remove busy: volume is in use - [${Id}]` }]);
    const unknownFilter = await call(socket, 'GET', v(`/volumes?filters=${filters({ color: ['red'] })}`));
    assert.deepStrictEqual([unknownFilter.status, json(unknownFilter)], [400, { message: 'invalid filter \'color\'' }]);
  });

  test('a host bind mount is refused at create with 400 and a plain message; no container is left', async () => {
    await post('/images/create?fromImage=alpine&tag=latest');
    const refused = await post('/containers/create', { Image: 'alpine:latest', HostConfig: { Binds: ['/home/me:/data'] } });
    assert.strictEqual(refused.status, 400);
    assert.match((json(refused) as { message: string }).message, /^bind mounts are not simulated in Docker Lab/);
    assert.deepStrictEqual(json(await call(socket, 'GET', v('/containers/json?all=1'))), []);
  });

  test('what one container writes in the volume the next one reads; DELETE /containers?v=1 takes the anonymous volumes', async () => {
    await post('/images/create?fromImage=alpine&tag=latest');
    const runOnce = async (cmd: string[], binds: string[], volumes?: Record<string, object>) => {
      const { Id } = json(await post('/containers/create', { Image: 'alpine:latest', Cmd: cmd, Volumes: volumes, HostConfig: { Binds: binds } })) as { Id: string };
      const attached = hijack(socket, v(`/containers/${Id}/attach?stream=1&stdout=1&stderr=1`), '');
      await attached.upgraded;
      const wait = post(`/containers/${Id}/wait?condition=next-exit`);
      await post(`/containers/${Id}/start`);
      await wait;
      return { Id, output: (await attached.done).toString() };
    };
    await runOnce(['sh', '-c', 'echo hi > /data/x'], ['data:/data']);
    const reader = await runOnce(['cat', '/data/x'], ['data:/data'], { '/scratch': {} });
    assert.match(reader.output, /hi\n/);
    const anonymous = (json(await call(socket, 'GET', v(`/volumes?filters=${filters({ dangling: ['false'] })}`))) as { Volumes: { Name: string }[] }).Volumes.map((volume) => volume.Name);
    assert.strictEqual(anonymous.filter((name) => name !== 'data').length, 1);
    assert.strictEqual((await call(socket, 'DELETE', v(`/containers/${reader.Id}?v=1`))).status, 204);
    const left = (json(await call(socket, 'GET', v('/volumes'))) as { Volumes: { Name: string }[] }).Volumes.map((volume) => volume.Name);
    assert.deepStrictEqual(left, ['data']);
  });

  test('prune: anonymous volumes only, all=true for every unused one; the report dockerd sends', async () => {
    await post('/volumes/create', { Name: 'named' });
    const anonymous = (json(await post('/volumes/create', {})) as { Name: string }).Name;
    const pruned = await post('/volumes/prune');
    assert.deepStrictEqual([pruned.status, json(pruned)], [200, { VolumesDeleted: [anonymous], SpaceReclaimed: 0 }]);
    const all = await post(`/volumes/prune?filters=${filters({ all: ['true'] })}`);
    assert.deepStrictEqual(json(all), { VolumesDeleted: ['named'], SpaceReclaimed: 0 });
  });
});

// The lab terminal's own `docker volume` and `docker network` commands (the
// real CLI's twin on the socket is checked in networks.test.ts where a
// docker CLI 28 is installed): their tables, messages and exit codes.

suite('lab terminal: docker volume and docker network', () => {
  test('volume ls: DRIVER / VOLUME NAME, names in natural order; -q names only', async () => {
    const lab = new TestLab();
    for (const name of ['v10', 'v9', 'alpha']) await lab.ok('volume', 'create', name);
    assert.strictEqual(await lab.ok('volume', 'ls'), 'DRIVER    VOLUME NAME\nlocal     alpha\nlocal     v9\nlocal     v10\n');
    assert.strictEqual(await lab.ok('volume', 'ls', '-q'), 'alpha\nv9\nv10\n');
    assert.strictEqual(await lab.ok('volume', 'ls', '--format', '{{.Name}}:{{.Mountpoint}}', '--filter', 'name=alpha'), 'alpha:/var/lib/docker/volumes/alpha/_data\n');
  });

  test('volume rm: names as they go, errors joined with exit 1; in use is refused', async () => {
    const lab = new TestLab();
    await lab.ok('pull', 'alpine:latest');
    await lab.ok('volume', 'create', 'data');
    await lab.ok('run', '-d', '--name', 'user', '-v', 'data:/data', 'alpine:latest', 'sleep', '1000');
    await lab.ok('volume', 'create', 'spare');
    const id = (await lab.ok('inspect', '-f', '{{.Id}}', 'user')).trim();
    assert.deepStrictEqual(await lab.docker('volume', 'rm', 'spare', 'data', 'nope'), {
      stdout: 'spare\n',
      stderr: `Error response from daemon: remove data: volume is in use - [${id}]\nError response from daemon: get nope: no such volume\n`,
      code: 1,
    });
    await lab.ok('rm', '-f', 'user');
  });

  test('volume prune asks first: a declined prompt removes nothing (exit 0); -f reports what went', async () => {
    const lab = new TestLab();
    await lab.ok('volume', 'create');
    lab.stdinLines.push('n');
    assert.deepStrictEqual(await lab.docker('volume', 'prune'), {
      stdout: 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ',
      stderr: '',
      code: 0,
    });
    const [name] = (await lab.ok('volume', 'ls', '-q')).trim().split('\n');
    assert.strictEqual(await lab.ok('volume', 'prune', '-f'), `Deleted Volumes:\n${name}\n\nTotal reclaimed space: 0B\n`);
    assert.strictEqual(await lab.ok('volume', 'prune', '-f'), 'Total reclaimed space: 0B\n');
  });

  test('run -v: a named volume shared between runs; client-side spec errors as the CLI words them (exit 125)', async () => {
    const lab = new TestLab();
    await lab.ok('pull', 'alpine:latest');
    await lab.ok('run', '--rm', '-v', 'data:/data', 'alpine:latest', 'sh', '-c', 'echo hi > /data/x');
    assert.strictEqual(await lab.ok('run', '--rm', '-v', 'data:/data', 'alpine:latest', 'cat', '/data/x'), 'hi\n');
    const empty = await lab.docker('run', '-v', ':/data', 'alpine:latest', 'true');
    assert.deepStrictEqual([empty.stderr, empty.code], ['docker: invalid spec: :/data: empty section between colons\n\nRun \'docker run --help\' for more information\n', 125]);
    const bind = await lab.docker('run', '-v', './site:/usr/share/nginx/html', 'alpine:latest', 'true');
    assert.strictEqual(bind.code, 125);
    assert.match(bind.stderr, /^docker: Error response from daemon: bind mounts are not simulated in Docker Lab/);
  });

  test('rm -v takes the anonymous volumes; a plain rm leaves them', async () => {
    const lab = new TestLab();
    await lab.ok('pull', 'alpine:latest');
    await lab.ok('create', '--name', 'first', '-v', '/scratch', 'alpine:latest');
    await lab.ok('create', '--name', 'second', '-v', '/scratch', 'alpine:latest');
    await lab.ok('rm', 'first');
    await lab.ok('rm', '-v', 'second');
    assert.strictEqual((await lab.ok('volume', 'ls', '-q')).trim().split('\n').length, 1);
  });

  test('network ls and rm: the table, IDs cut to 12; rm prints each error, then exit status 1', async () => {
    const lab = new TestLab();
    assert.strictEqual(await lab.ok('network', 'ls'), [
      'NETWORK ID     NAME      DRIVER    SCOPE',
      'c2b3e0b4d6a8   bridge    bridge    local',
      '5d8f7a3c9e1b   host      host      local',
      '9a1c3e5f7b2d   none      null      local',
      '',
    ].join('\n'));
    const id = (await lab.ok('network', 'create', 'app')).trim();
    assert.match(id, /^[0-9a-f]{64}$/);
    assert.deepStrictEqual(await lab.docker('network', 'create', 'app'), { stdout: '', stderr: 'Error response from daemon: network with name app already exists\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('network', 'rm', 'bridge', 'app', 'nope'), {
      stdout: 'app\n',
      stderr: 'Error response from daemon: bridge is a pre-defined network and cannot be removed\nError response from daemon: network nope not found\nexit status 1\n',
      code: 1,
    });
    assert.deepStrictEqual(await lab.docker('network', 'rm', '-f', 'nope'), { stdout: '', stderr: '', code: 0 });
  });

  test('run --network: the container\'s address on the network; inspect finds networks and volumes too', async () => {
    const lab = new TestLab();
    await lab.ok('pull', 'alpine:latest');
    await lab.ok('network', 'create', 'app');
    await lab.ok('run', '-d', '--name', 'db', '--network', 'app', 'alpine:latest', 'sleep', '1000');
    assert.strictEqual(await lab.ok('network', 'inspect', '-f', '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}', 'app'), 'db 172.18.0.2/16\n');
    assert.strictEqual(await lab.ok('inspect', '-f', '{{.Name}}', 'app'), 'app\n');
    const twoNetworks = await lab.docker('run', '--network', 'app', '--network', 'bridge', 'alpine:latest', 'true');
    assert.deepStrictEqual([twoNetworks.code, twoNetworks.stderr.split('\n')[0]], [125, 'docker: connecting a container to more than one network is not simulated in Docker Lab']);
    await lab.ok('rm', '-f', 'db');
  });
});
