import * as assert from 'node:assert';
import { ManualClock } from '../../../src/engine/Clock';
import { Engine } from '../../../src/engine/Engine';
import { diffLayer, unionOf, WritableLayer, type FsNode, type LayerChanges, type LayerEntry } from '../../../src/engine/fs/overlay';
import { seededRandom } from '../../../src/engine/util/seededRandom';
import { inspectorSubject, type InspectorSubject } from '../../../src/inspector/InspectorSubject';
import { LayerCache } from '../../../src/inspector/LayerCache';
import { layerInstruction, LayerInspectorModel, type TreeRow } from '../../../src/inspector/LayerInspectorModel';
import { nodeAt } from '../../../src/inspector/unionTree';

// The layer inspector's model: the stack of an image or container, the
// selected layer's changes or union as rows, filters, sorting, folding and
// wasted space, on the lab's real nginx:1.28.0 and on hand-made images.

async function lab(...images: string[]): Promise<Engine> {
  const clock = new ManualClock();
  const engine = new Engine({ clock, random: seededRandom(5), pullSecondsPerMegabyte: 0 });
  for (const image of images) await clock.settle(engine.imagePull(image));
  return engine;
}

function modelOf(engine: Engine, kind: 'image' | 'container', reference: string): LayerInspectorModel {
  const subject = inspectorSubject(engine, { kind, reference });
  assert.ok(subject, `${kind} ${reference} exists`);
  return new LayerInspectorModel(subject, new LayerCache((chainId) => engine.layerFiles(chainId)));
}

/** `A /etc/nginx` lines of the rows that carry a mark. */
const marked = (rows: readonly TreeRow[]) => rows.filter((row) => row.mark).map((row) => `${row.mark} ${row.path}`);

/** Opens every directory (small trees only). */
function expandAll(model: LayerInspectorModel): TreeRow[] {
  for (let guard = 0; guard < 10_000; guard++) {
    const closed = model.rows().find((row) => row.expandable && !row.expanded);
    if (!closed) return model.rows();
    model.toggle(closed.path, true);
  }
  throw new Error('too many directories');
}

const file = (size: number): LayerEntry => ({ kind: 'file', mode: 0o644, size });
const dir: LayerEntry = { kind: 'dir', mode: 0o755 };

/** An image made of hand-written layers (chain ids `c0`, `c1`, …). */
function handMade(layers: LayerChanges[]): { subject: InspectorSubject; files: (chainId: string) => LayerChanges } {
  return {
    subject: {
      kind: 'image', name: 'hand:made', id: 'sha256:hand',
      layers: layers.map((_, index) => ({ chainId: `c${index}`, digest: `sha256:${String(index).repeat(64)}`, size: 0, createdBy: `RUN step ${index}`, created: '', sharedWith: [] })),
    },
    files: (chainId) => layers[Number(chainId.slice(1))],
  };
}

suite('inspector: the layer inspector model', () => {
  test('nginx:1.28.0 is seven layers, bottom first, with the digests docker pull prints and the instructions without "# buildkit"', async () => {
    const engine = await lab('nginx:1.28.0');
    const model = modelOf(engine, 'image', 'nginx:1.28.0');
    const layers = model.layers();
    assert.deepStrictEqual(layers.map((layer) => layer.shortDigest), [
      'ae4ce04d0e1c', '049fab013ee9', '7f0da823c3c6', 'e92ea34e4fd2', 'd9cafe4fb0f5', '276a6b624459', '9aec91fa40af',
    ]);
    assert.deepStrictEqual(layers.map((layer) => layer.index), [0, 1, 2, 3, 4, 5, 6]);
    assert.deepStrictEqual(layers.slice(2).map((layer) => layer.instruction), [
      'COPY docker-entrypoint.sh /',
      'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d',
      'COPY 15-local-resolvers.envsh /docker-entrypoint.d',
      'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d',
      'COPY 30-tune-worker-processes.sh /docker-entrypoint.d',
    ]);
    assert.match(layers[1].instruction, /^RUN set -x && groupadd --system --gid 101 nginx && useradd /, 'one line, whitespace collapsed');
    assert.deepStrictEqual(layers.map((layer) => layer.size), engine.imageLayers('nginx:1.28.0').map((layer) => layer.size));
    assert.ok(layers.every((layer) => !layer.writable && layer.sharedWith.length === 0), 'no other image holds these layers');
    const summary = model.summary();
    assert.strictEqual(summary.imageSize, layers.reduce((sum, layer) => sum + layer.size, 0));
    assert.strictEqual(summary.name, 'nginx:1.28.0');
    assert.strictEqual(model.selectedLayer, 6, 'the top layer is selected first');
  });

  test('instructions: BuildKit\'s comment and the legacy builder\'s wrapping come off', () => {
    const cases: [string, string][] = [
      ['COPY docker-entrypoint.sh / # buildkit', 'COPY docker-entrypoint.sh /'],
      ['RUN /bin/sh -c apt-get update \t&& apt-get install -y curl # buildkit', 'RUN /bin/sh -c apt-get update && apt-get install -y curl'],
      ['/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon off;"]', 'CMD ["nginx" "-g" "daemon off;"]'],
      ['/bin/sh -c #(nop) ADD file:abc in / ', 'ADD file:abc in /'],
      ['/bin/sh -c apt-get update', 'RUN /bin/sh -c apt-get update'],
      ['', ''],
    ];
    for (const [createdBy, expected] of cases) assert.strictEqual(layerInstruction(createdBy), expected, createdBy);
  });

  test('a layer that other local images hold lists them (same chain id), and only them', async () => {
    const engine = await lab('nginx:alpine', 'alpine:latest', 'nginx:1.28.0');
    const model = modelOf(engine, 'image', 'nginx:alpine');
    const layers = model.layers();
    assert.deepStrictEqual(layers[0].sharedWith, ['alpine:latest'], 'the Alpine base');
    assert.ok(layers.slice(1).every((layer) => layer.sharedWith.length === 0));
  });

  test('a COPY layer\'s changes: its directory existed below (C), its file is new (A); small layers open by themselves', async () => {
    const engine = await lab('nginx:1.28.0');
    const model = modelOf(engine, 'image', 'nginx:1.28.0');
    model.selectLayer(3);
    assert.deepStrictEqual(model.rows().map((row) => `${row.mark} ${row.path} ${row.size} ${row.depth} ${row.parent}`), [
      'C /docker-entrypoint.d 2483 0 -1',
      'A /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh 2483 1 0',
    ]);
    model.selectLayer(2);
    assert.deepStrictEqual(marked(model.rows()), ['A /docker-entrypoint.sh']);
    // The bottom layer adds everything it holds (its tree is its union, not built twice).
    model.selectLayer(0);
    model.toggle('/etc', true);
    const base = model.rows();
    assert.ok(base.length > 20 && base.every((row) => row.mark === 'A'), 'every entry of the base layer is A');
    model.setMode('union');
    assert.ok(model.rows().every((row) => row.mark === 'A'), 'in the union of the base layer too');
  });

  test('the RUN layer that installs nginx: /etc/nginx is new, /etc/passwd was there and is changed; big layers start folded', async () => {
    const engine = await lab('nginx:1.28.0');
    const model = modelOf(engine, 'image', 'nginx:1.28.0');
    model.selectLayer(1);
    const top = model.rows();
    assert.ok(top.every((row) => row.depth === 0 && !row.expanded), 'folded');
    assert.deepStrictEqual(top.map((row) => row.name), ['docker-entrypoint.d', 'etc', 'usr', 'var'], 'sorted by name');
    model.toggle('/etc');
    const etc = model.rows().filter((row) => row.parent === model.indexOf('/etc'));
    const marks = new Map(etc.map((row) => [row.name, row.mark]));
    assert.strictEqual(marks.get('nginx'), 'A');
    assert.strictEqual(marks.get('passwd'), 'C');
    assert.strictEqual(model.rows().find((row) => row.path === '/etc')?.mark, 'C');
    // Every entry of the layer is in the tree, marked A or C against the union below.
    const all = expandAll(model);
    const files = engine.layerFiles(engine.imageLayers('nginx:1.28.0')[1].chainId);
    const below = unionOf([engine.layerFiles(engine.imageLayers('nginx:1.28.0')[0].chainId)]);
    assert.deepStrictEqual(marked(all).sort(), [...files.keys()].filter((path) => path !== '/').map((path) => `${below.has(path) ? 'C' : 'A'} ${path}`).sort());
  });

  test('the union toggle: everything up to the layer, the layer\'s own changes marked in it, each entry from the layer that wrote it', async () => {
    const engine = await lab('nginx:1.28.0');
    const model = modelOf(engine, 'image', 'nginx:1.28.0');
    model.selectLayer(3);
    model.setMode('union');
    const top = model.rows();
    const names = top.map((row) => row.name);
    for (const name of ['bin', 'docker-entrypoint.d', 'docker-entrypoint.sh', 'etc', 'usr', 'var']) assert.ok(names.includes(name), name);
    const byName = new Map(top.map((row) => [row.name, row]));
    assert.strictEqual(byName.get('docker-entrypoint.sh')?.layer, 2);
    assert.strictEqual(byName.get('docker-entrypoint.sh')?.mark, undefined, 'layer 2 wrote it, not layer 3');
    assert.strictEqual(byName.get('docker-entrypoint.d')?.mark, 'C');
    assert.strictEqual(byName.get('bin')?.kind, 'symlink', 'Debian\'s merged /usr: /bin -> usr/bin');
    assert.strictEqual(byName.get('bin')?.target, 'usr/bin');
    model.toggle('/docker-entrypoint.d');
    assert.deepStrictEqual(model.rows().filter((row) => row.depth === 1).map((row) => `${row.mark ?? '-'} ${row.name}`), ['A 10-listen-on-ipv6-by-default.sh']);
    // Layer 6: the directory holds all four scripts now; only the last is that layer's.
    model.selectLayer(6);
    assert.deepStrictEqual(model.rows().filter((row) => row.depth === 1).map((row) => `${row.mark ?? '-'} ${row.name} L${row.layer}`), [
      '- 10-listen-on-ipv6-by-default.sh L3', '- 15-local-resolvers.envsh L4', '- 20-envsubst-on-templates.sh L5', 'A 30-tune-worker-processes.sh L6',
    ]);
    model.setMode('layer');
    assert.deepStrictEqual(marked(model.rows()), ['C /docker-entrypoint.d', 'A /docker-entrypoint.d/30-tune-worker-processes.sh']);
  });

  test('directory sizes are the bytes of the files below them, in the union and in a layer', async () => {
    const engine = await lab('nginx:1.28.0');
    const model = modelOf(engine, 'image', 'nginx:1.28.0');
    const chain = engine.imageLayers('nginx:1.28.0').map((layer) => layer.chainId);
    const union = unionOf(chain.map((chainId) => engine.layerFiles(chainId)));
    const bytesBelow = (view: ReadonlyMap<string, FsNode | LayerEntry>, path: string) =>
      [...view].filter(([key, node]) => key.startsWith(`${path}/`) && node.kind === 'file').reduce((sum, [, node]) => sum + (node as { size: number }).size, 0);
    model.setMode('union');
    for (const row of model.rows().filter((r) => r.kind === 'dir')) {
      assert.strictEqual(row.size, bytesBelow(union, row.path), row.path);
    }
    model.setMode('layer');
    model.selectLayer(1);
    const layer = engine.layerFiles(chain[1]);
    for (const row of model.rows().filter((r) => r.kind === 'dir')) assert.strictEqual(row.size, bytesBelow(layer, row.path), row.path);
    assert.strictEqual(model.viewRoot().size, bytesBelow(layer, ''));
  });

  test('filter by path substring (case-insensitive) keeps the matches and the directories on their way; by mark too', async () => {
    const engine = await lab('nginx:1.28.0');
    const model = modelOf(engine, 'image', 'nginx:1.28.0');
    model.selectLayer(1);
    model.setFilter('NGINX');
    const rows = model.rows();
    const chain = engine.imageLayers('nginx:1.28.0').map((layer) => layer.chainId);
    const expected = [...engine.layerFiles(chain[1]).keys()].filter((path) => path.toLowerCase().includes('nginx')).sort();
    assert.deepStrictEqual(rows.filter((row) => row.path.includes('nginx')).map((row) => row.path).sort(), expected, 'every match, opened');
    for (const row of rows.filter((r) => !r.path.includes('nginx'))) {
      assert.ok(rows.some((other) => other.path.startsWith(`${row.path}/`) && other.path.includes('nginx')), `${row.path} leads to a match`);
    }
    model.setFilter('');
    model.setKinds(['C']);
    const changed = model.rows();
    assert.ok(changed.length > 0 && changed.every((row) => row.mark === 'C' || row.mark === undefined), 'only C rows');
    model.setKinds(['D']);
    assert.strictEqual(model.rowCount, 0, 'this layer removes nothing');
    model.setKinds(['A']);
    const added = model.rows();
    assert.ok(added.some((row) => row.path === '/etc/nginx/nginx.conf'));
    for (const row of added.filter((r) => r.mark !== 'A')) {
      assert.ok(added.some((other) => other.parent === row.index), `${row.path} (${row.mark}) is shown only on the way to an added entry`);
    }
    assert.deepStrictEqual(model.filter, { text: '', kinds: ['A'] });
  });

  test('sort by size puts the biggest entries first in each directory; by name is byte order', async () => {
    const engine = await lab('nginx:1.28.0');
    const model = modelOf(engine, 'image', 'nginx:1.28.0');
    model.selectLayer(1);
    model.setFilter('/usr/lib/nginx');
    model.setSort('size');
    const rows = model.rows();
    const siblings = rows.filter((row) => row.parent === model.indexOf('/usr/lib/nginx/modules'));
    assert.ok(siblings.length >= 6);
    for (let i = 1; i < siblings.length; i++) assert.ok(siblings[i - 1].size >= siblings[i].size, `${siblings[i - 1].name} before ${siblings[i].name}`);
    assert.strictEqual(siblings[0].name, 'ngx_http_js_module.so');
    model.setSort('name');
    const names = model.rows().filter((row) => row.parent === model.indexOf('/usr/lib/nginx/modules')).map((row) => row.name);
    assert.deepStrictEqual(names, [...names].sort());
  });

  test('folding: toggle opens and closes, a window of rows is what is asked for, parents are indexed', async () => {
    const engine = await lab('nginx:1.28.0');
    const model = modelOf(engine, 'image', 'nginx:1.28.0');
    model.selectLayer(0);
    const before = model.rowCount;
    model.toggle('/etc');
    const opened = model.rowCount;
    assert.ok(opened > before);
    const window = model.rows(3, 5);
    assert.deepStrictEqual(window.map((row) => row.index), [3, 4, 5, 6, 7]);
    for (const row of model.rows().filter((r) => r.depth === 1)) assert.strictEqual(model.rows()[row.parent].path, '/etc');
    model.toggle('/etc', true);
    assert.strictEqual(model.rowCount, opened, 'opening an open directory changes nothing');
    model.toggle('/etc');
    assert.strictEqual(model.rowCount, before);
    assert.deepStrictEqual(model.rows(before - 1, 10).length, 1, 'the window ends with the tree');
  });

  test('switching layers does not rebuild the image: unions are cached per chain id and share what a layer did not touch', async () => {
    const engine = await lab('nginx:1.28.0');
    const cache = new LayerCache((chainId) => engine.layerFiles(chainId));
    const chain = engine.imageLayers('nginx:1.28.0').map((layer) => layer.chainId);
    const top = cache.union(chain, 6);
    assert.strictEqual(cache.union(chain, 6), top, 'cached');
    assert.strictEqual(nodeAt(cache.union(chain, 5), '/usr'), nodeAt(top, '/usr'), 'a COPY into /docker-entrypoint.d shares /usr with the layer below');
    assert.notStrictEqual(nodeAt(cache.union(chain, 5), '/docker-entrypoint.d'), nodeAt(top, '/docker-entrypoint.d'));
    assert.strictEqual(nodeAt(cache.union(chain, 5), '/docker-entrypoint.d')?.count, 3, 'the tree below is not changed');
    assert.strictEqual(nodeAt(top, '/docker-entrypoint.d')?.count, 4);
  });

  test('efficiency: a file overwritten twice and one removed waste their superseded copies, each once (dive counts every copy: wagoodman/dive#684)', () => {
    const { subject, files } = handMade([
      new Map([['/app', dir], ['/app/big.bin', file(1000)], ['/app/config.json', file(100)], ['/tmp', dir], ['/tmp/cache.tar', file(500)]]),
      new Map<string, LayerEntry>([['/app', dir], ['/app/big.bin', file(1200)], ['/app/new.txt', file(10)], ['/tmp', dir], ['/tmp/cache.tar', { kind: 'whiteout' }]]),
      new Map([['/app', dir], ['/app/big.bin', file(1300)]]),
    ]);
    const model = LayerInspectorModel.of(subject, files);
    const { efficiency } = model.summary();
    assert.strictEqual(efficiency.totalBytes, 1000 + 100 + 500 + 1200 + 10 + 1300);
    assert.strictEqual(efficiency.wastedBytes, 1000 + 1200 + 500, 'the copies in layers 0 and 1 of big.bin, and cache.tar; not the copy containers read');
    assert.strictEqual(efficiency.score, 1 - 2700 / 4110);
    assert.deepStrictEqual(efficiency.files.map((f) => [f.path, f.wastedBytes, f.copies.map((c) => `${c.layer}->${c.by} ${c.fate}`)]), [
      ['/app/big.bin', 2200, ['0->1 overwritten', '1->2 overwritten']],
      ['/tmp/cache.tar', 500, ['0->1 removed']],
    ]);
    // The removal shows in layer 1 as D, with the size it took, struck from the directory's total.
    model.selectLayer(1);
    const rows = expandAll(model);
    assert.deepStrictEqual(rows.map((row) => `${row.mark} ${row.path} ${row.size}`), [
      'C /app 1210', 'C /app/big.bin 1200', 'A /app/new.txt 10', 'C /tmp 0', 'D /tmp/cache.tar 500',
    ]);
    // In the union it is gone, but the layer's removal is still shown where it was.
    model.setMode('union');
    model.toggle('/tmp', true);
    assert.deepStrictEqual(model.rows().filter((row) => row.path.startsWith('/tmp')).map((row) => `${row.mark} ${row.path}`), ['C /tmp', 'D /tmp/cache.tar']);
  });

  test('removing a directory wastes every file below it; an image without waste scores 1', () => {
    const { subject, files } = handMade([
      new Map([['/var', dir], ['/var/cache', dir], ['/var/cache/apt', dir], ['/var/cache/apt/a.deb', file(300)], ['/var/cache/apt/b.deb', file(200)]]),
      new Map<string, LayerEntry>([['/var', dir], ['/var/cache', dir], ['/var/cache/apt', { kind: 'whiteout' }]]),
    ]);
    const { efficiency } = LayerInspectorModel.of(subject, files).summary();
    assert.strictEqual(efficiency.wastedBytes, 500);
    assert.deepStrictEqual(efficiency.files.map((f) => f.path), ['/var/cache/apt/a.deb', '/var/cache/apt/b.deb']);
    const clean = handMade([new Map([['/a', file(5)]]), new Map([['/b', file(7)]])]);
    assert.deepStrictEqual(LayerInspectorModel.of(clean.subject, clean.files).summary().efficiency, { totalBytes: 12, wastedBytes: 0, score: 1, files: [] });
  });

  test('a container: the image\'s layers and the writable layer on top, marked exactly as docker diff prints it', async () => {
    const engine = await lab('nginx:1.28.0');
    const { Id } = engine.containerCreate({ Image: 'nginx:1.28.0', Cmd: ['sleep', '1000'] }, 'web');
    engine.containerStart(Id);
    const text = (content: string): FsNode => ({ kind: 'file', mode: 0o644, size: content.length, content });
    engine.containerPutArchive(Id, '/usr/share/nginx/html', [['index.html', text('<h1>mine</h1>\n')], ['new', { kind: 'dir', mode: 0o755 }], ['new/a.txt', text('a\n')]]);
    engine.containerPutArchive(Id, '/tmp', [['hello.txt', text('hello\n')]]);
    const model = modelOf(engine, 'container', 'web');
    const layers = model.layers();
    assert.strictEqual(layers.length, 8);
    assert.deepStrictEqual(layers.slice(0, 7).map((layer) => layer.shortDigest), modelOf(engine, 'image', 'nginx:1.28.0').layers().map((layer) => layer.shortDigest));
    assert.ok(layers[7].writable);
    assert.strictEqual(layers[7].size, 14 + 2 + 6);
    assert.strictEqual(model.selectedLayer, 7, 'the writable layer is selected first');
    const diff = engine.containerChanges(Id).map((change) => `${'CAD'[change.Kind]} ${change.Path}`);
    assert.deepStrictEqual(marked(model.rows()), diff, 'the same lines, in the same order');
    // In the union, showing only changed entries, the same marks.
    model.setMode('union');
    model.setKinds(['A', 'C', 'D']);
    assert.deepStrictEqual(marked(model.rows()), diff);
    const summary = model.summary();
    assert.strictEqual(summary.kind, 'container');
    assert.strictEqual(summary.writableSize, 22);
    assert.strictEqual(summary.image, 'nginx:1.28.0');
    // The image's own waste (nginx's install step rewrites the base's /etc/passwd and dpkg status) plus the page the container hides.
    const wasted = summary.efficiency.files.map((f) => f.path);
    assert.ok(wasted.includes('/usr/share/nginx/html/index.html'), 'the image\'s index.html is hidden by the container\'s');
    assert.deepStrictEqual(wasted.filter((path) => path.startsWith('/usr/')), ['/usr/share/nginx/html/index.html']);
    assert.ok(wasted.includes('/etc/passwd') && wasted.includes('/var/lib/dpkg/status'));
  });

  test('a container that removes files: D where docker diff says D, with what was removed', () => {
    const image = [new Map<string, LayerEntry>([
      ['/etc', dir], ['/etc/nginx', dir], ['/etc/nginx/conf.d', dir], ['/etc/nginx/conf.d/default.conf', file(1093)], ['/etc/nginx/nginx.conf', file(644)],
      ['/usr', dir], ['/usr/share', dir], ['/usr/share/doc', dir], ['/usr/share/doc/a', file(10)], ['/usr/share/doc/b', file(20)],
    ])];
    const writable = new WritableLayer(unionOf(image));
    writable.remove('/etc/nginx/conf.d/default.conf');
    writable.remove('/usr/share/doc', { recursive: true });
    writable.writeFile('/etc/nginx/nginx.conf', 'events {}\n');
    writable.mkdir('/srv/www', { parents: true });
    writable.writeFile('/srv/www/index.html', 'hi\n');
    const diff = diffLayer(unionOf(image), writable.changes);
    const { subject, files } = handMade(image);
    const container: InspectorSubject = {
      ...subject, kind: 'container', name: 'web', image: 'hand:made',
      writable: { files: writable.changes, changes: diff.map((change) => ({ Path: change.path, Kind: ({ C: 0, A: 1, D: 2 } as const)[change.kind] })) },
    };
    const model = LayerInspectorModel.of(container, files);
    const rows = model.rows();
    assert.deepStrictEqual(marked(rows), diff.map((change) => `${change.kind} ${change.path}`));
    const doc = rows.find((row) => row.path === '/usr/share/doc');
    assert.deepStrictEqual([doc?.mark, doc?.size, doc?.count, doc?.expandable], ['D', 30, 2, false], 'a removed directory is one row: what it held is gone');
    assert.strictEqual(model.summary().efficiency.wastedBytes, 1093 + 644 + 30);
  });

  test('the engine changes under an open inspector: a container writes a file, the rows follow and the view keeps its place', async () => {
    const engine = await lab('nginx:1.28.0');
    const { Id } = engine.containerCreate({ Image: 'nginx:1.28.0', Cmd: ['sleep', '1000'] }, 'web');
    engine.containerStart(Id);
    const model = modelOf(engine, 'container', 'web');
    assert.strictEqual(model.rowCount, 0, 'a fresh container has changed nothing');
    model.setSort('size');
    engine.containerPutArchive(Id, '/tmp', [['note.txt', { kind: 'file', mode: 0o644, size: 3, content: 'hi\n' }]]);
    model.update(inspectorSubject(engine, { kind: 'container', reference: 'web' }) as InspectorSubject);
    assert.deepStrictEqual(marked(model.rows()), ['C /tmp', 'A /tmp/note.txt']);
    assert.strictEqual(model.sort, 'size');
    assert.strictEqual(model.selectedLayer, 7);
  });
});
