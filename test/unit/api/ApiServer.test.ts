import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiServer } from '../../../src/api/ApiServer';
import { Engine } from '../../../src/engine/Engine';
import { runDocker } from '../../../src/cli/runDocker';
import type { ApiCall } from '../../../src/engine/operations';
import { call, frames, hijack, json, serveLab } from '../helpers/apiClient';

// The Engine API on a unix socket, spoken to as the docker CLI speaks it:
// versioned paths, JSON errors with the daemon's status codes, streamed
// pulls, wait answering when the container exits, logs framed by stream.

suite('Engine API over a unix socket', () => {
  let directory: string;
  let socket: string;
  let server: ApiServer;

  setup(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-lab-api-'));
    socket = path.join(directory, 'run', 'docker.sock');
    server = new ApiServer(new Engine({ pullSecondsPerMegabyte: 0 }), socket);
    await server.start();
  });

  teardown(async () => {
    await server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  test('the socket is the owner\'s alone, and goes away on stop', async () => {
    assert.strictEqual(fs.statSync(socket).mode & 0o777, 0o600);
    assert.strictEqual(fs.statSync(path.dirname(socket)).mode & 0o777, 0o700);
    await server.stop();
    assert.ok(!fs.existsSync(socket));
    await server.start();
  });

  test('_ping answers OK with the headers the CLI negotiates from', async () => {
    const ping = await call(socket, 'GET', '/_ping');
    assert.strictEqual(ping.status, 200);
    assert.strictEqual(ping.body.toString(), 'OK');
    assert.strictEqual(ping.headers['api-version'], '1.50');
    assert.strictEqual(ping.headers.ostype, 'linux');
    assert.strictEqual(ping.headers['builder-version'], '2');
    assert.strictEqual((await call(socket, 'HEAD', '/_ping')).status, 200);
  });

  test('a route dockerd serves and the lab does not says so (501, with its docker command); swarm\'s answer dockerd\'s own 503 for a node in no swarm; no plugins', async () => {
    const answers = async (method: string, url: string) => {
      const answer = await call(socket, method, `/v1.50${url}`);
      return [answer.status, (json(answer) as { message: string }).message];
    };
    assert.deepStrictEqual(await answers('POST', '/networks/bridge/connect'), [501, 'Docker Lab does not simulate POST /networks/{id}/connect (docker network connect) yet']);
    assert.deepStrictEqual(await answers('GET', '/containers/web/stats?stream=0'), [501, 'Docker Lab does not simulate GET /containers/{id}/stats (docker stats) yet']);
    assert.deepStrictEqual(await answers('POST', '/images/library/nginx:1.28.0/push'), [501, 'Docker Lab does not simulate POST /images/{name}/push (docker push) yet']);
    assert.deepStrictEqual(await answers('GET', '/services'), [503, 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.']);
    assert.deepStrictEqual(await answers('POST', '/swarm/leave?force=1'), [503, 'This node is not part of a swarm']);
    // No managed plugins: an empty list, and dockerd's NotFound for any name (which `docker inspect NAME` skips).
    assert.deepStrictEqual(json(await call(socket, 'GET', '/v1.50/plugins')), []);
    assert.deepStrictEqual(await answers('GET', '/plugins/vieux/sshfs:latest/json'), [404, 'plugin "vieux/sshfs:latest" not found']);
    assert.deepStrictEqual(await answers('POST', '/plugins/pull?remote=vieux/sshfs'), [501, 'Docker Lab does not simulate POST /plugins/pull (docker plugin install) yet']);
    // A served path with a method dockerd does not take there is still unknown.
    assert.deepStrictEqual(await answers('PUT', '/containers/json'), [404, 'page not found']);
  });

  test('errors are {"message"} with Content-Type application/json and the daemon\'s status codes', async () => {
    const unknown = await call(socket, 'GET', '/v1.50/nope');
    assert.deepStrictEqual([unknown.status, unknown.headers['content-type'], json(unknown)], [404, 'application/json', { message: 'page not found' }]);
    const tooNew = await call(socket, 'GET', '/v1.99/version');
    assert.deepStrictEqual([tooNew.status, json(tooNew)], [400, { message: 'client version 1.99 is too new. Maximum supported API version is 1.50' }]);
    const missing = await call(socket, 'DELETE', '/v1.50/containers/nosuch');
    assert.deepStrictEqual([missing.status, json(missing)], [404, { message: 'No such container: nosuch' }]);
    const malformed = await call(socket, 'POST', '/v1.50/containers/create', '{"Image":');
    assert.strictEqual(malformed.status, 400);
    assert.match((json(malformed) as { message: string }).message, /^invalid JSON/);
    // A pull that fails before it has sent anything is a plain error (the CLI says "Error response from daemon").
    const denied = await call(socket, 'POST', '/v1.50/images/create?fromImage=nosuch-image-xyz&tag=latest');
    assert.deepStrictEqual([denied.status, denied.headers['content-type']], [404, 'application/json']);
    assert.match((json(denied) as { message: string }).message, /^pull access denied for nosuch-image-xyz/);
  });

  test('JSON is written as Go writes it: <, > and & escaped, which clients print as they get it', async () => {
    await call(socket, 'POST', '/v1.50/images/create?fromImage=nginx&tag=1.28.0');
    const inspect = await call(socket, 'GET', '/v1.50/images/nginx:1.28.0/json');
    assert.ok(inspect.body.includes('"maintainer":"NGINX Docker Maintainers \\u003cdocker-maint@nginx.com\\u003e"'));
    assert.strictEqual((json(inspect) as { Config: { Labels: Record<string, string> } }).Config.Labels.maintainer, 'NGINX Docker Maintainers <docker-maint@nginx.com>');
  });

  test('pull streams JSON messages; run = create, start, wait; logs come framed per stream', async () => {
    const pull = await call(socket, 'POST', '/v1.50/images/create?fromImage=hello-world&tag=latest');
    assert.strictEqual(pull.status, 200);
    const messages = pull.body.toString().trim().split('\r\n').map((line) => JSON.parse(line) as { status?: string });
    assert.strictEqual(messages[messages.length - 1].status, 'Status: Downloaded newer image for hello-world:latest');
    const created = await call(socket, 'POST', '/v1.50/containers/create?name=hi', JSON.stringify({ Image: 'hello-world' }));
    assert.strictEqual(created.status, 201);
    const { Id } = json(created) as { Id: string };
    const wait = call(socket, 'POST', `/v1.50/containers/${Id}/wait?condition=next-exit`);
    assert.strictEqual((await call(socket, 'POST', '/v1.50/containers/hi/start')).status, 204);
    assert.deepStrictEqual(json(await wait), { StatusCode: 0 });
    const logs = await call(socket, 'GET', '/v1.50/containers/hi/logs?stdout=1&stderr=1');
    assert.strictEqual(logs.headers['content-type'], 'application/vnd.docker.multiplexed-stream');
    assert.strictEqual(logs.body[0], 1, 'the first frame is stdout');
    assert.strictEqual(logs.body.readUInt32BE(4), logs.body.indexOf('\n', 8) - 8 + 1, 'the frame length is its line');
    assert.match(logs.body.toString(), /Hello from Docker!/);
  });

  test('exec start and attach upgrade the connection (101) and frame stdout and stderr; stdin flows the other way', async () => {
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
    const { Id } = json(await call(socket, 'POST', '/v1.50/containers/create?name=box', JSON.stringify({ Image: 'alpine', Cmd: ['sleep', '100'] }))) as { Id: string };
    await call(socket, 'POST', `/v1.50/containers/${Id}/start`);
    const exec = json(await call(socket, 'POST', '/v1.50/containers/box/exec', JSON.stringify({ Cmd: ['sh', '-c', 'echo out; echo err >&2; read line; echo "got $line"; exit 3'], AttachStdin: true, AttachStdout: true, AttachStderr: true }))) as { Id: string };
    const raw = await hijack(socket, `/v1.50/exec/${exec.Id}/start`, JSON.stringify({ Detach: false, Tty: false }), 'typed\n').done;
    assert.ok(raw.toString().startsWith('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n'), raw.toString());
    assert.deepStrictEqual(frames(raw), [[1, 'out\n'], [2, 'err\n'], [1, 'got typed\n']]);
    const inspect = json(await call(socket, 'GET', `/v1.50/exec/${exec.Id}/json`)) as { ExitCode: number; Running: boolean };
    assert.deepStrictEqual([inspect.ExitCode, inspect.Running], [3, false]);
    // Attach before start, as docker run does: the container's output, then the connection closes at its exit.
    const { Id: hello } = json(await call(socket, 'POST', '/v1.50/containers/create', JSON.stringify({ Image: 'alpine', Cmd: ['echo', 'attached'] }))) as { Id: string };
    const attached = hijack(socket, `/v1.50/containers/${hello}/attach?stream=1&stdout=1&stderr=1`, '');
    await attached.upgraded;
    await call(socket, 'POST', `/v1.50/containers/${hello}/start`);
    assert.deepStrictEqual(frames(await attached.done), [[1, 'attached\n']]);
  });

  test('commit through the socket: the container\'s changes become an image with the --change config', async () => {
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
    await call(socket, 'POST', '/v1.50/containers/create?name=box', JSON.stringify({ Image: 'alpine', Cmd: ['sleep', '100'] }));
    await call(socket, 'POST', '/v1.50/containers/box/start');
    const committed = await call(socket, 'POST', `/v1.50/commit?container=box&repo=mine&tag=v1&comment=${encodeURIComponent('a note')}&changes=${encodeURIComponent('CMD ["cat","/root/note"]')}`);
    assert.strictEqual(committed.status, 201);
    const image = json(await call(socket, 'GET', '/v1.50/images/mine:v1/json')) as { Id: string; Comment: string; Config: { Cmd: string[] } };
    assert.deepStrictEqual([image.Id, image.Comment, image.Config.Cmd], [(json(committed) as { Id: string }).Id, 'a note', ['cat', '/root/note']]);
  });

  test('logs with follow: what was logged, then what comes, until the container stops', async () => {
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
    await call(socket, 'POST', '/v1.50/containers/create?name=talker', JSON.stringify({ Image: 'alpine', Cmd: ['sh', '-c', 'echo one; sleep 0.2; echo two'] }));
    await call(socket, 'POST', '/v1.50/containers/talker/start');
    const followed = await call(socket, 'GET', '/v1.50/containers/talker/logs?stdout=1&follow=1');
    assert.deepStrictEqual(frames(Buffer.concat([Buffer.from('\r\n\r\n'), followed.body])), [[1, 'one\n'], [1, 'two\n']]);
  });

  test('starting a running container answers 304, as dockerd does', async () => {
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
    const { Id } = json(await call(socket, 'POST', '/v1.50/containers/create', JSON.stringify({ Image: 'alpine', Cmd: ['sleep', '100'] }))) as { Id: string };
    assert.strictEqual((await call(socket, 'POST', `/v1.50/containers/${Id}/start`)).status, 204);
    assert.strictEqual((await call(socket, 'POST', `/v1.50/containers/${Id}/start`)).status, 304);
    const list = json(await call(socket, 'GET', '/v1.50/containers/json')) as { Id: string; State: string }[];
    assert.deepStrictEqual(list.map((c) => [c.Id, c.State]), [[Id, 'running']]);
    assert.strictEqual((await call(socket, 'DELETE', `/v1.50/containers/${Id}?force=1`)).status, 204);
  });

  test('many clients at once: one name, one container; the rest 409, and the engine stays whole', async () => {
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
    const create = (name: string) => call(socket, 'POST', `/v1.50/containers/create?name=${name}`, JSON.stringify({ Image: 'alpine', Cmd: ['sleep', '100'] }));
    const answers = await Promise.all([...Array.from({ length: 10 }, () => create('same')), ...Array.from({ length: 10 }, (_, n) => create(`box${n}`))]);
    assert.deepStrictEqual(answers.slice(0, 10).map((a) => a.status).sort(), [201, ...Array<number>(9).fill(409)]);
    assert.ok(answers.slice(10).every((a) => a.status === 201));
    const starts = await Promise.all(Array.from({ length: 10 }, (_, n) => call(socket, 'POST', `/v1.50/containers/box${n}/start`)));
    assert.ok(starts.every((a) => a.status === 204));
    const list = json(await call(socket, 'GET', '/v1.50/containers/json?all=1')) as { Names: string[]; State: string }[];
    assert.strictEqual(list.length, 11);
    assert.strictEqual(list.filter((c) => c.State === 'running').length, 10);
    assert.strictEqual(new Set(list.map((c) => c.Names[0])).size, 11);
  });

  test('malformed HTTP gets 400 and the connection closes; the server goes on answering', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const connection = net.connect(socket, () => connection.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      connection.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      connection.on('close', () => resolve(text));
      connection.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400 Bad Request/);
    assert.strictEqual((await call(socket, 'GET', '/_ping')).status, 200);
  });

  test('a path that is not a socket is never replaced', async () => {
    const file = path.join(directory, 'notes.txt');
    fs.writeFileSync(file, 'keep me');
    const other = new ApiServer(new Engine(), file);
    await assert.rejects(other.start(), { message: `${file} exists and is not a socket` });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'keep me');
  });

  test('TCP only when asked, and then on 127.0.0.1 alone', async () => {
    assert.strictEqual(server.tcpAddress, undefined);
    const tcpSocket = path.join(directory, 'tcp', 'docker.sock');
    const withTcp = new ApiServer(new Engine(), tcpSocket, { tcpPort: 0 });
    await withTcp.start();
    try {
      const address = withTcp.tcpAddress ?? '';
      assert.match(address, /^tcp:\/\/127\.0\.0\.1:\d+$/);
      const port = Number(address.split(':')[2]);
      const ping = await new Promise<number>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/_ping' }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).on('error', reject);
      });
      assert.strictEqual(ping, 200);
    } finally {
      await withTcp.stop();
    }
  });

  test('stop ends hijacked connections too: an attach to a container that never starts does not hold the server', async () => {
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
    await call(socket, 'POST', '/v1.50/containers/create?name=idle', JSON.stringify({ Image: 'alpine', Cmd: ['true'] }));
    const attached = hijack(socket, '/v1.50/containers/idle/attach?stream=1&stdout=1', '');
    await attached.upgraded;
    await server.stop();
    await attached.done;
    await server.start();
  });
});

suite('Engine API: who called', () => {
  test('calls through the socket carry the client\'s User-Agent, through a pull\'s awaits too; the lab\'s own calls carry none, even when they interleave', async () => {
    const lab = await serveLab('caller');
    try {
      const calls: ApiCall[] = [];
      lab.engine.onApiCall((c) => calls.push(c));
      const agent = { 'User-Agent': 'Docker-Client/28.2.2 (linux)' };
      const pull = call(lab.socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest', undefined, agent);
      const fromLab = runDocker(lab.engine, ['ps']);
      await Promise.all([pull, fromLab]);
      await call(lab.socket, 'GET', '/v1.50/containers/json', undefined, {});
      assert.deepStrictEqual(calls.map((c) => [c.operation, c.client]), [
        ['ContainerList', undefined],
        ['ImageCreate', 'Docker-Client/28.2.2 (linux)'],
        ['ContainerList', ''],
      ]);
      await lab.server.stop();
      await runDocker(lab.engine, ['images']);
      assert.strictEqual(calls.at(-1)?.client, undefined, 'once stopped, the server no longer names callers');
    } finally {
      await lab.close();
    }
  });
});
