import type { FileEntry } from '../programs/Program';
import type { FsNode, LayerChanges, LayerEntry, PathChange, UnionView } from './overlay';
import { applyLayer, diffLayer, FsError, normalizePath, parentOf, unionOf, WritableLayer } from './overlay';

/** Why a filesystem call failed, as errno names it. */
export type FsErrorCode = FsError['code'] | 'ELOOP';

/** strerror(3) of the codes the lab's filesystem returns, as programs print them. */
export const FS_ERROR_TEXT: Readonly<Record<FsErrorCode, string>> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
};

/** What a container's process may do with its files. Errors come back as errno names; nothing throws. */
export interface ContainerFiles {
  /**
   * The entry at `path` (absolute). Symlinks on the way are followed; the
   * last component is not, as lstat(2): a symlink comes back as
   * `{ type: 'symlink', target }`.
   */
  readFile(path: string): FileEntry | undefined;
  /** The names in a directory (its symlink followed), sorted in the C locale; undefined if not a directory. */
  readDir(path: string): string[] | undefined;
  /** open(2) with O_CREAT: creates or truncates (or appends to) a file, following a symlink at the end. */
  writeFile(path: string, content: string, options?: { append?: boolean; mode?: number }): FsErrorCode | undefined;
  /** mkdir(2), or `mkdir -p` with `parents`. */
  mkdir(path: string, options?: { parents?: boolean }): FsErrorCode | undefined;
  /** unlink(2) / rmdir(2), or `rm -r` with `recursive`. */
  remove(path: string, options?: { recursive?: boolean }): FsErrorCode | undefined;
  /** symlink(2). */
  symlink(path: string, target: string): FsErrorCode | undefined;
  /** Puts an entry as it is, its directory's symlinks followed (`docker cp`, a package's files). */
  put(path: string, node: FsNode): FsErrorCode | undefined;
}

/**
 * What docker puts into every container below its writable layer (moby's
 * "init" layer): /.dockerenv, and the files it bind-mounts over
 * (/etc/hostname, /etc/hosts, /etc/resolv.conf), with /dev, /proc and /sys
 * where the runtime mounts its filesystems. None of it is in `docker diff`.
 */
const INIT_LAYER: LayerChanges = new Map<string, LayerEntry>([
  ['/.dockerenv', { kind: 'file', mode: 0o755, size: 0, content: '' }],
  ['/dev', { kind: 'dir', mode: 0o755 }],
  ['/etc', { kind: 'dir', mode: 0o755 }],
  ['/etc/hostname', { kind: 'file', mode: 0o644, size: 0 }],
  ['/etc/hosts', { kind: 'file', mode: 0o644, size: 0 }],
  ['/etc/mtab', { kind: 'symlink', target: '/proc/mounts' }],
  ['/etc/resolv.conf', { kind: 'file', mode: 0o644, size: 0 }],
  ['/proc', { kind: 'dir', mode: 0o555 }],
  ['/sys', { kind: 'dir', mode: 0o555 }],
]);


const unionCache = new Map<string, UnionView>();
const UNION_CACHE_SIZE = 8;

/**
 * The image's union with the init layer on top: what every container of the
 * image starts from. Cached by `key` (the image's top layer chain), since
 * containers of one image share it and it never changes.
 */
export function containerBase(key: string, layers: () => readonly LayerChanges[]): UnionView {
  let view = unionCache.get(key);
  if (view) {
    unionCache.delete(key);
  } else {
    view = unionOf(layers());
    applyLayer(view, INIT_LAYER);
    if (unionCache.size >= UNION_CACHE_SIZE) unionCache.delete(unionCache.keys().next().value as string);
  }
  unionCache.set(key, view);
  return view;
}

/**
 * A container's root filesystem: the image's layers, docker's init layer,
 * the container's writable layer on top, and the bind-mounted files. Every
 * write goes into the writable layer by copy-up (what `docker diff` and
 * `docker commit` read), except writes to the mounted files, which stay
 * with the container as on Docker.
 */
export class ContainerFs implements ContainerFiles {
  readonly layer: WritableLayer;
  private readonly mounts = new Map<string, string>();

  constructor(private readonly base: UnionView, changes: Iterable<readonly [string, LayerEntry]> | undefined, mounts: Record<string, string>, private readonly onChange: () => void = () => undefined) {
    this.layer = new WritableLayer(base, changes);
    for (const [path, text] of Object.entries(mounts)) this.mounts.set(path, text);
  }

  /** Replaces the bind-mounted files' texts (the daemon writes them again at each start). */
  setMounts(mounts: Record<string, string>): void {
    this.mounts.clear();
    for (const [path, text] of Object.entries(mounts)) this.mounts.set(path, text);
  }

  /** `docker diff`: the writable layer against the image (and init layer). */
  changes(): PathChange[] {
    return diffLayer(this.base, this.layer.changes);
  }

  readFile(path: string): FileEntry | undefined {
    const resolved = this.resolve(path, false);
    if (typeof resolved !== 'string') return undefined;
    const mounted = this.mounts.get(resolved);
    if (mounted !== undefined) return { type: 'file', content: mounted, mode: 0o644, size: utf8Length(mounted) };
    const node = this.layer.get(resolved);
    return node ? toFileEntry(node) : undefined;
  }

  readDir(path: string): string[] | undefined {
    const resolved = this.resolve(path, true);
    return typeof resolved === 'string' ? this.layer.list(resolved) : undefined;
  }

  writeFile(path: string, content: string, options: { append?: boolean; mode?: number } = {}): FsErrorCode | undefined {
    const resolved = this.resolve(path, true, true);
    if (typeof resolved !== 'string') return resolved.error;
    if (this.mounts.has(resolved)) {
      this.mounts.set(resolved, options.append ? this.mounts.get(resolved) + content : content);
      return undefined;
    }
    const existing = this.layer.get(resolved);
    const text = options.append && existing?.kind === 'file' ? (existing.content ?? '') + content : content;
    return this.attempt(() => this.layer.writeFile(resolved, text, options.mode));
  }

  mkdir(path: string, options: { parents?: boolean } = {}): FsErrorCode | undefined {
    const resolved = this.resolveParent(path);
    if (typeof resolved !== 'string') return resolved.error;
    return this.attempt(() => this.layer.mkdir(resolved, options));
  }

  remove(path: string, options: { recursive?: boolean } = {}): FsErrorCode | undefined {
    const resolved = this.resolveParent(path);
    if (typeof resolved !== 'string') return resolved.error;
    return this.attempt(() => this.layer.remove(resolved, options));
  }

  symlink(path: string, target: string): FsErrorCode | undefined {
    const resolved = this.resolveParent(path);
    if (typeof resolved !== 'string') return resolved.error;
    return this.attempt(() => this.layer.symlink(resolved, target));
  }

  /** Puts a node as it is (`docker cp` into the container). */
  put(path: string, node: FsNode): FsErrorCode | undefined {
    const resolved = this.resolveParent(path);
    if (typeof resolved !== 'string') return resolved.error;
    return this.attempt(() => this.layer.put(resolved, node));
  }

  /** What the container sees at `path`, its symlinks followed except the last (for `docker cp` out). */
  node(path: string): FsNode | undefined {
    const resolved = this.resolve(path, false);
    if (typeof resolved !== 'string') return undefined;
    const mounted = this.mounts.get(resolved);
    if (mounted !== undefined) return { kind: 'file', mode: 0o644, size: utf8Length(mounted), content: mounted };
    return this.layer.get(resolved);
  }

  /** `path` and everything below it, as the container sees them (for `docker cp` and the inspector). */
  subtree(path: string): [string, FsNode][] {
    const root = this.node(path);
    if (!root) return [];
    const out: [string, FsNode][] = [[path, root]];
    if (root.kind !== 'dir') return out;
    const walk = (directory: string) => {
      for (const name of this.layer.list(directory) ?? []) {
        const child = directory === '/' ? `/${name}` : `${directory}/${name}`;
        const node = this.node(child);
        if (!node) continue;
        out.push([child, node]);
        if (node.kind === 'dir') walk(child);
      }
    };
    walk(path);
    return out;
  }

  private attempt(change: () => void): FsErrorCode | undefined {
    try {
      change();
    } catch (error) {
      if (error instanceof FsError) return error.code;
      throw error;
    }
    this.onChange();
    return undefined;
  }

  /** The path with its directory's symlinks resolved, the last component left as it is. */
  private resolveParent(path: string): string | { error: FsErrorCode } {
    const normalized = normalizePath(path);
    if (normalized === '/') return '/';
    const directory = this.resolve(parentOf(normalized), true);
    if (typeof directory !== 'string') return directory;
    const name = normalized.slice(normalized.lastIndexOf('/') + 1);
    return directory === '/' ? `/${name}` : `${directory}/${name}`;
  }

  /**
   * Resolves symlinks along `path` as the kernel's path walk does: every
   * directory on the way, and the last component too when `followLast`.
   * With `allowMissingLast`, a last component that does not exist is fine
   * (open with O_CREAT); a missing directory on the way is ENOENT.
   */
  private resolve(path: string, followLast: boolean, allowMissingLast = false): string | { error: FsErrorCode } {
    let pending = normalizePath(path).split('/').filter((part) => part !== '');
    let current = '/';
    let links = 0;
    while (pending.length > 0) {
      const name = pending.shift() as string;
      if (name === '..') { current = parentOf(current); continue; }
      const next = current === '/' ? `/${name}` : `${current}/${name}`;
      const last = pending.length === 0;
      const node = this.mounts.has(next) ? undefined : this.layer.get(next);
      if (node?.kind === 'symlink' && (!last || followLast)) {
        if (++links > 40) return { error: 'ELOOP' };
        const target = node.target.split('/').filter((part) => part !== '');
        pending = [...target, ...pending];
        if (node.target.startsWith('/')) current = '/';
        continue;
      }
      if (!last && node && node.kind !== 'dir') return { error: 'ENOTDIR' };
      if (!last && !node && !this.mounts.has(next)) return { error: 'ENOENT' };
      if (last && !node && !this.mounts.has(next) && !allowMissingLast && followLast) return { error: 'ENOENT' };
      current = next;
    }
    return current;
  }
}

function toFileEntry(node: FsNode): FileEntry {
  switch (node.kind) {
    case 'dir': return { type: 'dir', mode: node.mode };
    case 'symlink': return { type: 'symlink', target: node.target, mode: 0o777 };
    case 'file': return node.content !== undefined
      ? { type: 'file', content: node.content, mode: node.mode, size: node.size }
      : { type: 'file', mode: node.mode, size: node.size };
  }
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
