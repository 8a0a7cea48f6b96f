import { busyboxUsage } from './busyboxUsage';
import { notSimulatedMessage } from './notSimulated';
import type { ProcessContext } from './Program';

/** The options a command takes. */
export interface CommandLineSpec {
  /** Short options without a value, e.g. `rRfv`. */
  flags: string;
  /** Short options that take a value, e.g. `mt`. */
  valued?: string;
  /** GNU long options: name → the short option it means (or a name of its own); `name=` takes a value. */
  long?: Readonly<Record<string, string>>;
  /** Long options busybox knows for this applet (same form); most applets have none. */
  busyboxLong?: Readonly<Record<string, string>>;
}

/** What a command line held: the options seen (by short letter or long name), their values, the operands. */
export interface CommandLine {
  readonly options: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly operands: readonly string[];
}

/**
 * getopt as each family's tool sees its arguments: GNU coreutils (getopt_long
 * permutes, so options may follow operands; long options may be shortened
 * while unambiguous), busybox on glibc (the busybox image: permutes too),
 * busybox on musl (Alpine: stops at the first operand). A bad option is
 * reported in the library's words — glibc `invalid option -- 'x'` /
 * `unrecognized option '--x'`, musl `unrecognized option: x` — followed by
 * GNU's `Try ... --help` line or busybox's usage text; the result is then
 * the exit status (1). `--help` and `--version` are not simulated.
 */
export function parseCommandLine(ctx: ProcessContext, spec: CommandLineSpec): CommandLine | number {
  const program = commandName(ctx);
  const gnu = !['alpine', 'busybox'].includes(ctx.family);
  const musl = ctx.family === 'alpine';
  const long = gnu ? spec.long ?? {} : spec.busyboxLong ?? {};
  const options = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  const args = ctx.argv.slice(1);
  const fail = (glibcText: string, muslText: string): number => {
    ctx.stderr(`${program}: ${musl ? muslText : glibcText}\n`);
    ctx.stderr(gnu ? `Try '${program} --help' for more information.\n` : busyboxUsage(ctx, program));
    return 1;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && (gnu || Object.keys(long).length > 0 || !musl)) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (gnu && (name === 'help' || name === 'version')) {
        ctx.stderr(notSimulatedMessage(`${program} --${name}`));
        return 1;
      }
      const names = Object.keys(long).map((key) => key.replace(/=$/, ''));
      const matches = names.includes(name) ? [name] : gnu ? names.filter((candidate) => candidate.startsWith(name)) : [];
      if (matches.length !== 1) return fail(`unrecognized option '--${name}'`, `unrecognized option: ${name}`);
      const key = Object.keys(long).find((candidate) => candidate.replace(/=$/, '') === matches[0]) as string;
      const meaning = long[key];
      if (key.endsWith('=')) {
        const value = inline ?? args[++i];
        if (value === undefined) return fail(`option '--${matches[0]}' requires an argument`, `option requires an argument: ${matches[0]}`);
        values.set(meaning, value);
      } else if (inline !== undefined) {
        return fail(`option '--${matches[0]}' doesn't allow an argument`, `option does not take an argument: ${matches[0]}`);
      }
      options.add(meaning);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j];
        if ((spec.valued ?? '').includes(letter)) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          if (value === undefined) return fail(`option requires an argument -- '${letter}'`, `option requires an argument: ${letter}`);
          options.add(letter);
          values.set(letter, value);
          break;
        }
        if (!spec.flags.includes(letter)) return fail(`invalid option -- '${letter}'`, `unrecognized option: ${letter}`);
        options.add(letter);
      }
      continue;
    }
    if (musl) {
      // musl's getopt stops at the first operand: what follows is all operands.
      operands.push(...args.slice(i));
      break;
    }
    operands.push(arg);
  }
  return { options, values, operands };
}

/** The command's name as invoked (argv[0] without its directory). */
export function commandName(ctx: Pick<ProcessContext, 'argv'>): string {
  const arg0 = ctx.argv[0] ?? '';
  return arg0.slice(arg0.lastIndexOf('/') + 1);
}
