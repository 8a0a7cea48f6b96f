/**
 * The parts of Go's fmt package that templates reach: `print`, `printf`,
 * `println` and the `%v` printing of every `{{...}}` action. Values follow
 * the mapping in goValue.ts. Widths count runes and `%x` of a string shows
 * its UTF-8 bytes, as in Go.
 *
 * Not simulated: `%p`, `%#v` beyond quoting strings, `%x` of floats, and the
 * addresses Go prints for pointers nested inside other values.
 */
import { goQuote, isPrintable } from '../../engine/util/goQuote';
import {
  GO_TYPE,
  GoComplex,
  GoNil,
  kindOf,
  lookupProperty,
  mapEntries,
  numberOf,
  structFields,
  typeName,
} from './goValue';

/** The flags, width and precision of one `%` directive. */
interface Directive {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** `%+v`: struct field names. */
  plusV: boolean;
  /** `%#v`: Go syntax. */
  sharpV: boolean;
  /** The value was indirected before printing (template actions): no `&` for pointers. */
  indirected: boolean;
  width: number | undefined;
  precision: number | undefined;
}

function plainDirective(): Directive {
  return {
    minus: false,
    plus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    indirected: false,
    width: undefined,
    precision: undefined,
  };
}

const encoder = new TextEncoder();

/** Number of runes (code points) in `text`, which is what Go's widths count. */
function runeCount(text: string): number {
  let count = 0;
  for (const _ of text) {
    count++;
  }
  return count;
}

/** Pads `text` to the directive's width: spaces, or zeros when the 0 flag is set; left unless `-`. */
function pad(text: string, directive: Directive, zeroAllowed = true): string {
  if (directive.width === undefined) {
    return text;
  }
  const missing = directive.width - runeCount(text);
  if (missing <= 0) {
    return text;
  }
  if (directive.minus) {
    return text + ' '.repeat(missing);
  }
  return (directive.zero && zeroAllowed ? '0' : ' ').repeat(missing) + text;
}

export { goQuote };

/** Go's strconv.CanBackquote: no control characters other than tab, no backquote. */
function canBackquote(text: string): boolean {
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (character === '`' || code === 0xfeff || (code < 0x20 && character !== '\t') || code === 0x7f) {
      return false;
    }
  }
  return true;
}

/** The exact decimal expansion of a finite double: all its digits and where the point goes. */
function exactDecimal(value: number): { digits: string; pointAt: number } {
  if (value === 0) {
    return { digits: '0', pointAt: 1 };
  }
  // value = mantissa * 2^exponent with an integer mantissa.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  let digits: string;
  let pointAt: number;
  if (exponent >= 0) {
    digits = (mantissa << BigInt(exponent)).toString();
    pointAt = digits.length;
  } else {
    // m / 2^k = m * 5^k / 10^k
    digits = (mantissa * 5n ** BigInt(-exponent)).toString();
    pointAt = digits.length + exponent;
  }
  const trimmed = digits.replace(/0+$/, '');
  return { digits: trimmed === '' ? '0' : trimmed, pointAt };
}

/** Rounds a digit string to `keep` digits, half to even on exact ties as Go's strconv does. */
function roundDigits(digits: string, pointAt: number, keep: number): { digits: string; pointAt: number } {
  if (digits.length <= keep) {
    return { digits, pointAt };
  }
  if (keep < 0) {
    return { digits: '0', pointAt: 1 };
  }
  const next = digits.charCodeAt(keep) - 48;
  const rest = digits.slice(keep + 1);
  const previous = keep > 0 ? digits.charCodeAt(keep - 1) - 48 : 0;
  const roundUp = next > 5 || (next === 5 && (/[1-9]/.test(rest) || previous % 2 === 1));
  let kept = digits.slice(0, keep);
  let point = pointAt;
  if (roundUp) {
    const increased = (BigInt(kept === '' ? '0' : kept) + 1n).toString();
    if (increased.length > kept.length) {
      // 99.96 -> 100.0: one more digit before the point.
      point++;
    }
    kept = increased.padStart(kept.length, '0');
  }
  kept = kept.replace(/0+$/, '');
  return kept === '' ? { digits: '0', pointAt: 1 } : { digits: kept, pointAt: point };
}

/** The digits and decimal point position of `value` rounded to `significant` digits (or the shortest exact form). */
function decimalDigits(value: number, significant: number | undefined): { digits: string; pointAt: number } {
  if (value === 0) {
    return { digits: '0', pointAt: 1 };
  }
  if (significant === undefined) {
    // The shortest digits that read back as the same double: JS and Go agree on these.
    const [mantissa, exponent] = value.toExponential().split('e');
    const digits = mantissa.replace('.', '').replace(/0+$/, '');
    return { digits: digits === '' ? '0' : digits, pointAt: Number(exponent) + 1 };
  }
  const exact = exactDecimal(value);
  return roundDigits(exact.digits, exact.pointAt, significant);
}

/** The digits of `value` rounded to `decimals` places after the point. */
function fixedDigits(value: number, decimals: number): { digits: string; pointAt: number } {
  if (value === 0) {
    return { digits: '0', pointAt: 1 };
  }
  const exact = exactDecimal(value);
  return roundDigits(exact.digits, exact.pointAt, exact.pointAt + decimals);
}

/** Go's %x of a float: hexadecimal mantissa and binary exponent, `0x1.8p+01`. */
function hexFloat(value: number, upper: boolean): string {
  let body: string;
  if (value === 0) {
    body = '0x0p+00';
  } else {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    const bits = view.getBigUint64(0);
    let exponent = Number((bits >> 52n) & 0x7ffn);
    let mantissa = bits & ((1n << 52n) - 1n);
    if (exponent === 0) {
      // Subnormal: normalise.
      exponent = -1022;
      while ((mantissa & (1n << 52n)) === 0n) {
        mantissa <<= 1n;
        exponent--;
      }
      mantissa &= (1n << 52n) - 1n;
    } else {
      exponent -= 1023;
    }
    const fraction = mantissa.toString(16).padStart(13, '0').replace(/0+$/, '');
    const sign = exponent < 0 ? '-' : '+';
    body = '0x1' + (fraction ? '.' + fraction : '') + 'p' + sign + String(Math.abs(exponent)).padStart(2, '0');
  }
  return upper ? body.toUpperCase() : body;
}

/** Go's %e layout: d.ddde±XX with at least two exponent digits. */
function layoutExponent(digits: string, pointAt: number, precision: number, upper: boolean): string {
  let out = digits[0];
  if (precision > 0) {
    out += '.' + digits.slice(1, 1 + precision).padEnd(precision, '0');
  }
  const exponent = digits === '0' ? 0 : pointAt - 1;
  const sign = exponent < 0 ? '-' : '+';
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return out + (upper ? 'E' : 'e') + sign + magnitude;
}

/** Go's %f layout from digits and point position. */
function layoutFixed(digits: string, pointAt: number, precision: number): string {
  let out = pointAt > 0 ? digits.slice(0, pointAt).padEnd(pointAt, '0') : '0';
  if (precision > 0) {
    out += '.';
    for (let i = 0; i < precision; i++) {
      const index = pointAt + i;
      out += index >= 0 && index < digits.length ? digits[index] : '0';
    }
  }
  return out;
}

/** strconv.FormatFloat for the verbs e, E, f, F, g, G (precision undefined = shortest). */
export function formatFloat(value: number, verb: string, precision: number | undefined): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '+Inf' : '-Inf';
  }
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  let body: string;
  switch (verb) {
    case 'e':
    case 'E': {
      const { digits, pointAt } = decimalDigits(magnitude, precision === undefined ? undefined : precision + 1);
      body = layoutExponent(digits, pointAt, precision ?? digits.length - 1, verb === 'E');
      break;
    }
    case 'f':
    case 'F': {
      if (precision === undefined) {
        const { digits, pointAt } = decimalDigits(magnitude, undefined);
        body = layoutFixed(digits, pointAt, Math.max(digits.length - pointAt, 0));
      } else {
        const { digits, pointAt } = fixedDigits(magnitude, precision);
        body = layoutFixed(digits, pointAt, precision);
      }
      break;
    }
    default: {
      // 'g' / 'G', following strconv's %e-or-%f decision.
      const shortest = precision === undefined;
      let wanted = precision === 0 ? 1 : precision;
      const { digits, pointAt } = decimalDigits(magnitude, wanted);
      if (shortest) {
        wanted = digits.length;
      }
      let exponentLimit = wanted as number;
      if (exponentLimit > digits.length && digits.length >= pointAt) {
        exponentLimit = digits.length;
      }
      if (shortest) {
        exponentLimit = 6;
      }
      const exponent = pointAt - 1;
      if (digits !== '0' && (exponent < -4 || exponent >= exponentLimit)) {
        const shown = Math.min(wanted as number, digits.length);
        body = layoutExponent(digits, pointAt, shown - 1, verb === 'G');
      } else {
        let shown = wanted as number;
        if (shown > pointAt) {
          shown = digits.length;
        }
        body = layoutFixed(digits, digits === '0' ? 1 : pointAt, Math.max(shown - pointAt, 0));
      }
    }
  }
  return (negative ? '-' : '') + body;
}

/** The bad-verb form: `%!d(string=abc)`. */
function badVerb(verb: string, value: unknown, directive: Directive): string {
  if (value === undefined || value === null) {
    return `%!${verb}(<nil>)`;
  }
  // Go prints the value with the directive's flags still set (`%.2f` of 2 shows `int=02`).
  return `%!${verb}(${typeName(value)}=${printValue(value, 'v', directive, 0)})`;
}

/** An integer per fmt's fmtInteger: sign, precision, zero padding, base prefixes. */
function formatInteger(value: bigint, base: number, verb: string, directive: Directive): string {
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(base);
  if (verb === 'X') {
    digits = digits.toUpperCase();
  }
  let precision = directive.precision;
  if (precision === undefined && directive.zero && !directive.minus && directive.width !== undefined) {
    precision = directive.width;
    if (negative || directive.plus || directive.space) {
      precision--;
    }
  }
  if (precision !== undefined) {
    if (precision === 0 && value === 0n) {
      digits = '';
    } else if (digits.length < precision) {
      digits = digits.padStart(precision, '0');
    }
  }
  let prefix = '';
  if (directive.sharp) {
    if (base === 8 && !digits.startsWith('0')) {
      prefix = '0';
    } else if (base === 16) {
      prefix = verb === 'X' ? '0X' : '0x';
    } else if (base === 2) {
      prefix = '0b';
    }
  }
  if (verb === 'O') {
    prefix = '0o';
  }
  let sign = '';
  if (negative) {
    sign = '-';
  } else if (directive.plus) {
    sign = '+';
  } else if (directive.space) {
    sign = ' ';
  }
  // Zeros were already placed through the precision; the rest pads with spaces.
  return pad(sign + prefix + digits, directive, false);
}

function toBigInt(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(value as number);
}

function printInteger(value: unknown, verb: string, directive: Directive): string {
  switch (verb) {
    case 'v':
    case 'd':
      return formatInteger(toBigInt(value), 10, 'd', directive);
    case 'b':
      return formatInteger(toBigInt(value), 2, verb, directive);
    case 'o':
    case 'O':
      return formatInteger(toBigInt(value), 8, verb, directive);
    case 'x':
    case 'X':
      return formatInteger(toBigInt(value), 16, verb, directive);
    case 'c':
      return pad(String.fromCodePoint(validRune(value)), directive);
    case 'q':
      return pad(goQuote(String.fromCodePoint(validRune(value)), "'", directive.plus), directive);
    case 'U': {
      const code = validRune(value);
      let out = 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
      if (directive.sharp && isPrintable(String.fromCodePoint(code))) {
        out += " '" + String.fromCodePoint(code) + "'";
      }
      return pad(out, directive);
    }
    default:
      return badVerb(verb, value, directive);
  }
}

/** A rune value, or U+FFFD when out of range as Go does. */
function validRune(value: unknown): number {
  const code = Number(value);
  return code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? code : 0xfffd;
}

function printFloat(original: unknown, verb: string, directive: Directive): string {
  const value = numberOf(original);
  let body: string;
  switch (verb) {
    case 'v':
      body = formatFloat(value, 'g', directive.precision);
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
      body = formatFloat(value, verb, directive.precision ?? 6);
      break;
    case 'g':
    case 'G':
      body = formatFloat(value, verb, directive.precision);
      break;
    case 'x':
    case 'X':
      body = Number.isFinite(value) ? (value < 0 || Object.is(value, -0) ? '-' : '') + hexFloat(Math.abs(value), verb === 'X') : formatFloat(value, 'g', undefined);
      break;
    default:
      return badVerb(verb, original, directive);
  }
  if (directive.plus && !body.startsWith('-') && !body.startsWith('+')) {
    body = '+' + body;
  } else if (directive.space && !body.startsWith('-') && !body.startsWith('+')) {
    body = ' ' + body;
  } else if (!directive.plus && body === '+Inf') {
    body = 'Inf';
  }
  if (directive.zero && !directive.minus && directive.width !== undefined && Number.isFinite(value)) {
    // Zero padding goes after the sign.
    const signed = body.startsWith('-') || body.startsWith('+') || body.startsWith(' ');
    const sign = signed ? body[0] : '';
    const digits = signed ? body.slice(1) : body;
    return sign + digits.padStart(directive.width - sign.length, '0');
  }
  return pad(body, directive, false);
}

function hexOfString(text: string, verb: string, directive: Directive): string {
  const bytes = encoder.encode(text);
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0'));
  const digits = hex.map((pair) => (verb === 'X' ? pair.toUpperCase() : pair));
  const prefix = directive.sharp ? (verb === 'X' ? '0X' : '0x') : '';
  if (directive.space) {
    return pad(digits.map((pair) => prefix + pair).join(' '), directive);
  }
  return pad(prefix + digits.join(''), directive);
}

function printString(text: string, verb: string, directive: Directive): string {
  switch (verb) {
    case 'v':
      if (directive.sharpV) {
        return pad(goQuote(text), directive);
      }
      return pad(truncateRunes(text, directive.precision), directive);
    case 's':
      return pad(truncateRunes(text, directive.precision), directive);
    case 'q': {
      const truncated = truncateRunes(text, directive.precision);
      if (directive.sharp && canBackquote(truncated)) {
        return pad('`' + truncated + '`', directive);
      }
      return pad(goQuote(truncated, '"', directive.plus), directive);
    }
    case 'x':
    case 'X':
      return hexOfString(text, verb, directive);
    default:
      return badVerb(verb, text, directive);
  }
}

function truncateRunes(text: string, precision: number | undefined): string {
  if (precision === undefined) {
    return text;
  }
  return Array.from(text).slice(0, precision).join('');
}

/** The `String()` method of a value that has one (Go's fmt.Stringer). */
function stringerOf(value: object): (() => unknown) | undefined {
  const method = lookupProperty(value, 'String');
  if (method.found && typeof method.value === 'function' && method.value.length === 0) {
    return () => (method.value as () => unknown).call(value);
  }
  return undefined;
}

/**
 * Formats one value with one verb, as fmt's printArg/printValue do.
 * `depth` is 0 for an argument, more for the contents of slices, maps and structs.
 */
export function printValue(value: unknown, verb: string, directive: Directive, depth: number): string {
  if (verb === 'T') {
    return pad(typeName(value), directive);
  }
  if (value === undefined || (value === null && depth === 0)) {
    return verb === 'v' ? pad('<nil>', directive) : badVerb(verb, value, directive);
  }
  if (value === null) {
    return verb === 'v' || verb === 's' ? pad('<nil>', directive) : badVerb(verb, value, directive);
  }
  if ((typeof value === 'object' || typeof value === 'function') && 'vsxXq'.includes(verb)) {
    const stringer = stringerOf(value as object);
    if (stringer) {
      return printString(String(stringer()), verb, directive);
    }
  }
  const kind = kindOf(value);
  switch (kind) {
    case 'bool':
      return verb === 'v' || verb === 't' ? pad(String(value), directive) : badVerb(verb, value, directive);
    case 'int':
      return printInteger(value, verb, directive);
    case 'float':
      return printFloat(value, verb, directive);
    case 'complex': {
      const complex = value as GoComplex;
      const real = printFloat(complex.real, verb, directive);
      const imaginary = printFloat(complex.imaginary, verb, { ...directive, plus: true });
      return `(${real}${imaginary}i)`;
    }
    case 'string':
      return printString(value as string, verb, directive);
    case 'nil':
      return verb === 'v' || verb === 's' ? pad('<nil>', directive) : badVerb(verb, value, directive);
    case 'func':
      // Go prints a function's address; any address will do.
      return verb === 'v' || verb === 'p' ? pad('0x47c0e0', directive) : badVerb(verb, value, directive);
    case 'slice': {
      if (value instanceof GoNil) {
        return directive.sharpV ? `${value.typeName}(nil)` : '[]';
      }
      const items = (value as unknown[]).map((item) => printValue(item, verb, directive, depth + 1));
      return '[' + items.join(' ') + ']';
    }
    case 'map': {
      if (value instanceof GoNil && directive.sharpV) {
        return `${value.typeName}(nil)`;
      }
      const pairs = mapEntries(value as object).map(
        ([key, item]) => printValue(key, verb, directive, depth + 1) + ':' + printValue(item, verb, directive, depth + 1),
      );
      return 'map[' + pairs.join(' ') + ']';
    }
    default: {
      const fields = structFields(value as object).map(([name, field]) => {
        const shown = printValue(field, verb, directive, depth + 1);
        return directive.plusV || directive.sharpV ? `${name}:${shown}` : shown;
      });
      const named = (value as { [GO_TYPE]?: unknown })[GO_TYPE];
      // Go shows a pointer to a struct as &{...} when it is the argument itself.
      const pointer = depth === 0 && !directive.indirected && typeof named === 'string' && named.startsWith('*') ? '&' : '';
      return pointer + '{' + fields.join(' ') + '}';
    }
  }
}

/**
 * `%v` of one value. `indirected` is for what a template action prints: Go
 * dereferences a pointer first, so a `*T` struct shows as `{...}`, not `&{...}`.
 */
export function formatValue(value: unknown, indirected = false): string {
  return printValue(value, 'v', { ...plainDirective(), indirected }, 0);
}

/** Go's fmt.Sprint: operands joined, with a space between two operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  let previousString = false;
  args.forEach((arg, index) => {
    const isString = typeof arg === 'string';
    if (index > 0 && !isString && !previousString) {
      out += ' ';
    }
    out += formatValue(arg);
    previousString = isString;
  });
  return out;
}

/** Go's fmt.Sprintln: operands always space-separated, newline appended. */
export function sprintln(args: readonly unknown[]): string {
  return args.map((arg) => formatValue(arg)).join(' ') + '\n';
}

/** Parses a decimal number at `index` in `format`; returns the number and where it ended. */
function parseNumber(format: string, index: number): { value: number | undefined; end: number } {
  let end = index;
  while (end < format.length && format[end] >= '0' && format[end] <= '9') {
    end++;
  }
  if (end === index) {
    return { value: undefined, end };
  }
  return { value: Number(format.slice(index, end)), end };
}

/** Go's fmt.Sprintf for the verbs templates use (v, +v, T, s, q, d, x, X, o, O, b, c, U, t, e, E, f, F, g, G, %). */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argumentIndex = 0;
  let reordered = false;
  let index = 0;
  while (index < format.length) {
    const percent = format.indexOf('%', index);
    if (percent < 0) {
      out += format.slice(index);
      break;
    }
    out += format.slice(index, percent);
    index = percent + 1;
    const directive = plainDirective();
    // Flags.
    flags: while (index < format.length) {
      switch (format[index]) {
        case '#':
          directive.sharp = true;
          break;
        case '0':
          directive.zero = !directive.minus;
          break;
        case '+':
          directive.plus = true;
          break;
        case '-':
          directive.minus = true;
          directive.zero = false;
          break;
        case ' ':
          directive.space = true;
          break;
        default:
          break flags;
      }
      index++;
    }
    let goodIndex = true;
    let afterIndex = false;
    const readIndex = (): void => {
      if (format[index] !== '[') {
        return;
      }
      reordered = true;
      const close = format.indexOf(']', index);
      const parsed = close < 0 ? undefined : parseNumber(format, index + 1);
      if (close < 0 || parsed === undefined || parsed.value === undefined || parsed.end !== close || parsed.value < 1 || parsed.value > args.length) {
        goodIndex = false;
        index = close < 0 ? format.length : close + 1;
        return;
      }
      argumentIndex = parsed.value - 1;
      index = close + 1;
      afterIndex = true;
    };
    readIndex();
    // Width.
    if (format[index] === '*') {
      index++;
      const width = args[argumentIndex];
      argumentIndex++;
      if (typeof width === 'number' && Number.isInteger(width) && goodIndex) {
        directive.width = Math.abs(width);
        if (width < 0) {
          directive.minus = true;
          directive.zero = false;
        }
      } else {
        out += '%!(BADWIDTH)';
      }
      afterIndex = false;
    } else {
      const parsed = parseNumber(format, index);
      if (parsed.value !== undefined) {
        if (afterIndex) {
          goodIndex = false;
        }
        directive.width = parsed.value;
        index = parsed.end;
      }
    }
    // Precision.
    if (format[index] === '.') {
      index++;
      if (afterIndex) {
        goodIndex = false;
      }
      readIndex();
      if (format[index] === '*') {
        index++;
        const precision = args[argumentIndex];
        argumentIndex++;
        if (typeof precision === 'number' && Number.isInteger(precision) && goodIndex) {
          directive.precision = precision < 0 ? undefined : precision;
        } else {
          out += '%!(BADPREC)';
        }
        afterIndex = false;
      } else {
        const parsed = parseNumber(format, index);
        directive.precision = parsed.value ?? 0;
        index = parsed.end;
      }
    }
    if (!afterIndex) {
      readIndex();
    }
    if (index >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(index) as number);
    index += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodIndex) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argumentIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'v') {
      if (directive.sharp) {
        directive.sharp = false;
        directive.sharpV = true;
      }
      if (directive.plus) {
        directive.plus = false;
        directive.plusV = true;
      }
    }
    out += printValue(args[argumentIndex], verb, directive, 0);
    argumentIndex++;
  }
  if (!reordered && argumentIndex < args.length) {
    const extras = args.slice(argumentIndex).map((arg) => (arg === undefined || arg === null ? '<nil>' : `${typeName(arg)}=${formatValue(arg)}`));
    out += '%!(EXTRA ' + extras.join(', ') + ')';
  }
  return out;
}
