/**
 * Paths as Go's path/filepath handles them on Linux, for both sides of
 * `docker cp` (the container's, and the host's as HostFiles gives them,
 * with `/`), and the trailing `/` and `/.` rules of moby's go-archive
 * (copy.go), which decide what a copy creates.
 */
export const posixPath = {
  /** filepath.IsAbs; a Windows drive path (`C:/x`) counts too, as the docker CLI's isAbs does there. */
  isAbsolute(path: string): boolean {
    return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
  },

  /** filepath.Clean: no `.`, `..` resolved lexically, no doubled or trailing `/`; `` is `.`. */
  clean(path: string): string {
    const rooted = path.startsWith('/');
    const parts: string[] = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
        else if (!rooted) parts.push('..');
        continue;
      }
      parts.push(part);
    }
    const joined = parts.join('/');
    if (rooted) return `/${joined}`;
    return joined === '' ? '.' : joined;
  },

  /** filepath.Join: the non-empty parts joined, then cleaned. */
  join(...parts: string[]): string {
    const given = parts.filter((part) => part !== '');
    return given.length === 0 ? '' : posixPath.clean(given.join('/'));
  },

  /** filepath.Dir: everything before the last `/`, cleaned (`.` when there is none). */
  dir(path: string): string {
    const slash = path.lastIndexOf('/');
    return posixPath.clean(slash < 0 ? '.' : path.slice(0, slash + 1));
  },

  /** filepath.Base: the last element, trailing slashes ignored; `/` for the root, `.` for ``. */
  base(path: string): string {
    if (path === '') return '.';
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed === '') return '/';
    return trimmed.slice(trimmed.lastIndexOf('/') + 1);
  },

  hasTrailingSeparator(path: string): boolean {
    return path.endsWith('/');
  },

  /** The last element is `.` (`dir/.`, `.`). */
  specifiesCurrentDir(path: string): boolean {
    return posixPath.base(path) === '.';
  },

  /** go-archive assertsDirectory: the path ends with `/` or `/.`, so it must be a directory. */
  assertsDirectory(path: string): boolean {
    return posixPath.hasTrailingSeparator(path) || posixPath.specifiesCurrentDir(path);
  },

  /** go-archive SplitPathDirEntry: directory and last element, keeping a final `.`. */
  splitPathDirEntry(path: string): [string, string] {
    let cleaned = posixPath.clean(path);
    if (posixPath.specifiesCurrentDir(path)) cleaned += '/.';
    return [posixPath.dir(cleaned), posixPath.base(cleaned)];
  },

  /** go-archive PreserveTrailingDotOrSeparator: a cleaned path gets back the `/.` or `/` the original ended with. */
  preserveTrailingDotOrSeparator(cleaned: string, original: string): string {
    let path = cleaned;
    if (!posixPath.specifiesCurrentDir(path) && posixPath.specifiesCurrentDir(original)) {
      if (!posixPath.hasTrailingSeparator(path)) path += '/';
      path += '.';
    }
    if (!posixPath.hasTrailingSeparator(path) && posixPath.hasTrailingSeparator(original)) path += '/';
    return path;
  },
};
