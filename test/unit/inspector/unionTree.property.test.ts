import * as assert from 'node:assert';
import fc from 'fast-check';
import { efficiency, layerBytes, supersededCopies } from '../../../src/inspector/efficiency';
import { layerChangeTree } from '../../../src/inspector/layerChangeTree';
import { EMPTY_ROOT, unionTree, type TreeNode } from '../../../src/inspector/unionTree';
import { diffLayer, FsError, unionOf, WritableLayer, type LayerChanges, type UnionView } from '../../../src/engine/fs/overlay';

// The inspector's persistent union trees, change trees and wasted bytes,
// checked on random stacks of layers against overlay.ts (the engine's
// reference semantics). Each layer is what a container's writable layer
// holds after random writes, mkdirs and removals over the layers below, as
// every image layer is made (a build step runs in a container, is committed).

type Op = { op: 'write'; path: string; content: string } | { op: 'mkdir'; path: string } | { op: 'rm'; path: string };

const segment = fc.constantFrom('a', 'b', 'c', 'etc', 'x.conf');
const pathArb = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('write' as const), path: pathArb, content: fc.constantFrom('', 'one\n', 'two two\n', 'server { listen 80; }\n') }),
  fc.record({ op: fc.constant('mkdir' as const), path: pathArb }),
  fc.record({ op: fc.constant('rm' as const), path: pathArb }),
);
const stackArb = fc.array(fc.array(opArb, { maxLength: 14 }), { minLength: 1, maxLength: 5 });

function build(stack: readonly (readonly Op[])[]): LayerChanges[] {
  const layers: LayerChanges[] = [];
  for (const ops of stack) {
    const layer = new WritableLayer(unionOf(layers));
    for (const op of ops) {
      try {
        if (op.op === 'write') layer.writeFile(op.path, op.content);
        else if (op.op === 'mkdir') layer.mkdir(op.path, { parents: true });
        else layer.remove(op.path, { recursive: true });
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
      }
    }
    layers.push(new Map(layer.changes));
  }
  return layers;
}

/** path -> kind and size, for every node of a tree. */
function entriesOf(root: TreeNode): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (node: TreeNode) => {
    entries.set(node.path, node.kind === 'file' ? `file ${node.size}` : node.kind);
    for (const child of node.children?.values() ?? []) walk(child);
  };
  walk(root);
  return entries;
}

function entriesOfView(view: UnionView): Map<string, string> {
  return new Map([...view].map(([path, node]) => [path, node.kind === 'file' ? `file ${node.size}` : node.kind]));
}

const sorted = (map: Map<string, string>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Every directory's size is its files' bytes, its count its files and links. */
function checkRollUp(node: TreeNode): { size: number; count: number } {
  if (node.kind !== 'dir') return { size: node.size, count: 1 };
  let size = 0;
  let count = 0;
  for (const child of node.children?.values() ?? []) {
    const below = checkRollUp(child);
    size += below.size;
    count += below.count;
  }
  assert.strictEqual(node.size, size, `size of ${node.path}`);
  assert.strictEqual(node.count, count, `count of ${node.path}`);
  return { size, count };
}

suite('inspector: union trees, change marks and waste (property tests)', () => {
  test('the persistent union up to each layer is overlay.ts\'s unionOf, with sizes rolled up, and the trees below stay as they were', () => {
    fc.assert(fc.property(stackArb, (stack) => {
      const layers = build(stack);
      const trees: TreeNode[] = [];
      let tree = EMPTY_ROOT;
      for (const [index, layer] of layers.entries()) {
        tree = unionTree(tree, layer, index);
        trees.push(tree);
      }
      for (const [index, union] of trees.entries()) {
        // Checked after all were built: applying a layer must not change the tree below it.
        assert.deepStrictEqual(sorted(entriesOf(union)), sorted(entriesOfView(unionOf(layers.slice(0, index + 1)))), `union up to layer ${index}`);
        checkRollUp(union);
      }
    }), { numRuns: 300 });
  });

  test('a layer\'s change tree marks exactly what docker diff reports for it, on top of the unmarked directories leading there', () => {
    fc.assert(fc.property(stackArb, (stack) => {
      const layers = build(stack);
      let below = EMPTY_ROOT;
      for (const [index, layer] of layers.entries()) {
        const marks = new Map<string, string>();
        const walk = (node: TreeNode) => {
          if (node.mark) marks.set(node.path, node.mark);
          for (const child of node.children?.values() ?? []) walk(child);
        };
        walk(layerChangeTree(layer, below, index));
        const diff = diffLayer(unionOf(layers.slice(0, index)), layer);
        const expected = new Map(diff.map((change) => [change.path, change.kind as string]));
        // An opaque directory also hides lower entries it does not bring back: those are D too.
        for (const [path, mark] of marks) {
          if (!expected.has(path)) assert.strictEqual(mark, 'D', `${path} is marked ${mark} but docker diff does not list it`);
        }
        for (const [path, kind] of expected) assert.strictEqual(marks.get(path), kind, path);
        below = unionTree(below, layer, index);
      }
    }), { numRuns: 300 });
  });

  test('every file copy is either in the final union or wasted exactly once: wasted = all layers\' bytes - the union\'s bytes', () => {
    fc.assert(fc.property(stackArb, (stack) => {
      const layers = build(stack);
      let below = EMPTY_ROOT;
      const perLayer = layers.map((layer, index) => {
        const superseded = supersededCopies(layer, below, index);
        below = unionTree(below, layer, index);
        return { bytes: layerBytes(layer), superseded };
      });
      const result = efficiency(perLayer);
      assert.strictEqual(result.totalBytes, perLayer.reduce((sum, layer) => sum + layer.bytes, 0));
      assert.strictEqual(result.wastedBytes, result.totalBytes - below.size);
      for (const layer of perLayer) {
        for (const copy of layer.superseded) assert.ok(copy.layer < copy.by, `${copy.path}: a copy is superseded by a later layer`);
      }
    }), { numRuns: 300 });
  });
});
