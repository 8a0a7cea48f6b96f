import type { FileEntry } from '../programs/Program';
import type { FsNode, LayerChanges, LayerEntry, PathChange, UnionView } from './overlay';
import { applyLayer, diffLayer, FsError, isWithin, normalizePath, parentOf, unionOf, WritableLayer } from './overlay';

/** Why a filesystem call failed, as errno names it. */
export type FsErrorCode = FsError['code'] | 'ELOOP' | 'EROFS' | 'EBUSY';

/** strerror(3) of the codes the lab's filesystem returns, as programs print them. */
export const FS_ERROR_TEXT: Readonly<Record<FsErrorCode, string>> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  EROFS: 'Read-only file system',
  EBUSY: 'Resource busy',
};

/**
 * A volume mounted into a container: its files (a layer of their own, which
 * other containers mounting the same volume share) at `destination`.
 */
export interface VolumeMount {
  /** Absolute, normalised, never `/`. */
  destination: string;
  files: WritableLayer;
  readOnly: boolean;
}

/** Where a path lives: the container's own layer, or a volume (the path then relative to the volume's root). */
interface Placement {
  layer: WritableLayer;
  path: string;
  volume?: VolumeMount;
}

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
  /** Mounted volumes, the deepest destination first (the innermost mount decides). */
  private volumes: VolumeMount[] = [];

  constructor(private readonly base: UnionView, changes: Iterable<readonly [string, LayerEntry]> | undefined, mounts: Record<string, string>, private readonly onChange: () => void = () => undefined) {
    this.layer = new WritableLayer(base, changes);
    for (const [path, text] of Object.entries(mounts)) this.mounts.set(path, text);
  }

  /** Replaces the bind-mounted files' texts (the daemon writes them again at each start). */
  setMounts(mounts: Record<string, string>): void {
    this.mounts.clear();
    for (const [path, text] of Object.entries(mounts)) this.mounts.set(path, text);
  }

  /**
   * Mounts volumes (replacing the ones mounted before). Their mount points
   * are made in the writable layer where missing, as runc makes them when it
   * mounts; what is written below them goes to the volumes, not the layer.
   */
  setVolumes(volumes: readonly VolumeMount[]): void {
    this.volumes = [...volumes].sort((a, b) => b.destination.length - a.destination.length);
    let made = false;
    for (const volume of [...this.volumes].reverse()) {
      // The mount point is made where its parent lives: the container's layer, or a volume mounted above it.
      const outer = this.volumes.find((other) => other !== volume && isWithin(volume.destination, other.destination));
      const layer = outer ? outer.files : this.layer;
      const path = outer ? volume.destination.slice(outer.destination.length) : volume.destination;
      if (layer.get(path)?.kind === 'dir') continue;
      try {
        layer.mkdir(path, { parents: true });
        made = true;
      } catch (error) {
        // A file where the mount point goes: the mount still shows the volume there.
        if (!(error instanceof FsError)) throw error;
      }
    }
    if (made) this.onChange();
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
    const node = this.get(resolved);
    return node ? toFileEntry(node) : undefined;
  }

  readDir(path: string): string[] | undefined {
    const resolved = this.resolve(path, true);
    return typeof resolved === 'string' ? this.list(resolved) : undefined;
  }

  writeFile(path: string, content: string, options: { append?: boolean; mode?: number } = {}): FsErrorCode | undefined {
    const resolved = this.resolve(path, true, true);
    if (typeof resolved !== 'string') return resolved.error;
    if (this.mounts.has(resolved)) {
      this.mounts.set(resolved, options.append ? this.mounts.get(resolved) + content : content);
      return undefined;
    }
    const place = this.place(resolved);
    if (place.volume?.readOnly) return 'EROFS';
    const existing = place.layer.get(place.path);
    const text = options.append && existing?.kind === 'file' ? (existing.content ?? '') + content : content;
    return this.attempt(() => place.layer.writeFile(place.path, text, options.mode));
  }

  mkdir(path: string, options: { parents?: boolean } = {}): FsErrorCode | undefined {
    const resolved = this.resolveParent(path);
    if (typeof resolved !== 'string') return resolved.error;
    const place = this.place(resolved);
    if (place.volume?.readOnly && !(options.parents && place.layer.get(place.path)?.kind === 'dir')) return place.layer.get(place.path) ? 'EEXIST' : 'EROFS';
    return this.attempt(() => place.layer.mkdir(place.path, options));
  }

  remove(path: string, options: { recursive?: boolean } = {}): FsErrorCode | undefined {
    const resolved = this.resolveParent(path);
    if (typeof resolved !== 'string') return resolved.error;
    const place = this.place(resolved);
    if (place.volume && place.path === '/') {
      // A mount point cannot be removed while mounted (rm -r empties it first, then rmdir fails).
      if (options.recursive && !place.volume.readOnly) {
        for (const name of place.layer.list('/') ?? []) this.attempt(() => place.layer.remove(`/${name}`, { recursive: true }));
      }
      return 'EBUSY';
    }
    if (place.volume?.readOnly) return place.layer.get(place.path) ? 'EROFS' : 'ENOENT';
    return this.attempt(() => place.layer.remove(place.path, options));
  }

  symlink(path: string, target: string): FsErrorCode | undefined {
    const resolved = this.resolveParent(path);
    if (typeof resolved !== 'string') return resolved.error;
    const place = this.place(resolved);
    if (place.volume?.readOnly) return 'EROFS';
    return this.attempt(() => place.layer.symlink(place.path, target));
  }

  /** Puts a node as it is (`docker cp` into the container). */
  put(path: string, node: FsNode): FsErrorCode | undefined {
    const resolved = this.resolveParent(path);
    if (typeof resolved !== 'string') return resolved.error;
    const place = this.place(resolved);
    if (place.volume?.readOnly) return 'EROFS';
    return this.attempt(() => place.layer.put(place.path, node));
  }

  /** What the container sees at `path`, its symlinks followed except the last (for `docker cp` out). */
  node(path: string): FsNode | undefined {
    const resolved = this.resolve(path, false);
    if (typeof resolved !== 'string') return undefined;
    const mounted = this.mounts.get(resolved);
    if (mounted !== undefined) return { kind: 'file', mode: 0o644, size: utf8Length(mounted), content: mounted };
    return this.get(resolved);
  }

  /** `path` and everything below it, as the container sees them (for `docker cp` and the inspector). */
  subtree(path: string): [string, FsNode][] {
    const root = this.node(path);
    if (!root) return [];
    const out: [string, FsNode][] = [[path, root]];
    if (root.kind !== 'dir') return out;
    const walk = (directory: string) => {
      for (const name of this.list(directory) ?? []) {
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

  /** The layer a path is in: the innermost volume mounted over it, or the container's own. */
  private place(path: string): Placement {
    for (const volume of this.volumes) {
      if (isWithin(path, volume.destination)) {
        return { layer: volume.files, path: path === volume.destination ? '/' : path.slice(volume.destination.length), volume };
      }
    }
    return { layer: this.layer, path };
  }

  /** What is at `path` (no symlinks followed), in whichever layer holds it. */
  private get(path: string): FsNode | undefined {
    const place = this.place(path);
    return place.layer.get(place.path);
  }

  /** The names in directory `path`, in whichever layer holds it. */
  private list(path: string): string[] | undefined {
    const place = this.place(path);
    return place.layer.list(place.path);
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
      const node = this.mounts.has(next) ? undefined : this.get(next);
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
