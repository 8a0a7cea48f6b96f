import { imageFacts } from './ImageFacts';
import type { FileEntry, ProcessContext, Program } from './Program';
import { readFollowing } from './readFollowing';
import { resolvePath } from './resolvePath';
import { strftime } from './strftime';

/** The terminal width programs assume: the lab's terminals do not report theirs to containers. */
const TERMINAL_WIDTH = 80;

interface Listed {
  name: string;
  path: string;
  entry: FileEntry;
}

/**
 * `ls`, as GNU coreutils (debian, ubuntu, oraclelinux) or busybox (alpine,
 * busybox) prints it: one name per line when stdout is not a terminal,
 * columns when it is (busybox colours them by default, GNU only with
 * `--color`), `-l` long lines,
 * `-a`/`-A`, `-1`, `-d`, `-F`/`-p`.
 *
 * Sizes are the files' (binaries by the size their layer records). Not
 * simulated: link counts and per-file dates (image files carry the
 * image's date, docker's own files the container's start).
 */
export const ls: Program = async (ctx) => {
  const gnu = !['alpine', 'busybox'].includes(ctx.family);
  const options = { long: false, all: false, almostAll: false, one: false, directory: false, classify: false, slash: false, human: false, color: undefined as boolean | undefined };
  const operands: string[] = [];
  let endOfOptions = false;
  for (const arg of ctx.argv.slice(1)) {
    if (!endOfOptions && arg === '--') { endOfOptions = true; continue; }
    if (!endOfOptions && arg.startsWith('--') && arg.length > 2) {
      if (arg === '--all') options.all = true;
      else if (arg === '--almost-all') options.almostAll = true;
      else if (arg === '--directory') options.directory = true;
      else if (arg === '--classify') options.classify = true;
      else if (arg === '--human-readable') options.human = true;
      else if (arg === '--color' || arg === '--color=always' || arg === '--color=yes') options.color = true;
      else if (arg === '--color=never' || arg === '--color=no') options.color = false;
      else if (arg === '--color=auto' || arg === '--color=tty') options.color = ctx.tty;
      else return invalidOption(ctx, gnu, `unrecognized option '${arg}'`);
      continue;
    }
    if (!endOfOptions && arg.startsWith('-') && arg.length > 1) {
      for (const flag of arg.slice(1)) {
        switch (flag) {
          case 'l': options.long = true; break;
          case 'a': options.all = true; break;
          case 'A': options.almostAll = true; break;
          case '1': options.one = true; break;
          case 'd': options.directory = true; break;
          case 'F': options.classify = true; break;
          case 'p': options.slash = true; break;
          case 'h': options.human = true; break;
          case 'C': case 'L': case 'H': case 'n': case 'r': case 't': case 'S': case 'X': break;
          default: return invalidOption(ctx, gnu, `invalid option -- '${flag}'`);
        }
      }
      continue;
    }
    operands.push(arg);
  }
  // busybox colours on a terminal by default (FEATURE_LS_COLOR_IS_DEFAULT); GNU ls only with --color.
  const color = options.color ?? (ctx.tty && !gnu);
  const columns = ctx.tty && !options.long && !options.one;
  const now = ctx.now();
  const imageDate = Date.parse(imageFacts(ctx.family, ctx.imageReference).created) || ctx.startedAt;
  const dateOf = (path: string) => (path === '/etc/hostname' || path === '/etc/hosts' || path === '/.dockerenv' ? ctx.startedAt : imageDate);

  let status = 0;
  const files: Listed[] = [];
  const directories: Listed[] = [];
  for (const operand of operands.length ? operands : ['.']) {
    const path = resolvePath(ctx.cwd, operand);
    const entry = ctx.readFile(path);
    if (!entry) {
      ctx.stderr(gnu ? `ls: cannot access '${operand}': No such file or directory\n` : `ls: ${operand}: No such file or directory\n`);
      status = gnu ? 2 : 1;
      continue;
    }
    const followed = entry.type === 'symlink' && !options.long ? readFollowing(ctx, path) ?? entry : entry;
    if (followed.type === 'dir' && !options.directory) directories.push({ name: operand, path, entry: followed });
    else files.push({ name: operand, path, entry });
  }

  // Both sort their operands by name (files first, then each directory), as they sort a directory's entries.
  const byName = (a: Listed, b: Listed) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  files.sort(byName);
  directories.sort(byName);

  const render = (items: Listed[]): string => {
    if (options.long) return longListing(ctx, items, gnu, color, options.human, now, dateOf);
    const names = items.map((item) => decorate(item, color, gnu, options.classify, options.slash, ctx));
    if (columns) return gnu ? gnuColumns(names) : busyboxColumns(names);
    return names.map((n) => `${n.text}\n`).join('');
  };

  let out = '';
  if (files.length) out += render(files);
  directories.forEach((directory, index) => {
    if (operands.length > 1 || files.length) {
      if (out || index > 0) out += '\n';
      out += `${directory.name}:\n`;
    }
    const names = (ctx.readDir(directory.path) ?? []).filter((name) => (options.all || options.almostAll ? true : !name.startsWith('.')));
    const items: Listed[] = [];
    if (options.all) {
      items.push({ name: '.', path: directory.path, entry: { type: 'dir', mode: 0o755 } });
      items.push({ name: '..', path: resolvePath(directory.path, '..'), entry: { type: 'dir', mode: 0o755 } });
    }
    for (const name of names) {
      const path = directory.path === '/' ? `/${name}` : `${directory.path}/${name}`;
      const entry = ctx.readFile(path);
      if (entry) items.push({ name, path, entry });
    }
    if (options.long) out += `total ${items.reduce((sum, item) => sum + blocks(item.entry), 0)}\n`;
    out += render(items);
  });
  ctx.stdout(out);
  return status;
};

interface Decorated {
  text: string;
  width: number;
}

function decorate(item: Listed, color: boolean, gnu: boolean, classify: boolean, slash: boolean, ctx: ProcessContext): Decorated {
  const target = item.entry.type === 'symlink' ? readFollowing(ctx, item.path) : item.entry;
  let suffix = '';
  if ((classify || slash) && item.entry.type === 'dir') suffix = '/';
  else if (classify && item.entry.type === 'symlink') suffix = '@';
  else if (classify && item.entry.type === 'file' && executable(item.entry)) suffix = '*';
  const width = item.name.length + suffix.length;
  if (!color) return { text: item.name + suffix, width };
  const code = colorCode(item.entry, target, gnu);
  if (gnu) return { text: code ? `\x1b[0m\x1b[${code}m${item.name}\x1b[0m${suffix}` : item.name + suffix, width };
  return { text: `\x1b[${code}m${item.name}\x1b[m${suffix}`, width };
}

/** Busybox: `bold;colour` for every name; GNU: dircolors' defaults, nothing for plain files. */
function colorCode(entry: FileEntry, _target: FileEntry | undefined, gnu: boolean): string {
  if (entry.type === 'dir') return gnu ? '01;34' : '1;34';
  if (entry.type === 'symlink') return gnu ? '01;36' : '1;36';
  if (executable(entry)) return gnu ? '01;32' : '1;32';
  return gnu ? '' : '0;0';
}

function executable(entry: FileEntry): boolean {
  return entry.type === 'file' && ((entry.mode ?? 0o644) & 0o111) !== 0;
}

/** Busybox: one column width for all (longest name + 2), as many columns as fit, filled top to bottom. */
function busyboxColumns(names: Decorated[]): string {
  if (names.length === 0) return '';
  const width = Math.max(...names.map((n) => n.width)) + 2;
  const columns = Math.max(1, Math.floor(TERMINAL_WIDTH / width));
  const rows = Math.ceil(names.length / columns);
  let out = '';
  for (let row = 0; row < rows; row++) {
    let line = '';
    let used = 0;
    for (let column = 0; column < columns; column++) {
      const index = column * rows + row;
      if (index >= names.length) continue;
      if (column > 0) line += ' '.repeat(column * width - used);
      line += names[index].text;
      used = column * width + names[index].width;
    }
    out += `${line}\n`;
  }
  return out;
}

/** GNU: the fewest rows whose columns (each as wide as its longest name + 2) fit the terminal. */
function gnuColumns(names: Decorated[]): string {
  if (names.length === 0) return '';
  for (let rows = 1; rows <= names.length; rows++) {
    const columns = Math.ceil(names.length / rows);
    const widths: number[] = [];
    for (let column = 0; column < columns; column++) {
      const slice = names.slice(column * rows, column * rows + rows);
      widths.push(Math.max(...slice.map((n) => n.width)) + (column === columns - 1 ? 0 : 2));
    }
    if (widths.reduce((a, b) => a + b, 0) > TERMINAL_WIDTH && rows < names.length) continue;
    let out = '';
    for (let row = 0; row < rows; row++) {
      let line = '';
      let position = 0;
      for (let column = 0; column < columns; column++) {
        const name = names[column * rows + row];
        if (!name) continue;
        line += name.text;
        const isLast = column === columns - 1 || !names[(column + 1) * rows + row];
        if (!isLast) line += indent(position + name.width, position + widths[column]);
        position += widths[column];
      }
      out += `${line}\n`;
    }
    return out;
  }
  return '';
}

/** GNU ls's indent(): tabs to the next 8-column stop where they fit, then spaces. */
function indent(from: number, to: number): string {
  let text = '';
  while (from < to) {
    if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
      text += '\t';
      from += 8 - (from % 8);
    } else {
      text += ' ';
      from++;
    }
  }
  return text;
}

function longListing(ctx: ProcessContext, items: Listed[], gnu: boolean, color: boolean, human: boolean, now: number, dateOf: (path: string) => number): string {
  const rows = items.map((item) => {
    const entry = item.entry;
    const size = sizeOf(entry);
    return {
      mode: modeString(entry),
      links: String(entry.type === 'dir' ? 2 : 1),
      size: human ? humanSize(size, gnu) : String(size),
      date: lsDate(dateOf(item.path), now),
      name: decorate(item, color, gnu, false, false, ctx).text + (entry.type === 'symlink' ? ` -> ${entry.target ?? ''}` : ''),
    };
  });
  if (gnu) {
    const linkWidth = Math.max(...rows.map((r) => r.links.length));
    const sizeWidth = Math.max(...rows.map((r) => r.size.length));
    return rows.map((r) => `${r.mode} ${r.links.padStart(linkWidth)} root root ${r.size.padStart(sizeWidth)} ${r.date} ${r.name}\n`).join('');
  }
  return rows.map((r) => `${r.mode.padEnd(10)} ${r.links.padStart(4)} root     root     ${r.size.padStart(9)} ${r.date} ${r.name}\n`).join('');
}

/** st_size: a file's bytes (its size as the layer records it, for binaries the lab holds no text of). */
function sizeOf(entry: FileEntry): number {
  if (entry.type === 'dir') return 4096;
  if (entry.type === 'symlink') return new TextEncoder().encode(entry.target ?? '').length;
  return entry.size ?? new TextEncoder().encode(entry.content ?? '').length;
}

/** 1K blocks for `total`, as 4K filesystem blocks count them. */
function blocks(entry: FileEntry): number {
  if (entry.type === 'symlink') return 0;
  return Math.ceil(sizeOf(entry) / 4096) * 4;
}

function modeString(entry: FileEntry): string {
  const type = entry.type === 'dir' ? 'd' : entry.type === 'symlink' ? 'l' : '-';
  const mode = entry.mode ?? (entry.type === 'dir' ? 0o755 : entry.type === 'symlink' ? 0o777 : 0o644);
  let text = type;
  for (const shift of [6, 3, 0]) {
    const bits = (mode >> shift) & 7;
    text += (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? 'x' : '-');
  }
  if (mode & 0o1000) text = `${text.slice(0, 9)}${text[9] === 'x' ? 't' : 'T'}`;
  return text;
}

/** `Nov 24 09:00` for the last six months, `Nov 24  2025` before. */
function lsDate(ms: number, now: number): string {
  const age = now - ms;
  if (age < (365 * 24 * 3600 * 1000) / 2 && age > -15 * 60 * 1000) return strftime('%b %e %H:%M', ms);
  return strftime('%b %e  %Y', ms);
}

function humanSize(size: number, gnu: boolean): string {
  if (size < 1024) return String(size);
  const units = ['K', 'M', 'G', 'T'];
  let value = size;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  const text = value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : String(Math.ceil(value));
  return gnu ? `${text}${units[unit]}` : `${text}${units[unit]}`;
}

function invalidOption(ctx: ProcessContext, gnu: boolean, message: string): number {
  ctx.stderr(`ls: ${message}\n`);
  if (gnu) {
    ctx.stderr("Try 'ls --help' for more information.\n");
    return 2;
  }
  return 1;
}
