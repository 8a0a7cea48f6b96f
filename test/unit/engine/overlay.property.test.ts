import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FsNode, LayerChanges, UnionView } from '../../../src/engine/fs/overlay';
import { diffLayer, FsError, isWithin, lookup, normalizePath, parentOf, unionOf, WritableLayer } from '../../../src/engine/fs/overlay';

// Overlay semantics, checked on random stacks of layers. Each layer is what a
// container's writable layer holds after random writes, mkdirs and removals
// on top of the layers below: the way every image layer is made (a build
// step runs in a container and is committed).

type Op = { op: 'write'; path: string; content: string } | { op: 'mkdir'; path: string } | { op: 'rm'; path: string };

const segment = fc.constantFrom('a', 'b', 'c', 'etc', 'x.conf');
const pathArb = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('write' as const), path: pathArb, content: fc.constantFrom('', 'one\n', 'two\n', 'server {}\n') }),
  fc.record({ op: fc.constant('mkdir' as const), path: pathArb }),
  fc.record({ op: fc.constant('rm' as const), path: pathArb }),
);
const stackArb = fc.array(fc.array(opArb, { maxLength: 12 }), { minLength: 1, maxLength: 4 });

/** Runs ops in a container over `lower`; ops the filesystem refuses (ENOENT, EEXIST, ...) change nothing. */
function container(lower: UnionView, ops: readonly Op[]): WritableLayer {
  const layer = new WritableLayer(lower);
  for (const op of ops) {
    try {
      if (op.op === 'write') layer.writeFile(op.path, op.content);
      else if (op.op === 'mkdir') layer.mkdir(op.path, { parents: true });
      else layer.remove(op.path, { recursive: true });
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  }
  return layer;
}

/** Builds the stack bottom up; returns the layers and the last container's own view of its files. */
function build(stack: readonly (readonly Op[])[]): { layers: LayerChanges[]; last: WritableLayer } {
  const layers: LayerChanges[] = [];
  let last = container(unionOf([]), []);
  for (const ops of stack) {
    last = container(unionOf(layers), ops);
    layers.push(new Map(last.changes));
  }
  return { layers, last };
}

const sameNode = (a: FsNode | undefined, b: FsNode | undefined) =>
  a?.kind === b?.kind && (a?.kind !== 'file' || (b?.kind === 'file' && a.content === b.content));

suite('engine: overlay layers (property tests)', () => {
  test('the union of the layers is what the container saw while making the top one (commit keeps it)', () => {
    fc.assert(fc.property(stackArb, fc.array(pathArb, { maxLength: 20 }), (stack, probes) => {
      const { layers, last } = build(stack);
      const union = unionOf(layers);
      // The container reads through its layer into the image's union without building one.
      for (const path of [...union.keys(), ...probes]) {
        assert.deepEqual(last.get(path), union.get(path), `get(${path})`);
        const children = union.get(path)?.kind === 'dir'
          ? [...union.keys()].filter((key) => key !== '/' && key !== path && parentOf(key) === path).map((key) => key.slice(key.lastIndexOf('/') + 1)).sort()
          : undefined;
        assert.deepEqual(last.list(path), children, `list(${path})`);
      }
      assert.deepEqual(sortedEntries(union), sortedEntries(last.union));
    }), { numRuns: 300 });
  });

  test('looking a path up top down agrees with applying the layers in order', () => {
    fc.assert(fc.property(stackArb, fc.array(pathArb, { maxLength: 20 }), (stack, probes) => {
      const { layers } = build(stack);
      const union = unionOf(layers);
      for (const path of [...union.keys(), ...probes]) {
        assert.deepEqual(lookup(layers, path), union.get(path), `lookup(${path})`);
      }
    }), { numRuns: 300 });
  });

  test('a whiteout hides the path and everything below it', () => {
    fc.assert(fc.property(stackArb, (stack) => {
      const { layers } = build(stack);
      const union = unionOf(layers);
      const top = layers[layers.length - 1];
      for (const [path, entry] of top) {
        if (entry.kind !== 'whiteout') continue;
        assert.ok(![...union.keys()].some((key) => isWithin(key, path)), `${path} is whited out but shows`);
      }
    }), { numRuns: 300 });
  });

  test('docker diff of the top layer reports exactly what changed between the unions', () => {
    fc.assert(fc.property(stackArb, (stack) => {
      const { layers } = build(stack);
      const before = unionOf(layers.slice(0, -1));
      const after = unionOf(layers);
      const diff = diffLayer(before, layers[layers.length - 1]);
      const kindOf = new Map(diff.map((change) => [change.path, change.kind]));
      for (const [path, node] of after) {
        if (!before.has(path)) assert.equal(kindOf.get(path), 'A', `${path} was added`);
        else if (!sameNode(before.get(path), node)) assert.equal(kindOf.get(path), 'C', `${path} changed`);
      }
      for (const path of before.keys()) {
        if (after.has(path)) continue;
        // Deleted itself (D), or below a directory that became a file or link, or was removed and made
        // again (opaque): a C on that directory, as overlay2's diff reads the writable layer.
        const top = layers[layers.length - 1];
        const reported = diff.some((change) => isWithin(path, change.path)
          && (change.kind === 'D' || (change.kind === 'C' && change.path !== path
            && (after.get(change.path)?.kind !== 'dir' || (top.get(change.path) as { opaque?: boolean } | undefined)?.opaque === true))));
        assert.ok(reported, `${path} was deleted but nothing in the diff covers it`);
      }
      for (const change of diff) {
        if (change.kind === 'A') assert.ok(!before.has(change.path) && after.has(change.path));
        if (change.kind === 'D') assert.ok(before.has(change.path) && !after.has(change.path));
        // C: changed, or a directory copied up because something inside it changed.
        if (change.kind === 'C') assert.ok(before.has(change.path) && after.has(change.path));
      }
    }), { numRuns: 300 });
  });
});

suite('engine: overlay layers (cases)', () => {
  const image = () => {
    const base = container(unionOf([]), [
      { op: 'mkdir', path: '/etc/nginx/conf.d' },
      { op: 'write', path: '/etc/nginx/conf.d/default.conf', content: 'server {}\n' },
      { op: 'write', path: '/etc/os-release', content: 'ID=debian\n' },
      { op: 'mkdir', path: '/usr/share/nginx/html' },
      { op: 'write', path: '/usr/share/nginx/html/index.html', content: '<h1>Welcome to nginx!</h1>\n' },
    ]);
    return [new Map(base.changes)];
  };

  test('docker diff after echo > index.html, touch /tmp/x, rm default.conf: C for copied-up dirs, A, D', () => {
    const layers = image();
    const lower = unionOf(layers);
    const rw = new WritableLayer(lower);
    rw.writeFile('/usr/share/nginx/html/index.html', 'hi\n');
    rw.mkdir('/tmp', { parents: true });
    rw.writeFile('/tmp/x', '');
    rw.remove('/etc/nginx/conf.d/default.conf');
    assert.deepEqual(diffLayer(lower, rw.changes).map((c) => `${c.kind} ${c.path}`), [
      'C /etc', 'C /etc/nginx', 'C /etc/nginx/conf.d', 'D /etc/nginx/conf.d/default.conf',
      'A /tmp', 'A /tmp/x',
      'C /usr', 'C /usr/share', 'C /usr/share/nginx', 'C /usr/share/nginx/html', 'C /usr/share/nginx/html/index.html',
    ]);
  });

  test('rm -r of an image directory then mkdir: an opaque directory, the old files stay hidden', () => {
    const layers = image();
    const rw = new WritableLayer(unionOf(layers));
    rw.remove('/etc/nginx', { recursive: true });
    rw.mkdir('/etc/nginx');
    assert.deepEqual(rw.changes.get('/etc/nginx'), { kind: 'dir', mode: 0o755, opaque: true });
    const union = unionOf([...layers, rw.changes]);
    assert.equal(union.get('/etc/nginx/conf.d'), undefined);
    assert.equal(lookup([...layers, rw.changes], '/etc/nginx/conf.d/default.conf'), undefined);
  });

  test('the filesystem says no as the kernel does', () => {
    const rw = new WritableLayer(unionOf(image()));
    const code = (fn: () => void) => {
      try {
        fn();
        return 'ok';
      } catch (error) {
        return (error as FsError).code;
      }
    };
    assert.equal(code(() => rw.writeFile('/nope/file', '')), 'ENOENT');
    assert.equal(code(() => rw.writeFile('/etc/os-release/x', '')), 'ENOTDIR');
    assert.equal(code(() => rw.writeFile('/etc', '')), 'EISDIR');
    assert.equal(code(() => rw.mkdir('/etc')), 'EEXIST');
    assert.equal(code(() => rw.remove('/etc/nginx')), 'ENOTEMPTY');
    assert.equal(code(() => rw.remove('/missing')), 'ENOENT');
    assert.equal(code(() => rw.mkdir('/etc', { parents: true })), 'ok');
  });

  test('paths normalise as the kernel reads them', () => {
    assert.equal(normalizePath('etc//nginx/./conf.d/'), '/etc/nginx/conf.d');
    assert.equal(normalizePath('/'), '/');
  });
});

function sortedEntries(view: ReadonlyMap<string, FsNode>): [string, FsNode][] {
  return [...view.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}
