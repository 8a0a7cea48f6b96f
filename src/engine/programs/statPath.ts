import type { FsErrorCode } from '../fs/ContainerFs';
import type { FileEntry, ProcessContext } from './Program';

/** What a path walk found: the entry and its real path, or why the walk stopped. */
export type PathStatus =
  | { readonly entry: FileEntry; readonly path: string }
  | {
    readonly error: FsErrorCode;
    /** The real path the walk reached (for ENOENT: the missing entry's). */
    readonly path: string;
    /** ENOENT of the last component only: its directory exists, so the entry could be created at `path`. */
    readonly missingLast: boolean;
  };

/** Symlinks followed in one lookup before ELOOP, as Linux's path walk allows. */
const MAXIMUM_LINKS = 40;

/**
 * stat(2) (or lstat(2) with `followLast` false) of an absolute path, as the
 * kernel's path walk does it: symlinks on the way followed (`..` after a
 * symlink goes up from its target), a missing component is ENOENT, a file
 * where a directory should be ENOTDIR, more than 40 links ELOOP. Programs
 * use it to word their errors as the real ones do (`Not a directory`
 * rather than a plain "missing"), and to find where a new entry would go.
 */
export function statPath(ctx: Pick<ProcessContext, 'readFile'>, path: string, followLast = true): PathStatus {
  let pending = path.split('/').filter((part) => part !== '' && part !== '.');
  let current = '/';
  let entry: FileEntry = { type: 'dir', mode: 0o755 };
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (name === '..') {
      current = current === '/' ? '/' : current.slice(0, current.lastIndexOf('/')) || '/';
      entry = { type: 'dir', mode: 0o755 };
      continue;
    }
    const next = current === '/' ? `/${name}` : `${current}/${name}`;
    const last = pending.length === 0;
    const found = ctx.readFile(next);
    if (!found) return { error: 'ENOENT', path: next, missingLast: last };
    if (found.type === 'symlink' && (!last || followLast)) {
      if (++links > MAXIMUM_LINKS) return { error: 'ELOOP', path: next, missingLast: false };
      const target = found.target ?? '';
      if (target.startsWith('/')) current = '/';
      pending = [...target.split('/').filter((part) => part !== '' && part !== '.'), ...pending];
      continue;
    }
    if (!last && found.type !== 'dir') return { error: 'ENOTDIR', path: next, missingLast: false };
    current = next;
    entry = found;
  }
  return { entry, path: current };
}
