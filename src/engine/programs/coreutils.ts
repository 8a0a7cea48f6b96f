import { never } from './deriveContext';
import { echoOutput } from './echoOutput';
import { grep } from './grep';
import { lookupEnv } from './lookupEnv';
import { ls } from './ls';
import { notSimulatedMessage } from './notSimulated';
import { printfOutput } from './printfOutput';
import type { ProcessContext, Program } from './Program';
import { readFollowing } from './readFollowing';
import { resolvePath } from './resolvePath';
import { evaluateTest } from './shell/evaluateTest';
import { strftime } from './strftime';

/** GNU coreutils (debian, ubuntu, oraclelinux) or busybox applets (alpine, busybox): they word things differently. */
function isGnu(ctx: ProcessContext): boolean {
  return !['alpine', 'busybox'].includes(ctx.family);
}

function name(ctx: ProcessContext): string {
  const arg0 = ctx.argv[0] ?? '';
  return arg0.slice(arg0.lastIndexOf('/') + 1);
}

/** `applet: invalid option -- 'x'`, and GNU's pointer to --help; GNU tools exit 1 (ls 2, env 125), busybox 1. */
function invalidOption(ctx: ProcessContext, option: string, gnuStatus = 1): number {
  const program = name(ctx);
  ctx.stderr(`${program}: invalid option -- '${option}'\n`);
  if (isGnu(ctx)) {
    ctx.stderr(`Try '${program} --help' for more information.\n`);
    return gnuStatus;
  }
  return 1;
}

/** The lines of a file, or of stdin for `-` / no file. */
async function readInput(ctx: ProcessContext, operand: string | undefined): Promise<{ text: string } | { error: string }> {
  if (operand === undefined || operand === '-') {
    let text = '';
    for (let line = await ctx.readLine(); line !== null; line = await ctx.readLine()) text += `${line}\n`;
    return { text };
  }
  const path = resolvePath(ctx.cwd, operand);
  // The devices a container always has, though its filesystem lists none (they live in docker's /dev mount).
  if (path === '/dev/null' || path === '/dev/zero') return { text: '' };
  const entry = readFollowing(ctx, path);
  if (!entry) return { error: 'No such file or directory' };
  if (entry.type === 'dir') return { error: 'Is a directory' };
  if (entry.content === undefined) return { error: 'binary' };
  return { text: entry.content };
}

const echo: Program = async (ctx) => {
  ctx.stdout(echoOutput(ctx.argv.slice(1), isGnu(ctx) ? 'gnu' : 'busybox'));
  return 0;
};

const printf: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.stderr(isGnu(ctx) ? "printf: missing operand\nTry 'printf --help' for more information.\n" : 'Usage: printf FORMAT [ARGUMENT]...\n');
    return 1;
  }
  const result = printfOutput(args[0], args.slice(1));
  ctx.stdout(result.text);
  for (const bad of result.invalidNumbers) {
    ctx.stderr(isGnu(ctx) ? `printf: '${bad}': expected a numeric value\n` : `printf: invalid number '${bad}'\n`);
  }
  return result.invalidNumbers.length ? 1 : 0;
};

/**
 * `sleep N[smhd]...`: the sum of its arguments, in lab time; `infinity`
 * never ends (until the container is stopped). A resumed sleep only waits
 * for what was left.
 */
const sleep: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const gnu = isGnu(ctx);
  if (args.length === 0) {
    ctx.stderr(gnu ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : 'Usage: sleep [N]...\n');
    return 1;
  }
  let total = 0;
  for (const arg of args) {
    const match = /^(\d+(?:\.\d*)?|\.\d+|inf|infinity)([smhd]?)$/i.exec(arg);
    if (!match) {
      ctx.stderr(gnu ? `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${arg}'\n`);
      return 1;
    }
    const value = /^inf/i.test(match[1]) ? Infinity : Number(match[1]);
    total += value * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2].toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  }
  if (!Number.isFinite(total)) return never();
  let ms = Math.round(total * 1000);
  if (ctx.resumed) ms = Math.max(0, ctx.startedAt + ms - ctx.now());
  await ctx.sleep(ms);
  return 0;
};

const cat: Program = async (ctx) => {
  const operands = ctx.argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  const numbered = ctx.argv.slice(1).some((a) => /^-[a-zA-Z]*n/.test(a));
  let status = 0;
  let lineNumber = 0;
  for (const operand of operands.length ? operands : ['-']) {
    if (operand === '-') {
      // Copied line by line, so `docker run -i alpine cat` echoes as you type.
      for (let line = await ctx.readLine(); line !== null; line = await ctx.readLine()) {
        ctx.stdout(numbered ? `${String(++lineNumber).padStart(6)}\t${line}\n` : `${line}\n`);
      }
      continue;
    }
    const input = await readInput(ctx, operand);
    if ('error' in input) {
      if (input.error === 'binary') ctx.stderr(notSimulatedMessage(`reading the binary ${operand}`));
      else if (isGnu(ctx)) ctx.stderr(`cat: ${operand}: ${input.error}\n`);
      else ctx.stderr(input.error === 'Is a directory' ? 'cat: read error: Is a directory\n' : `cat: can't open '${operand}': ${input.error}\n`);
      status = 1;
      continue;
    }
    if (numbered) {
      const lines = input.text.split('\n');
      const last = lines.pop();
      ctx.stdout(lines.map((line) => `${String(++lineNumber).padStart(6)}\t${line}\n`).join('') + (last ? `${String(++lineNumber).padStart(6)}\t${last}` : ''));
    } else {
      ctx.stdout(input.text);
    }
  }
  return status;
};

/** `head` and `tail`: -n N, -N, and `tail -f` (which then waits forever, the classic keep-alive). */
function headOrTail(which: 'head' | 'tail'): Program {
  return async (ctx) => {
    let count = 10;
    let bytes: number | undefined;
    let follow = false;
    const operands: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-n') count = Number(args[++i]);
      else if (/^-n\d+$/.test(arg)) count = Number(arg.slice(2));
      else if (/^-\d+$/.test(arg)) count = Number(arg.slice(1));
      else if (arg === '-c') bytes = Number(args[++i]);
      else if (/^-c\d+$/.test(arg)) bytes = Number(arg.slice(2));
      else if (arg === '-f' || arg === '-F' || arg === '--follow') follow = true;
      else if (arg.startsWith('-') && arg !== '-') return invalidOption(ctx, arg.slice(1, 2));
      else operands.push(arg);
    }
    if (!Number.isFinite(count)) {
      ctx.stderr(isGnu(ctx) ? `${which}: invalid number of lines: '${args[args.indexOf('-n') + 1]}'\n` : `${which}: invalid number '${args[args.indexOf('-n') + 1]}'\n`);
      return 1;
    }
    let status = 0;
    const files = operands.length ? operands : ['-'];
    for (const [index, operand] of files.entries()) {
      if (bytes !== undefined) {
        const input = await readInput(ctx, operand);
        if ('error' in input) { status = 1; continue; }
        ctx.stdout(which === 'head' ? input.text.slice(0, bytes) : bytes === 0 ? '' : input.text.slice(-bytes));
        continue;
      }
      if (which === 'head' && operand === '-') {
        // head stops reading once it has its lines.
        for (let n = 0; n < count; n++) {
          const line = await ctx.readLine();
          if (line === null) break;
          ctx.stdout(`${line}\n`);
        }
        continue;
      }
      const input = await readInput(ctx, operand);
      if ('error' in input) {
        const reason = input.error === 'binary' ? 'not simulated' : input.error;
        ctx.stderr(isGnu(ctx) ? `${which}: cannot open '${operand}' for reading: ${reason}\n` : `${which}: ${operand}: ${reason}\n`);
        status = 1;
        continue;
      }
      if (files.length > 1) ctx.stdout(`${index > 0 ? '\n' : ''}==> ${operand === '-' ? 'standard input' : operand} <==\n`);
      const lines = input.text.split('\n');
      const trailing = lines[lines.length - 1] === '' ? lines.pop() : undefined;
      const chosen = which === 'head' ? lines.slice(0, count) : count === 0 ? [] : lines.slice(-count);
      const complete = which === 'head' ? chosen.length < lines.length || trailing !== undefined : trailing !== undefined;
      ctx.stdout(chosen.join('\n') + (chosen.length && complete ? '\n' : ''));
    }
    if (which === 'tail' && follow) return never();
    return status;
  };
}

const wc: Program = async (ctx) => {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const arg of ctx.argv.slice(1)) {
    if (/^-[lwcm]+$/.test(arg)) for (const flag of arg.slice(1)) flags.add(flag === 'm' ? 'c' : flag);
    else if (arg.startsWith('-') && arg !== '-') return invalidOption(ctx, arg.slice(1, 2));
    else operands.push(arg);
  }
  const wanted = flags.size ? ['l', 'w', 'c'].filter((f) => flags.has(f)) : ['l', 'w', 'c'];
  const gnu = isGnu(ctx);
  const rows: { counts: number[]; label: string }[] = [];
  let fromStdin = false;
  let status = 0;
  for (const operand of operands.length ? operands : ['-']) {
    if (operand === '-') fromStdin = true;
    const input = await readInput(ctx, operand);
    if ('error' in input) {
      ctx.stderr(`wc: ${operand}: ${input.error === 'binary' ? 'not simulated' : input.error}\n`);
      status = 1;
      continue;
    }
    const text = input.text;
    const counts = { l: count(text, '\n'), w: text.split(/\s+/).filter(Boolean).length, c: new TextEncoder().encode(text).length };
    rows.push({ counts: wanted.map((f) => counts[f as 'l' | 'w' | 'c']), label: operands.length ? operand : '' });
  }
  if (rows.length > 1) rows.push({ counts: wanted.map((_, i) => rows.reduce((sum, r) => sum + r.counts[i], 0)), label: 'total' });
  // GNU pads to the width of the largest file size (7 when reading a pipe); busybox to 9 unless one count.
  const width = gnu
    ? (fromStdin ? 7 : Math.max(1, ...rows.map((r) => String(r.counts[r.counts.length - 1]).length)))
    : 9;
  // One count of one input is printed bare by both.
  const single = wanted.length === 1 && rows.length === 1;
  for (const row of rows) {
    const fields = row.counts.map((n) => (single ? String(n) : String(n).padStart(width)));
    ctx.stdout(`${fields.join(' ')}${row.label ? ` ${row.label}` : ''}\n`);
  }
  return status;
};

const env: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let environment = [...ctx.env];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-i' || arg === '-' || arg === '--ignore-environment') environment = [];
    else if (arg === '-u') { const unset = args[++i]; environment = environment.filter((e) => !e.startsWith(`${unset}=`)); }
    else if (arg.startsWith('-') && arg.length > 1) return invalidOption(ctx, arg.slice(1, 2), 125);
    else break;
  }
  for (; i < args.length && /^[^=]+=/.test(args[i]); i++) {
    const key = args[i].slice(0, args[i].indexOf('='));
    environment = [...environment.filter((e) => !e.startsWith(`${key}=`)), args[i]];
  }
  if (i >= args.length) {
    ctx.stdout(environment.map((e) => `${e}\n`).join(''));
    return 0;
  }
  const command = args.slice(i);
  if (!ctx.resolveProgram(command[0])) {
    ctx.stderr(isGnu(ctx) ? `env: '${command[0]}': No such file or directory\n` : `env: can't execute '${command[0]}': No such file or directory\n`);
    return 127;
  }
  return ctx.exec(command, { env: environment });
};

const printenv: Program = async (ctx) => {
  const names = ctx.argv.slice(1);
  if (names.length === 0) {
    ctx.stdout(ctx.env.map((e) => `${e}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const value = lookupEnv(ctx.env, n);
    if (value === undefined) status = 1;
    else ctx.stdout(`${value}\n`);
  }
  return status;
};

const hostname: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes('-i') || args.includes('-I')) {
    const hosts = ctx.readFile('/etc/hosts')?.content ?? '';
    const own = hosts.split('\n').find((line) => line.split('\t')[1]?.split(' ').includes(ctx.hostname));
    ctx.stdout(`${own ? own.split('\t')[0] : '127.0.0.1'}${args.includes('-I') ? ' ' : ''}\n`);
    return 0;
  }
  if (args.some((a) => !a.startsWith('-'))) {
    ctx.stderr(isGnu(ctx) ? 'hostname: you must be root to change the host name\n' : 'hostname: sethostname: Operation not permitted\n');
    return 1;
  }
  ctx.stdout(`${args.includes('-s') ? ctx.hostname.split('.')[0] : ctx.hostname}\n`);
  return 0;
};

/**
 * `uname`: the kernel fields are the HOST's (containers share its kernel),
 * the node name is the container's. `-a` ends with GNU/Linux on GNU and on
 * the busybox image (built from busybox's defconfig, UNAME_OSNAME
 * "GNU/Linux"), with Linux on alpine (its busybox config sets "Linux").
 */
const uname: Program = async (ctx) => {
  const flags = new Set<string>();
  for (const arg of ctx.argv.slice(1)) {
    const long: Record<string, string> = {
      '--all': 'a', '--kernel-name': 's', '--nodename': 'n', '--kernel-release': 'r', '--kernel-version': 'v',
      '--machine': 'm', '--processor': 'p', '--hardware-platform': 'i', '--operating-system': 'o',
    };
    if (long[arg]) { flags.add(long[arg]); continue; }
    if (!/^-[asnrvmpio]+$/.test(arg)) return invalidOption(ctx, arg.replace(/^-+/, '').slice(0, 1) || arg);
    for (const flag of arg.slice(1)) flags.add(flag);
  }
  const gnu = isGnu(ctx);
  const os = ctx.family === 'alpine' ? 'Linux' : 'GNU/Linux';
  const host = ctx.host;
  const fields: string[] = [];
  const all = flags.has('a');
  if (flags.size === 0 || all || flags.has('s')) fields.push(host.kernelName);
  if (all || flags.has('n')) fields.push(ctx.hostname);
  if (all || flags.has('r')) fields.push(host.kernelRelease);
  if (all || flags.has('v')) fields.push(host.kernelVersion);
  if (all || flags.has('m')) fields.push(host.machine);
  // GNU -a leaves out "unknown" processor and platform; busybox prints only what was asked.
  if ((!all || !gnu) && flags.has('p')) fields.push('unknown');
  if ((!all || !gnu) && flags.has('i')) fields.push('unknown');
  if (all || flags.has('o')) fields.push(os);
  ctx.stdout(`${fields.join(' ')}\n`);
  return 0;
};

const pwd: Program = async (ctx) => {
  ctx.stdout(`${ctx.cwd}\n`);
  return 0;
};

const whoami: Program = async (ctx) => {
  ctx.stdout('root\n');
  return 0;
};

/**
 * `id` for root. Docker gives a process the supplementary groups its user
 * has in the image's /etc/group: on alpine root is in bin, daemon, sys, adm,
 * disk, wheel, floppy, dialout, tape and video (alpine-baselayout's group
 * file); on the busybox image in wheel (buildroot's skeleton); elsewhere in
 * none but root.
 */
const id: Program = async (ctx) => {
  const groups = ctx.family === 'alpine'
    ? [[0, 'root'], [1, 'bin'], [2, 'daemon'], [3, 'sys'], [4, 'adm'], [6, 'disk'], [10, 'wheel'], [11, 'floppy'], [20, 'dialout'], [26, 'tape'], [27, 'video']]
    : ctx.family === 'busybox' ? [[0, 'root'], [10, 'wheel']] : [[0, 'root']];
  const args = ctx.argv.slice(1).join('');
  const names = args.includes('n');
  if (args.includes('u') || args.includes('g') && !args.includes('G')) {
    ctx.stdout(names ? 'root\n' : '0\n');
    return 0;
  }
  if (args.includes('G')) {
    ctx.stdout(`${groups.map(([n, g]) => (names ? g : n)).join(' ')}\n`);
    return 0;
  }
  ctx.stdout(`uid=0(root) gid=0(root) groups=${groups.map(([n, g]) => `${n}(${g})`).join(',')}\n`);
  return 0;
};

/** `date`: UTC (containers have no TZ), the default `%a %b %e %H:%M:%S %Z %Y`, `+FORMAT`, -u, -R, -I, --rfc-3339. */
const date: Program = async (ctx) => {
  const now = ctx.now();
  let format = '%a %b %e %H:%M:%S %Z %Y';
  for (const arg of ctx.argv.slice(1)) {
    if (arg.startsWith('+')) format = arg.slice(1);
    else if (arg === '-u' || arg === '--utc' || arg === '--universal') continue;
    else if (arg === '-R' || arg === '--rfc-email' || arg === '--rfc-2822') format = '%a, %d %b %Y %H:%M:%S +0000';
    else if (arg === '-I' || arg === '-Idate' || arg === '--iso-8601' || arg === '--iso-8601=date') format = '%Y-%m-%d';
    else if (arg === '-Iseconds' || arg === '--iso-8601=seconds') format = '%Y-%m-%dT%H:%M:%S+00:00';
    else if (arg === '-Iminutes' || arg === '--iso-8601=minutes') format = '%Y-%m-%dT%H:%M+00:00';
    else if (arg === '-Ihours' || arg === '--iso-8601=hours') format = '%Y-%m-%dT%H+00:00';
    else if (arg === '--rfc-3339=seconds') format = '%Y-%m-%d %H:%M:%S+00:00';
    else if (arg === '--rfc-3339=date') format = '%Y-%m-%d';
    else if (arg.startsWith('-')) return invalidOption(ctx, arg.replace(/^-+/, '').slice(0, 1));
    else {
      ctx.stderr(notSimulatedMessage('setting the date'));
      return 1;
    }
  }
  ctx.stdout(`${strftime(format, now)}\n`);
  return 0;
};

/** `yes`: its line again and again, a burst per tick of lab time, until it is stopped (or its pipe closes). */
const yes: Program = async (ctx) => {
  const line = `${ctx.argv.length > 1 ? ctx.argv.slice(1).join(' ') : 'y'}\n`;
  const burst = line.repeat(64);
  for (;;) {
    ctx.stdout(burst);
    await ctx.sleep(10);
  }
};

const basename: Program = async (ctx) => {
  const [path, suffix] = ctx.argv.slice(1);
  if (path === undefined) {
    ctx.stderr(isGnu(ctx) ? "basename: missing operand\nTry 'basename --help' for more information.\n" : 'Usage: basename FILE [SUFFIX]\n');
    return 1;
  }
  let base = path.replace(/\/+$/, '');
  base = base === '' && path ? '/' : base.slice(base.lastIndexOf('/') + 1);
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  ctx.stdout(`${base}\n`);
  return 0;
};

const dirname: Program = async (ctx) => {
  const path = ctx.argv[1];
  if (path === undefined) {
    ctx.stderr(isGnu(ctx) ? "dirname: missing operand\nTry 'dirname --help' for more information.\n" : 'Usage: dirname FILENAME\n');
    return 1;
  }
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  ctx.stdout(`${slash < 0 ? '.' : slash === 0 ? '/' : trimmed.slice(0, slash).replace(/\/+$/, '') || '/'}\n`);
  return 0;
};

const seq: Program = async (ctx) => {
  const numbers = ctx.argv.slice(1).map(Number);
  if (numbers.length === 0 || numbers.some(Number.isNaN)) {
    ctx.stderr(isGnu(ctx) ? "seq: missing operand\nTry 'seq --help' for more information.\n" : 'Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n');
    return 1;
  }
  const [first, step, last] = numbers.length === 1 ? [1, 1, numbers[0]] : numbers.length === 2 ? [numbers[0], 1, numbers[1]] : numbers;
  let out = '';
  for (let n = first; step > 0 ? n <= last : n >= last; n += step) out += `${n}\n`;
  ctx.stdout(out);
  return 0;
};

const nproc: Program = async (ctx) => {
  ctx.stdout(`${ctx.host.cpus}\n`);
  return 0;
};

const test: Program = async (ctx) => {
  const program = name(ctx);
  const result = evaluateTest(ctx.argv.slice(1), program === '[', (path) => ctx.readFile(resolvePath(ctx.cwd, path)));
  if (typeof result === 'number') return result;
  ctx.stderr(`${program}: ${result.kind === 'missingBracket' ? "missing ']'" : 'syntax error'}\n`);
  return 2;
};

const clear: Program = async (ctx) => {
  ctx.stdout(isGnu(ctx) ? '\x1b[H\x1b[2J\x1b[3J' : '\x1b[H\x1b[J');
  return 0;
};

/** busybox's multi-call binary: `busybox ls` runs the applet. */
const busybox: Program = async (ctx) => {
  const applet = ctx.argv[1];
  if (applet === undefined || applet.startsWith('-')) {
    ctx.stderr(notSimulatedMessage('busybox without an applet name'));
    return 1;
  }
  if (!ctx.resolveProgram(applet)) {
    ctx.stderr(`${applet}: applet not found\n`);
    return 127;
  }
  return ctx.exec(ctx.argv.slice(1));
};

function count(text: string, character: string): number {
  let n = 0;
  for (const c of text) if (c === character) n++;
  return n;
}

/** The everyday commands of coreutils and busybox, by name. */
export const coreutils: Readonly<Record<string, Program>> = {
  '[': test,
  basename,
  busybox,
  cat,
  clear,
  date,
  dirname,
  echo,
  env,
  false: async () => 1,
  grep,
  head: headOrTail('head'),
  hostname,
  id,
  ls,
  nproc,
  printenv,
  printf,
  pwd,
  seq,
  sleep,
  tail: headOrTail('tail'),
  test,
  true: async () => 0,
  uname,
  wc,
  whoami,
  yes,
};
