import type { PathStat } from '../../engine/Engine';
import { EngineError } from '../../engine/errors';
import { humanSizeWithPrecision } from '../../engine/util/units';
import type { CommandContext, CommandHandler } from './Command';
import { StatusError } from './Command';
import { HostArchive } from './HostArchive';
import { archiveSize } from './archiveSize';
import { daemonEntries } from '../../engine/util/daemonEntries';
import type { CopyInfo } from './prepareArchiveCopy';
import { getRebaseName, prepareArchiveCopy, rebaseEntries } from './prepareArchiveCopy';
import { posixPath } from '../../engine/util/posixPath';
import { trimContainerId } from './trimContainerId';

/** Go's os.ModeDir and os.ModeSymlink in a PathStat's mode. */
const MODE_DIR = 0x80000000;
const MODE_SYMLINK = 0x8000000;

/** aec's cursor save/restore, hide/show and erase-line sequences, as cp.go's copyProgress writes them. */
const SAVE = '\x1b[s';
const RESTORE = '\x1b[u';
const HIDE = '\x1b[?25l';
const SHOW = '\x1b[?25h';
const ERASE_LINE = '\x1b[2K';

const NO_HOST_FILES = 'Docker Lab: docker cp copies to and from the host\'s files, and they are not available here.';
const NO_TAR_STREAM = 'Docker Lab: docker cp with - (a tar archive on standard input or output) is not simulated; give a path instead.';

interface CopyOptions {
  followLink: boolean;
  quiet: boolean;
}

/**
 * `docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH` and
 * `docker cp [OPTIONS] SRC_PATH CONTAINER:DEST_PATH` (docker/cli
 * container/cp.go, moby's go-archive copy rules): files and directories,
 * recursively, between a container and the learner's files. On a terminal
 * (and without -q) the client draws its progress on stderr and ends with
 * `Successfully copied 2.05kB to /path`, the size being the tar stream's.
 * `-` (a tar archive on stdin or stdout) is not simulated.
 */
export const cp: CommandHandler = async (ctx) => {
  const { flags, io } = ctx;
  const [source, destination] = ctx.args;
  if (source === '') throw new StatusError('source can not be empty', 1);
  if (destination === '') throw new StatusError('destination can not be empty', 1);
  const options: CopyOptions = {
    followLink: flags.bool('follow-link'),
    // Unless -q is given either way, progress is shown only when stdout is a terminal.
    quiet: flags.changed('quiet') ? flags.bool('quiet') : !io.isTTY,
  };
  const [sourceContainer, sourcePath] = splitCpArg(source);
  const [destinationContainer, destinationPath] = splitCpArg(destination);
  if (sourceContainer !== '' && destinationContainer !== '') throw new StatusError('copying between containers is not supported', 1);
  if (sourceContainer !== '') return copyFromContainer(ctx, options, sourceContainer, sourcePath, destinationPath);
  if (destinationContainer !== '') return copyToContainer(ctx, options, destinationContainer, sourcePath, destinationPath);
  throw new StatusError('must specify at least one container source', 1);
};

/**
 * cp.go splitCpArg: `CONTAINER:PATH`, unless the argument is an absolute
 * path or starts with `.` (`./file:name.txt` is a local file with a colon).
 */
function splitCpArg(argument: string): [string, string] {
  if (argument.startsWith('/')) return ['', argument];
  const colon = argument.indexOf(':');
  if (colon < 0 || argument.slice(0, colon).startsWith('.')) return ['', argument];
  return [argument.slice(0, colon), argument.slice(colon + 1)];
}

async function copyFromContainer(ctx: CommandContext, options: CopyOptions, container: string, sourcePath: string, destinationPath: string): Promise<number> {
  const { engine } = ctx;
  let host: HostArchive | undefined;
  let local = destinationPath;
  if (destinationPath !== '-') {
    host = hostArchive(ctx);
    local = host.absolute(destinationPath);
    host.validateOutputPath(local);
  }

  let path = sourcePath;
  let rebaseName: string | undefined;
  if (options.followLink) {
    // -L: a symlink is copied as what it points to, under the link's name.
    const stat = statQuietly(ctx, container, sourcePath);
    if (stat && (stat.mode & MODE_SYMLINK) !== 0) {
      let target = stat.linkTarget;
      if (!posixPath.isAbsolute(target)) target = posixPath.join(posixPath.splitPathDirEntry(sourcePath)[0], target);
      [path, rebaseName] = getRebaseName(sourcePath, target);
    }
  }

  const archive = engine.containerArchive(trimContainerId(container), path);
  if (!host) throw new StatusError(NO_TAR_STREAM, 1);

  let entries = daemonEntries(archive.entries, path, (archive.stat.mode & MODE_DIR) !== 0);
  // The progress counts the daemon's stream, before the client renames anything in it.
  const size = archiveSize(entries);
  const sourceBase = posixPath.splitPathDirEntry(path)[1];
  if (rebaseName) entries = rebaseEntries(entries, sourceBase, rebaseName);
  const sourceInfo: CopyInfo = { path, exists: true, isDir: (archive.stat.mode & MODE_DIR) !== 0, rebaseName };

  const progress = startProgress(ctx, options, 'Copying from container - ');
  let copied = 0;
  let failure: unknown;
  try {
    const destinationInfo = host.destinationInfo(local);
    const prepared = prepareArchiveCopy(entries, rebaseName ?? sourceBase, sourceInfo, destinationInfo);
    if ('error' in prepared) throw new StatusError(prepared.error, 1);
    // From here on the archive is read.
    copied = size;
    host.extract(prepared.entries, prepared.directory);
  } catch (e) {
    failure = e;
  }
  progress?.(`Successfully copied ${humanSizeWithPrecision(copied, 3)} to ${local}`);
  if (failure !== undefined) throw failure;
  return 0;
}

async function copyToContainer(ctx: CommandContext, options: CopyOptions, container: string, sourcePath: string, destinationPath: string): Promise<number> {
  let host: HostArchive | undefined;
  let local = sourcePath;
  if (sourcePath !== '-') {
    host = hostArchive(ctx);
    local = host.absolute(sourcePath);
  }

  // What the destination is decides how the archive is named; a failed stat means "does not exist yet".
  const destinationInfo: CopyInfo = { path: destinationPath, exists: false, isDir: false };
  let stat = statQuietly(ctx, container, destinationPath);
  if (stat && (stat.mode & MODE_SYMLINK) !== 0) {
    let target = stat.linkTarget;
    if (!posixPath.isAbsolute(target)) target = posixPath.join(posixPath.splitPathDirEntry(destinationPath)[0], target);
    destinationInfo.path = target;
    stat = statQuietly(ctx, container, target);
  }
  if (stat) {
    destinationInfo.exists = true;
    destinationInfo.isDir = (stat.mode & MODE_DIR) !== 0;
  }

  if (!host) {
    if (!destinationInfo.isDir) throw new StatusError(`destination "${container}:${destinationPath}" must be a directory`, 1);
    throw new StatusError(NO_TAR_STREAM, 1);
  }

  const sourceInfo = host.sourceInfo(local, options.followLink);
  const { entries, errors } = host.read(sourceInfo);
  // The client's archiver logs what it cannot read, and goes on without it.
  for (const error of errors) ctx.io.stderr.write(`ERRO[0000] ${error}\n`);
  const sourceBase = sourceInfo.rebaseName ?? posixPath.splitPathDirEntry(sourceInfo.path)[1];
  const prepared = prepareArchiveCopy(entries, sourceBase, sourceInfo, destinationInfo);
  if ('error' in prepared) throw new StatusError(prepared.error, 1);

  const progress = startProgress(ctx, options, 'Copying to container - ');
  let failure: unknown;
  try {
    ctx.engine.containerPutArchive(trimContainerId(container), prepared.directory, prepared.entries);
  } catch (e) {
    failure = e;
  }
  progress?.(`Successfully copied ${humanSizeWithPrecision(archiveSize(prepared.entries), 3)} to ${container}:${destinationInfo.path}`);
  if (failure !== undefined) throw failure;
  return 0;
}

function hostArchive(ctx: CommandContext): HostArchive {
  if (!ctx.hostFiles) throw new StatusError(NO_HOST_FILES, 1);
  return new HostArchive(ctx.hostFiles);
}

/** ContainerStatPath whose errors the client ignores (the copy then assumes the path does not exist). */
function statQuietly(ctx: CommandContext, container: string, path: string): PathStat | undefined {
  const id = container.trim();
  if (id === '') return undefined;
  try {
    return ctx.engine.containerStatPath(id, path);
  } catch (e) {
    if (e instanceof EngineError) return undefined;
    throw e;
  }
}

/**
 * cp.go copyProgress: on a terminal "Preparing to copy...", then the header
 * and the bytes so far (the lab's copies are instant, so 0B until done),
 * erased at the end; then the closing line, which `--quiet=false` prints
 * even without a terminal. Undefined when quiet.
 */
function startProgress(ctx: CommandContext, options: CopyOptions, header: string): ((closing: string) => void) | undefined {
  if (options.quiet) return undefined;
  const { stderr, isTTY } = ctx.io;
  if (isTTY) stderr.write(`${SAVE}Preparing to copy...${HIDE}${RESTORE}${ERASE_LINE}${header}0B`);
  return (closing) => stderr.write(`${isTTY ? `${SHOW}${RESTORE}${ERASE_LINE}` : ''}${closing}\n`);
}
