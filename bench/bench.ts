/**
 * `npm run bench`: how fast the lab answers, in process.
 *  - median latency of `docker run -d nginx:1.28.0` and `docker ps` (target: under 1 ms, i.e.
 *    at least 100x faster than real `docker ps`, which takes 8-12 ms);
 *  - `docker ps` with 100 / 1,000 / 10,000 running containers (target: grows linearly);
 *  - the union and `docker diff` of a 50,000-file image with a 1,000-change layer on top,
 *    beside a plain sort of the same paths as the baseline (the layer inspector's work);
 *  - the layer inspector's model on that image (+ a small COPY layer): opening it (the
 *    unions of all layers, the efficiency, the first rows), switching layers, filtering.
 * Prints a table and writes bench/results/latest.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
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
