/**
 * The functions a docker template can call: Go's text/template builtins
 * (funcs.go) and the ones docker/cli adds in templates/templates.go
 * (v28.2.2): json, split, join, title, lower, upper, pad, truncate; plus the
 * HeaderFunctions docker swaps in while it renders a table header.
 *
 * Each function declares Go parameter types, because the template checks
 * arguments against them before the call (`wrong type for value; expected
 * string; got int`, `expected integer; found "x"`).
 */
import { goJson } from './goJson';
import { formatValue, sprint, sprintf, sprintln } from './goFmt';
import {
  GO_TYPE,
  GoComplex,
  GoFloat,
  GoNil,
  isTrue,
  kindOf,
  mapGet,
  mapSize,
  numberOf,
  structFields,
  typeName,
} from './goValue';

/**
 * A Go parameter type, as far as templates check it. `interface {}` takes
 * anything (a missing value arrives as `undefined`); `reflect.Value` is what
 * Go's own builtins take, and is as lenient.
 */
export type GoParameterType = 'string' | 'int' | 'bool' | 'float64' | '[]string' | 'interface {}' | 'reflect.Value';

/** A function callable from a template. */
export interface TemplateFunction {
  /** Types of the fixed parameters. */
  readonly parameters: readonly GoParameterType[];
  /** Element type of a final `...` parameter, if the function is variadic. */
  readonly variadic?: GoParameterType;
  /** The function; throwing stops the template with `error calling <name>: <message>`. */
  readonly call: (...args: unknown[]) => unknown;
}

/** Functions by the name templates call them by. */
export type FunctionMap = Readonly<Record<string, TemplateFunction>>;

/** An error a function returns (Go's second result), reported as `error calling <name>: <message>`. */
export class FunctionError extends Error {}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Go's eq/lt kinds: only these compare. */
type BasicKind = 'bool' | 'int' | 'float' | 'complex' | 'string' | 'invalid';

function basicKind(value: unknown): BasicKind {
  const kind = kindOf(value);
  switch (kind) {
    case 'bool':
    case 'int':
    case 'float':
    case 'complex':
    case 'string':
      return kind;
    default:
      return 'invalid';
  }
}

/** The reflect kind Go would see, for eq's canCompare. */
function reflectKind(value: unknown): string {
  if (value === null || (value instanceof GoNil && value.kind === 'pointer')) {
    return 'ptr';
  }
  return kindOf(value);
}

/** Nil in Go's sense: a missing value, nil pointer, nil map or slice. */
function isNil(value: unknown): boolean {
  return value === undefined || value === null || value instanceof GoNil;
}

/** Go's Type.Comparable: slices, maps and functions are not; structs are when all their fields are. */
function isComparable(value: unknown): boolean {
  switch (kindOf(value)) {
    case 'slice':
    case 'map':
    case 'func':
      return false;
    case 'struct':
      return structFields(value as object).every(([, field]) => field === null || field === undefined || isComparable(field));
    default:
      return true;
  }
}

/** `==` on comparable Go values. */
function goEqual(left: unknown, right: unknown): boolean {
  if (left === right) {
    return true;
  }
  if (kindOf(left) === 'struct' && kindOf(right) === 'struct') {
    const leftFields = structFields(left as object);
    const rightFields = structFields(right as object);
    return (
      leftFields.length === rightFields.length &&
      leftFields.every(([name, field], index) => rightFields[index][0] === name && goEqual(field, rightFields[index][1]))
    );
  }
  return false;
}

function compareStrings(left: string, right: string): number {
  const leftBytes = utf8(left);
  const rightBytes = utf8(right);
  const length = Math.min(leftBytes.length, rightBytes.length);
  for (let i = 0; i < length; i++) {
    if (leftBytes[i] !== rightBytes[i]) {
      return leftBytes[i] - rightBytes[i];
    }
  }
  return leftBytes.length - rightBytes.length;
}

function eq(first: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) {
    throw new FunctionError('missing argument for comparison');
  }
  const firstKind = basicKind(first);
  for (const other of others) {
    const otherKind = basicKind(other);
    let truth = false;
    if (firstKind !== otherKind) {
      // Go lets a missing value compare (unequal) with anything.
      if (first !== undefined && other !== undefined) {
        throw new FunctionError('incompatible types for comparison');
      }
    } else {
      switch (firstKind) {
        case 'bool':
        case 'string':
          truth = first === other;
          break;
        case 'int':
          truth = BigInt(first as number | bigint) === BigInt(other as number | bigint);
          break;
        case 'float':
          truth = numberOf(first) === numberOf(other);
          break;
        case 'complex':
          truth = (first as GoComplex).real === (other as GoComplex).real && (first as GoComplex).imaginary === (other as GoComplex).imaginary;
          break;
        default: {
          const firstReflect = reflectKind(first);
          const otherReflect = reflectKind(other);
          if (firstReflect !== otherReflect && first !== undefined && other !== undefined) {
            throw new FunctionError(`non-comparable types ${sprintf('%s', [first])}: ${typeName(first)}, ${typeName(other)}: ${formatValue(other)}`);
          }
          if (isNil(first) || isNil(other)) {
            truth = isNil(first) === isNil(other);
          } else {
            if (!isComparable(other)) {
              throw new FunctionError(`non-comparable type ${sprintf('%s', [other])}: ${typeName(other)}`);
            }
            truth = goEqual(first, other);
          }
        }
      }
    }
    if (truth) {
      return true;
    }
  }
  return false;
}

function lt(left: unknown, right: unknown): boolean {
  const leftKind = basicKind(left);
  const rightKind = basicKind(right);
  if (leftKind === 'invalid' || rightKind === 'invalid') {
    throw new FunctionError('invalid type for comparison');
  }
  if (leftKind !== rightKind) {
    throw new FunctionError('incompatible types for comparison');
  }
  switch (leftKind) {
    case 'bool':
    case 'complex':
      throw new FunctionError('invalid type for comparison');
    case 'string':
      return compareStrings(left as string, right as string) < 0;
    case 'int':
      return BigInt(left as number | bigint) < BigInt(right as number | bigint);
    default:
      return numberOf(left) < numberOf(right);
  }
}

function le(left: unknown, right: unknown): boolean {
  return lt(left, right) || eq(left, right);
}

/** An index argument per Go's indexArg. */
function indexArgument(index: unknown, limit: number): number {
  if (index === undefined || index === null) {
    throw new FunctionError('cannot index slice/array with nil');
  }
  if (kindOf(index) !== 'int') {
    throw new FunctionError(`cannot index slice/array with type ${typeName(index)}`);
  }
  const value = Number(index);
  if (value < 0 || value > limit) {
    throw new FunctionError(`index out of range: ${value}`);
  }
  return value;
}

/** The zero value of a map's element type, which `index` returns for a missing key. */
function zeroOfMapValues(map: object): unknown {
  return typeName(map) === 'map[string]string' && !(map instanceof GoNil && !map.typeName.endsWith('string')) ? '' : undefined;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) {
    throw new FunctionError('index of untyped nil');
  }
  let current: unknown = item;
  for (const key of indexes) {
    if (current === null || (current instanceof GoNil && current.kind === 'pointer')) {
      throw new FunctionError('index of nil pointer');
    }
    switch (kindOf(current)) {
      case 'string': {
        // Go indexes the bytes of a string and yields a byte (uint8).
        const bytes = utf8(current as string);
        const at = indexArgument(key, bytes.length);
        if (at === bytes.length) {
          throw new FunctionError('reflect: string index out of range');
        }
        current = bytes[at];
        break;
      }
      case 'slice': {
        const items = current instanceof GoNil ? [] : (current as unknown[]);
        const at = indexArgument(key, items.length);
        if (at === items.length) {
          throw new FunctionError('reflect: slice index out of range');
        }
        // An element of []interface{} that is nil is no value once unwrapped.
        current = items[at] === null ? undefined : items[at];
        break;
      }
      case 'map':
      case 'struct': {
        // A struct that names its Go type is a struct, as in Go; an untyped plain object is
        // indexed like a map, for data nobody marked with goMap.
        if (kindOf(current) === 'struct' && (current as { [GO_TYPE]?: unknown })[GO_TYPE] !== undefined) {
          // index dereferences a pointer first, so *T is reported as T.
          throw new FunctionError(`can't index item of type ${typeName(current).replace(/^\*/, '')}`);
        }
        if (key === undefined || key === null) {
          throw new FunctionError('value is nil; should be of type string');
        }
        if (typeof key !== 'string' && !(current instanceof Map)) {
          throw new FunctionError(`value has type ${typeName(key)}; should be string`);
        }
        const found = mapGet(current as object, key);
        current = found.found ? (found.value === null ? undefined : found.value) : zeroOfMapValues(current as object);
        break;
      }
      default:
        throw new FunctionError(`can't index item of type ${typeName(current)}`);
    }
  }
  return current;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) {
    throw new FunctionError('slice of untyped nil');
  }
  if (indexes.length > 3) {
    throw new FunctionError(`too many slice indexes: ${indexes.length}`);
  }
  const kind = kindOf(item);
  let length: number;
  if (kind === 'string') {
    if (indexes.length === 3) {
      throw new FunctionError('cannot 3-index slice a string');
    }
    length = utf8(item as string).length;
  } else if (kind === 'slice') {
    length = item instanceof GoNil ? 0 : (item as unknown[]).length;
  } else {
    throw new FunctionError(`can't slice item of type ${typeName(item)}`);
  }
  const bounds = [0, length, length];
  indexes.forEach((key, at) => {
    bounds[at] = indexArgument(key, length);
  });
  if (bounds[0] > bounds[1]) {
    throw new FunctionError(`invalid slice index: ${bounds[0]} > ${bounds[1]}`);
  }
  if (indexes.length === 3 && bounds[1] > bounds[2]) {
    throw new FunctionError(`invalid slice index: ${bounds[1]} > ${bounds[2]}`);
  }
  if (kind === 'string') {
    return decoder.decode(utf8(item as string).slice(bounds[0], bounds[1]));
  }
  return item instanceof GoNil ? item : (item as unknown[]).slice(bounds[0], bounds[1]);
}

function length(item: unknown): number {
  if (item === undefined) {
    // What Go 1.24 itself reports for `len nil`.
    throw new FunctionError('reflect: call of reflect.Value.Type on zero Value');
  }
  if (item === null || (item instanceof GoNil && item.kind === 'pointer')) {
    throw new FunctionError('len of nil pointer');
  }
  switch (kindOf(item)) {
    case 'string':
      return utf8(item as string).length;
    case 'slice':
      return item instanceof GoNil ? 0 : (item as unknown[]).length;
    case 'map':
      return mapSize(item as object);
    default:
      throw new FunctionError(`len of type ${typeName(item)}`);
  }
}

/** Go 1.24's builtin `call`: the executor passes the callee's node text first, for messages. */
function call(calleeName: unknown, fn: unknown, ...args: unknown[]): unknown {
  if (fn === undefined || fn === null) {
    throw new FunctionError('call of nil');
  }
  if (typeof fn !== 'function') {
    throw new FunctionError(`non-function ${String(calleeName)} of type ${typeName(fn)}`);
  }
  if (args.length !== fn.length) {
    throw new FunctionError(`wrong number of args for ${String(calleeName)}: got ${args.length} want ${fn.length}`);
  }
  // JS functions get plain numbers, not the float64 marker of literals like `1.0`.
  return (fn as (...values: unknown[]) => unknown)(...args.map((arg) => (arg instanceof GoFloat ? arg.value : arg)));
}

/** Go's evalArgs for html/js/urlquery: one string as is, anything else printed as fmt.Sprint, no value as `<no value>`. */
function textOfArguments(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') {
    return args[0];
  }
  return sprint(args.map((arg) => (arg === undefined ? '<no value>' : arg)));
}

function htmlEscape(text: string): string {
  return text.replace(/[\0"'&<>]/g, (character) => {
    switch (character) {
      case '\0':
        return '\ufffd';
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      default:
        return '&gt;';
    }
  });
}

function jsEscape(text: string): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    switch (character) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (code < 0x20) {
      out += '\\u00' + code.toString(16).toUpperCase().padStart(2, '0');
    } else if (code >= 0x80 && !/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(character)) {
      out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    } else {
      out += character;
    }
  }
  return out;
}

/** Go's url.QueryEscape: unreserved bytes stay, space becomes +, the rest %XX. */
function queryEscape(text: string): string {
  let out = '';
  for (const byte of utf8(text)) {
    const character = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(character)) {
      out += character;
    } else if (character === ' ') {
      out += '+';
    } else {
      out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

const any = 'interface {}' as const;
const value = 'reflect.Value' as const;

/** Go's text/template builtins. `and` and `or` are evaluated lazily by the executor itself. */
export const builtinFunctions: FunctionMap = {
  and: { parameters: [value], variadic: value, call: () => undefined },
  or: { parameters: [value], variadic: value, call: () => undefined },
  call: { parameters: [value], variadic: value, call },
  html: { parameters: [], variadic: any, call: (...args) => htmlEscape(textOfArguments(args)) },
  index: { parameters: [value], variadic: value, call: index },
  slice: { parameters: [value], variadic: value, call: slice },
  js: { parameters: [], variadic: any, call: (...args) => jsEscape(textOfArguments(args)) },
  len: { parameters: [value], call: length },
  not: { parameters: [value], call: (arg) => !isTrue(arg) },
  print: { parameters: [], variadic: any, call: (...args) => sprint(args) },
  printf: { parameters: ['string'], variadic: any, call: (format, ...args) => sprintf(format as string, args) },
  println: { parameters: [], variadic: any, call: (...args) => sprintln(args) },
  urlquery: { parameters: [], variadic: any, call: (...args) => queryEscape(textOfArguments(args)) },
  eq: { parameters: [value], variadic: value, call: eq },
  ge: { parameters: [value, value], call: (left, right) => !lt(left, right) },
  gt: { parameters: [value, value], call: (left, right) => !le(left, right) },
  le: { parameters: [value, value], call: le },
  lt: { parameters: [value, value], call: lt },
  ne: { parameters: [value, value], call: (left, right) => !eq(left, right) },
};

/** Go's strings.Title: the first letter of every word upper-cased. */
function title(text: string): string {
  const isSeparator = (character: string): boolean => {
    const code = character.codePointAt(0) as number;
    if (code <= 0x7f) {
      return !/[0-9A-Za-z_]/.test(character);
    }
    if (/[\p{L}\p{Nd}]/u.test(character)) {
      return false;
    }
    return /\s/u.test(character);
  };
  let previous = ' ';
  let out = '';
  for (const character of text) {
    out += isSeparator(previous) ? mapRune(character, 'upper') : character;
    previous = character;
  }
  return out;
}

/**
 * Go maps case rune by rune with Unicode's simple mappings. Where JS's full
 * mapping gives several runes, the simple one is the first rune when
 * lower-casing (İ → i) and none when upper-casing (ß stays ß).
 */
function mapRune(character: string, to: 'upper' | 'lower'): string {
  const mapped = Array.from(to === 'upper' ? character.toUpperCase() : character.toLowerCase());
  if (mapped.length === 1) {
    return mapped[0];
  }
  return to === 'lower' ? mapped[0] : character;
}

function mapCase(text: string, to: 'upper' | 'lower'): string {
  let out = '';
  for (const character of text) {
    out += mapRune(character, to);
  }
  return out;
}

/** Go's strings.Repeat, which panics on a negative count. */
function repeatSpaces(count: number): string {
  if (count < 0) {
    throw new FunctionError('strings: negative Repeat count');
  }
  return ' '.repeat(count);
}

/** The functions docker/cli's templates.Parse adds (templates/templates.go, basicFunctions). */
export const dockerFunctions: FunctionMap = {
  json: {
    parameters: [any],
    call: (arg) => {
      try {
        return goJson(arg);
      } catch (error) {
        throw new FunctionError((error as Error).message);
      }
    },
  },
  split: {
    parameters: ['string', 'string'],
    // Go splits "" into UTF-8 sequences, i.e. runes.
    call: (text, separator) => (separator === '' ? Array.from(text as string) : (text as string).split(separator as string)),
  },
  join: { parameters: ['[]string', 'string'], call: (items, separator) => (items as string[]).join(separator as string) },
  title: { parameters: ['string'], call: (text) => title(text as string) },
  lower: { parameters: ['string'], call: (text) => mapCase(text as string, 'lower') },
  upper: { parameters: ['string'], call: (text) => mapCase(text as string, 'upper') },
  pad: {
    parameters: ['string', 'int', 'int'],
    // docker's padWithSpace: an empty string stays empty.
    call: (text, prefix, suffix) => (text === '' ? '' : repeatSpaces(Number(prefix)) + (text as string) + repeatSpaces(Number(suffix))),
  },
  truncate: {
    parameters: ['string', 'int'],
    call: (text, limit) => {
      // docker's truncateWithLength cuts bytes, not runes.
      const bytes = utf8(text as string);
      const wanted = Number(limit);
      if (bytes.length < wanted) {
        return text;
      }
      if (wanted < 0) {
        throw new FunctionError(`runtime error: slice bounds out of range [:${wanted}]`);
      }
      return decoder.decode(bytes.slice(0, wanted));
    },
  },
};

/**
 * docker's templates.HeaderFunctions: while a table header renders, these
 * replace the row functions and hand the column title through unchanged
 * (`pad` is not replaced, so headers stay aligned with padded cells).
 */
export const dockerHeaderFunctions: FunctionMap = {
  json: { parameters: ['string'], call: (text) => text },
  split: { parameters: ['string', 'string'], call: (text) => text },
  join: { parameters: ['string', 'string'], call: (text) => text },
  title: { parameters: ['string'], call: (text) => text },
  lower: { parameters: ['string'], call: (text) => text },
  upper: { parameters: ['string'], call: (text) => text },
  truncate: { parameters: ['string', 'int'], call: (text) => text },
};
