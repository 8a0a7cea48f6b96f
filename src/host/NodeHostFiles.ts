import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostFiles, HostStat } from '../cli/HostFiles';

/**
 * The learner's real files through node's fs, rooted at a working directory
 * (the workspace folder in VS Code, the shell's directory for `docker-lab`).
 * Paths are handed to the docker CLI with `/` separators on every platform
 * (the lab's docker is the Linux CLI); errors come back as errno names.
 */
export class NodeHostFiles implements HostFiles {
  readonly cwd: string;

  constructor(cwd: string) {
    this.cwd = toSlashes(path.resolve(cwd));
  }

  resolve(...paths: string[]): string {
    return toSlashes(path.resolve(this.cwd, ...paths));
  }

  stat(target: string): HostStat | undefined {
    let stats: fs.Stats;
    try {
      stats = fs.lstatSync(this.resolve(target));
    } catch {
      return undefined;
    }
    const stat: HostStat = {
      type: stats.isDirectory() ? 'dir' : stats.isSymbolicLink() ? 'symlink' : 'file',
      mode: stats.mode & 0o7777,
      size: stats.size,
      modified: stats.mtimeMs,
    };
    if (stats.isSymbolicLink()) stat.target = this.readLink(target);
    return stat;
  }

  readFile(target: string): string | { error: string } {
    try {
      return fs.readFileSync(this.resolve(target), 'utf8');
    } catch (error) {
      return { error: errnoOf(error) };
    }
  }

  readDir(target: string): string[] | undefined {
    try {
      // Sorted by bytes, as Go's filepath.WalkDir visits them.
      return fs.readdirSync(this.resolve(target)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    } catch {
      return undefined;
    }
  }

  writeFile(target: string, content: string, mode = 0o644): string | undefined {
    return attempt(() => {
      const file = this.resolve(target);
      fs.writeFileSync(file, content, { mode });
      // The mode given at creation is masked by the umask; go-archive sets it afterwards as given.
      fs.chmodSync(file, mode);
    });
  }

  mkdir(target: string): string | undefined {
    return attempt(() => fs.mkdirSync(this.resolve(target)));
  }

  symlink(target: string, linkTarget: string): string | undefined {
    return attempt(() => fs.symlinkSync(linkTarget, this.resolve(target)));
  }

  remove(target: string): string | undefined {
    return attempt(() => fs.rmSync(this.resolve(target), { recursive: true, force: true }));
  }

  private readLink(target: string): string {
    try {
      return toSlashes(fs.readlinkSync(this.resolve(target)));
    } catch {
      return '';
    }
  }
}

function attempt(operation: () => void): string | undefined {
  try {
    operation();
    return undefined;
  } catch (error) {
    return errnoOf(error);
  }
}

function errnoOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/** Windows paths with `/`, which node accepts and the lab's (Linux) docker CLI understands. */
function toSlashes(value: string): string {
  return path.sep === '\\' ? value.replace(/\\/g, '/') : value;
}
