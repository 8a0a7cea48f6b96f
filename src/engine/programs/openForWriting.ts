import type { FsErrorCode } from '../fs/ContainerFs';
import type { ProcessContext } from './Program';
import { statPath } from './statPath';

/**
 * How a file is opened for writing: `>` truncates (O_TRUNC), `>>` and
 * `tee -a` append (O_APPEND), `<>` writes from the start without
 * truncating (O_RDWR).
 */
export type WriteMode = 'truncate' | 'append' | 'readWrite';

/** An open file: writes go to the container's files as they come, as write(2) would. */
export interface OpenFile {
  /** The file's real path (symlinks followed), or the device's. */
  readonly path: string;
  /** The text the file held when opened (what `<>` reads). */
  readonly initial: string;
  write(text: string): void;
}

/** Where the devices a program may write to lead: its current standard output and error. */
export interface StandardOutputs {
  stdout(text: string): void;
  stderr(text: string): void;
}

type FilesAccess = Pick<ProcessContext, 'readFile' | 'writeFile'>;

/**
 * open(2) with O_CREAT for writing, in the container's writable layer.
 * Like overlayfs, opening an image file for writing copies it up even
 * before anything is written (so `docker diff` shows C); a new file is
 * created at once (A), empty. /dev/null and /dev/zero swallow what is
 * written, /dev/stdout and /dev/stderr (also through a symlink, as nginx's
 * /var/log/nginx/access.log is) lead to `outputs`.
 *
 * Errors are the kernel's: ENOENT or ENOTDIR for the directories on the
 * way, EISDIR for a directory (and for any name written with a trailing
 * slash), ELOOP.
 */
export function openForWriting(ctx: FilesAccess, path: string, mode: WriteMode, outputs: StandardOutputs): OpenFile | { error: FsErrorCode } {
  const status = statPath(ctx, path);
  const real = status.path;
  const device = deviceWriter(real, outputs);
  if (device) return { path: real, initial: '', write: device };
  if ('error' in status && !status.missingLast) return { error: status.error };
  // open("name/", O_CREAT) is EISDIR whether or not the name exists.
  if (path.endsWith('/') && path !== '/') return { error: 'EISDIR' };
  if ('entry' in status && status.entry.type === 'dir') return { error: 'EISDIR' };
  const existing = 'entry' in status ? status.entry : undefined;
  const initial = existing?.content ?? '';
  if (mode === 'truncate' || !existing) {
    const error = ctx.writeFile(real, '');
    if (error) return { error };
  } else {
    // Opened for writing: copied up now (appending nothing keeps the text; a file the lab knows only by size starts empty).
    ctx.writeFile(real, '', { append: true });
  }
  let offset = mode === 'truncate' ? 0 : mode === 'append' ? -1 : 0;
  return {
    path: real,
    initial: mode === 'truncate' ? '' : initial,
    write: (text: string) => {
      if (text === '') return;
      if (offset < 0) {
        ctx.writeFile(real, text, { append: true });
        return;
      }
      // A write at the descriptor's offset: over what is there, or at the end.
      const now = ctx.readFile(real)?.content ?? '';
      if (offset === now.length) ctx.writeFile(real, text, { append: true });
      else ctx.writeFile(real, now.slice(0, offset).padEnd(offset, '\0') + text + now.slice(offset + text.length));
      offset += text.length;
    },
  };
}

/** The devices the lab's programs write to; undefined for anything else. */
function deviceWriter(path: string, outputs: StandardOutputs): ((text: string) => void) | undefined {
  switch (path) {
    case '/dev/null': case '/dev/zero':
      return () => undefined;
    // The terminal, as far as the lab has one: where the process's output goes.
    case '/dev/stdout': case '/dev/fd/1': case '/proc/self/fd/1': case '/dev/tty': case '/dev/console':
      return (text) => outputs.stdout(text);
    case '/dev/stderr': case '/dev/fd/2': case '/proc/self/fd/2':
      return (text) => outputs.stderr(text);
    default:
      return undefined;
  }
}
