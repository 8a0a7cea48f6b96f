import type { ContainerFs } from '../fs/ContainerFs';
import type { FsNode } from '../fs/overlay';
import { resolvePath } from '../programs/resolvePath';
import type { ContextEntry } from './BuildContext';

/**
 * What COPY copies from, seen the same way whether it is the build context
 * or another stage's files: entries by absolute path (`/src/app.js`),
 * symlinks not followed.
 */
export interface SourceTree {
  get(path: string): FsNode | undefined;
  /** Names in a directory, sorted; undefined when it is not one. */
  list(path: string): string[] | undefined;
}

/** The build context as a tree: the client's entries under `/`. */
export function contextTree(files: ReadonlyMap<string, ContextEntry>): SourceTree {
  const nodes = new Map<string, FsNode>([['/', { kind: 'dir', mode: 0o755 }]]);
  const children = new Map<string, Set<string>>();
  const add = (path: string, node: FsNode) => {
    nodes.set(path, node);
    for (let child = path; child !== '/';) {
      const parent = child.slice(0, child.lastIndexOf('/')) || '/';
      let names = children.get(parent);
      if (!names) children.set(parent, (names = new Set()));
      names.add(child.slice(child.lastIndexOf('/') + 1));
      // A directory the client did not list (its children are) still exists.
      if (!nodes.has(parent)) nodes.set(parent, { kind: 'dir', mode: 0o755 });
      child = parent;
    }
  };
  for (const [path, entry] of files) {
    const absolute = `/${path.replace(/^\/+|\/+$/g, '')}`;
    if (absolute === '/') continue;
    add(absolute, entry.kind === 'file'
      ? { kind: 'file', mode: entry.mode, size: new TextEncoder().encode(entry.content).length, content: entry.content }
      : entry.kind === 'dir' ? { kind: 'dir', mode: entry.mode } : { kind: 'symlink', target: entry.target });
  }
  return {
    get: (path) => nodes.get(path),
    list: (path) => (nodes.get(path)?.kind === 'dir' ? [...(children.get(path) ?? [])].sort(byteOrder) : undefined),
  };
}

/** A stage's files (its container filesystem) as a tree. */
export function filesystemTree(fs: ContainerFs): SourceTree {
  return {
    get: (path) => fs.layer.get(path),
    list: (path) => fs.layer.list(path),
  };
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a source path has Go filepath.Match meta characters (`*`, `?`, `[`). */
export function hasWildcards(path: string): boolean {
  return /[*?[]/.test(path);
}

/**
 * fsutil's ResolveWildcards: the paths of `tree` a cleaned absolute pattern
 * matches, one path component at a time with Go's filepath.Match (`*` and
 * `?` never match `/`), in lexical order.
 */
export function resolveWildcards(tree: SourceTree, pattern: string): string[] {
  const parts = pattern.split('/').filter((part) => part !== '');
  let current = ['/'];
  for (const part of parts) {
    const next: string[] = [];
    const expression = hasWildcards(part) ? globToRegExp(part) : undefined;
    for (const directory of current) {
      const names = tree.list(resolveLinks(tree, directory) ?? directory);
      if (!names) continue;
      for (const name of names) {
        if (expression ? expression.test(name) : name === part) next.push(directory === '/' ? `/${name}` : `${directory}/${name}`);
      }
    }
    current = next;
  }
  return current;
}

/** Follows symlinks at `path` (within the tree) to what they point at; undefined when it dangles. */
export function resolveLinks(tree: SourceTree, path: string): string | undefined {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    const node = tree.get(current);
    if (!node) return undefined;
    if (node.kind !== 'symlink') return current;
    const parent = current.slice(0, current.lastIndexOf('/')) || '/';
    current = cleanPath(node.target.startsWith('/') ? node.target : `${parent}/${node.target}`);
  }
  return undefined;
}

/** path.Clean for absolute paths: `..` never leaves `/`. */
export function cleanPath(path: string): string {
  return resolvePath('/', path);
}

/** Go filepath.Match for one path component: `*`, `?`, `[...]` (with `^` or `!`), `\` escapes. */
function globToRegExp(pattern: string): RegExp {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const character = pattern[i];
    if (character === '*') out += '[^/]*';
    else if (character === '?') out += '[^/]';
    else if (character === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i]);
    else if (character === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('^') || body.startsWith('!');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/]/g, '\\]')}]`;
      i = close;
    } else out += escapeRegExp(character);
  }
  return new RegExp(`${out}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
