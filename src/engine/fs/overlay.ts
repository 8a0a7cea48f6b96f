/**
 * Layers as overlay2 stores them, and the union a container sees.
 *
 * A layer is the set of changes one build step (or one container) made:
 * files, directories and symlinks it added or replaced, whiteouts for what it
 * deleted (overlayfs's `.wh.NAME` in the image tar), and opaque directories
 * (`.wh..wh..opq`: "nothing below from the lower layers shows through").
 * The union applies layers bottom first, as the kernel's overlayfs presents
 * them; a container's writable layer is one more layer on top, filled by
 * copy-up. `docker diff` reads that layer back as A/C/D.
 */

/** An entry of a layer. Paths are absolute, normalised, without a trailing slash (`/etc/nginx`). */
export type LayerEntry =
  | { readonly kind: 'dir'; readonly mode: number; readonly opaque?: boolean }
  | { readonly kind: 'file'; readonly mode: number; readonly size: number; readonly content?: string }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'whiteout' };

/** What the union holds at a path: anything but a whiteout. */
export type FsNode = Exclude<LayerEntry, { kind: 'whiteout' }>;

/** One layer's changes, path -> entry. */
export type LayerChanges = ReadonlyMap<string, LayerEntry>;

/** A union view: path -> node, every ancestor present as a directory. */
export type UnionView = Map<string, FsNode>;

/** One line of `docker diff`: Added, Changed or Deleted. */
export interface PathChange {
  readonly kind: 'A' | 'C' | 'D';
  readonly path: string;
}

const ROOT_DIR: FsNode = { kind: 'dir', mode: 0o755 };

/** `/a/b/c` -> `/a/b`; `/a` -> `/`. */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** Whether `path` is `ancestor` or below it. */
export function isWithin(path: string, ancestor: string): boolean {
  return ancestor === '/' || path === ancestor || path.startsWith(`${ancestor}/`);
}

/** Normalises `a//b/./c/` to `/a/b/c` (no `..` resolution: layers never contain it). */
export function normalizePath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return `/${parts.join('/')}`;
}

function depth(path: string): number {
  let count = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) count++;
  return path === '/' ? 0 : count;
}

/** Paths sorted parents first, then by name: the order a tar stream lists them in. */
export function sortedPaths(paths: Iterable<string>): string[] {
  return [...paths]
    .map((path) => ({ path, depth: depth(path) }))
    .sort((a, b) => a.depth - b.depth || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((entry) => entry.path);
}

function removeBelow(view: UnionView, path: string, including: boolean): void {
  // Only a directory has anything below it: a file or link goes alone, without a scan.
  if (view.get(path)?.kind !== 'dir') {
    if (including) view.delete(path);
    return;
  }
  const prefix = `${path}/`;
  for (const key of [...view.keys()]) {
    if (key.startsWith(prefix)) view.delete(key);
  }
  if (including) view.delete(path);
}

function ensureParents(view: UnionView, path: string): void {
  const missing: string[] = [];
  for (let parent = parentOf(path); parent !== '/'; parent = parentOf(parent)) {
    const node = view.get(parent);
    if (node?.kind === 'dir') break;
    if (node) removeBelow(view, parent, true);
    missing.push(parent);
  }
  for (const parent of missing.reverse()) view.set(parent, { kind: 'dir', mode: 0o755 });
}

/**
 * Applies one layer to a union in place, as overlayfs would show the layer
 * on top of it: a whiteout hides the path and everything below it; an opaque
 * directory hides everything below it from the lower layers; a file or
 * symlink over a directory replaces the directory and its contents.
 */
export function applyLayer(view: UnionView, layer: LayerChanges): void {
  for (const path of sortedPaths(layer.keys())) {
    const entry = layer.get(path) as LayerEntry;
    if (path === '/') continue;
    if (entry.kind === 'whiteout') {
      removeBelow(view, path, true);
      continue;
    }
    const below = view.get(path);
    if (entry.kind === 'dir') {
      if (entry.opaque || (below !== undefined && below.kind !== 'dir')) removeBelow(view, path, true);
    } else if (below?.kind === 'dir') {
      removeBelow(view, path, true);
    }
    ensureParents(view, path);
    view.set(path, entry.kind === 'dir' ? { kind: 'dir', mode: entry.mode } : entry);
  }
}

/** The union of layers, bottom first: what a container from these layers sees. */
export function unionOf(layers: readonly LayerChanges[]): UnionView {
  const view: UnionView = new Map([['/', ROOT_DIR]]);
  for (const layer of layers) applyLayer(view, layer);
  return view;
}

/**
 * What `path` is in the union of `layers`, found top down without building
 * the union: the first layer that names the path or hides it decides. (The
 * inspector and a container's reads use this; `unionOf` is the reference.)
 * Layers must be well formed, as image tars and WritableLayer make them: a
 * named path's parent is a directory in that layer or in the union below.
 */
export function lookup(layers: readonly LayerChanges[], path: string): FsNode | undefined {
  if (path === '/') return ROOT_DIR;
  for (let index = layers.length - 1; index >= 0; index--) {
    const layer = layers[index];
    const entry = layer.get(path);
    if (entry) {
      if (entry.kind === 'whiteout') return undefined;
      return entry.kind === 'dir' ? { kind: 'dir', mode: entry.mode } : entry;
    }
    // An ancestor in this layer that is a whiteout, an opaque directory or not a directory hides the path.
    for (let ancestor = parentOf(path); ancestor !== '/'; ancestor = parentOf(ancestor)) {
      const above = layer.get(ancestor);
      if (above && (above.kind !== 'dir' || above.opaque)) return undefined;
    }
  }
  return undefined;
}

/**
 * `docker diff` of a container: its writable layer read against the image's
 * union. A whiteout is D; a path the image has is C (directories the
 * container wrote into were copied up, so they show as C too); anything else
 * is A. Sorted by path, as docker prints it.
 */
export function diffLayer(lower: UnionView, upper: LayerChanges): PathChange[] {
  const changes: PathChange[] = [];
  for (const [path, entry] of upper) {
    if (path === '/') continue;
    if (entry.kind === 'whiteout') {
      if (lower.has(path)) changes.push({ kind: 'D', path });
      continue;
    }
    changes.push({ kind: lower.has(path) ? 'C' : 'A', path });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A container's writable layer: changes made through the union with
 * overlayfs's copy-up. Writing into a directory copies the directory (and
 * its ancestors) up; removing something the image has leaves a whiteout;
 * removing something the container made just drops it.
 */
export class WritableLayer {
  private readonly upper = new Map<string, LayerEntry>();
  private readonly view: UnionView;

  constructor(private readonly lower: UnionView) {
    this.view = new Map(lower);
  }

  /** The layer's changes (what `docker commit` turns into a new image layer). */
  get changes(): LayerChanges {
    return this.upper;
  }

  /** The union the container sees now. */
  get union(): ReadonlyMap<string, FsNode> {
    return this.view;
  }

  /** Creates or replaces a file; its directory must exist. */
  writeFile(path: string, content: string, mode = 0o644): void {
    this.requireParent(path);
    const existing = this.view.get(path);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', path);
    this.copyUpParents(path);
    this.set(path, { kind: 'file', mode, size: new TextEncoder().encode(content).length, content });
  }

  /** `mkdir` (with `-p`: parents too, and no error when it exists). */
  mkdir(path: string, options: { parents?: boolean; mode?: number } = {}): void {
    const existing = this.view.get(path);
    if (existing) {
      if (options.parents && existing.kind === 'dir') return;
      throw new FsError('EEXIST', path);
    }
    if (!this.view.has(parentOf(path))) {
      if (!options.parents) throw new FsError('ENOENT', parentOf(path));
      this.mkdir(parentOf(path), options);
    }
    this.requireParent(path);
    this.copyUpParents(path);
    this.set(path, { kind: 'dir', mode: options.mode ?? 0o755 });
  }

  /** `rm` (`-r` for a directory with contents). */
  remove(path: string, options: { recursive?: boolean } = {}): void {
    const existing = this.view.get(path);
    if (!existing || path === '/') throw new FsError('ENOENT', path);
    if (existing.kind === 'dir' && !options.recursive && [...this.view.keys()].some((key) => key !== path && isWithin(key, path))) {
      throw new FsError('ENOTEMPTY', path);
    }
    this.copyUpParents(path);
    for (const key of [...this.upper.keys()]) if (isWithin(key, path)) this.upper.delete(key);
    if (this.lower.has(path)) this.upper.set(path, { kind: 'whiteout' });
    removeBelow(this.view, path, true);
  }

  private set(path: string, entry: FsNode): void {
    const existing = this.view.get(path);
    if (existing?.kind === 'dir' && entry.kind !== 'dir') removeBelow(this.view, path, false);
    // A directory made where the image's was removed must not let the old contents show through.
    const stored: LayerEntry = entry.kind === 'dir' && this.upper.get(path)?.kind === 'whiteout' ? { ...entry, opaque: true } : entry;
    this.upper.set(path, stored);
    this.view.set(path, entry);
  }

  private requireParent(path: string): void {
    const parent = this.view.get(parentOf(path));
    if (!parent) throw new FsError('ENOENT', parentOf(path));
    if (parent.kind !== 'dir') throw new FsError('ENOTDIR', parentOf(path));
  }

  /** overlayfs copies a directory up before anything is written into it. */
  private copyUpParents(path: string): void {
    for (let parent = parentOf(path); parent !== '/'; parent = parentOf(parent)) {
      if (this.upper.has(parent)) continue;
      const node = this.view.get(parent);
      if (node?.kind === 'dir') this.upper.set(parent, { kind: 'dir', mode: node.mode });
    }
  }
}

/** A filesystem error with its errno name, as the programs report it. */
export class FsError extends Error {
  constructor(readonly code: 'ENOENT' | 'EEXIST' | 'EISDIR' | 'ENOTDIR' | 'ENOTEMPTY', readonly path: string) {
    super(`${code}: ${path}`);
    this.name = 'FsError';
  }
}
