import type { HostFiles, HostStat } from '../../../src/cli/HostFiles';

/** One thing on the pretend host. */
export type MemoryNode =
  | { type: 'file'; content: string; mode: number }
  | { type: 'dir'; mode: number }
  | { type: 'symlink'; target: string };

/**
 * A host's files in a map, for tests of `docker cp`: POSIX paths, symlinks
 * followed on the way as the kernel does (the last one only where
 * stat/readFile/writeFile follow it), errno names for errors, and a set of
 * paths that refuse to be read or written (EACCES).
 */
export class MemoryHostFiles implements HostFiles {
  readonly nodes = new Map<string, MemoryNode>([['/', { type: 'dir', mode: 0o755 }]]);
  /** Paths that fail with EACCES when read or written. */
  readonly denied = new Set<string>();

  constructor(readonly cwd = '/home/learner/lab', files: Record<string, string> = {}) {
    this.mkdirs(cwd);
    for (const [path, content] of Object.entries(files)) this.add(path, content);
  }

  /** Adds a file (its directories made as needed); a path ending in `/` adds a directory. */
  add(path: string, content = '', mode = 0o644): this {
    const absolute = this.resolve(path);
    if (path.endsWith('/')) {
      this.mkdirs(absolute);
      return this;
    }
    this.mkdirs(parentOf(absolute));
    this.nodes.set(absolute, { type: 'file', content, mode });
    return this;
  }

  /** Adds a symlink. */
  link(path: string, target: string): this {
    const absolute = this.resolve(path);
    this.mkdirs(parentOf(absolute));
    this.nodes.set(absolute, { type: 'symlink', target });
    return this;
  }

  /** What is at a path, without following anything (for assertions). */
  get(path: string): MemoryNode | undefined {
    return this.nodes.get(this.resolve(path));
  }

  /** The paths below a directory, sorted (for assertions). */
  list(path: string): string[] {
    const root = this.resolve(path);
    return [...this.nodes.keys()].filter((key) => key.startsWith(`${root}/`)).sort();
  }

  resolve(...paths: string[]): string {
    let result = this.cwd;
    for (const part of paths) result = part.startsWith('/') ? part : `${result}/${part}`;
    const parts: string[] = [];
    for (const part of result.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return `/${parts.join('/')}`;
  }

  stat(path: string): HostStat | undefined {
    const found = this.walk(path, false);
    if (typeof found !== 'string') return undefined;
    const node = this.nodes.get(found);
    if (!node) return undefined;
    switch (node.type) {
      case 'file': return { type: 'file', mode: node.mode, size: new TextEncoder().encode(node.content).length, modified: 0 };
      case 'dir': return { type: 'dir', mode: node.mode, size: 4096, modified: 0 };
      case 'symlink': return { type: 'symlink', mode: 0o777, size: node.target.length, target: node.target, modified: 0 };
    }
  }

  readFile(path: string): string | { error: string } {
    const found = this.walk(path, true);
    if (typeof found !== 'string') return found;
    const node = this.nodes.get(found);
    if (!node) return { error: 'ENOENT' };
    if (this.denied.has(found)) return { error: 'EACCES' };
    if (node.type === 'dir') return { error: 'EISDIR' };
    return node.type === 'file' ? node.content : { error: 'ELOOP' };
  }

  readDir(path: string): string[] | undefined {
    const found = this.walk(path, true);
    if (typeof found !== 'string' || this.nodes.get(found)?.type !== 'dir') return undefined;
    const prefix = found === '/' ? '/' : `${found}/`;
    return [...this.nodes.keys()]
      .filter((key) => key !== found && key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
      .map((key) => key.slice(prefix.length))
      .sort();
  }

  writeFile(path: string, content: string, mode = 0o644): string | undefined {
    const found = this.walk(path, true);
    if (typeof found !== 'string') return found.error;
    const parent = this.nodes.get(parentOf(found));
    if (!parent) return 'ENOENT';
    if (parent.type !== 'dir') return 'ENOTDIR';
    if (this.denied.has(found) || this.denied.has(parentOf(found))) return 'EACCES';
    const existing = this.nodes.get(found);
    if (existing?.type === 'dir') return 'EISDIR';
    this.nodes.set(found, { type: 'file', content, mode });
    return undefined;
  }

  mkdir(path: string): string | undefined {
    const found = this.walk(path, false);
    if (typeof found !== 'string') return found.error;
    if (this.nodes.has(found)) return 'EEXIST';
    const parent = this.nodes.get(parentOf(found));
    if (!parent) return 'ENOENT';
    if (parent.type !== 'dir') return 'ENOTDIR';
    if (this.denied.has(parentOf(found))) return 'EACCES';
    this.nodes.set(found, { type: 'dir', mode: 0o755 });
    return undefined;
  }

  symlink(path: string, target: string): string | undefined {
    const found = this.walk(path, false);
    if (typeof found !== 'string') return found.error;
    if (this.nodes.has(found)) return 'EEXIST';
    if (this.nodes.get(parentOf(found))?.type !== 'dir') return 'ENOENT';
    this.nodes.set(found, { type: 'symlink', target });
    return undefined;
  }

  remove(path: string): string | undefined {
    const found = this.walk(path, false);
    if (typeof found !== 'string') return found.error;
    for (const key of [...this.nodes.keys()]) {
      if (key === found || key.startsWith(`${found}/`)) this.nodes.delete(key);
    }
    return undefined;
  }

  private mkdirs(path: string): void {
    const parts = path.split('/').filter((part) => part !== '');
    let current = '';
    for (const part of parts) {
      current += `/${part}`;
      if (!this.nodes.has(current)) this.nodes.set(current, { type: 'dir', mode: 0o755 });
    }
  }

  /** The path with its symlinks resolved (the last one with `followLast`), or why it cannot be walked. */
  private walk(path: string, followLast: boolean): string | { error: string } {
    let pending = this.resolve(path).split('/').filter((part) => part !== '');
    let current = '/';
    for (let links = 0; pending.length > 0;) {
      const name = pending.shift() as string;
      if (name === '..') {
        current = parentOf(current);
        continue;
      }
      const next = current === '/' ? `/${name}` : `${current}/${name}`;
      const node = this.nodes.get(next);
      const last = pending.length === 0;
      if (node?.type === 'symlink' && (!last || followLast)) {
        if (++links > 40) return { error: 'ELOOP' };
        pending = [...node.target.split('/').filter((part) => part !== '' && part !== '.'), ...pending];
        if (node.target.startsWith('/')) current = '/';
        continue;
      }
      if (!last && !node) return { error: 'ENOENT' };
      if (!last && node && node.type !== 'dir') return { error: 'ENOTDIR' };
      current = next;
    }
    return current;
  }
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}
