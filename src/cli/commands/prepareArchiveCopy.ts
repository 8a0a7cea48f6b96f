import type { ArchiveEntry } from '../../engine/Engine';
import { posixPath } from '../../engine/util/posixPath';

/** go-archive CopyInfo: one side of a copy, as far as it is known. */
export interface CopyInfo {
  path: string;
  exists: boolean;
  isDir: boolean;
  /** The name the archive's top entry must get (a symlink followed with -L keeps the name asked for). */
  rebaseName?: string;
}

/** go-archive's errors of a copy that cannot be made, as the CLI prints them. */
export const COPY_ERRORS = {
  cannotCopyDir: 'cannot copy directory',
  dirNotExists: 'no such directory',
  notDirectory: 'not a directory',
} as const;

/** Where to extract an archive, and its entries renamed for it; or why the copy cannot be made. */
export type PreparedCopy = { directory: string; entries: ArchiveEntry[] } | { error: string };

/**
 * go-archive PrepareArchiveCopy: given the source (an archive whose top
 * entry is `sourceBase`, already renamed to any rebaseName) and what the destination is, the directory to
 * extract into and the entries renamed so that extracting makes the copy
 * docker cp promises:
 * - an existing directory: the source goes inside it, under its own name;
 * - an existing file: a file replaces it (a directory cannot: `cannot copy directory`);
 * - a missing path: the source is created there under that name, except a
 *   file for a path ending in `/` or `/.` (`no such directory`).
 */
export function prepareArchiveCopy(entries: readonly ArchiveEntry[], sourceBase: string, source: CopyInfo, destination: CopyInfo): PreparedCopy {
  const [destinationDir, destinationBase] = posixPath.splitPathDirEntry(destination.path);
  if (destination.exists && destination.isDir) return { directory: destination.path, entries: [...entries] };
  if (destination.exists && source.isDir) return { error: COPY_ERRORS.cannotCopyDir };
  if (!destination.exists && !source.isDir && posixPath.assertsDirectory(destination.path)) return { error: COPY_ERRORS.dirNotExists };
  return { directory: destinationDir, entries: rebaseEntries(entries, sourceBase, destinationBase) };
}

/**
 * go-archive RebaseArchiveEntries: the first occurrence of `oldBase` in each
 * name becomes `newBase` (the top entry's name; `/` as the old base means
 * "prefix every name").
 */
export function rebaseEntries(entries: readonly ArchiveEntry[], oldBase: string, newBase: string): ArchiveEntry[] {
  const from = oldBase === '/' ? '' : oldBase;
  return entries.map(([name, node]): ArchiveEntry => {
    const at = name.indexOf(from);
    return [at < 0 ? name : name.slice(0, at) + newBase + name.slice(at + from.length), node];
  });
}

/**
 * go-archive GetRebaseName: a symlink resolved for -L keeps the `/` or `/.`
 * the path asked for, and the archive is renamed to the name asked for when
 * the target's differs.
 */
export function getRebaseName(path: string, resolved: string): [string, string | undefined] {
  let result = resolved;
  if (posixPath.specifiesCurrentDir(path) && !posixPath.specifiesCurrentDir(result)) result += '/.';
  if (posixPath.hasTrailingSeparator(path) && !posixPath.hasTrailingSeparator(result)) result += '/';
  return [result, posixPath.base(path) !== posixPath.base(result) ? posixPath.base(path) : undefined];
}
