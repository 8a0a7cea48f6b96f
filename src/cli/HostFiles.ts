/** What the host has at a path, as lstat(2) tells it. */
export interface HostStat {
  type: 'file' | 'dir' | 'symlink';
  /** Permission bits, e.g. 0o644. */
  mode: number;
  size: number;
  /** A symlink's target. */
  target?: string;
  /** Last modification, ms since the epoch. */
  modified: number;
}

/**
 * The learner's own files, as the docker CLI on the host sees them: the
 * build context of `docker build` and the host side of `docker cp`. In VS
 * Code they are the workspace folder's; in `docker-lab` the working
 * directory's; in tests a map. Paths are absolute, or relative to `cwd`.
 * Errors come back as errno names (`ENOENT`, `EISDIR`, `EACCES`...).
 */
export interface HostFiles {
  /** The directory relative paths start from (the workspace folder). */
  readonly cwd: string;
  /** Joins and normalises paths the way the host does (`/` on Linux and macOS). */
  resolve(...paths: string[]): string;
  stat(path: string): HostStat | undefined;
  /** A file's text (UTF-8), or its errno name. */
  readFile(path: string): string | { error: string };
  /** The names in a directory, sorted, or undefined when it is not one. */
  readDir(path: string): string[] | undefined;
  writeFile(path: string, content: string, mode?: number): string | undefined;
  mkdir(path: string): string | undefined;
  symlink(path: string, target: string): string | undefined;
  /**
   * Removes a file, link or directory with everything in it (os.RemoveAll:
   * `docker cp` replaces what is in the way). Optional: without it, an
   * existing file is overwritten in place.
   */
  remove?(path: string): string | undefined;
}
