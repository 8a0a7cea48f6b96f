/**
 * What the inspector computes per image layer, kept by chain id: the union
 * up to the layer, the layer's change tree, its bytes and the copies below
 * it that it supersedes. A chain id names the layer *and* everything under
 * it (it is a digest over the chain of diff ids), so all of these depend on
 * the chain id alone and images that share a base share the work. Layer
 * contents never change (they are content-addressed), so nothing here goes
 * stale; the cache only forgets the least recently used layers when full.
 */
import type { LayerChanges } from '../engine/fs/overlay';
import { layerBytes, supersededCopies, type WastedCopy } from './efficiency';
import { layerChangeTree } from './layerChangeTree';
import { EMPTY_ROOT, unionTree, type TreeNode } from './unionTree';

interface LayerWork {
  union?: TreeNode;
  changes?: TreeNode;
  bytes?: number;
  superseded?: WastedCopy[];
}

/** How many layers' work is kept (unions share most nodes, so this is small in memory). */
const DEFAULT_CAPACITY = 256;

/** Per-chain-id results for the layer inspector. */
export class LayerCache {
  private readonly work = new Map<string, LayerWork>();

  /** `files` returns a layer's entries by chain id (Engine.layerFiles). */
  constructor(private readonly files: (chainId: string) => LayerChanges, private readonly capacity = DEFAULT_CAPACITY) {}

  /** The union of `chain[0..index]` (EMPTY_ROOT for index -1). Builds only the layers above the highest cached one. */
  union(chain: readonly string[], index: number): TreeNode {
    if (index < 0) return EMPTY_ROOT;
    let from = index;
    while (from >= 0 && this.peek(chain[from])?.union === undefined) from--;
    let tree = from >= 0 ? (this.peek(chain[from])?.union as TreeNode) : EMPTY_ROOT;
    for (let i = from + 1; i <= index; i++) {
      tree = unionTree(tree, this.files(chain[i]), i);
      this.entry(chain[i]).union = tree;
    }
    this.entry(chain[index]);
    return tree;
  }

  /**
   * Layer `index`'s changes, marked against the union below it. The bottom
   * layer's changes are its union (everything in it is added): that tree is
   * returned unmarked rather than built twice; read its rows as A.
   */
  changes(chain: readonly string[], index: number): TreeNode {
    if (index === 0) return this.union(chain, 0);
    const cached = this.peek(chain[index])?.changes;
    if (cached) return this.touch(chain[index]).changes as TreeNode;
    const tree = layerChangeTree(this.files(chain[index]), this.union(chain, index - 1), index);
    this.entry(chain[index]).changes = tree;
    return tree;
  }

  /** The bytes of layer `chainId`'s files. */
  bytes(chainId: string): number {
    const work = this.entry(chainId);
    return (work.bytes ??= layerBytes(this.files(chainId)));
  }

  /** The copies in the layers below `index` that layer `index` overwrites or removes. */
  superseded(chain: readonly string[], index: number): readonly WastedCopy[] {
    const cached = this.peek(chain[index])?.superseded;
    if (cached) return cached;
    const copies = index === 0 ? [] : supersededCopies(this.files(chain[index]), this.union(chain, index - 1), index);
    this.entry(chain[index]).superseded = copies;
    return copies;
  }

  /** How many layers are cached (for tests). */
  get size(): number {
    return this.work.size;
  }

  private peek(chainId: string): LayerWork | undefined {
    return this.work.get(chainId);
  }

  private touch(chainId: string): LayerWork {
    const work = this.work.get(chainId) as LayerWork;
    this.work.delete(chainId);
    this.work.set(chainId, work);
    return work;
  }

  private entry(chainId: string): LayerWork {
    let work = this.work.get(chainId);
    if (work) return this.touch(chainId);
    work = {};
    this.work.set(chainId, work);
    while (this.work.size > this.capacity) this.work.delete(this.work.keys().next().value as string);
    return work;
  }
}
