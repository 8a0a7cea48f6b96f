/**
 * `npm run bench`: how fast the lab answers, in process.
 *  - median latency of `docker run -d nginx:1.28.0` and `docker ps` (target: under 1 ms, i.e.
 *    at least 100x faster than real `docker ps`, which takes 8-12 ms);
 *  - `docker ps` with 100 / 1,000 / 10,000 running containers (target: grows linearly);
 *  - the union and `docker diff` of a 50,000-file image with a 1,000-change layer on top,
 *    beside a plain sort of the same paths as the baseline (the layer inspector's work);
 *  - the layer inspector's model on that image (+ a small COPY layer): opening it (the
 *    unions of all layers, the efficiency, the first rows), switching layers, filtering;
 *  - the real docker CLI's `docker ps -a` on the lab's Engine API socket with 100 containers,
 *    beside the same CLI on a replay server that answers with the lab's recorded bytes
 *    (target: lab / replay <= 1.05, i.e. the socket adds no more than 5% to what the CLI
 *    itself costs). Skipped, with a note, when no `docker` binary is on PATH.
 * Prints a table and writes bench/results/latest.json.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiServer } from '../src/api/ApiServer';
import type { CommandIO } from '../src/cli/CommandIO';
import { DockerCli } from '../src/cli/DockerCli';
import { Emitter } from '../src/engine/Emitter';
import { Engine } from '../src/engine/Engine';
import { diffLayer, unionOf, type LayerChanges, type LayerEntry } from '../src/engine/fs/overlay';
import { seededRandom } from '../src/engine/util/seededRandom';
import type { InspectorSubject } from '../src/inspector/InspectorSubject';
import { LayerCache } from '../src/inspector/LayerCache';
import { layerChangeTree } from '../src/inspector/layerChangeTree';
import { LayerInspectorModel } from '../src/inspector/LayerInspectorModel';

const sink: CommandIO = {
  stdout: { write: () => undefined },
  stderr: { write: (text) => { throw new Error(`unexpected error output: ${text}`); } },
  stdin: { readLine: async () => null },
  isTTY: false,
  columns: 120,
  onInterrupt: new Emitter<void>().event,
};

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function newLab(): Promise<{ engine: Engine; cli: DockerCli }> {
  const engine = new Engine({ random: seededRandom(42), pullSecondsPerMegabyte: 0 });
  await engine.imagePull('nginx:1.28.0');
  return { engine, cli: new DockerCli(engine) };
}

/** A deterministic image of `files` files in nested directories, and a layer that changes 1,000 of them (100 deleted). */
function bigImage(files: number): { base: LayerChanges; top: LayerChanges; paths: string[] } {
  const base = new Map<string, LayerEntry>();
  const paths: string[] = [];
  for (let i = 0; i < files; i++) {
    const dir = `/usr/lib/pkg${i % 500}/sub${i % 7}`;
    for (let d = dir; d !== '/'; d = d.slice(0, d.lastIndexOf('/')) || '/') {
      if (!base.has(d)) base.set(d, { kind: 'dir', mode: 0o755 });
    }
    const file = `${dir}/file${i}.so`;
    base.set(file, { kind: 'file', mode: 0o644, size: 1000 + i });
    paths.push(file);
  }
  const top = new Map<string, LayerEntry>();
  for (let i = 0; i < 1000; i++) {
    const file = paths[(i * 49) % files];
    top.set(file, i % 10 === 0 ? { kind: 'whiteout' } : { kind: 'file', mode: 0o644, size: 7, content: 'changed' });
  }
  return { base, top, paths };
}

/** Where the HTTP message starting at `start` ends (head and body), or undefined while incomplete. */
function httpMessageEnd(data: Buffer, start: number, bodyless: boolean): number | undefined {
  const headEnd = data.indexOf('\r\n\r\n', start);
  if (headEnd < 0) return undefined;
  const head = data.subarray(start, headEnd).toString('latin1');
  const bodyStart = headEnd + 4;
  const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
  if (bodyless || status === '204' || status === '304' || status?.startsWith('1')) return bodyStart;
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) return data.length >= bodyStart + Number(length[1]) ? bodyStart + Number(length[1]) : undefined;
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) return bodyStart;
  // Chunked: size line, bytes, CRLF ... until the zero-size chunk and its final CRLF.
  for (let offset = bodyStart; ;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (size === 0) return data.length >= lineEnd + 4 ? lineEnd + 4 : undefined;
    offset = lineEnd + 2 + size + 2;
    if (offset > data.length) return undefined;
  }
}

/**
 * A socket that passes each connection through to `target`, recording the
 * bytes: afterwards, each request the client made (`HEAD /_ping`, ...) with
 * the exact bytes the server answered it with.
 */
async function recordingProxy(socket: string, target: string): Promise<{ close: () => Promise<Map<string, Buffer>> }> {
  const connections: { requests: Buffer[]; responses: Buffer[] }[] = [];
  const server = net.createServer((client) => {
    const record = { requests: [] as Buffer[], responses: [] as Buffer[] };
    connections.push(record);
    const upstream = net.connect(target);
    client.on('data', (chunk: Buffer) => { record.requests.push(chunk); upstream.write(chunk); });
    upstream.on('data', (chunk: Buffer) => { record.responses.push(chunk); client.write(chunk); });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const answers = new Map<string, Buffer>();
      for (const { requests, responses } of connections) {
        // Requests without bodies (GET, HEAD), answered in order on the connection.
        const sent = Buffer.concat(requests);
        const received = Buffer.concat(responses);
        let requestAt = 0;
        let responseAt = 0;
        while (requestAt < sent.length) {
          const requestEnd = httpMessageEnd(sent, requestAt, true);
          if (requestEnd === undefined) break;
          const [method, target] = sent.subarray(requestAt, requestEnd).toString('latin1').split(' ');
          const responseEnd = httpMessageEnd(received, responseAt, method === 'HEAD');
          if (responseEnd === undefined) throw new Error(`no complete answer recorded for ${method} ${target}`);
          answers.set(`${method} ${target}`, received.subarray(responseAt, responseEnd));
          requestAt = requestEnd;
          responseAt = responseEnd;
        }
      }
      return answers;
    },
  };
}

/** A socket that answers each request it recognises with the recorded bytes, at once (keep-alive honoured). */
async function replayServer(socket: string, answers: Map<string, Buffer>): Promise<net.Server> {
  const server = net.createServer((client) => {
    let pending = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let end = httpMessageEnd(pending, 0, true); end !== undefined; end = httpMessageEnd(pending, 0, true)) {
        const [method, target] = pending.subarray(0, end).toString('latin1').split(' ');
        pending = pending.subarray(end);
        const answer = answers.get(`${method} ${target}`);
        if (!answer) throw new Error(`the replay has no answer for ${method} ${target}`);
        client.write(answer);
      }
    });
    client.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return server;
}

/** One run of the real CLI: its wall time (spawn to exit) and what it printed. */
function timedCli(args: string[], env: Record<string, string>): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('docker', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0 || stderr !== '') reject(new Error(`docker ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms, stdout });
    });
  });
}

const onPath = (program: string) => (process.env.PATH ?? '').split(path.delimiter).some((directory) => {
  try {
    fs.accessSync(path.join(directory, program), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

/**
 * The real `docker ps -a` with 100 containers (half running, half exited
 * 137) on the lab's socket, and on a replay of the bytes the lab answered
 * the same requests with: alternating runs, medians. The replay costs the
 * CLI alone (spawn, TLS-free HTTP, parsing, formatting); the difference is
 * what the lab's socket adds.
 */
async function realCliAgainstReplay(results: Record<string, number>): Promise<void> {
  if (!onPath('docker')) {
    console.log('real CLI docker ps -a: skipped (no docker binary on PATH)');
    return;
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-lab-bench-'));
  try {
    const { engine } = await newLab();
    for (let i = 0; i < 100; i++) {
      const { Id } = engine.containerCreate({ Image: 'nginx:1.28.0' });
      engine.containerStart(Id);
      if (i % 2 === 1) engine.containerKill(Id);
    }
    const labSocket = path.join(directory, 'lab', 'docker.sock');
    const api = new ApiServer(engine, labSocket);
    await api.start();
    const config = path.join(directory, 'config');
    fs.mkdirSync(config);
    const envFor = (socket: string) => ({ PATH: process.env.PATH ?? '', HOME: directory, DOCKER_CONFIG: config, DOCKER_HOST: `unix://${socket}` });
    // Record what the CLI asks and what the lab answers, then serve exactly that from the replay.
    const proxySocket = path.join(directory, 'proxy.sock');
    const proxy = await recordingProxy(proxySocket, labSocket);
    const recorded = await timedCli(['ps', '-a'], envFor(proxySocket));
    const answers = await proxy.close();
    const replaySocket = path.join(directory, 'replay.sock');
    const replay = await replayServer(replaySocket, answers);
    const ids = (stdout: string) => stdout.split('\n').map((line) => line.split(' ')[0]).join(',');
    const replayed = await timedCli(['ps', '-a'], envFor(replaySocket));
    if (ids(replayed.stdout) !== ids(recorded.stdout) || recorded.stdout.split('\n').length !== 102) {
      throw new Error(`the replay does not print what the lab printed:\n${recorded.stdout}\n---\n${replayed.stdout}`);
    }
    const lab: number[] = [];
    const replayTimes: number[] = [];
    const rounds = 60;
    for (let i = 0; i < rounds + 2; i++) {
      // ABBA order, and two warm-up rounds left out.
      const order: [number[], string][] = i % 2 === 0 ? [[lab, labSocket], [replayTimes, replaySocket]] : [[replayTimes, replaySocket], [lab, labSocket]];
      for (const [times, socket] of order) {
        const { ms } = await timedCli(['ps', '-a'], envFor(socket));
        if (i >= 2) times.push(ms);
      }
    }
    await new Promise<void>((resolve) => replay.close(() => resolve()));
    await api.stop();
    const middle = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    results['real CLI docker ps -a, 100 containers: lab socket (median ms)'] = middle(lab);
    results['real CLI docker ps -a, 100 containers: replay of the lab\'s bytes (median ms)'] = middle(replayTimes);
    results['real CLI docker ps -a: lab / replay (ratio, target <= 1.05)'] = middle(lab) / middle(replayTimes);
    console.log(`real CLI docker ps -a: requests ${[...answers.keys()].join(', ')}; ${rounds} runs each`);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: Record<string, number> = {};
  {
    const { cli } = await newLab();
    for (let i = 0; i < 50; i++) await cli.run(['run', '-d', 'nginx:1.28.0'], sink);
    results['docker run -d nginx:1.28.0 (median ms)'] = await median(500, () => cli.run(['run', '-d', 'nginx:1.28.0'], sink));
  }
  {
    const { cli } = await newLab();
    for (let i = 0; i < 10; i++) await cli.run(['run', '-d', 'nginx:1.28.0'], sink);
    results['docker ps, 10 containers (median ms)'] = await median(500, () => cli.run(['ps'], sink));
  }
  for (const count of [100, 1000, 10000]) {
    const { engine, cli } = await newLab();
    for (let i = 0; i < count; i++) engine.containerStart(engine.containerCreate({ Image: 'nginx:1.28.0' }).Id);
    const runs = count >= 10000 ? 11 : count >= 1000 ? 51 : 201;
    results[`docker ps, ${count} containers (median ms)`] = await median(runs, () => cli.run(['ps'], sink));
  }
  {
    // Layers: the union and docker diff of a 50,000-file image, against a plain sort of its paths.
    const { base, top, paths } = bigImage(50_000);
    results['sort of 50,000 paths, the baseline (median ms)'] = await median(11, async () => [...paths].sort());
    results['union of 50,000 files + a 1,000-change layer (median ms)'] = await median(11, async () => unionOf([base, top]));
    const lower = unionOf([base]);
    results['docker diff of the 1,000-change layer (median ms)'] = await median(11, async () => diffLayer(lower, top));

    // The layer inspector on the same image with a COPY layer on top. Opening builds the union
    // of every layer (persistent trees: the ones above the base copy only what they change)
    // and the efficiency; switching layers then reuses them, and the view gets 100 rows.
    const app = new Map<string, LayerEntry>([['/app', { kind: 'dir', mode: 0o755 }], ['/app/server.js', { kind: 'file', mode: 0o644, size: 1234 }]]);
    const layers: LayerChanges[] = [base, top, app];
    const subject: InspectorSubject = {
      kind: 'image', name: 'big:latest', id: 'sha256:big',
      layers: layers.map((_, index) => ({ chainId: `chain${index}`, digest: `sha256:${String(index).repeat(64)}`, size: 0, createdBy: `RUN step ${index}`, created: '', sharedWith: [] })),
    };
    const files = (chainId: string) => layers[Number(chainId.slice('chain'.length))];
    results['inspector: open the 50,000-file image: unions, efficiency, first rows (median ms)'] = await median(11, async () => {
      const model = new LayerInspectorModel(subject, new LayerCache(files));
      model.summary();
      model.rows(0, 100);
    });
    const cache = new LayerCache(files);
    const baseUnion = cache.union(subject.layers.map((layer) => layer.chainId), 0);
    results['inspector: first visit of the 1,000-change layer: its change tree (median ms)'] = await median(11, async () => layerChangeTree(top, baseUnion, 1));
    const model = new LayerInspectorModel(subject, cache);
    model.summary();
    let next = 0;
    results['inspector: switch layer, its changes, first rows (median ms)'] = await median(101, async () => {
      model.selectLayer(next++ % layers.length);
      model.rows(0, 100);
    });
    model.setMode('union');
    model.toggle('/usr', true);
    model.toggle('/usr/lib', true);
    results['inspector: switch layer, the union with /usr/lib open (500 dirs) (median ms)'] = await median(101, async () => {
      model.selectLayer(next++ % layers.length);
      model.rows(0, 100);
    });
    results['inspector: filter the 50,000-file union by path (median ms)'] = await median(11, async () => {
      model.setFilter(`pkg4${next++ % 10}/`);
      model.rows(0, 100);
    });
  }
  const memory = process.memoryUsage();
  results['heap used after the runs (MB)'] = Math.round(memory.heapUsed / 1e6);
  // After the heap figure, which stays the in-process runs' alone.
  await realCliAgainstReplay(results);

  const width = Math.max(...Object.keys(results).map((k) => k.length));
  for (const [name, value] of Object.entries(results)) {
    console.log(`${name.padEnd(width)}  ${value.toFixed(3)}`);
  }
  const perContainer = [100, 1000, 10000].map((n) => results[`docker ps, ${n} containers (median ms)`] / n);
  console.log(`ps cost per container (ms): ${perContainer.map((x) => x.toFixed(4)).join(' / ')} (linear growth keeps these close)`);
  const sortBaseline = results['sort of 50,000 paths, the baseline (median ms)'];
  console.log(`inspector: opening costs ${(results['inspector: open the 50,000-file image: unions, efficiency, first rows (median ms)'] / sortBaseline).toFixed(1)} sorts of its paths; a layer switch ${(results['inspector: switch layer, its changes, first rows (median ms)'] / sortBaseline).toFixed(4)}`);
  const dir = path.join(__dirname, '..', '..', 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
