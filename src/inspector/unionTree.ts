/**
 * The union of an image's layers as a persistent tree: applying a layer
 * copies only the directories on the paths it changes and shares every
 * other subtree with the union below. So the union up to layer N costs what
 * layer N changed, not what the image holds, and every layer's union can be
 * kept at once (a 50,000-file image with 8 layers holds one tree plus the
 * directories each layer touched). Semantics are overlay.ts's `applyLayer`,
 * which the unit tests use as the reference.
 */
import type { LayerChanges, LayerEntry } from '../engine/fs/overlay';

/** A file, symlink or directory of a union (or of one layer's changes, see layerChangeTree.ts). */
export interface TreeNode {
  /** The last path component; '' for the root. */
  readonly name: string;
  /** Absolute path, '/' for the root. */
  readonly path: string;
  readonly kind: 'dir' | 'file' | 'symlink';
  readonly mode: number;
  /** A file's bytes; a directory's: the bytes of the files below it. */
  readonly size: number;
  /** Files and symlinks at or below this node. */
  readonly count: number;
  /** The index of the layer that put this entry here (bottom layer 0). */
  readonly layer: number;
  readonly target?: string;
  /** A directory's entries by name. */
  readonly children?: ReadonlyMap<string, TreeNode>;
  /** In a layer's change tree: what the layer did here, as `docker diff` letters. */
  readonly mark?: ChangeMark;
}

/** Added, Changed (modified), Deleted (removed): `docker diff`'s letters. */
export type ChangeMark = 'A' | 'C' | 'D';

/** A node while its tree is being made; frozen (by type) once returned. Made by {@link makeNode} only, so all nodes share one shape. */
export interface MutableNode {
  name: string;
  path: string;
  kind: 'dir' | 'file' | 'symlink';
  mode: number;
  size: number;
  count: number;
  layer: number;
  target: string | undefined;
  children: Map<string, TreeNode> | undefined;
  mark: ChangeMark | undefined;
}

/**
 * A node with every field set (undefined where unused): one object shape
 * for all nodes keeps V8's property accesses monomorphic, which matters
 * when an image has 50,000 of them.
 */
export function makeNode(
  name: string, path: string, kind: MutableNode['kind'], mode: number, size: number, count: number, layer: number,
  target?: string, children?: Map<string, TreeNode>, mark?: ChangeMark,
): MutableNode {
  return { name, path, kind, mode, size, count, layer, target, children, mark };
}

/** The union of no layers: an empty root directory. */
export const EMPTY_ROOT: TreeNode = makeNode('', '/', 'dir', 0o755, 0, 0, -1, undefined, new Map());

/** `/a/b` -> `b`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The node at `path`, or undefined (no symlinks followed). */
export function nodeAt(root: TreeNode, path: string): TreeNode | undefined {
  if (path === '/') return root;
  let node: TreeNode | undefined = root;
  let start = 1;
  while (node) {
    const slash = path.indexOf('/', start);
    const name = slash < 0 ? path.slice(start) : path.slice(start, slash);
    node = node.children?.get(name);
    if (slash < 0) return node;
    start = slash + 1;
  }
  return undefined;
}

/** A leaf or an empty directory for a layer entry. */
export function nodeOf(path: string, entry: Exclude<LayerEntry, { kind: 'whiteout' }>, layer: number, name = path.slice(path.lastIndexOf('/') + 1)): MutableNode {
  switch (entry.kind) {
    case 'dir':
      return makeNode(name, path, 'dir', entry.mode, 0, 0, layer, undefined, new Map());
    case 'file':
      return makeNode(name, path, 'file', entry.mode, entry.size, 1, layer);
    case 'symlink':
      return makeNode(name, path, 'symlink', 0o777, 0, 1, layer, entry.target);
  }
}

/** Sets each directory's size and count from its children, deepest first (`dirs` need not be ordered). */
export function rollUp(dirs: Iterable<MutableNode>, counts: (child: TreeNode) => boolean = () => true): void {
  const byDepth: MutableNode[][] = [];
  for (const dir of dirs) {
    const depth = dir.path === '/' ? 0 : depthOf(dir.path);
    (byDepth[depth] ??= []).push(dir);
  }
  for (let depth = byDepth.length - 1; depth >= 0; depth--) {
    for (const dir of byDepth[depth] ?? []) {
      let size = 0;
      let count = 0;
      for (const child of dir.children?.values() ?? []) {
        if (!counts(child)) continue;
        size += child.size;
        count += child.count;
      }
      dir.size = size;
      dir.count = count;
    }
  }
}

function depthOf(path: string): number {
  let depth = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) depth++;
  return depth;
}

/**
 * The union of `below` and `layer` (layer index `index`), sharing every
 * subtree the layer does not touch. `below` is not changed.
 *
 * As overlayfs: a whiteout hides the path and all below it; an opaque
 * directory hides the lower contents of that directory; an entry of
 * another kind replaces what was there (a file over a directory removes the
 * directory's contents); an entry whose parent is missing or not a directory
 * gets directories made for it. Whiteouts and opaque directories go first,
 * parents before children, so the rest can go in any order (no sort of the
 * whole layer).
 */
export function unionTree(below: TreeNode, layer: LayerChanges, index: number): TreeNode {
  const owned = new Set<MutableNode>();
  const own = (node: TreeNode): MutableNode => {
    const copy = makeNode(node.name, node.path, node.kind, node.mode, node.size, node.count, node.layer, node.target, node.children ? new Map(node.children) : undefined, node.mark);
    owned.add(copy);
    return copy;
  };
  const root = own(below);
  /** Directories this call owns, by path (forgotten when a directory is replaced, as a malformed layer may do). */
  const made = new Map<string, MutableNode>([['/', root]]);
  /** Counts the times `made` was cleared, so a remembered parent is known to be stale. */
  let generation = 0;
  const forget = () => {
    made.clear();
    made.set('/', root);
    generation++;
  };

  /**
   * The directory at `path`, owned by this call, made (or made a directory)
   * as needed; with `make` false, undefined where there is none.
   */
  function directory(path: string, make: false): MutableNode | undefined;
  function directory(path: string, make?: true): MutableNode;
  function directory(path: string, make = true): MutableNode | undefined {
    // Entries of one directory come together in a layer: most lookups are one Map hit.
    const known = made.get(path);
    if (known) return known;
    let node = root;
    if (path === '/') return node;
    let start = 1;
    for (;;) {
      const slash = path.indexOf('/', start);
      const name = slash < 0 ? path.slice(start) : path.slice(start, slash);
      const childPath = slash < 0 ? path : path.slice(0, slash);
      const children = node.children as Map<string, TreeNode>;
      const child = children.get(name);
      let next: MutableNode;
      if (child === undefined || child.kind !== 'dir') {
        if (!make) return undefined;
        next = makeNode(name, childPath, 'dir', 0o755, 0, 0, index, undefined, new Map());
        owned.add(next);
      } else if (owned.has(child as MutableNode)) {
        next = child as MutableNode;
      } else {
        next = own(child);
      }
      if (next !== child) children.set(name, next);
      node = next;
      if (slash < 0) {
        made.set(path, node);
        return node;
      }
      start = slash + 1;
    }
  }

  const destructive: string[] = [];
  for (const [path, entry] of layer) {
    if (path !== '/' && (entry.kind === 'whiteout' || (entry.kind === 'dir' && entry.opaque))) destructive.push(path);
  }
  destructive.sort((a, b) => depthOf(a) - depthOf(b));
  const parentPath = (path: string) => {
    const slash = path.lastIndexOf('/');
    return slash <= 0 ? '/' : path.slice(0, slash);
  };
  for (const path of destructive) {
    const entry = layer.get(path) as LayerEntry;
    const name = baseName(path);
    if (entry.kind === 'whiteout') {
      // A whiteout hides what is there; it makes no directories.
      const parent = directory(parentPath(path), false);
      if (parent?.children?.has(name)) {
        parent.children.delete(name);
        forget();
      }
    } else if (entry.kind === 'dir') {
      const dir = nodeOf(path, entry, index);
      owned.add(dir);
      (directory(parentPath(path)).children as Map<string, TreeNode>).set(name, dir);
      forget();
    }
  }
  // The last parent directory, by its path without the trailing '/' ('' for the root): the next entry is likely its sibling.
  let lastKey = '';
  let lastParent = root;
  let lastGeneration = generation;
  for (const [path, entry] of layer) {
    if (path === '/' || entry.kind === 'whiteout' || (entry.kind === 'dir' && entry.opaque)) continue;
    const slash = path.lastIndexOf('/');
    if (slash !== lastKey.length || !path.startsWith(lastKey) || lastGeneration !== generation) {
      lastGeneration = generation;
      lastKey = path.slice(0, slash);
      lastParent = directory(lastKey || '/');
    }
    const children = lastParent.children as Map<string, TreeNode>;
    const name = path.slice(slash + 1);
    const existing = children.get(name);
    if (entry.kind === 'dir') {
      if (existing?.kind === 'dir') {
        const dir = owned.has(existing as MutableNode) ? (existing as MutableNode) : own(existing);
        dir.mode = entry.mode;
        dir.layer = index;
        children.set(name, dir);
      } else {
        const dir = nodeOf(path, entry, index, name);
        owned.add(dir);
        children.set(name, dir);
      }
    } else {
      if (existing?.kind === 'dir') forget();
      children.set(name, nodeOf(path, entry, index, name));
    }
  }
  rollUp(owned);
  return root;
}

/** Every file node at or below `node` (a file itself, or the files in a directory's subtree). */
export function filesBelow(node: TreeNode, into: TreeNode[] = []): TreeNode[] {
  if (node.kind === 'file') into.push(node);
  else if (node.children) for (const child of node.children.values()) filesBelow(child, into);
  return into;
}
