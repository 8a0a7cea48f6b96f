/**
 * One layer's changes as a tree, each entry marked as `docker diff` would
 * mark it against the union below: A (the path is new), C (it was there
 * and the layer wrote it: a file overwritten, a directory written into) or
 * D (a whiteout hid it). Directories the layer only passes through appear
 * unmarked, so the tree can be walked from the root. The work is
 * proportional to the layer, not to the image.
 */
import type { FilesystemChange } from '../engine/Engine';
import type { LayerChanges, LayerEntry } from '../engine/fs/overlay';
import { baseName, makeNode, nodeOf, rollUp, type ChangeMark, type MutableNode, type TreeNode } from './unionTree';

/** Collects marked nodes under a root, making the unmarked directories between. */
class ChangeTreeBuilder {
  readonly root: MutableNode;
  private readonly dirs: MutableNode[] = [];
  /** Directories of the tree by path: a layer's entries come by directory, so most lookups are one Map hit. */
  private readonly dirByPath = new Map<string, MutableNode>();
  /** What the union below has at the directory paths looked up (null: nothing). */
  private readonly lowerByPath = new Map<string, TreeNode | null>();

  constructor(below: TreeNode, private readonly index: number) {
    this.root = makeNode('', '/', 'dir', below.mode, 0, 0, index, undefined, new Map());
    this.dirs.push(this.root);
    this.dirByPath.set('/', this.root);
    this.lowerByPath.set('/', below);
  }

  /** The union below's node at `path`. */
  lower(path: string): TreeNode | undefined {
    const slash = path.lastIndexOf('/');
    return this.lowerDirectory(slash <= 0 ? '/' : path.slice(0, slash))?.children?.get(path.slice(slash + 1));
  }

  /** The union below's node at directory path `path` (cached: a layer's entries come by directory). */
  private lowerDirectory(path: string): TreeNode | undefined {
    const known = this.lowerByPath.get(path);
    if (known !== undefined) return known ?? undefined;
    const node = this.lower(path);
    this.lowerByPath.set(path, node ?? null);
    return node;
  }

  /** The directory at `path`, made unmarked (with the union's mode) when missing. */
  directory(path: string): MutableNode {
    const known = this.dirByPath.get(path);
    if (known) return known;
    const slash = path.lastIndexOf('/');
    const parent = this.directory(slash <= 0 ? '/' : path.slice(0, slash));
    const children = parent.children as Map<string, TreeNode>;
    const name = path.slice(slash + 1);
    const existing = children.get(name) as MutableNode | undefined;
    if (existing?.kind === 'dir' && existing.mark !== 'D') {
      this.dirByPath.set(path, existing);
      return existing;
    }
    const lower = this.lower(path);
    const made = makeNode(name, path, 'dir', lower?.mode ?? 0o755, 0, 0, lower?.layer ?? this.index, undefined, new Map());
    children.set(name, made);
    this.dirs.push(made);
    this.dirByPath.set(path, made);
    return made;
  }

  /** Puts `node` at its path; a directory already made for its children keeps them. */
  put(node: MutableNode): void {
    if (node.path === '/') return;
    const slash = node.path.lastIndexOf('/');
    const parent = this.directory(slash <= 0 ? '/' : node.path.slice(0, slash));
    const children = parent.children as Map<string, TreeNode>;
    const existing = children.get(node.name) as MutableNode | undefined;
    if (existing?.kind === 'dir' && node.kind === 'dir' && node.mark !== 'D') {
      existing.mark = node.mark;
      existing.mode = node.mode;
      existing.layer = node.layer;
      return;
    }
    if (existing?.kind === 'dir') this.dirByPath.clear();
    children.set(node.name, node);
    if (node.kind === 'dir' && node.children) {
      this.dirs.push(node);
      this.dirByPath.set(node.path, node);
    }
  }

  /** What a D row shows: the removed entry as the union below had it (size and count of its subtree), without children. */
  removed(path: string): MutableNode {
    const lower = this.lower(path);
    if (!lower) return makeNode(baseName(path), path, 'file', 0o644, 0, 1, this.index, undefined, undefined, 'D');
    return makeNode(lower.name, path, lower.kind, lower.mode, lower.size, lower.count, lower.layer, lower.target, undefined, 'D');
  }

  /** The tree, with directory sizes rolled up from what the layer holds (removed entries count nothing). */
  finish(): TreeNode {
    rollUp(this.dirs, (child) => child.mark !== 'D');
    return this.root;
  }
}

/**
 * Layer `index`'s changes, marked against `below` (the union of the layers
 * under it). A whiteout of nothing (the union below has no such path) is
 * left out, as `docker diff` leaves it out. An opaque directory hides the
 * lower contents it does not bring back: those show as D.
 */
export function layerChangeTree(layer: LayerChanges, below: TreeNode, index: number): TreeNode {
  const builder = new ChangeTreeBuilder(below, index);
  const opaque: string[] = [];
  for (const [path, entry] of layer) {
    if (path === '/') continue;
    if (entry.kind === 'whiteout') {
      if (builder.lower(path)) builder.put(builder.removed(path));
      continue;
    }
    const node = nodeOf(path, entry, index);
    node.mark = builder.lower(path) ? 'C' : 'A';
    builder.put(node);
    if (entry.kind === 'dir' && entry.opaque) opaque.push(path);
  }
  for (const path of opaque) {
    const lower = builder.lower(path);
    if (lower?.kind === 'dir') hideLower(builder, path, lower, layer);
  }
  return builder.finish();
}

/** Below an opaque directory: every lower entry the layer does not name again is removed; named directories hide their lower contents too. */
function hideLower(builder: ChangeTreeBuilder, path: string, lower: TreeNode, layer: LayerChanges): void {
  for (const [name, child] of lower.children ?? []) {
    const childPath = path === '/' ? `/${name}` : `${path}/${name}`;
    const own = layer.get(childPath);
    if (own === undefined) builder.put(builder.removed(childPath));
    else if (own.kind === 'dir' && child.kind === 'dir') hideLower(builder, childPath, child, layer);
  }
}

/** `docker diff`'s Kind numbers: 0 = C, 1 = A, 2 = D. */
const KIND_MARKS: Record<FilesystemChange['Kind'], ChangeMark> = { 0: 'C', 1: 'A', 2: 'D' };

/**
 * A container's writable layer as a tree marked exactly as `docker diff`
 * prints it: one node per change line, with the entry the writable layer
 * holds (A, C) or what the image had there (D).
 */
export function writableChangeTree(changes: readonly FilesystemChange[], upper: LayerChanges, below: TreeNode, index: number): TreeNode {
  const builder = new ChangeTreeBuilder(below, index);
  for (const change of changes) {
    const mark = KIND_MARKS[change.Kind];
    const entry: LayerEntry | undefined = upper.get(change.Path);
    if (mark === 'D' || entry === undefined || entry.kind === 'whiteout') {
      const node = builder.removed(change.Path);
      node.mark = mark;
      builder.put(node);
      continue;
    }
    const node = nodeOf(change.Path, entry, index);
    node.mark = mark;
    builder.put(node);
  }
  return builder.finish();
}
