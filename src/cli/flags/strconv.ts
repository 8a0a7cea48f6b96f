import { GoError } from './GoError';

// The parts of Go's strconv package that pflag and the docker CLI use on flag values, with Go's
// exact error texts (NumError.Error(): `strconv.<Func>: parsing <Quote(num)>: <reason>`).

const INVALID_SYNTAX = 'invalid syntax';
const OUT_OF_RANGE = 'value out of range';

function numberError(functionName: string, text: string, reason: string): GoError {
  return new GoError(`strconv.${functionName}: parsing ${quote(text)}: ${reason}`);
}

const isDigit = (character: string): boolean => character >= '0' && character <= '9';

/**
 * Go's unicode.IsPrint, approximated with Unicode property classes: letters, marks, numbers,
 * punctuation, symbols and the ASCII space.
 */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/** Escapes one code point the way strconv.appendEscapedRune does. */
function escapeRune(character: string, quoteCharacter: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  if (character === quoteCharacter || character === '\\') return '\\' + character;
  if (PRINTABLE.test(character)) return character;
  switch (character) {
    case '\x07': return '\\a';
    case '\b': return '\\b';
    case '\f': return '\\f';
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    case '\v': return '\\v';
  }
  if (codePoint < 0x20 || codePoint === 0x7f) return '\\x' + hex(codePoint, 2);
  // Lone surrogates cannot come from valid UTF-8; Go would print the replacement rune escaped.
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return '\\ufffd';
  if (codePoint < 0x10000) return '\\u' + hex(codePoint, 4);
  return '\\U' + hex(codePoint, 8);
}

/** strconv.Quote: a double-quoted Go string literal (what `%q` prints for a string). */
function quote(text: string): string {
  let result = '"';
  for (const character of text) result += escapeRune(character, '"');
  return result + '"';
}

/** strconv.QuoteRune: a single-quoted Go rune literal (what `%q` prints for a byte or rune). */
function quoteRune(codePoint: number): string {
  return `'${escapeRune(String.fromCodePoint(codePoint), "'")}'`;
}

/** strconv.ParseBool. */
function parseBool(text: string): boolean {
  switch (text) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return false;
  }
  throw numberError('ParseBool', text, INVALID_SYNTAX);
}

/** strconv's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(text: string): boolean {
  let saw = '^';
  let index = 0;
  let body = text;
  if (body.length >= 1 && (body[0] === '-' || body[0] === '+')) body = body.slice(1);
  let hexadecimal = false;
  if (body.length >= 2 && body[0] === '0' && 'box'.includes(body[1].toLowerCase())) {
    index = 2;
    saw = '0';
    hexadecimal = body[1].toLowerCase() === 'x';
  }
  for (; index < body.length; index++) {
    const character = body[index];
    const lower = character.toLowerCase();
    if (isDigit(character) || (hexadecimal && lower >= 'a' && lower <= 'f')) {
      saw = '0';
      continue;
    }
    if (character === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/**
 * strconv.ParseUint(text, base, bitSize) for base 0 (prefixes 0b, 0o, 0x, 0 and underscores) or
 * an explicit base 2..36. Returns a bigint so that 64-bit values stay exact.
 */
function parseUintBig(text: string, base: number, bitSize: number, functionName = 'ParseUint', original = text): bigint {
  if (text === '') throw numberError(functionName, original, INVALID_SYNTAX);
  const baseZero = base === 0;
  let digits = text;
  if (baseZero) {
    base = 10;
    if (digits[0] === '0') {
      const second = digits.length >= 3 ? digits[1].toLowerCase() : '';
      if (second === 'b') { base = 2; digits = digits.slice(2); }
      else if (second === 'o') { base = 8; digits = digits.slice(2); }
      else if (second === 'x') { base = 16; digits = digits.slice(2); }
      else { base = 8; digits = digits.slice(1); }
    }
  }
  const maximum = (1n << BigInt(bitSize)) - 1n;
  const bigBase = BigInt(base);
  let underscores = false;
  let value = 0n;
  for (const character of digits) {
    let digit: number;
    const lower = character.toLowerCase();
    if (character === '_' && baseZero) {
      underscores = true;
      continue;
    } else if (isDigit(character)) {
      digit = character.charCodeAt(0) - 48;
    } else if (lower >= 'a' && lower <= 'z') {
      digit = lower.charCodeAt(0) - 97 + 10;
    } else {
      throw numberError(functionName, original, INVALID_SYNTAX);
    }
    if (digit >= base) throw numberError(functionName, original, INVALID_SYNTAX);
    value = value * bigBase + BigInt(digit);
    if (value > maximum) throw numberError(functionName, original, OUT_OF_RANGE);
  }
  if (underscores && !underscoreOK(text)) throw numberError(functionName, original, INVALID_SYNTAX);
  return value;
}

/** strconv.ParseInt(text, base, bitSize), as a bigint. */
function parseIntBig(text: string, base: number, bitSize: number): bigint {
  if (text === '') throw numberError('ParseInt', text, INVALID_SYNTAX);
  let body = text;
  let negative = false;
  if (body[0] === '+') body = body.slice(1);
  else if (body[0] === '-') {
    negative = true;
    body = body.slice(1);
  }
  // Go rephrases ParseUint's errors as ParseInt's, on the whole text (sign included).
  const magnitude = parseUintBig(body, base, bitSize, 'ParseInt', text);
  const cutoff = 1n << BigInt(bitSize - 1);
  if (!negative && magnitude >= cutoff) throw numberError('ParseInt', text, OUT_OF_RANGE);
  if (negative && magnitude > cutoff) throw numberError('ParseInt', text, OUT_OF_RANGE);
  return negative ? -magnitude : magnitude;
}

/** strconv.ParseInt as a JavaScript number (exact up to 2^53). */
function parseInt(text: string, base: number, bitSize: number): number {
  return Number(parseIntBig(text, base, bitSize));
}

/** strconv.ParseUint as a JavaScript number (exact up to 2^53). */
function parseUint(text: string, base: number, bitSize: number): number {
  return Number(parseUintBig(text, base, bitSize));
}

const DECIMAL_DIGITS = String.raw`\d(?:_?\d)*`;
const HEX_DIGITS = String.raw`[0-9a-fA-F](?:_?[0-9a-fA-F])*`;
const DECIMAL_FLOAT = new RegExp(String.raw`^[+-]?(?:${DECIMAL_DIGITS}(?:\.(?:${DECIMAL_DIGITS})?)?|\.${DECIMAL_DIGITS})(?:[eE][+-]?${DECIMAL_DIGITS})?$`);
const HEX_FLOAT = new RegExp(String.raw`^([+-]?)0[xX]_?(?:(${HEX_DIGITS})(?:\.(${HEX_DIGITS})?)?|\.(${HEX_DIGITS}))[pP]([+-]?${DECIMAL_DIGITS})$`);
// Go's special(): a sign may precede "inf"/"infinity" but not "nan".
const SPECIAL_FLOAT = /^(?:([+-]?)(inf|infinity)|(nan))$/i;

/**
 * strconv.ParseFloat(text, 64): Go float literal syntax (decimal, hexadecimal with a p exponent,
 * underscores between digits, "inf", "infinity", "nan"). Rounding of decimal input is
 * JavaScript's, which is also correctly rounded.
 */
function parseFloat(text: string): number {
  const special = SPECIAL_FLOAT.exec(text);
  if (special) {
    if (special[3] !== undefined) return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  let value: number;
  if (DECIMAL_FLOAT.test(text)) {
    value = Number(text.replace(/_/g, ''));
  } else {
    const hexadecimal = HEX_FLOAT.exec(text);
    if (!hexadecimal) throw numberError('ParseFloat', text, INVALID_SYNTAX);
    const integerPart = (hexadecimal[2] ?? '').replace(/_/g, '');
    const fractionPart = (hexadecimal[3] ?? hexadecimal[4] ?? '').replace(/_/g, '');
    const mantissa = Number.parseInt((integerPart + fractionPart) || '0', 16);
    const exponent = Number(hexadecimal[5].replace(/_/g, '')) - 4 * fractionPart.length;
    value = mantissa * 2 ** exponent;
    if (hexadecimal[1] === '-') value = -value;
  }
  if (!Number.isFinite(value)) throw numberError('ParseFloat', text, OUT_OF_RANGE);
  return value;
}

/** The subset of Go's strconv package used on flag values; names follow Go's. */
export const strconv = {
  parseBool,
  parseInt,
  parseIntBig,
  parseUint,
  parseUintBig,
  parseFloat,
  quote,
  quoteRune,
};
