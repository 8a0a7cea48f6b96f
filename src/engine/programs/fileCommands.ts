import type { FsErrorCode } from '../fs/ContainerFs';
import { FS_ERROR_TEXT } from '../fs/ContainerFs';
import { busyboxUsage } from './busyboxUsage';
import { notSimulatedMessage } from './notSimulated';
import { openForWriting } from './openForWriting';
import type { OpenFile } from './openForWriting';
import type { CommandLine } from './parseCommandLine';
import { commandName, parseCommandLine } from './parseCommandLine';
import type { FileEntry, ProcessContext, Program } from './Program';
import { resolvePath } from './resolvePath';
import { statPath } from './statPath';

/** GNU coreutils (debian, ubuntu, oraclelinux) or busybox (alpine, busybox): they word their errors differently. */
function isGnu(ctx: ProcessContext): boolean {
  return !['alpine', 'busybox'].includes(ctx.family);
}

/** strerror(3) of an errno name, including the two the filesystem never returns but the tools do. */
function errorText(code: FsErrorCode | 'EINVAL' | 'EPERM'): string {
  if (code === 'EINVAL') return 'Invalid argument';
  if (code === 'EPERM') return 'Operation not permitted';
  return FS_ERROR_TEXT[code];
}

/** GNU's `missing operand` with its pointer to --help, or busybox's usage; exit status 1. */
function missingOperand(ctx: ProcessContext, text: string): number {
  const program = commandName(ctx);
  ctx.stderr(isGnu(ctx) ? `${program}: ${text}\nTry '${program} --help' for more information.\n` : busyboxUsage(ctx, program));
  return 1;
}

/** The path an operand names, with the trailing slash kept when it was typed (it changes what open(2) does). */
function absolute(ctx: ProcessContext, operand: string): string {
  return resolvePath(ctx.cwd, operand) + (operand.length > 1 && operand.endsWith('/') ? '/' : '');
}

/** `a/b/` → `b`: the name a path ends with, as basename(3) takes it. */
function lastComponent(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** `dir` + `name` as the tools build the names they report (`d/f`, `/f`, `d/f` from `d/`). */
function joinName(directory: string, name: string): string {
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}

/**
 * Changing a file's times copies it up (overlayfs), which is what touching
 * an image file shows in docker diff. (A file the lab knows only by size
 * comes up empty: appending is the only way ProcessContext has to copy up.)
 */
function copyUp(ctx: ProcessContext, path: string, entry: FileEntry): void {
  if (entry.type === 'file') ctx.writeFile(path, '', { append: true });
}

/**
 * `touch FILE...`: creates what is missing (empty, mode 644), and for what
 * exists updates its times, which copies an image file up into the
 * container's layer. `-c` creates nothing. Times themselves are not kept.
 */
const touch: Program = async (ctx) => {
  const line = parseCommandLine(ctx, {
    flags: 'acfhm', valued: 'drt',
    long: { 'no-create': 'c', 'no-dereference': 'h', 'date=': 'd', 'reference=': 'r', 'time=': 'time' },
  });
  if (typeof line === 'number') return line;
  if (line.operands.length === 0) return missingOperand(ctx, 'missing file operand');
  const gnu = isGnu(ctx);
  let status = 0;
  for (const operand of line.operands) {
    const path = absolute(ctx, operand);
    const found = statPath(ctx, path, !line.options.has('h'));
    let error: FsErrorCode | undefined;
    if ('entry' in found) copyUp(ctx, found.path, found.entry);
    else if (!found.missingLast || line.options.has('c')) error = line.options.has('c') && found.error !== 'ELOOP' ? undefined : found.error;
    else if (path.endsWith('/')) {
      // open("name/", O_CREAT) fails with EISDIR; GNU then tries to set the times and reports that.
      ctx.stderr(gnu ? `touch: setting times of '${operand}': No such file or directory\n` : `touch: ${operand}: Is a directory\n`);
      status = 1;
      continue;
    } else error = ctx.writeFile(found.path, '');
    if (!error) continue;
    ctx.stderr(gnu ? `touch: cannot touch '${operand}': ${errorText(error)}\n` : `touch: ${operand}: ${errorText(error)}\n`);
    status = 1;
  }
  return status;
};

/** `mkdir [-p] [-v] DIRECTORY...` (`-m` is accepted; modes are not kept). */
const mkdir: Program = async (ctx) => {
  const line = parseCommandLine(ctx, {
    flags: 'pv', valued: 'm',
    long: { parents: 'p', verbose: 'v', 'mode=': 'm' },
    busyboxLong: { parents: 'p', 'mode=': 'm' },
  });
  if (typeof line === 'number') return line;
  if (line.operands.length === 0) return missingOperand(ctx, 'missing operand');
  const gnu = isGnu(ctx);
  const fail = (name: string, error: FsErrorCode) => {
    ctx.stderr(gnu ? `mkdir: cannot create directory '${name}': ${errorText(error)}\n` : `mkdir: can't create directory '${name}': ${errorText(error)}\n`);
    return 1;
  };
  const created = (name: string) => {
    if (line.options.has('v')) ctx.stdout(gnu ? `mkdir: created directory '${name}'\n` : `created directory: '${name}'\n`);
  };
  let status = 0;
  for (const operand of line.operands) {
    if (!line.options.has('p')) {
      const error = ctx.mkdir(resolvePath(ctx.cwd, operand));
      if (error) status = fail(operand, error);
      else created(operand);
      continue;
    }
    // -p: each directory on the way, named as typed (`a`, `a/b`, `a/b/c`).
    const parts = operand.split('/');
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] === '' && i > 0) continue;
      const last = parts.slice(i + 1).every((part) => part === '');
      // busybox names each directory on the way as it walks: with the slash after it.
      const typed = (parts.slice(0, i + 1).join('/') || '/') + (!gnu && !last ? '/' : '');
      const found = statPath(ctx, resolvePath(ctx.cwd, typed));
      if ('entry' in found) {
        if (found.entry.type === 'dir') continue;
        // A file in the way: GNU names it; busybox names it with the slash it was walking past.
        status = fail(typed, last ? 'EEXIST' : 'ENOTDIR');
        break;
      }
      const error = found.missingLast ? ctx.mkdir(found.path) : found.error;
      if (error) {
        status = fail(typed, error);
        break;
      }
      created(typed);
    }
  }
  return status;
};

/**
 * `rm [-f] [-r] [-d] [-i] [-v] FILE...`: GNU's and busybox's checks and
 * words. `rm -r /` gets GNU's failsafe; busybox, which has none, and GNU
 * with --no-preserve-root are not simulated (the lab has no container left
 * to show afterwards).
 */
const rm: Program = async (ctx) => {
  const gnu = isGnu(ctx);
  const line = parseCommandLine(ctx, {
    flags: gnu ? 'dfiIrRv' : 'fiRrv',
    long: { dir: 'd', force: 'f', interactive: 'i', recursive: 'r', verbose: 'v', 'no-preserve-root': 'no-preserve-root', 'preserve-root': 'preserve-root', 'one-file-system': 'one-file-system' },
  });
  if (typeof line === 'number') return line;
  const force = line.options.has('f');
  const recursive = line.options.has('r') || line.options.has('R');
  if (line.operands.length === 0) return force ? 0 : missingOperand(ctx, 'missing operand');
  let status = 0;
  const fail = (text: string) => {
    ctx.stderr(`rm: ${text}\n`);
    status = 1;
  };
  for (const operand of line.operands) {
    const base = lastComponent(operand);
    if (base === '.' || base === '..') {
      if (!gnu) fail("can't remove '.' or '..'");
      else if (recursive) fail(`refusing to remove '.' or '..' directory: skipping '${operand}'`);
      else fail(`cannot remove '${operand}': Is a directory`);
      continue;
    }
    const path = resolvePath(ctx.cwd, operand);
    if (path === '/' && recursive) {
      if (gnu && !line.options.has('no-preserve-root')) fail("it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe");
      else {
        ctx.stderr(notSimulatedMessage('removing the whole root filesystem (rm -r /)'));
        status = 1;
      }
      continue;
    }
    // A trailing slash makes the path walk follow a symlink at the end.
    const found = statPath(ctx, path, operand.endsWith('/'));
    if ('error' in found) {
      if (force && (found.error === 'ENOENT' || (gnu && found.error === 'ENOTDIR'))) continue;
      if (gnu) fail(`cannot remove '${operand}': ${errorText(found.error)}`);
      else fail(`can't ${found.error === 'ENOENT' ? 'remove' : 'stat'} '${operand}': ${errorText(found.error)}`);
      continue;
    }
    const entry = found.entry;
    if (gnu && operand.endsWith('/') && entry.type !== 'dir') {
      fail(`cannot remove '${operand}': Not a directory`);
      continue;
    }
    if (entry.type === 'dir' && !recursive) {
      if (!gnu) fail(`'${operand.replace(/\/+$/, '') || '/'}' is a directory`);
      else if (!line.options.has('d')) fail(`cannot remove '${operand}': Is a directory`);
      else if ((ctx.readDir(found.path) ?? []).length > 0) fail(`cannot remove '${operand}': Directory not empty`);
      else {
        ctx.remove(found.path);
        if (line.options.has('v')) ctx.stdout(`removed directory '${operand}'\n`);
      }
      continue;
    }
    if (line.options.has('i')) {
      if (entry.type === 'dir') {
        ctx.stderr(notSimulatedMessage('rm -i on a directory'));
        status = 1;
        continue;
      }
      const kind = entry.type === 'symlink' ? 'symbolic link' : (entry.size ?? entry.content?.length ?? 0) === 0 ? 'regular empty file' : 'regular file';
      ctx.stderr(gnu ? `rm: remove ${kind} '${operand}'? ` : `rm: remove '${operand}'? `);
      const answer = await ctx.readLine();
      if (!/^[yY]/.test(answer ?? '')) continue;
    }
    if (line.options.has('v')) ctx.stdout(removedLines(ctx, found.path, operand, entry, gnu));
    const error = ctx.remove(found.path, { recursive });
    if (error) fail(gnu ? `cannot remove '${operand}': ${errorText(error)}` : `can't remove '${operand}': ${errorText(error)}`);
  }
  return status;
};

/** `rm -v`'s lines: what is inside a directory first, depth first, then the directory. */
function removedLines(ctx: ProcessContext, path: string, name: string, entry: FileEntry, gnu: boolean): string {
  if (entry.type !== 'dir') return `removed '${name}'\n`;
  let text = '';
  for (const child of ctx.readDir(path) ?? []) {
    const childPath = path === '/' ? `/${child}` : `${path}/${child}`;
    const childEntry = ctx.readFile(childPath);
    if (childEntry) text += removedLines(ctx, childPath, joinName(name, child), childEntry, gnu);
  }
  return `${text}${gnu ? `removed directory '${name}'` : `removed directory: '${name}'`}\n`;
}

/** `rmdir [-p] [-v] DIRECTORY...`: only empty directories. */
const rmdir: Program = async (ctx) => {
  const line = parseCommandLine(ctx, {
    flags: 'pv',
    long: { parents: 'p', verbose: 'v', 'ignore-fail-on-non-empty': 'ignore' },
    busyboxLong: { parents: 'p', 'ignore-fail-on-non-empty': 'ignore' },
  });
  if (typeof line === 'number') return line;
  if (line.operands.length === 0) return missingOperand(ctx, 'missing operand');
  const gnu = isGnu(ctx);
  const removeOne = (name: string): boolean => {
    let error: FsErrorCode | 'EINVAL' | undefined;
    const base = lastComponent(name);
    const found = statPath(ctx, resolvePath(ctx.cwd, name), false);
    if (base === '.') error = 'EINVAL';
    else if ('error' in found) error = found.error;
    else if (found.entry.type !== 'dir') error = 'ENOTDIR';
    else if ((ctx.readDir(found.path) ?? []).length > 0 || base === '..') {
      if (line.options.has('ignore')) return false;
      error = 'ENOTEMPTY';
    } else {
      if (line.options.has('v') && gnu) ctx.stdout(`rmdir: removing directory, '${name}'\n`);
      error = ctx.remove(found.path);
    }
    if (!error) return true;
    ctx.stderr(gnu ? `rmdir: failed to remove '${name}': ${errorText(error)}\n` : `rmdir: '${name}': ${errorText(error)}\n`);
    return false;
  };
  let status = 0;
  for (const operand of line.operands) {
    if (!removeOne(operand)) {
      status = 1;
      continue;
    }
    // -p: then each parent named in the operand, until one cannot go.
    for (let name = operand.replace(/\/+$/, ''); line.options.has('p') && name.includes('/');) {
      name = name.slice(0, name.lastIndexOf('/')).replace(/\/+$/, '');
      if (name === '') break;
      if (!removeOne(name)) {
        status = 1;
        break;
      }
    }
  }
  return status;
};

/** How cp and mv copy: symlinks kept as links, or followed. */
interface CopyOptions {
  /** Copy symlinks as symlinks (cp -r, -a, -d, -P; mv always). */
  keepLinks: boolean;
  recursive: boolean;
  noClobber: boolean;
  verbose: ((from: string, to: string) => void) | undefined;
}

/**
 * Copies `source` (a real path) to `target`, directories with everything in
 * them. Files keep their text and mode; a file the lab knows only by size
 * (a binary) is copied empty, as ProcessContext has no way to copy bytes it
 * does not hold. Returns the errors as the command will word them.
 */
function copyTree(ctx: ProcessContext, source: string, entry: FileEntry, target: string, names: { from: string; to: string }, options: CopyOptions, gnu: boolean): string[] {
  const existing = statPath(ctx, target, false);
  if ('error' in existing && !existing.missingLast) {
    return [gnu ? `cannot create regular file '${names.to}': ${errorText(existing.error)}` : `can't create '${names.to}': ${errorText(existing.error)}`];
  }
  const present = 'entry' in existing ? existing.entry : undefined;
  if (present && options.noClobber && entry.type !== 'dir') return [];
  if (entry.type === 'dir') {
    const followed = statPath(ctx, target);
    if (present && !('entry' in followed && followed.entry.type === 'dir')) {
      return [gnu ? `cannot overwrite non-directory '${names.to}' with directory '${names.from}'` : `can't stat '${joinName(names.to, lastComponent(names.from))}': Not a directory`];
    }
    if (!present) {
      const error = ctx.mkdir(target);
      if (error) return [gnu ? `cannot create directory '${names.to}': ${errorText(error)}` : `can't create directory '${names.to}': ${errorText(error)}`];
    }
    options.verbose?.(names.from, names.to);
    const errors: string[] = [];
    for (const child of ctx.readDir(source) ?? []) {
      const childSource = source === '/' ? `/${child}` : `${source}/${child}`;
      const childEntry = ctx.readFile(childSource);
      if (!childEntry) continue;
      const childTarget = target === '/' ? `/${child}` : `${target}/${child}`;
      errors.push(...copyTree(ctx, childSource, childEntry, childTarget, { from: joinName(names.from, child), to: joinName(names.to, child) }, options, gnu));
    }
    return errors;
  }
  if (present?.type === 'dir') return [gnu ? `cannot overwrite directory '${names.to}' with non-directory` : `can't create '${names.to}': Is a directory`];
  let error: FsErrorCode | undefined;
  if (entry.type === 'symlink') {
    if (present) ctx.remove(existing.path);
    error = ctx.symlink(existing.path, entry.target ?? '');
  } else {
    // A file copied onto a symlink writes through it, as open(2) does.
    error = ctx.writeFile(present?.type === 'symlink' ? statPath(ctx, target).path : existing.path, entry.content ?? '', { mode: entry.mode });
  }
  if (error) return [gnu ? `cannot create ${entry.type === 'symlink' ? 'symbolic link' : 'regular file'} '${names.to}': ${errorText(error)}` : `can't create '${names.to}': ${errorText(error)}`];
  options.verbose?.(names.from, names.to);
  return [];
}

/** Where cp, mv and ln put their operands: into a directory, or at one name. */
interface Destination {
  directory: string | undefined;
  sources: readonly string[];
  target: string;
}

/**
 * The destination of cp, mv and ln. Several sources need a directory: GNU
 * refuses anything else (`target 'x': Not a directory`); busybox carries on
 * as if it were one, and reports each source that then fails. Undefined
 * after GNU's message.
 */
function destination(ctx: ProcessContext, line: CommandLine, noTargetDirectory: boolean): Destination | undefined {
  const given = line.values.get('t');
  if (given !== undefined) return { directory: given, sources: line.operands, target: given };
  const target = line.operands[line.operands.length - 1];
  const sources = line.operands.slice(0, -1);
  const found = statPath(ctx, resolvePath(ctx.cwd, target));
  const isDirectory = !noTargetDirectory && 'entry' in found && found.entry.type === 'dir';
  if (!isDirectory && sources.length > 1) {
    if (!isGnu(ctx)) return { directory: target, sources, target };
    ctx.stderr(`${commandName(ctx)}: target '${target}': ${errorText('error' in found ? found.error : 'ENOTDIR')}\n`);
    return undefined;
  }
  return { directory: isDirectory ? target : undefined, sources, target };
}

/** True when `path` is `ancestor` or inside it. */
function within(path: string, ancestor: string): boolean {
  return path === ancestor || ancestor === '/' || path.startsWith(`${ancestor}/`);
}

/** `cp [-r] [-a] [-p] [-d] [-n] [-f] [-v] [-T] [-t DIR] SOURCE... DEST` */
const cp: Program = async (ctx) => {
  const gnu = isGnu(ctx);
  const line = parseCommandLine(ctx, {
    flags: 'adfHiLlnPprRsTuvx', valued: 't',
    long: {
      archive: 'a', force: 'f', interactive: 'i', 'no-clobber': 'n', 'no-dereference': 'P', dereference: 'L', preserve: 'p', recursive: 'r',
      'target-directory=': 't', 'no-target-directory': 'T', verbose: 'v', update: 'u', 'one-file-system': 'x',
    },
    busyboxLong: { 'target-directory=': 't', 'no-target-directory': 'T', parents: 'parents', update: 'u' },
  });
  if (typeof line === 'number') return line;
  const operands = line.operands;
  if (operands.length === 0 || (operands.length === 1 && !line.values.has('t'))) {
    return missingOperand(ctx, operands.length === 0 ? 'missing file operand' : `missing destination file operand after '${operands[0]}'`);
  }
  if (line.options.has('l') || line.options.has('s')) {
    ctx.stderr(notSimulatedMessage(`cp -${line.options.has('l') ? 'l' : 's'}`));
    return 1;
  }
  const recursive = ['r', 'R', 'a'].some((option) => line.options.has(option));
  const options: CopyOptions = {
    keepLinks: (recursive || line.options.has('d') || line.options.has('P')) && !line.options.has('L'),
    recursive,
    noClobber: line.options.has('n'),
    verbose: line.options.has('v') ? (from, to) => ctx.stdout(`'${from}' -> '${to}'\n`) : undefined,
  };
  const place = destination(ctx, line, line.options.has('T'));
  if (!place) return 1;
  let status = 0;
  const fail = (text: string) => {
    ctx.stderr(`cp: ${text}\n`);
    status = 1;
  };
  for (const source of place.sources) {
    const found = statPath(ctx, resolvePath(ctx.cwd, source), !options.keepLinks || line.options.has('H'));
    if ('error' in found) {
      fail(gnu ? `cannot stat '${source}': ${errorText(found.error)}` : `can't stat '${source}': ${errorText(found.error)}`);
      continue;
    }
    const omitted = found.entry.type === 'dir' && !recursive;
    if (omitted && gnu) {
      fail(`-r not specified; omitting directory '${source}'`);
      continue;
    }
    // busybox copies a directory into an existing non-directory's name as into a directory (and fails on it).
    const intoName = !gnu && found.entry.type === 'dir' && place.directory === undefined && 'entry' in statPath(ctx, resolvePath(ctx.cwd, place.target), false);
    const targetName = place.directory !== undefined || intoName ? joinName(place.directory ?? place.target, lastComponent(source)) : place.target;
    const targetPath = absolute(ctx, targetName);
    if (targetPath.endsWith('/') && found.entry.type !== 'dir') {
      const there = statPath(ctx, targetPath);
      fail(gnu ? `cannot create regular file '${targetName}': ${'entry' in there ? 'Is a directory' : 'Not a directory'}` : `can't create '${targetName}': Is a directory`);
      continue;
    }
    const targetStatus = statPath(ctx, targetPath);
    const lstatTarget = statPath(ctx, targetPath, false);
    if (!gnu && 'error' in targetStatus && targetStatus.error !== 'ENOENT') {
      // busybox stats the destination before it looks at what the source is.
      fail(`can't stat '${targetName}': ${errorText(targetStatus.error)}`);
      continue;
    }
    if (omitted) {
      fail(`omitting directory '${source}'`);
      continue;
    }
    if ('entry' in targetStatus && targetStatus.path === found.path) {
      // busybox checks only the name: through a symlink to the source it truncates the source and copies nothing.
      if (gnu || lstatTarget.path === found.path) fail(`'${source}' and '${targetName}' are the same file`);
      else ctx.writeFile(found.path, '');
      continue;
    }
    if (gnu && 'entry' in lstatTarget && lstatTarget.entry.type === 'symlink' && 'error' in targetStatus && found.entry.type === 'file' && !line.options.has('f')) {
      fail(`not writing through dangling symlink '${targetName}'`);
      continue;
    }
    if ('error' in lstatTarget && !lstatTarget.missingLast) {
      const text = errorText(lstatTarget.error);
      fail(gnu ? `cannot create regular file '${targetName}': ${text}` : lstatTarget.error === 'ENOENT' ? `can't create '${targetName}': ${text}` : `can't stat '${targetName}': ${text}`);
      continue;
    }
    const realTarget = 'entry' in targetStatus && targetStatus.entry.type === 'dir' ? targetStatus.path : lstatTarget.path;
    if (found.entry.type === 'dir' && within(realTarget, found.path)) {
      // Both make the directory before they notice.
      if ('error' in lstatTarget) ctx.mkdir(realTarget);
      fail(gnu ? `cannot copy a directory, '${source}', into itself, '${targetName}'` : `recursion detected, omitting directory '${targetName}'`);
      continue;
    }
    for (const error of copyTree(ctx, found.path, found.entry, realTarget, { from: source, to: targetName }, options, gnu)) fail(error);
  }
  return status;
};

/**
 * `mv [-f] [-n] [-v] [-T] [-t DIR] SOURCE... DEST`. A rename in the
 * container's layer is a copy and a removal, as overlayfs makes it for a
 * directory from the image (docker diff: D for the old name, A for the new).
 */
const mv: Program = async (ctx) => {
  const gnu = isGnu(ctx);
  const line = parseCommandLine(ctx, {
    flags: gnu ? 'bfinTuvZ' : 'finT', valued: 't',
    long: { force: 'f', interactive: 'i', 'no-clobber': 'n', 'target-directory=': 't', 'no-target-directory': 'T', verbose: 'v', update: 'u' },
    busyboxLong: { 'target-directory=': 't', 'no-target-directory': 'T' },
  });
  if (typeof line === 'number') return line;
  const operands = line.operands;
  if (operands.length === 0 || (operands.length === 1 && !line.values.has('t'))) {
    return missingOperand(ctx, operands.length === 0 ? 'missing file operand' : `missing destination file operand after '${operands[0]}'`);
  }
  const place = destination(ctx, line, line.options.has('T'));
  if (!place) return 1;
  let status = 0;
  const fail = (text: string) => {
    ctx.stderr(`mv: ${text}\n`);
    status = 1;
  };
  for (const source of place.sources) {
    const found = statPath(ctx, resolvePath(ctx.cwd, source), false);
    const cannotMove = (targetName: string, text: string) => fail(gnu ? `cannot move '${source}' to '${targetName}': ${text}` : `can't rename '${source}': ${text}`);
    if ('error' in found) {
      fail(gnu ? `cannot stat '${source}': ${errorText(found.error)}` : `can't rename '${source}': ${errorText(found.error)}`);
      continue;
    }
    const targetName = place.directory !== undefined ? joinName(place.directory, lastComponent(source)) : place.target;
    const targetPath = absolute(ctx, targetName);
    const target = statPath(ctx, targetPath, false);
    if ('entry' in target && target.path === found.path) {
      if (found.entry.type === 'dir' && place.directory !== undefined) cannotMove(targetName, 'Invalid argument');
      else if (gnu) fail(`'${source}' and '${targetName}' are the same file`);
      continue;
    }
    if (found.entry.type === 'dir' && within(target.path, found.path)) {
      if (gnu) fail(`cannot move '${source}' to a subdirectory of itself, '${targetName}'`);
      else fail(`can't rename '${source}': Invalid argument`);
      continue;
    }
    if ('error' in target) {
      if (!target.missingLast) cannotMove(targetName, errorText(target.error));
      else if (targetPath.endsWith('/') && found.entry.type !== 'dir') cannotMove(targetName, 'Not a directory');
      else moveTo(ctx, found.path, found.entry, target.path, source, targetName, gnu, line, fail);
      continue;
    }
    if (line.options.has('n')) continue;
    if (target.entry.type === 'dir' && found.entry.type !== 'dir') {
      fail(gnu ? `cannot overwrite directory '${targetName}' with non-directory` : `can't rename '${source}': Is a directory`);
      continue;
    }
    if (target.entry.type !== 'dir' && found.entry.type === 'dir') {
      fail(gnu ? `cannot overwrite non-directory '${targetName}' with directory '${source}'` : `can't rename '${source}': Not a directory`);
      continue;
    }
    if (target.entry.type === 'dir' && (ctx.readDir(target.path) ?? []).length > 0) {
      cannotMove(targetName, 'Directory not empty');
      continue;
    }
    // rename(2) replaces what was there.
    ctx.remove(target.path, { recursive: true });
    moveTo(ctx, found.path, found.entry, target.path, source, targetName, gnu, line, fail);
  }
  return status;
};

function moveTo(ctx: ProcessContext, from: string, entry: FileEntry, to: string, source: string, targetName: string, gnu: boolean, line: CommandLine, fail: (text: string) => void): void {
  const errors = copyTree(ctx, from, entry, to, { from: source, to: targetName }, { keepLinks: true, recursive: true, noClobber: false, verbose: undefined }, gnu);
  if (errors.length) {
    for (const error of errors) fail(error);
    return;
  }
  ctx.remove(from, { recursive: true });
  if (line.options.has('v') && gnu) ctx.stdout(`renamed '${source}' -> '${targetName}'\n`);
}

/**
 * `tee [-a] FILE...`: stdin to stdout and to each file, as it comes. Files
 * that cannot be opened are reported and skipped; the status is then 1.
 */
const tee: Program = async (ctx) => {
  const line = parseCommandLine(ctx, { flags: isGnu(ctx) ? 'aip' : 'ai', long: { append: 'a', 'ignore-interrupts': 'i' } });
  if (typeof line === 'number') return line;
  let status = 0;
  const files: OpenFile[] = [];
  for (const operand of line.operands) {
    const file = operand === '-' && !isGnu(ctx)
      ? { path: '-', initial: '', write: (text: string) => ctx.stdout(text) }
      : openForWriting(ctx, absolute(ctx, operand), line.options.has('a') ? 'append' : 'truncate', { stdout: (text) => ctx.stdout(text), stderr: (text) => ctx.stderr(text) });
    if ('error' in file) {
      ctx.stderr(`tee: ${operand}: ${errorText(file.error)}\n`);
      status = 1;
      continue;
    }
    files.push(file);
  }
  for (let input = await ctx.readLine(); input !== null; input = await ctx.readLine()) {
    ctx.stdout(`${input}\n`);
    for (const file of files) file.write(`${input}\n`);
  }
  return status;
};

/**
 * `ln [-s] [-f] [-n] [-v] [-T] [-t DIR] TARGET... [LINK]`. A hard link is
 * made as a copy (the lab's files have no inodes to share): it shows in
 * docker diff as the real one does, but later writes to one do not reach
 * the other.
 */
const ln: Program = async (ctx) => {
  const gnu = isGnu(ctx);
  const line = parseCommandLine(ctx, {
    flags: gnu ? 'bdfFiLnPrsTv' : 'sfnbvT', valued: gnu ? 'St' : 'S',
    long: { symbolic: 's', force: 'f', 'no-dereference': 'n', 'no-target-directory': 'T', 'target-directory=': 't', verbose: 'v', relative: 'r', interactive: 'i' },
  });
  if (typeof line === 'number') return line;
  const operands = line.operands;
  if (operands.length === 0) return missingOperand(ctx, 'missing file operand');
  const symbolic = line.options.has('s');
  let place: Destination;
  if (operands.length === 1 && !line.values.has('t')) {
    // One operand: a link of the same name in the working directory.
    place = { directory: '.', sources: operands, target: '.' };
  } else if (line.values.has('t')) {
    place = { directory: line.values.get('t'), sources: operands, target: line.values.get('t') as string };
  } else {
    const last = operands[operands.length - 1];
    const found = statPath(ctx, resolvePath(ctx.cwd, last), !line.options.has('n'));
    const isDirectory = !line.options.has('T') && 'entry' in found && found.entry.type === 'dir';
    if (!isDirectory && operands.length > 2 && gnu) {
      ctx.stderr(`ln: target '${last}': ${errorText('error' in found ? found.error : 'ENOTDIR')}\n`);
      return 1;
    }
    // busybox links every target at the one name then (the second finds it taken).
    place = { directory: isDirectory ? last : undefined, sources: operands.slice(0, -1), target: last };
  }
  let status = 0;
  const fail = (linkName: string, error: FsErrorCode | 'EPERM') => {
    ctx.stderr(gnu ? `ln: failed to create ${symbolic ? 'symbolic' : 'hard'} link '${linkName}': ${errorText(error)}\n` : `ln: ${linkName}: ${errorText(error)}\n`);
    status = 1;
  };
  for (const target of place.sources) {
    const linkName = place.directory !== undefined
      ? (place.directory === '.' && operands.length === 1 ? lastComponent(target) : joinName(place.directory, lastComponent(target)))
      : place.target;
    const linkPath = resolvePath(ctx.cwd, linkName);
    let source: FileEntry | undefined;
    if (!symbolic) {
      const found = statPath(ctx, resolvePath(ctx.cwd, target), false);
      if ('error' in found) {
        ctx.stderr(gnu ? `ln: failed to access '${target}': ${errorText(found.error)}\n` : `ln: ${target}: ${errorText(found.error)}\n`);
        status = 1;
        continue;
      }
      if (found.entry.type === 'dir') {
        if (gnu) {
          ctx.stderr(`ln: ${target}: hard link not allowed for directory\n`);
          status = 1;
        } else {
          fail(linkName, 'EPERM');
        }
        continue;
      }
      source = found.entry;
    }
    const existing = statPath(ctx, linkPath, false);
    if ('error' in existing && !existing.missingLast) {
      fail(linkName, existing.error);
      continue;
    }
    if ('entry' in existing) {
      if (!line.options.has('f')) {
        fail(linkName, 'EEXIST');
        continue;
      }
      if (existing.entry.type === 'dir') {
        ctx.stderr(gnu ? `ln: ${linkName}: cannot overwrite directory\n` : `ln: ${linkName}: Is a directory\n`);
        status = 1;
        continue;
      }
      ctx.remove(existing.path);
    }
    const where = existing.path;
    let error: FsErrorCode | undefined;
    if (symbolic) error = ctx.symlink(where, target);
    else if (source?.type === 'symlink') error = ctx.symlink(where, source.target ?? '');
    else error = ctx.writeFile(where, source?.content ?? '', { mode: source?.mode });
    if (error) {
      fail(linkName, error);
      continue;
    }
    if (line.options.has('v')) ctx.stdout(`'${linkName}' ${symbolic ? '->' : '=>'} '${target}'\n`);
  }
  return status;
};

/**
 * `chmod MODE FILE...` for files: octal modes and chmod(1)'s symbolic ones
 * (`+x`, `u+x,go-w`, `a=r`). A file's new mode is written by replacing the
 * file with itself (its text, or its size where the lab knows no text).
 * Directories' modes are not kept by the lab's filesystem: not simulated.
 */
const chmod: Program = async (ctx) => {
  const gnu = isGnu(ctx);
  // A mode such as -x or -w looks like an option: it is the mode when it parses as one.
  const args = ctx.argv.slice(1);
  const modeIndex = args.findIndex((arg) => arg === '--' ? false : !/^-[Rcvf]+$/.test(arg));
  if (modeIndex < 0 || modeIndex >= args.length - 1) {
    const given = modeIndex >= 0 ? args[modeIndex] : undefined;
    return missingOperand(ctx, given === undefined ? 'missing operand' : `missing operand after '${given}'`);
  }
  const mode = args[modeIndex];
  const files = args.slice(modeIndex + 1);
  if (changedMode(mode, 0o644, false) === undefined) {
    ctx.stderr(gnu ? `chmod: invalid mode: '${mode}'\nTry 'chmod --help' for more information.\n` : `chmod: invalid mode '${mode}'\n`);
    return 1;
  }
  let status = 0;
  for (const operand of files) {
    const found = statPath(ctx, resolvePath(ctx.cwd, operand));
    if ('error' in found) {
      ctx.stderr(gnu ? `chmod: cannot access '${operand}': ${errorText(found.error)}\n` : `chmod: ${operand}: ${errorText(found.error)}\n`);
      status = 1;
      continue;
    }
    if (found.entry.type !== 'file') {
      ctx.stderr(notSimulatedMessage('chmod on a directory'));
      status = 1;
      continue;
    }
    const next = changedMode(mode, found.entry.mode ?? 0o644, false) as number;
    if (found.entry.content === undefined && ctx.putFile) {
      ctx.putFile(found.path, { mode: next, size: found.entry.size ?? 0 });
    } else {
      ctx.remove(found.path);
      ctx.writeFile(found.path, found.entry.content ?? '', { mode: next });
    }
  }
  return status;
};

/** The mode `spec` makes of `mode` (octal, or comma-separated `[ugoa]*[+-=][rwxXst]*`); undefined if it is no mode. */
function changedMode(spec: string, mode: number, directory: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let result = mode;
  for (const clause of spec.split(',')) {
    const match = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!match) return undefined;
    const [, who, operator, permissions] = match;
    // Without who, a applies with the umask (022) masking what + and = give.
    const masks = { u: 0o4700, g: 0o2070, o: 0o1007 };
    const targets = who === '' || who.includes('a') ? ['u', 'g', 'o'] : [...new Set(who)];
    let bits = 0;
    for (const permission of permissions) {
      if (permission === 'r') bits |= 0o444;
      else if (permission === 'w') bits |= 0o222;
      else if (permission === 'x' || (permission === 'X' && (directory || (mode & 0o111) !== 0))) bits |= 0o111;
      else if (permission === 's') bits |= 0o6000;
      else if (permission === 't') bits |= 0o1000;
    }
    let mask = targets.reduce((sum, target) => sum | masks[target as 'u' | 'g' | 'o'], 0);
    if (who === '') mask &= ~0o022;
    if (operator === '+') result |= bits & mask;
    else if (operator === '-') result &= ~(bits & mask);
    else result = (result & ~mask) | (bits & mask);
  }
  return result;
}

/** The commands that change files, by name. */
export const fileCommands: Readonly<Record<string, Program>> = { chmod, cp, ln, mkdir, mv, rm, rmdir, tee, touch };
