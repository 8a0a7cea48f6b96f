import { applyFlagValue } from './applyFlagValue';
import { FlagDefinition, FlagValue } from './FlagDefinition';
import { FlagCell, FlagValues } from './FlagValues';
import { ValidatorContext } from './flagValidators';
import { GoError } from './GoError';
import { goUnits } from './goUnits';
import { parseGoDuration } from '../../engine/util/parseGoDuration';
import { strconv } from './strconv';

/** Result of {@link FlagSet.parse}. */
export type FlagParseResult =
  | {
      readonly ok: true;
      /** Positional arguments, in order (everything after `--` included). */
      readonly args: string[];
      /** How many positional arguments came before `--`, or -1 when there was none (pflag ArgsLenAtDash). */
      readonly argsLengthAtDash: number;
      /** What pflag wrote to its output while parsing: deprecation warnings. */
      readonly output: string;
    }
  | {
      readonly ok: false;
      /** pflag's error text: `unknown flag: --bogus`, `flag needs an argument: 'p' in -p`, ... */
      readonly error: string;
      readonly output: string;
    };

/** The value a flag holds before the command line sets it, from its help default. */
function defaultValue(definition: FlagDefinition): FlagValue {
  const text = definition.defaultText;
  switch (definition.type) {
    case 'bool':
      return text === 'true';
    case 'string':
      return text === undefined ? '' : unquoteGo(text);
    case 'int': case 'int32': case 'int64': case 'uint': case 'uint16': case 'uint32': case 'uint64': case 'float64':
      return text !== undefined && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : 0;
    case 'duration':
      return attempt(() => parseGoDuration(text ?? '0'), 0);
    case 'bytes': case 'swapBytes':
      return attempt(() => goUnits.ramInBytes(text ?? '0'), 0);
    case 'decimal':
      return 0;
    case 'map': case 'stringToString':
      return {};
    default: {
      // pflag prints slices as "[a,b]"; docker's lists as "[]".
      const inner = text === undefined ? '' : (/^\[(.*)\]$/s.exec(text)?.[1] ?? '');
      return inner === '' ? [] : inner.split(',');
    }
  }
}

function attempt<T>(task: () => T, fallback: T): T {
  try {
    return task();
  } catch {
    return fallback;
  }
}

/** Reads back a Go `%q` string (help prints string defaults quoted). */
function unquoteGo(text: string): string {
  if (!(text.length >= 2 && text.startsWith('"') && text.endsWith('"'))) return text;
  return text.slice(1, -1).replace(/\\(["\\abfnrtv])/g, (_, character: string) =>
    ({ a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[character] ?? character);
}

/** pflag's NoOptDefVal: bools take "true" when given without a value. */
function noOptionDefault(definition: FlagDefinition): string {
  if (definition.type === 'bool') return definition.noOptDefault ?? 'true';
  return definition.noOptDefault ?? '';
}

/** Options of {@link FlagSet.parse}. */
export interface FlagParseOptions {
  /**
   * pflag SetInterspersed: when false, the first positional argument ends the flags and it and
   * everything after are positional (`docker run IMAGE COMMAND...`). Default true.
   */
  readonly interspersed?: boolean;
}

/**
 * A set of flags parsed with spf13/pflag's rules (v1.0.6, as vendored by docker/cli 28.2.2):
 * `--name=x`, `--name x`, `-n x`, `-nx`, `-n=x`, combined shorthands `-dp 80:80`, bools that take
 * `=false` but never a separate value, `--` ending the flags, `-` as a positional, repeated list
 * flags accumulating. Like pflag's, a set keeps its values across parses.
 */
export class FlagSet {
  private readonly cells = new Map<string, FlagCell>();
  private readonly shorthands = new Map<string, FlagCell>();
  private readonly context: ValidatorContext;
  /** Read access to the values, by long name. */
  readonly values: FlagValues;

  constructor(definitions: readonly FlagDefinition[] = [], context?: Partial<ValidatorContext>) {
    this.context = { environment: context?.environment ?? new Map() };
    this.values = new FlagValues(this.cells);
    for (const definition of definitions) this.add(definition);
  }

  /** Defines a flag. Throws on a name or shorthand already used, as pflag panics. */
  add(definition: FlagDefinition): void {
    this.addCell({ definition, value: defaultValue(definition), changed: false });
  }

  /**
   * Adds another set's flag, sharing its value (pflag AddFlagSet, as cobra merges persistent
   * flags): a parse of either set changes both. Does nothing when this set has a flag of that name.
   */
  adopt(other: FlagSet, long: string): void {
    const cell = other.cells.get(long);
    if (cell === undefined) throw new RangeError(`no such flag --${long}`);
    if (this.cells.has(long)) return;
    this.addCell(cell);
  }

  /** The definition of a flag by long name. */
  lookup(long: string): FlagDefinition | undefined {
    return this.cells.get(long)?.definition;
  }

  /** The definition of a flag by shorthand. */
  lookupShorthand(short: string): FlagDefinition | undefined {
    return this.shorthands.get(short)?.definition;
  }

  /** Every definition, sorted by name as pflag's VisitAll visits them. */
  definitions(): FlagDefinition[] {
    return [...this.cells.values()].map((cell) => cell.definition).sort((left, right) => (left.long < right.long ? -1 : left.long > right.long ? 1 : 0));
  }

  /** Parses `argv` (without the command name). Never throws for any input. */
  parse(argv: readonly string[], options: FlagParseOptions = {}): FlagParseResult {
    const interspersed = options.interspersed ?? true;
    const args: string[] = [];
    let argsLengthAtDash = -1;
    let output = '';
    const fail = (error: string): FlagParseResult => ({ ok: false, error, output });
    let rest = [...argv];
    while (rest.length > 0) {
      const argument = rest[0];
      rest = rest.slice(1);
      if (argument.length === 0 || argument[0] !== '-' || argument.length === 1) {
        if (!interspersed) {
          args.push(argument, ...rest);
          return { ok: true, args, argsLengthAtDash, output };
        }
        args.push(argument);
        continue;
      }
      if (argument[1] === '-') {
        if (argument.length === 2) {
          // "--" ends the flags.
          argsLengthAtDash = args.length;
          args.push(...rest);
          break;
        }
        // parseLongArg
        const body = argument.slice(2);
        if (body[0] === '-' || body[0] === '=') return fail(`bad flag syntax: ${argument}`);
        const equals = body.indexOf('=');
        const name = equals >= 0 ? body.slice(0, equals) : body;
        const cell = this.cells.get(name);
        if (cell === undefined) {
          if (name === 'help') return fail('pflag: help requested');
          return fail(`unknown flag: --${name}`);
        }
        let value: string;
        if (equals >= 0) value = body.slice(equals + 1);
        else if (noOptionDefault(cell.definition) !== '') value = noOptionDefault(cell.definition);
        else if (rest.length > 0) {
          value = rest[0];
          rest = rest.slice(1);
        } else return fail(`flag needs an argument: ${argument}`);
        const error = this.set(cell, value);
        if (error !== undefined) return fail(error);
        output += this.deprecation(cell);
        continue;
      }
      // parseShortArg: a run of shorthands, the last may take a value.
      let shorthands = argument.slice(1);
      while (shorthands.length > 0) {
        // Go's testing flags (-test.v) are skipped whole.
        if (shorthands.startsWith('test.')) break;
        const character = shorthands[0];
        const cell = this.shorthands.get(character);
        if (cell === undefined) {
          if (character === 'h') return fail('pflag: help requested');
          return fail(`unknown shorthand flag: ${quoteFirstByte(shorthands)} in -${shorthands}`);
        }
        let value: string;
        if (shorthands.length > 2 && shorthands[1] === '=') {
          value = shorthands.slice(2);
          shorthands = '';
        } else if (noOptionDefault(cell.definition) !== '') {
          value = noOptionDefault(cell.definition);
          shorthands = shorthands.slice(1);
        } else if (shorthands.length > 1) {
          value = shorthands.slice(1);
          shorthands = '';
        } else if (rest.length > 0) {
          value = rest[0];
          rest = rest.slice(1);
          shorthands = '';
        } else {
          return fail(`flag needs an argument: ${strconv.quoteRune(character.codePointAt(0) ?? 0)} in -${shorthands}`);
        }
        if (cell.definition.shorthandDeprecated !== undefined) output += `Flag shorthand -${cell.definition.short} has been deprecated, ${cell.definition.shorthandDeprecated}\n`;
        const error = this.set(cell, value);
        if (error !== undefined) return fail(error);
        output += this.deprecation(cell);
      }
    }
    return { ok: true, args, argsLengthAtDash, output };
  }

  private addCell(cell: FlagCell): void {
    const { long, short } = cell.definition;
    if (this.cells.has(long)) throw new Error(`flag redefined: ${long}`);
    if (short !== undefined && short !== '') {
      if (short.length !== 1) throw new Error(`"${short}" shorthand is more than one ASCII character`);
      const used = this.shorthands.get(short);
      if (used !== undefined) throw new Error(`unable to redefine "${short}" shorthand: it's already used for "${used.definition.long}" flag`);
      this.shorthands.set(short, cell);
    }
    this.cells.set(long, cell);
  }

  /** FlagSet.Set: returns pflag's error text, or undefined. */
  private set(cell: FlagCell, text: string): string | undefined {
    const { definition } = cell;
    try {
      cell.value = applyFlagValue(definition, cell.value, cell.changed, text, this.context);
    } catch (error) {
      if (!(error instanceof GoError)) throw error;
      const name = definition.short !== undefined && definition.shorthandDeprecated === undefined ? `-${definition.short}, --${definition.long}` : `--${definition.long}`;
      return `invalid argument ${strconv.quote(text)} for ${strconv.quote(name)} flag: ${error.message}`;
    }
    cell.changed = true;
    return undefined;
  }

  private deprecation(cell: FlagCell): string {
    const { deprecated, long } = cell.definition;
    return deprecated !== undefined ? `Flag --${long} has been deprecated, ${deprecated}\n` : '';
  }
}

/**
 * pflag prints the failing shorthand with `%q` on a byte: the first byte of the character's UTF-8
 * encoding, read as a code point ("-é" reports 'Ã').
 */
function quoteFirstByte(shorthands: string): string {
  const firstByte = new TextEncoder().encode(shorthands.slice(0, 2))[0] ?? 0;
  return strconv.quoteRune(firstByte);
}
