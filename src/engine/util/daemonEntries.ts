import type { ArchiveEntry } from '../Engine';
import { posixPath } from './posixPath';

/**
 * The entries as the daemon names them in its archive (daemon/archive_unix.go
 * containerArchivePath): a directory's from the last element of the path
 * asked for (`html/...`; `./...` for `dir/.`; `/...` for the root), a
 * file's or link's by its own name. The engine gives them relative to the
 * path's parent.
 */
export function daemonEntries(entries: readonly ArchiveEntry[], path: string, isDir: boolean): ArchiveEntry[] {
  if (!isDir) return [...entries];
  const absolute = posixPath.preserveTrailingDotOrSeparator(posixPath.join('/', path), path);
  const base = posixPath.base(absolute);
  const replacement = base === '/' ? '' : base;
  const normalized = posixPath.clean(posixPath.join('/', path));
  // The engine names the root's entries without a first element.
  const top = normalized === '/' ? '' : posixPath.base(normalized);
  return entries.map(([name, node]): ArchiveEntry => {
    const rest = top === '' ? name : name === top ? '' : name.slice(top.length + 1);
    return [rest === '' ? replacement : `${replacement}/${rest}`, node];
  });
}
