import type { ArchiveEntry } from '../../engine/Engine';
import { fileBytes } from '../../engine/fs/overlay';
import type { FsNode } from '../../engine/fs/overlay';
import { goQuote } from '../../engine/util/goQuote';
import type { HostFiles, HostStat } from '../HostFiles';
import { StatusError } from './Command';
import { errnoText } from './errnoText';
import type { CopyInfo } from './prepareArchiveCopy';
import { COPY_ERRORS, getRebaseName, rebaseEntries } from './prepareArchiveCopy';
import { posixPath } from '../../engine/util/posixPath';

/** A host path looked up: what is there, or why nothing is (an errno name). */
type Lookup = { stat: HostStat; path: string } | { errno: string; path: string };

/** How many links in a row a destination may be (go-archive CopyInfoDestinationPath). */
const MAX_DESTINATION_LINKS = 10;

/** How many links the kernel follows in one path walk. */
const MAX_LINKS = 40;

/**
 * The host side of `docker cp` as the docker CLI does it with moby's
 * go-archive on the learner's files: resolving the local path
 * (resolveLocalPath), the source's copy info and its archive
 * (CopyInfoSourcePath, TarResource), the destination's copy info
 * (CopyInfoDestinationPath, ValidateOutputPath) and extracting an archive
 * (Untar with NoOverwriteDirNonDir). Failures throw a StatusError with the
 * text the docker CLI prints (`lstat /work/x: no such file or directory`).
 */
export class HostArchive {
  constructor(private readonly host: HostFiles) {}

  /** cp.go resolveLocalPath: filepath.Abs, keeping a trailing `/` or `/.`. */
  absolute(path: string): string {
    const absolute = posixPath.isAbsolute(path) ? posixPath.clean(path) : posixPath.join(this.hostCwd(), path);
    return posixPath.preserveTrailingDotOrSeparator(absolute, path);
  }

  /** command.ValidateOutputPath: the destination's directory must exist. */
  validateOutputPath(path: string): void {
    const directory = posixPath.dir(posixPath.clean(path));
    if (directory !== '' && directory !== '.') {
      const found = this.stat(directory);
      if ('errno' in found && found.errno === 'ENOENT') throw fail(`invalid output path: directory ${goQuote(directory)} does not exist`);
    }
    const found = this.stat(path);
    if ('errno' in found && found.errno !== 'ENOENT') throw fail(errnoText('stat', path, found.errno));
  }

  /** go-archive CopyInfoSourcePath: what is copied from the host; with -L a final symlink is followed. */
  sourceInfo(path: string, followLink: boolean): CopyInfo {
    let resolved: string;
    let rebaseName: string | undefined;
    if (followLink) {
      const target = this.evalSymlinks(path);
      if (typeof target !== 'string') throw fail(target.error);
      [resolved, rebaseName] = getRebaseName(path, target);
    } else {
      // Only the directories on the way are resolved: the last element stays as it is.
      const slash = path.lastIndexOf('/');
      const directory = this.evalSymlinks(path.slice(0, slash + 1));
      if (typeof directory !== 'string') throw fail(directory.error);
      resolved = `${directory}/${path.slice(slash + 1)}`;
      if (posixPath.hasTrailingSeparator(path) && posixPath.base(path) !== posixPath.base(resolved)) rebaseName = posixPath.base(path);
    }
    const found = this.lstat(resolved);
    if ('errno' in found) throw fail(errnoText('lstat', resolved, found.errno));
    return { path: resolved, exists: true, isDir: found.stat.type === 'dir', rebaseName };
  }

  /**
   * go-archive TarResource: the source and everything below it, named from
   * its own name (or `rebaseName`), parents first. A file that cannot be read
   * is left out with the error logrus prints.
   */
  read(source: CopyInfo): { entries: ArchiveEntry[]; errors: string[] } {
    const [directory, base] = posixPath.splitPathDirEntry(source.path);
    const top = base === '.' ? directory : posixPath.join(directory, base);
    const entries: ArchiveEntry[] = [];
    const errors: string[] = [];
    const add = (path: string, name: string): void => {
      const found = this.lstat(path);
      if ('errno' in found) return;
      const node = this.nodeOf(path, found.stat);
      if (typeof node === 'string') {
        errors.push(`Can't add file ${path} to tar: ${node}`);
        return;
      }
      entries.push([name, node]);
      if (node.kind !== 'dir') return;
      for (const child of this.host.readDir(path) ?? []) add(posixPath.join(path, child), `${name}/${child}`);
    };
    add(top, base);
    const named = source.rebaseName ? rebaseEntries(entries, base, source.rebaseName) : entries;
    return { entries: named, errors };
  }

  /** go-archive CopyInfoDestinationPath: where a copy to the host goes; symlinks at the end are followed. */
  destinationInfo(path: string): CopyInfo {
    const original = path;
    let current = path;
    let found = this.lstat(current);
    for (let links = 0; 'stat' in found && found.stat.type === 'symlink'; links++) {
      if (links >= MAX_DESTINATION_LINKS) throw fail(`too many symlinks in ${original}`);
      const target = found.stat.target ?? '';
      current = posixPath.isAbsolute(target) ? target : posixPath.join(posixPath.splitPathDirEntry(current)[0], target);
      found = this.lstat(current);
    }
    if ('stat' in found) return { path: current, exists: true, isDir: found.stat.type === 'dir' };
    if (found.errno !== 'ENOENT') throw fail(errnoText('lstat', current, found.errno));
    // A missing destination is fine when its directory exists.
    const [parent] = posixPath.splitPathDirEntry(current);
    const parentFound = this.stat(parent);
    if ('errno' in parentFound) throw fail(errnoText('stat', parent, parentFound.errno));
    if (parentFound.stat.type !== 'dir') throw fail(COPY_ERRORS.notDirectory);
    return { path: current, exists: false, isDir: false };
  }

  /**
   * go-archive Untar (NoOverwriteDirNonDir): each entry at `destination`/name,
   * missing parents made; a directory merges into a directory, anything else
   * replaces what is there, but a directory never replaces a non-directory
   * nor the other way round.
   */
  extract(entries: readonly ArchiveEntry[], destination: string): void {
    const dest = posixPath.clean(destination);
    for (const [entryName, node] of entries) {
      const name = posixPath.clean(entryName);
      const parent = posixPath.join(dest, posixPath.dir(name));
      const parentFound = this.lstat(parent);
      if ('errno' in parentFound && parentFound.errno === 'ENOENT') this.mkdirAll(parent);
      const path = posixPath.join(dest, name);
      const existing = this.lstat(path);
      if ('stat' in existing) {
        const isDir = existing.stat.type === 'dir';
        if (isDir && node.kind !== 'dir') throw fail(`cannot overwrite directory ${goQuote(path)} with non-directory ${goQuote(dest)}`);
        if (!isDir && node.kind === 'dir') throw fail(`cannot overwrite non-directory ${goQuote(path)} with directory ${goQuote(dest)}`);
        if (isDir && name === '.') continue;
        if (!isDir && this.host.remove) {
          const error = this.host.remove(path);
          if (error) throw fail(errnoText('unlinkat', path, error));
        }
        if (isDir) continue;
      }
      this.create(path, node);
    }
  }

  private create(path: string, node: FsNode): void {
    switch (node.kind) {
      case 'dir': {
        const error = this.host.mkdir(path);
        if (error) throw fail(errnoText('mkdir', path, error));
        return;
      }
      case 'file': {
        const error = this.host.writeFile(path, fileBytes(node), node.mode & 0o7777);
        if (error) throw fail(errnoText('open', path, error));
        return;
      }
      case 'symlink': {
        const error = this.host.symlink(path, node.target);
        // os.LinkError names both: `symlink TARGET PATH: file exists`.
        if (error) throw fail(errnoText(`symlink ${node.target}`, path, error));
        return;
      }
    }
  }

  /** os.MkdirAll with 0755: every missing directory on the way. */
  private mkdirAll(path: string): void {
    const found = this.stat(path);
    if ('stat' in found) {
      if (found.stat.type !== 'dir') throw fail(errnoText('mkdir', path, 'ENOTDIR'));
      return;
    }
    const parent = posixPath.dir(path);
    if (parent !== path) this.mkdirAll(parent);
    const error = this.host.mkdir(path);
    if (error && error !== 'EEXIST') throw fail(errnoText('mkdir', path, error));
  }

  /** A host entry as an archive entry, or why it cannot be read. */
  private nodeOf(path: string, stat: HostStat): FsNode | string {
    switch (stat.type) {
      case 'dir': return { kind: 'dir', mode: stat.mode };
      case 'symlink': return { kind: 'symlink', target: stat.target ?? '' };
      case 'file': {
        const content = this.host.readFile(path);
        if (typeof content !== 'string') return errnoText('open', path, content.error);
        return { kind: 'file', mode: stat.mode, size: stat.size, content };
      }
    }
  }

  /** lstat(2): a path ending in `/` or `/.` must be a directory (or a link to one). */
  private lstat(path: string): Lookup {
    const cleaned = posixPath.clean(path);
    const stat = this.host.stat(cleaned);
    if (!stat) return { errno: this.missingReason(cleaned), path: cleaned };
    if (posixPath.assertsDirectory(path) && stat.type !== 'dir') {
      const followed = stat.type === 'symlink' ? this.stat(cleaned) : undefined;
      if (followed && 'stat' in followed && followed.stat.type === 'dir') return followed;
      return { errno: 'ENOTDIR', path: cleaned };
    }
    return { stat, path: cleaned };
  }

  /** stat(2): symlinks at the end followed. */
  private stat(path: string): Lookup {
    let current = path;
    for (let links = 0; links <= MAX_LINKS; links++) {
      const found = this.lstat(current);
      if ('errno' in found || found.stat.type !== 'symlink') return found;
      const target = found.stat.target ?? '';
      current = posixPath.isAbsolute(target) ? target : posixPath.join(posixPath.dir(found.path), target);
    }
    return { errno: 'ELOOP', path: current };
  }

  /** ENOENT, or ENOTDIR when the nearest existing ancestor is not a directory. */
  private missingReason(path: string): string {
    for (let ancestor = posixPath.dir(path); ; ancestor = posixPath.dir(ancestor)) {
      const found = this.host.stat(ancestor);
      if (found) {
        if (found.type === 'dir') return 'ENOENT';
        if (found.type === 'symlink') {
          const followed = this.stat(ancestor);
          return 'stat' in followed && followed.stat.type === 'dir' ? 'ENOENT' : 'ENOTDIR';
        }
        return 'ENOTDIR';
      }
      if (ancestor === posixPath.dir(ancestor)) return 'ENOENT';
    }
  }

  /** filepath.EvalSymlinks: every link on the way resolved; the error names the first path that is missing. */
  private evalSymlinks(path: string): string | { error: string } {
    const absolute = posixPath.isAbsolute(path) ? path : posixPath.join(this.hostCwd(), path);
    const [root, rest] = splitRoot(absolute);
    let current = root;
    let pending = elements(rest);
    let links = 0;
    while (pending.length > 0) {
      const name = pending.shift() as string;
      if (name === '..') {
        current = posixPath.dir(current);
        continue;
      }
      const next = posixPath.join(current, name);
      const stat = this.host.stat(next);
      if (!stat) return { error: errnoText('lstat', next, this.missingReason(next)) };
      if (stat.type === 'symlink') {
        if (++links > 255) return { error: 'EvalSymlinks: too many links' };
        const target = stat.target ?? '';
        if (posixPath.isAbsolute(target)) {
          const [targetRoot, below] = splitRoot(target);
          current = targetRoot;
          pending = [...elements(below), ...pending];
        } else {
          pending = [...elements(target), ...pending];
        }
        continue;
      }
      if (stat.type !== 'dir' && pending.length > 0) return { error: 'not a directory' };
      current = next;
    }
    return current;
  }

  private hostCwd(): string {
    return this.host.cwd;
  }
}

/** An absolute path's root (`/`, or a Windows host's drive, `C:/`) and the rest. */
function splitRoot(path: string): [string, string] {
  const drive = /^[A-Za-z]:\//.exec(path)?.[0];
  return drive ? [drive, path.slice(drive.length)] : ['/', path];
}

/** A path's elements, without empty ones and `.`. */
function elements(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

function fail(message: string): StatusError {
  return new StatusError(message, 1);
}
