import type { ProcessContext, Program } from './Program';
import { readFollowing } from './readFollowing';
import { resolvePath } from './resolvePath';

/**
 * `grep` (GNU or busybox, which print alike for these): basic (default) or
 * extended (`-E`) regular expressions, fixed strings (`-F`), `-i`, `-v`,
 * `-c`, `-n`, `-l`, `-q`, `-o`, `-w`, `-x`, `-e PATTERN`, several files
 * (then each line is prefixed with its file name). Exit 0 when a line
 * matched, 1 when none did, 2 on an error. Not simulated: -r.
 */
export const grep: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = new Set<string>();
  const patterns: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-e') { patterns.push(args[++i] ?? ''); continue; }
    if (arg === '--') { files.push(...args.slice(i + 1)); break; }
    if (/^-[ivcnlqowxEFsHh]+$/.test(arg)) { for (const flag of arg.slice(1)) flags.add(flag); continue; }
    if (arg.startsWith('-') && arg !== '-') {
      ctx.stderr(`grep: invalid option -- '${arg.slice(1, 2)}'\n`);
      if (!['alpine', 'busybox'].includes(ctx.family)) ctx.stderr("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    if (patterns.length === 0 && !args.slice(0, i).includes('-e')) patterns.push(arg);
    else files.push(arg);
  }
  if (patterns.length === 0) {
    ctx.stderr(['alpine', 'busybox'].includes(ctx.family)
      ? 'Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n'
      : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  let regex: RegExp;
  try {
    regex = buildRegex(patterns, flags);
  } catch {
    ctx.stderr('grep: Invalid regular expression\n');
    return 2;
  }
  const inputs = files.length ? files : ['-'];
  const prefixNames = (inputs.length > 1 || flags.has('H')) && !flags.has('h');
  let matchedAny = false;
  let error = false;
  for (const file of inputs) {
    const lines = await readLines(ctx, file);
    if (lines === undefined) {
      if (!flags.has('s')) ctx.stderr(`grep: ${file}: No such file or directory\n`);
      error = true;
      continue;
    }
    const label = file === '-' ? '(standard input)' : file;
    let count = 0;
    for (const [index, line] of lines.entries()) {
      regex.lastIndex = 0;
      const matches = regex.test(line) !== flags.has('v');
      if (!matches) continue;
      count++;
      matchedAny = true;
      if (flags.has('q')) return 0;
      if (flags.has('c') || flags.has('l')) continue;
      const prefix = `${prefixNames ? `${label}:` : ''}${flags.has('n') ? `${index + 1}:` : ''}`;
      if (flags.has('o') && !flags.has('v')) {
        regex.lastIndex = 0;
        const global = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
        for (const match of line.matchAll(global)) if (match[0]) ctx.stdout(`${prefix}${match[0]}\n`);
      } else {
        ctx.stdout(`${prefix}${line}\n`);
      }
    }
    if (flags.has('c')) ctx.stdout(`${prefixNames ? `${label}:` : ''}${count}\n`);
    if (flags.has('l') && count > 0) ctx.stdout(`${label}\n`);
  }
  if (error && !(flags.has('q') && matchedAny)) return 2;
  return matchedAny ? 0 : 1;
};

async function readLines(ctx: ProcessContext, file: string): Promise<string[] | undefined> {
  if (file === '-') {
    const lines: string[] = [];
    for (let line = await ctx.readLine(); line !== null; line = await ctx.readLine()) lines.push(line);
    return lines;
  }
  const entry = readFollowing(ctx, resolvePath(ctx.cwd, file));
  if (!entry || entry.type !== 'file') return undefined;
  const lines = (entry.content ?? '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function buildRegex(patterns: string[], flags: Set<string>): RegExp {
  const sources = patterns.map((pattern) => {
    let source = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : flags.has('E') ? pattern : basicToExtended(pattern);
    if (flags.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
    if (flags.has('x')) source = `^(?:${source})$`;
    return source;
  });
  return new RegExp(sources.map((s) => `(?:${s})`).join('|'), flags.has('i') ? 'i' : '');
}

/** POSIX basic regular expressions (with GNU's \| \+ \?) in JavaScript's syntax. */
function basicToExtended(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      out += '(){}|+?'.includes(next) ? next : `\\${next}`;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + (pattern[i + 1] === ']' ? 2 : pattern[i + 1] === '^' && pattern[i + 2] === ']' ? 3 : 1));
      if (end < 0) { out += '\\['; continue; }
      out += pattern.slice(i, end + 1).replace(/\[:(alpha|digit|alnum|upper|lower|space|punct|xdigit):\]/g, (_, name: string) => CLASSES[name]);
      i = end;
    } else if ('(){}|+?'.includes(c)) {
      out += `\\${c}`;
    } else if (c === '*' && (out === '' || out === '^')) {
      out += '\\*';
    } else {
      out += c;
    }
  }
  return out;
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
};
