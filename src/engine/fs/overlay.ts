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

/**
 * What a file holds when it leaves the lab (an archive, `docker cp` to the
 * host) and the lab knows its size but not its bytes (an image's binaries):
 * a note saying so.
 */
export function fileBytes(node: { readonly size: number; readonly content?: string }): string {
  return node.content ?? `Docker Lab knows this file's size (${node.size} bytes) but not its contents.\n`;
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

/** The names in each directory of a union, sorted; built once per union and shared by its containers. */
const childIndexes = new WeakMap<ReadonlyMap<string, FsNode>, ReadonlyMap<string, readonly string[]>>();

/** Directory path -> the names in it (byte order), for a union that never changes (an image's). */
export function childIndex(view: ReadonlyMap<string, FsNode>): ReadonlyMap<string, readonly string[]> {
  let index = childIndexes.get(view);
  if (!index) {
    const lists = new Map<string, string[]>();
    for (const path of view.keys()) {
      if (path === '/') continue;
      const parent = parentOf(path);
      let names = lists.get(parent);
      if (!names) lists.set(parent, (names = []));
      names.push(path.slice(parent === '/' ? 1 : parent.length + 1));
    }
    for (const names of lists.values()) names.sort(byteOrder);
    index = lists;
    childIndexes.set(view, index);
  }
  return index;
}

/**
 * A container's writable layer: changes made through the union with
 * overlayfs's copy-up. Writing into a directory copies the directory (and
 * its ancestors) up; removing something the image has leaves a whiteout;
 * removing something the container made just drops it.
 *
 * The image's union is never copied: reads look in the layer first and fall
 * through to the image, as overlayfs does, so a container costs only what it
 * changed.
 */
export class WritableLayer {
  private readonly upper: Map<string, LayerEntry>;

  /** `changes` restores a layer saved earlier (a snapshot's); it must have been made on the same `lower`. */
  constructor(private readonly lower: ReadonlyMap<string, FsNode>, changes?: Iterable<readonly [string, LayerEntry]>) {
    this.upper = new Map(changes ?? []);
  }

  /** The layer's changes (what `docker commit` turns into a new image layer). */
  get changes(): LayerChanges {
    return this.upper;
  }

  /** The union the container sees now (built on each call: for tests and commits, not for reads). */
  get union(): ReadonlyMap<string, FsNode> {
    const view: UnionView = new Map(this.lower);
    applyLayer(view, this.upper);
    return view;
  }

  /** What the container sees at `path` (no symlinks followed). */
  get(path: string): FsNode | undefined {
    if (path === '/') return this.lower.get('/') ?? ROOT_DIR;
    const entry = this.upper.get(path);
    if (entry) return entry.kind === 'whiteout' ? undefined : entry.kind === 'dir' ? { kind: 'dir', mode: entry.mode } : entry;
    if (this.hiddenByUpper(path)) return undefined;
    return this.lower.get(path);
  }

  /** The names in directory `path`, sorted; undefined when it is not a directory. */
  list(path: string): string[] | undefined {
    if (this.get(path)?.kind !== 'dir') return undefined;
    const own = this.upper.get(path);
    const replaced = own?.kind === 'dir' && own.opaque === true;
    const fromImage = !replaced && this.lower.has(path) && !this.hiddenByUpper(path);
    const names = new Set(fromImage ? childIndex(this.lower).get(path) ?? [] : []);
    for (const [key, entry] of this.upper) {
      if (key === '/' || parentOf(key) !== path) continue;
      const name = key.slice(path === '/' ? 1 : path.length + 1);
      if (entry.kind === 'whiteout') names.delete(name);
      else names.add(name);
    }
    return [...names].sort(byteOrder);
  }

  /** Creates or replaces a file; its directory must exist. */
  writeFile(path: string, content: string, mode = 0o644): void {
    this.requireParent(path);
    const existing = this.get(path);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', path);
    this.copyUpParents(path);
    this.set(path, { kind: 'file', mode: existing?.kind === 'file' ? existing.mode : mode, size: new TextEncoder().encode(content).length, content });
  }

  /** Creates or replaces a symlink; its directory must exist. */
  symlink(path: string, target: string): void {
    this.requireParent(path);
    if (this.get(path)) throw new FsError('EEXIST', path);
    this.copyUpParents(path);
    this.set(path, { kind: 'symlink', target });
  }

  /** Puts an entry as it is (a copy from elsewhere, `docker cp`); replaces a file or link, not a directory. */
  put(path: string, entry: FsNode): void {
    this.requireParent(path);
    const existing = this.get(path);
    if (existing?.kind === 'dir' && entry.kind === 'dir') {
      this.copyUpParents(path);
      if (!this.upper.has(path)) this.upper.set(path, { kind: 'dir', mode: entry.mode });
      return;
    }
    if (existing?.kind === 'dir') throw new FsError('EISDIR', path);
    this.copyUpParents(path);
    this.set(path, entry);
  }

  /** `mkdir` (with `-p`: parents too, and no error when it exists). */
  mkdir(path: string, options: { parents?: boolean; mode?: number } = {}): void {
    const existing = this.get(path);
    if (existing) {
      if (options.parents && existing.kind === 'dir') return;
      throw new FsError('EEXIST', path);
    }
    if (!this.get(parentOf(path))) {
      if (!options.parents) throw new FsError('ENOENT', parentOf(path));
      this.mkdir(parentOf(path), options);
    }
    this.requireParent(path);
    this.copyUpParents(path);
    this.set(path, { kind: 'dir', mode: options.mode ?? 0o755 });
  }

  /** `rm` (`-r` for a directory with contents). */
  remove(path: string, options: { recursive?: boolean } = {}): void {
    const existing = this.get(path);
    if (!existing || path === '/') throw new FsError('ENOENT', path);
    if (existing.kind === 'dir' && !options.recursive && (this.list(path) ?? []).length > 0) {
      throw new FsError('ENOTEMPTY', path);
    }
    this.copyUpParents(path);
    for (const key of [...this.upper.keys()]) if (isWithin(key, path)) this.upper.delete(key);
    // Only what the image shows needs hiding: below an opaque directory the image's files are already gone.
    if (this.lower.has(path) && !this.hiddenByUpper(path)) this.upper.set(path, { kind: 'whiteout' });
  }

  /** Bytes the layer holds: its files' sizes (what `docker ps -s` shows as the container's size). */
  size(): number {
    let total = 0;
    for (const entry of this.upper.values()) if (entry.kind === 'file') total += entry.size;
    return total;
  }

  /** True when something in the layer above the image hides `path`: a whiteout, an opaque directory or a non-directory ancestor. */
  private hiddenByUpper(path: string): boolean {
    for (let ancestor = parentOf(path); ancestor !== '/'; ancestor = parentOf(ancestor)) {
      const above = this.upper.get(ancestor);
      if (above && (above.kind !== 'dir' || above.opaque)) return true;
    }
    return false;
  }

  private set(path: string, entry: FsNode): void {
    const existing = this.get(path);
    if (existing?.kind === 'dir' && entry.kind !== 'dir') {
      for (const key of [...this.upper.keys()]) if (key !== path && isWithin(key, path)) this.upper.delete(key);
    }
    // A directory made where the image's was removed must not let the old contents show through.
    const stored: LayerEntry = entry.kind === 'dir' && this.upper.get(path)?.kind === 'whiteout' ? { ...entry, opaque: true } : entry;
    this.upper.set(path, stored);
  }

  private requireParent(path: string): void {
    const parent = this.get(parentOf(path));
    if (!parent) throw new FsError('ENOENT', parentOf(path));
    if (parent.kind !== 'dir') throw new FsError('ENOTDIR', parentOf(path));
  }

  /** overlayfs copies a directory up before anything is written into it. */
  private copyUpParents(path: string): void {
    for (let parent = parentOf(path); parent !== '/'; parent = parentOf(parent)) {
      if (this.upper.has(parent)) continue;
      const node = this.get(parent);
      if (node?.kind === 'dir') this.upper.set(parent, { kind: 'dir', mode: node.mode });
    }
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A filesystem error with its errno name, as the programs report it. */
export class FsError extends Error {
  constructor(readonly code: 'ENOENT' | 'EEXIST' | 'EISDIR' | 'ENOTDIR' | 'ENOTEMPTY', readonly path: string) {
    super(`${code}: ${path}`);
    this.name = 'FsError';
  }
}
