import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import Docker from 'dockerode';
import * as tar from 'tar-stream';
import { ApiServer } from '../../../src/api/ApiServer';
import { Engine } from '../../../src/engine/Engine';

// The lab's Engine API driven by dockerode, a client no one here wrote:
// what a learner's first Node script does (pull, run with a published
// port, logs, exec, stop, remove, image remove, build) must work through
// it as it works against dockerd, with the same states and bodies.

/** The error dockerode (docker-modem) rejects with when the daemon answers a status it did not expect. */
interface ModemError extends Error {
  statusCode?: number;
  json?: { message?: string } | null;
}

/** Everything a JSON-lines stream carried, when it ended (as a learner's script waits for a pull). */
function followProgress(docker: Docker, stream: NodeJS.ReadableStream): Promise<{ events: Record<string, unknown>[]; output: Record<string, unknown>[] }> {
  const events: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error, output: Record<string, unknown>[]) => error ? reject(error) : resolve({ events, output }), (event: Record<string, unknown>) => events.push(event));
  });
}

/** Demultiplexes a framed stream (no TTY) into stdout and stderr text, once it ends. */
function demux(docker: Docker, stream: NodeJS.ReadableStream): Promise<{ stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { stdout: '', stderr: '' };
  stdout.on('data', (chunk: Buffer) => { text.stdout += chunk.toString('utf8'); });
  stderr.on('data', (chunk: Buffer) => { text.stderr += chunk.toString('utf8'); });
  docker.modem.demuxStream(stream, stdout, stderr);
  return new Promise((resolve, reject) => {
    stream.on('end', () => resolve(text));
    stream.on('close', () => resolve(text));
    stream.on('error', reject);
  });
}

/** The error a call rejects with (the test fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<ModemError> {
  try {
    await promise;
  } catch (error) {
    return error as ModemError;
  }
  assert.fail('the call succeeded; the daemon should have refused it');
}

/** A build context as `docker build` sends it: a tar with the Dockerfile and the files it copies. */
function buildContext(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name, mode: 0o644, mtime: new Date(0) }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pack.on('data', (chunk: unknown) => { chunks.push(chunk as Buffer); });
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
}

suite('Engine API through dockerode', () => {
  let directory: string;
  let socket: string;
  let engine: Engine;
  let server: ApiServer;
  let docker: Docker;

  setup(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-lab-dockerode-'));
    socket = path.join(directory, 'run', 'docker.sock');
    engine = new Engine({ pullSecondsPerMegabyte: 0 });
    server = new ApiServer(engine, socket);
    await server.start();
    // As a learner writes it: the socket, no API version (unversioned paths, as dockerode's default).
    docker = new Docker({ socketPath: socket });
  });

  teardown(async () => {
    await server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const pull = async (reference: string) => followProgress(docker, await docker.pull(reference));

  /** `docker create -p 8080:80 --name web nginx:1.28.0`, the dockerode way. */
  const createWeb = async () => {
    await pull('nginx:1.28.0');
    return docker.createContainer({
      name: 'web',
      Image: 'nginx:1.28.0',
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } },
    });
  };

  /** `docker run -d -p 8080:80 --name web nginx:1.28.0`. */
  const runWeb = async () => {
    const container = await createWeb();
    await container.start();
    return container;
  };

  test('pull: followProgress sees the layers\' progress and ends with the "Downloaded newer image" status; the image is listed', async () => {
    const { events, output } = await pull('nginx:1.28.0');
    assert.strictEqual(output.length, events.length, 'followProgress hands back every event it reported');
    assert.deepStrictEqual(output[0], { status: 'Pulling from library/nginx', id: '1.28.0' });
    assert.ok(output.some((event) => event.status === 'Pull complete' && typeof event.id === 'string'), 'each layer reports Pull complete');
    assert.match(String(output[output.length - 2].status), /^Digest: sha256:[0-9a-f]{64}$/);
    assert.strictEqual(output[output.length - 1].status, 'Status: Downloaded newer image for nginx:1.28.0');
    const images = await docker.listImages();
    assert.deepStrictEqual(images.map((image) => image.RepoTags), [['nginx:1.28.0']]);
    // A second pull finds it there.
    const again = await pull('nginx:1.28.0');
    assert.strictEqual(again.output[again.output.length - 1].status, 'Status: Image is up to date for nginx:1.28.0');
  });

  test('pull of an image the registry does not have rejects with 404 and dockerd\'s message', async () => {
    const error = await rejection(docker.pull('nosuchimage-lab:latest'));
    assert.strictEqual(error.statusCode, 404);
    // A stream call: docker-modem puts the daemon's {"message"} into the error's text.
    assert.strictEqual(error.message, '(HTTP code 404) unexpected - pull access denied for nosuchimage-lab, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied ');
  });

  test('run detached with a published port: created, then running; listContainers shows 0.0.0.0:8080->80/tcp; the port answers', async () => {
    const container = await createWeb();
    assert.match(container.id, /^[0-9a-f]{64}$/);
    const created = await container.inspect();
    assert.deepStrictEqual([created.Name, created.State.Status, created.State.Running], ['/web', 'created', false]);
    await container.start();
    const started = await container.inspect();
    assert.deepStrictEqual([started.State.Status, started.State.Running, started.State.ExitCode], ['running', true, 0]);
    assert.deepStrictEqual(started.NetworkSettings.Ports['80/tcp']?.find((binding) => binding.HostIp === '0.0.0.0'), { HostIp: '0.0.0.0', HostPort: '8080' });
    const [listed, ...others] = await docker.listContainers();
    assert.deepStrictEqual(others, []);
    assert.deepStrictEqual([listed.Id, listed.Names, listed.Image, listed.State], [container.id, ['/web'], 'nginx:1.28.0', 'running']);
    assert.match(listed.Status, /^Up /);
    assert.deepStrictEqual(listed.Ports.filter((port) => port.IP === '0.0.0.0'), [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }]);
    // The published port reaches nginx (what `curl localhost:8080` shows in the lab).
    const page = engine.hostHttpRequest(8080, { method: 'GET', path: '/', headers: {} });
    assert.strictEqual(page?.status, 200);
    assert.match(page.body, /Welcome to nginx!/);
  });

  test('logs (no follow) come back as one framed buffer; demuxStream splits stdout from stderr', async () => {
    await pull('alpine:latest');
    const container = await docker.createContainer({ Image: 'alpine:latest', Cmd: ['sh', '-c', 'echo to-out; echo to-err >&2; echo again'] });
    await container.start();
    assert.deepStrictEqual(await container.wait(), { StatusCode: 0 });
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    assert.ok(Buffer.isBuffer(logs), 'without follow dockerode hands back the whole body');
    assert.deepStrictEqual(await demux(docker, Readable.from([logs])), { stdout: 'to-out\nagain\n', stderr: 'to-err\n' });
    // Only stderr when only stderr is asked for.
    const onlyErrors = await container.logs({ stdout: false, stderr: true, follow: false });
    assert.deepStrictEqual(await demux(docker, Readable.from([onlyErrors])), { stdout: '', stderr: 'to-err\n' });
  });

  test('exec: create, start hijacked with stdin, output demuxed, then inspect has the exit code', async () => {
    const container = await runWeb();
    const exec = await container.exec({
      Cmd: ['sh', '-c', 'echo out; echo err >&2; read line; echo "got $line"; exit 3'],
      AttachStdin: true, AttachStdout: true, AttachStderr: true,
    });
    const before = await exec.inspect();
    assert.deepStrictEqual([before.ContainerID, before.Running, before.OpenStdin], [container.id, false, true]);
    const stream = await exec.start({ hijack: true, stdin: true });
    const output = demux(docker, stream);
    stream.end('typed\n');
    assert.deepStrictEqual(await output, { stdout: 'out\ngot typed\n', stderr: 'err\n' });
    const after = await exec.inspect();
    assert.deepStrictEqual([after.Running, after.ExitCode], [false, 3]);
  });

  test('stop: running becomes exited; stopping again is 304 (dockerode: "container already stopped")', async () => {
    const container = await runWeb();
    await container.stop();
    const stopped = await container.inspect();
    // nginx ends on SIGTERM with status 0, as `docker stop` shows "Exited (0)".
    assert.deepStrictEqual([stopped.State.Status, stopped.State.Running, stopped.State.ExitCode], ['exited', false, 0]);
    assert.notStrictEqual(stopped.State.FinishedAt, '0001-01-01T00:00:00Z');
    assert.deepStrictEqual(await docker.listContainers(), [], 'a stopped container is not listed without all');
    const listed = await docker.listContainers({ all: true });
    assert.deepStrictEqual(listed.map((entry) => [entry.Id, entry.State]), [[container.id, 'exited']]);
    assert.match(listed[0].Status, /^Exited \(0\) /);
    const again = await rejection(container.stop());
    assert.strictEqual(again.statusCode, 304);
  });

  test('remove: refused with 409 while running; gone after stop (inspect is then 404)', async () => {
    const container = await runWeb();
    const refused = await rejection(container.remove());
    assert.strictEqual(refused.statusCode, 409);
    // moby's containerRm names the container as the request did (here its ID).
    assert.strictEqual(refused.json?.message, `cannot remove container "${container.id}": container is running: stop the container before removing or force remove`);
    await container.stop();
    await container.remove();
    assert.deepStrictEqual(await docker.listContainers({ all: true }), []);
    const gone = await rejection(container.inspect());
    assert.strictEqual(gone.statusCode, 404);
    assert.strictEqual(gone.json?.message, `No such container: ${container.id}`);
  });

  test('image remove: 409 while a container uses it; then untagged and deleted, and no longer listed', async () => {
    const container = await runWeb();
    const image = docker.getImage('nginx:1.28.0');
    const { Id } = await image.inspect();
    const refused = await rejection(image.remove());
    assert.strictEqual(refused.statusCode, 409);
    assert.match(refused.json?.message ?? '', /^conflict: unable to remove repository reference "nginx:1\.28\.0" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}$/);
    await container.remove({ force: true });
    const removed = (await image.remove()) as { Untagged?: string; Deleted?: string }[];
    assert.strictEqual(removed[0].Untagged, 'nginx:1.28.0');
    assert.ok(removed.some((item) => item.Untagged?.startsWith('nginx@sha256:')), 'the repo digest goes too');
    assert.ok(removed.some((item) => item.Deleted === Id), 'the image itself is deleted');
    assert.deepStrictEqual(await docker.listImages(), []);
    const gone = await rejection(image.inspect());
    assert.deepStrictEqual([gone.statusCode, gone.json?.message], [404, 'No such image: nginx:1.28.0']);
  });

  test('inspect with size: container.inspect({ size: true }) has SizeRw and SizeRootFs, as `docker inspect -s` shows', async () => {
    const container = await runWeb();
    const inspected = await container.inspect({ size: true } as Docker.ContainerInspectOptions) as { SizeRw?: number; SizeRootFs?: number };
    assert.strictEqual(typeof inspected.SizeRw, 'number');
    assert.ok((inspected.SizeRootFs ?? 0) > 0, 'the image\'s size counts in SizeRootFs');
  });

  test('HostConfig: a minimal create still inspects with every field dockerd always sends', async () => {
    await pull('alpine:latest');
    const container = await docker.createContainer({ Image: 'alpine:latest' });
    const { HostConfig } = await container.inspect();
    // Resources fields without omitempty (moby api/types/container/hostconfig.go): Go writes their zero values.
    const always = ['BlkioWeightDevice', 'BlkioDeviceReadBps', 'BlkioDeviceWriteBps', 'BlkioDeviceReadIOps', 'BlkioDeviceWriteIOps', 'CpuRealtimePeriod', 'CpuRealtimeRuntime',
      'Devices', 'DeviceCgroupRules', 'DeviceRequests', 'MemorySwappiness', 'OomKillDisable', 'CpuCount', 'CpuPercent', 'IOMaximumIOps', 'IOMaximumBandwidth'];
    assert.deepStrictEqual(always.filter((field) => !(field in HostConfig)), []);
  });

  test('exec ExitCode before it ran: exec inspect answers null (moby backend.ExecInspect.ExitCode is *int), not 0', async () => {
    const container = await runWeb();
    const exec = await container.exec({ Cmd: ['true'], AttachStdout: true });
    assert.strictEqual((await exec.inspect()).ExitCode as number | null, null);
  });

  test('build: docker.buildImage with a tar context (classic builder) makes a tagged image that runs', async () => {
    await pull('alpine:latest');
    const context = await buildContext({
      Dockerfile: 'FROM alpine:latest\nCOPY greeting.txt /greeting.txt\nRUN echo built >> /greeting.txt\nCMD ["cat", "/greeting.txt"]\n',
      'greeting.txt': 'hello from the context\n',
    });
    const stream = await docker.buildImage(Readable.from([context]), { t: 'greeter:1' });
    const { output } = await followProgress(docker, stream);
    const text = output.map((event) => event.stream ?? '').join('');
    assert.ok(!output.some((event) => event.error !== undefined || event.errorDetail !== undefined), JSON.stringify(output));
    assert.match(text, /^Step 1\/4 : FROM alpine:latest\n/);
    assert.match(text, /Step 4\/4 : CMD \["cat", "\/greeting.txt"\]\n/);
    assert.match(text, /Successfully built [0-9a-f]{12}\nSuccessfully tagged greeter:1\n$/);
    const image = await docker.getImage('greeter:1').inspect();
    assert.deepStrictEqual(image.Config.Cmd, ['cat', '/greeting.txt']);
    // The classic builder reports the image's ID in an aux message, as dockerd does.
    assert.ok(output.some((event) => (event.aux as { ID?: string } | undefined)?.ID === image.Id), 'an aux message carries the ID');
    const container = await docker.createContainer({ Image: 'greeter:1' });
    await container.start();
    assert.deepStrictEqual(await container.wait(), { StatusCode: 0 });
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    assert.deepStrictEqual(await demux(docker, Readable.from([logs])), { stdout: 'hello from the context\nbuilt\n', stderr: '' });
  });
});
