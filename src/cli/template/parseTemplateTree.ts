/**
 * The lexer and parser of Go's text/template (package text/template/parse,
 * Go 1.24 as docker 28.2.2 is built with), producing the same tree and the
 * same error messages: `template: :1: unexpected "}" in operand`,
 * `template: :1: function "foo" not defined`, ...
 *
 * Positions are JS string indexes; error messages turn them into Go's byte
 * offsets where Go shows them (execution errors, see GoTemplate).
 */
import { goQuote } from './goFmt';
import { TemplateError } from './TemplateError';

// ---------------------------------------------------------------------------
// Lexer

type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // Keywords; Go prints these as <value> in errors.
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

const keywords: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ['.', 'dot'],
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['range', 'range'],
  ['nil', 'nil'],
  ['template', 'template'],
  ['with', 'with'],
]);

const keywordTypes: ReadonlySet<ItemType> = new Set(keywords.values());

interface Item {
  readonly type: ItemType;
  /** Index of the item in the template text. */
  readonly pos: number;
  readonly value: string;
  /** 1-based line the item starts on. */
  readonly line: number;
}

/** How Go's item.String() shows a token in parse errors. */
function itemString(item: Item): string {
  if (item.type === 'eof') {
    return 'EOF';
  }
  if (item.type === 'error') {
    return item.value;
  }
  if (keywordTypes.has(item.type)) {
    return `<${item.value}>`;
  }
  if (utf8Length(item.value) > 10) {
    return goQuote(Array.from(item.value).slice(0, 10).join('')) + '...';
  }
  return goQuote(item.value);
}

const encoder = new TextEncoder();

/** Length of `text` in UTF-8 bytes, the unit of Go's positions. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}


/** Go's %#U: `U+0023 '#'`. */
function formatRune(character: string): string {
  const code = character.codePointAt(0) as number;
  const hex = 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
  return /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(character) ? `${hex} '${character}'` : hex;
}

const leftDelim = '{{';
const rightDelim = '}}';
const leftComment = '/*';
const rightComment = '*/';
const trimMarker = '-';
const spaceChars = ' \t\r\n';

function isSpace(character: string | undefined): boolean {
  return character === ' ' || character === '\t' || character === '\r' || character === '\n';
}

function isAlphaNumeric(character: string | undefined): boolean {
  return character !== undefined && /^[_\p{L}\p{Nd}]$/u.test(character);
}

function hasLeftTrimMarker(text: string, at: number): boolean {
  return text[at] === trimMarker && isSpace(text[at + 1]);
}

function hasRightTrimMarker(text: string, at: number): boolean {
  return isSpace(text[at]) && text[at + 1] === trimMarker;
}

/**
 * Splits template text into items, as Go's lexer does. Stops after the first
 * error item; the parser reports it when it gets there.
 */
function lex(input: string, breakOK: boolean, continueOK: boolean): Item[] {
  const items: Item[] = [];
  let start = 0;
  let pos = 0;
  let parenDepth = 0;
  // Items start at increasing positions, so lines are counted incrementally.
  let countedTo = 0;
  let countedLine = 1;
  const lineAt = (index: number): number => {
    for (; countedTo < index; countedTo++) {
      if (input.charCodeAt(countedTo) === 10) {
        countedLine++;
      }
    }
    return countedLine;
  };
  const emit = (type: ItemType): void => {
    items.push({ type, pos: start, value: input.slice(start, pos), line: lineAt(start) });
    start = pos;
  };
  const errorf = (message: string): null => {
    items.push({ type: 'error', pos: start, value: message, line: lineAt(start) });
    return null;
  };
  const peekRune = (): string | undefined => {
    if (pos >= input.length) {
      return undefined;
    }
    return String.fromCodePoint(input.codePointAt(pos) as number);
  };
  const nextRune = (): string | undefined => {
    const character = peekRune();
    if (character !== undefined) {
      pos += character.length;
    }
    return character;
  };
  const accept = (valid: string): boolean => {
    const character = peekRune();
    if (character !== undefined && valid.includes(character)) {
      pos += character.length;
      return true;
    }
    return false;
  };
  const acceptRun = (valid: string): void => {
    while (accept(valid)) {
      // absorb
    }
  };
  const atRightDelim = (): { delim: boolean; trimSpaces: boolean } => {
    if (hasRightTrimMarker(input, pos) && input.startsWith(rightDelim, pos + 2)) {
      return { delim: true, trimSpaces: true };
    }
    if (input.startsWith(rightDelim, pos)) {
      return { delim: true, trimSpaces: false };
    }
    return { delim: false, trimSpaces: false };
  };
  const atTerminator = (): boolean => {
    const character = peekRune();
    if (character === undefined || isSpace(character)) {
      return true;
    }
    if ('.,|:)('.includes(character)) {
      return true;
    }
    return input.startsWith(rightDelim, pos);
  };
  const leftTrimLength = (from: number): number => {
    let end = from;
    while (end < input.length && spaceChars.includes(input[end])) {
      end++;
    }
    return end - from;
  };

  type State = (() => State) | null;

  const lexText = (): State => {
    const found = input.indexOf(leftDelim, pos);
    if (found >= 0) {
      pos = found;
      let trimLength = 0;
      if (hasLeftTrimMarker(input, pos + leftDelim.length)) {
        let end = pos;
        while (end > start && spaceChars.includes(input[end - 1])) {
          end--;
        }
        trimLength = pos - end;
      }
      pos -= trimLength;
      if (pos > start) {
        emit('text');
      }
      pos += trimLength;
      start = pos;
      return lexLeftDelim;
    }
    pos = input.length;
    if (pos > start) {
      emit('text');
    }
    emit('eof');
    return null;
  };

  const lexLeftDelim = (): State => {
    pos += leftDelim.length;
    const trimSpace = hasLeftTrimMarker(input, pos);
    const afterMarker = trimSpace ? 2 : 0;
    if (input.startsWith(leftComment, pos + afterMarker)) {
      pos += afterMarker;
      start = pos;
      return lexComment;
    }
    emit('leftDelim');
    pos += afterMarker;
    start = pos;
    parenDepth = 0;
    return lexInsideAction;
  };

  const lexComment = (): State => {
    pos += leftComment.length;
    const close = input.indexOf(rightComment, pos);
    if (close < 0) {
      return errorf('unclosed comment');
    }
    pos = close + rightComment.length;
    const { delim, trimSpaces } = atRightDelim();
    if (!delim) {
      return errorf('comment ends before closing delimiter');
    }
    if (trimSpaces) {
      pos += 2;
    }
    pos += rightDelim.length;
    if (trimSpaces) {
      pos += leftTrimLength(pos);
    }
    start = pos;
    return lexText;
  };

  const lexRightDelim = (): State => {
    const trimSpace = hasRightTrimMarker(input, pos);
    if (trimSpace) {
      pos += 2;
      start = pos;
    }
    pos += rightDelim.length;
    emit('rightDelim');
    if (trimSpace) {
      pos += leftTrimLength(pos);
      start = pos;
    }
    return lexText;
  };

  const lexInsideAction = (): State => {
    const { delim } = atRightDelim();
    if (delim) {
      if (parenDepth === 0) {
        return lexRightDelim;
      }
      return errorf('unclosed left paren');
    }
    const character = nextRune();
    if (character === undefined) {
      return errorf('unclosed action');
    }
    if (isSpace(character)) {
      pos -= 1;
      return lexSpace;
    }
    switch (character) {
      case '=':
        emit('assign');
        return lexInsideAction;
      case ':':
        if (nextRune() !== '=') {
          return errorf('expected :=');
        }
        emit('declare');
        return lexInsideAction;
      case '|':
        emit('pipe');
        return lexInsideAction;
      case '"':
        return lexQuote;
      case '`':
        return lexRawQuote;
      case '$':
        return lexVariable;
      case "'":
        return lexChar;
      case '(':
        emit('leftParen');
        parenDepth++;
        return lexInsideAction;
      case ')':
        parenDepth--;
        if (parenDepth < 0) {
          return errorf('unexpected right paren');
        }
        emit('rightParen');
        return lexInsideAction;
    }
    if (character === '.') {
      // ".field" unless a digit follows, when '.' starts a number.
      if (pos < input.length) {
        const following = input[pos];
        if (following < '0' || following > '9') {
          return lexField;
        }
      }
    }
    if (character === '.' || character === '+' || character === '-' || (character >= '0' && character <= '9')) {
      pos -= 1;
      return lexNumber;
    }
    if (isAlphaNumeric(character)) {
      pos -= character.length;
      return lexIdentifier;
    }
    const code = character.codePointAt(0) as number;
    if (code <= 0x7f && code >= 0x20 && code !== 0x7f) {
      emit('char');
      return lexInsideAction;
    }
    return errorf(`unrecognized character in action: ${formatRune(character)}`);
  };

  const lexSpace = (): State => {
    let spaces = 0;
    while (isSpace(peekRune())) {
      pos++;
      spaces++;
    }
    // A trim-marked right delimiter starts with a space: leave it for lexRightDelim.
    if (hasRightTrimMarker(input, pos - 1) && input.startsWith(rightDelim, pos - 1 + 2)) {
      pos -= 1;
      if (spaces === 1) {
        return lexRightDelim;
      }
    }
    emit('space');
    return lexInsideAction;
  };

  const lexIdentifier = (): State => {
    for (;;) {
      const character = peekRune();
      if (isAlphaNumeric(character)) {
        pos += (character as string).length;
        continue;
      }
      const word = input.slice(start, pos);
      if (!atTerminator()) {
        return errorf(`bad character ${formatRune(character as string)}`);
      }
      const keyword = keywords.get(word);
      if (keyword !== undefined && keyword !== 'dot') {
        if ((keyword === 'break' && !breakOK) || (keyword === 'continue' && !continueOK)) {
          emit('identifier');
        } else {
          emit(keyword);
        }
      } else if (word[0] === '.') {
        emit('field');
      } else if (word === 'true' || word === 'false') {
        emit('bool');
      } else {
        emit('identifier');
      }
      return lexInsideAction;
    }
  };

  const lexFieldOrVariable = (type: 'field' | 'variable'): State => {
    if (atTerminator()) {
      emit(type === 'variable' ? 'variable' : 'dot');
      return lexInsideAction;
    }
    let character: string | undefined;
    for (;;) {
      character = peekRune();
      if (!isAlphaNumeric(character)) {
        break;
      }
      pos += (character as string).length;
    }
    if (!atTerminator()) {
      return errorf(`bad character ${formatRune(character as string)}`);
    }
    emit(type);
    return lexInsideAction;
  };

  const lexField = (): State => lexFieldOrVariable('field');

  const lexVariable = (): State => {
    if (atTerminator()) {
      emit('variable');
      return lexInsideAction;
    }
    return lexFieldOrVariable('variable');
  };

  const lexChar = (): State => {
    for (;;) {
      const character = nextRune();
      if (character === '\\') {
        const escaped = nextRune();
        if (escaped !== undefined && escaped !== '\n') {
          continue;
        }
        return errorf('unterminated character constant');
      }
      if (character === undefined || character === '\n') {
        return errorf('unterminated character constant');
      }
      if (character === "'") {
        break;
      }
    }
    emit('charConstant');
    return lexInsideAction;
  };

  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) {
        digits = '0123456789abcdefABCDEF_';
      } else if (accept('oO')) {
        digits = '01234567_';
      } else if (accept('bB')) {
        digits = '01_';
      }
    }
    acceptRun(digits);
    if (accept('.')) {
      acceptRun(digits);
    }
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peekRune())) {
      nextRune();
      return false;
    }
    return true;
  };

  const lexNumber = (): State => {
    if (!scanNumber()) {
      return errorf(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
    }
    const sign = peekRune();
    if (sign === '+' || sign === '-') {
      // Complex: 1+2i. No spaces, must end in 'i'.
      if (!scanNumber() || input[pos - 1] !== 'i') {
        return errorf(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
      }
      emit('complex');
    } else {
      emit('number');
    }
    return lexInsideAction;
  };

  const lexQuote = (): State => {
    for (;;) {
      const character = nextRune();
      if (character === '\\') {
        const escaped = nextRune();
        if (escaped !== undefined && escaped !== '\n') {
          continue;
        }
        return errorf('unterminated quoted string');
      }
      if (character === undefined || character === '\n') {
        return errorf('unterminated quoted string');
      }
      if (character === '"') {
        break;
      }
    }
    emit('string');
    return lexInsideAction;
  };

  const lexRawQuote = (): State => {
    const close = input.indexOf('`', pos);
    if (close < 0) {
      return errorf('unterminated raw quoted string');
    }
    pos = close + 1;
    emit('rawString');
    return lexInsideAction;
  };

  let state: State = lexText;
  while (state !== null) {
    state = state();
  }
  return items;
}

// ---------------------------------------------------------------------------
// Go string and number literals

/** Thrown by the literal parsers; the parser reports its message as Go's error text. */
class LiteralError extends Error {}

const invalidSyntax = 'invalid syntax';

/**
 * Go's strconv.UnquoteChar: decodes one character or escape at `index` of
 * `text` (inside a literal quoted with `quote`) into code points or bytes.
 */
function unquoteChar(text: string, index: number, quote: string): { value: number; isByte: boolean; next: number } {
  const character = String.fromCodePoint(text.codePointAt(index) as number);
  if (character === quote && (quote === "'" || quote === '"')) {
    throw new LiteralError(invalidSyntax);
  }
  if (character !== '\\') {
    return { value: character.codePointAt(0) as number, isByte: false, next: index + character.length };
  }
  const escape = text[index + 1];
  if (escape === undefined) {
    throw new LiteralError(invalidSyntax);
  }
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (escape in simple) {
    return { value: simple[escape], isByte: false, next: index + 2 };
  }
  if (escape === "'" || escape === '"') {
    if (escape !== quote) {
      throw new LiteralError(invalidSyntax);
    }
    return { value: escape.charCodeAt(0), isByte: false, next: index + 2 };
  }
  const hexDigits = (count: number): number => {
    const digits = text.slice(index + 2, index + 2 + count);
    if (digits.length !== count || !/^[0-9a-fA-F]+$/.test(digits)) {
      throw new LiteralError(invalidSyntax);
    }
    return parseInt(digits, 16);
  };
  switch (escape) {
    case 'x':
      return { value: hexDigits(2), isByte: true, next: index + 4 };
    case 'u': {
      const value = hexDigits(4);
      if (value >= 0xd800 && value <= 0xdfff) {
        throw new LiteralError(invalidSyntax);
      }
      return { value, isByte: false, next: index + 6 };
    }
    case 'U': {
      const value = hexDigits(8);
      if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
        throw new LiteralError(invalidSyntax);
      }
      return { value, isByte: false, next: index + 10 };
    }
  }
  if (escape >= '0' && escape <= '7') {
    const digits = text.slice(index + 1, index + 4);
    if (!/^[0-7]{3}$/.test(digits)) {
      throw new LiteralError(invalidSyntax);
    }
    const value = parseInt(digits, 8);
    if (value > 255) {
      throw new LiteralError(invalidSyntax);
    }
    return { value, isByte: true, next: index + 4 };
  }
  throw new LiteralError(invalidSyntax);
}

/** Go's strconv.Unquote for "..." and `...` literals. */
function unquoteString(literal: string): string {
  if (literal.startsWith('`')) {
    if (literal.length < 2 || !literal.endsWith('`')) {
      throw new LiteralError(invalidSyntax);
    }
    // Go drops carriage returns from raw strings.
    return literal.slice(1, -1).replace(/\r/g, '');
  }
  if (literal.length < 2 || !literal.startsWith('"') || !literal.endsWith('"')) {
    throw new LiteralError(invalidSyntax);
  }
  const body = literal.slice(1, -1);
  const bytes: number[] = [];
  let index = 0;
  while (index < body.length) {
    const decoded = unquoteChar(body, index, '"');
    if (decoded.isByte) {
      bytes.push(decoded.value);
    } else {
      bytes.push(...encoder.encode(String.fromCodePoint(decoded.value)));
    }
    index = decoded.next;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** A number literal as Go's parse.NumberNode holds it: every type that can represent it. */
export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  uint: bigint;
  float: number;
  real: number;
  imaginary: number;
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;

/** strconv.ParseInt/ParseUint with base 0 (prefixes 0x, 0o, 0b, leading 0 octal; underscores). */
function parseGoInteger(text: string): bigint | undefined {
  let body = text;
  let negative = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    negative = body.startsWith('-');
    body = body.slice(1);
  }
  let digits: string;
  let radixPrefix = '';
  if (/^0[xX]/.test(body)) {
    radixPrefix = '0x';
    digits = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    radixPrefix = '0o';
    digits = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    radixPrefix = '0b';
    digits = body.slice(2);
  } else if (body.length > 1 && body.startsWith('0')) {
    radixPrefix = '0o';
    digits = body.slice(1);
  } else {
    digits = body;
  }
  // Underscores only between digits (or right after a base prefix).
  if (digits.includes('_')) {
    const shaped = (radixPrefix !== '' && !/^0[0-7_]/.test(body) ? '_' : '') + digits;
    if (/__|_$/.test(digits) || (!shaped.startsWith('_') && digits.startsWith('_'))) {
      return undefined;
    }
    digits = digits.replace(/_/g, '');
  }
  const valid = { '0x': /^[0-9a-fA-F]+$/, '0o': /^[0-7]+$/, '0b': /^[01]+$/, '': /^[0-9]+$/ }[radixPrefix] as RegExp;
  if (!valid.test(digits)) {
    return undefined;
  }
  const magnitude = BigInt(radixPrefix === '' ? digits : radixPrefix + digits);
  return negative ? -magnitude : magnitude;
}

/** strconv.ParseFloat for Go float literals (decimal and hex, underscores); undefined when malformed. */
function parseGoFloat(text: string): number | undefined {
  let body = text;
  let sign = 1;
  if (body.startsWith('+') || body.startsWith('-')) {
    sign = body.startsWith('-') ? -1 : 1;
    body = body.slice(1);
  }
  if (/__|_$|^_|_\.|\._|_[eEpP]|[eEpP]_/.test(body)) {
    return undefined;
  }
  body = body.replace(/_/g, '');
  if (/^0[xX]/.test(body)) {
    const match = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/.exec(body);
    if (!match || (match[1] === '' && (match[2] ?? '') === '') || (match[3] === undefined && body.includes('.'))) {
      return undefined;
    }
    if (match[3] === undefined) {
      // Hex mantissa without exponent is an integer, not a float literal.
      return sign * parseInt(match[1], 16);
    }
    const fraction = match[2] ?? '';
    const mantissa = parseInt((match[1] || '0') + fraction, 16);
    const value = sign * mantissa * Math.pow(2, Number(match[3]) - 4 * fraction.length);
    return Number.isFinite(value) ? value : undefined;
  }
  if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(body)) {
    return undefined;
  }
  const value = sign * Number(body);
  // ParseFloat reports a range error for what overflows to infinity.
  return Number.isFinite(value) ? value : undefined;
}

/** Go's parse.newNumber: what a number, character or complex literal can be. */
function parseNumberLiteral(text: string, type: ItemType): NumberValue {
  const number: NumberValue = { isInt: false, isUint: false, isFloat: false, isComplex: false, int: 0n, uint: 0n, float: 0, real: 0, imaginary: 0 };
  if (type === 'charConstant') {
    const decoded = unquoteChar(text, 1, "'");
    if (decoded.next !== text.length - 1 || text[text.length - 1] !== "'") {
      throw new LiteralError(`malformed character constant: ${text}`);
    }
    number.isInt = number.isUint = number.isFloat = true;
    number.int = number.uint = BigInt(decoded.value);
    number.float = decoded.value;
    return number;
  }
  if (type === 'complex') {
    const split = /^([+-]?.*?[^eEpP+-])([+-].*)i$/.exec(text);
    const real = split ? parseGoFloat(split[1]) : undefined;
    const imaginary = split ? parseGoFloat(split[2]) : undefined;
    if (real === undefined || imaginary === undefined) {
      throw new LiteralError(`expected integer`);
    }
    number.isComplex = true;
    number.real = real;
    number.imaginary = imaginary;
    simplifyComplex(number);
    return number;
  }
  if (text.endsWith('i')) {
    const imaginary = parseGoFloat(text.slice(0, -1));
    if (imaginary !== undefined) {
      number.isComplex = true;
      number.imaginary = imaginary;
      simplifyComplex(number);
      return number;
    }
  }
  const integer = parseGoInteger(text);
  if (integer !== undefined && integer >= 0n && integer <= uint64Max) {
    number.isUint = true;
    number.uint = integer;
  }
  if (integer !== undefined && integer >= int64Min && integer <= int64Max) {
    number.isInt = true;
    number.int = integer;
    if (integer === 0n) {
      number.isUint = true;
      number.uint = 0n;
    }
  }
  if (number.isInt) {
    number.isFloat = true;
    number.float = Number(number.int);
  } else if (number.isUint) {
    number.isFloat = true;
    number.float = Number(number.uint);
  } else {
    const float = parseGoFloat(text);
    if (float !== undefined) {
      if (!/[.eEpP]/.test(text)) {
        throw new LiteralError(`integer overflow: ${goQuote(text)}`);
      }
      number.isFloat = true;
      number.float = float;
      if (Number.isInteger(float) && BigInt(float) >= int64Min && BigInt(float) <= int64Max) {
        number.isInt = true;
        number.int = BigInt(float);
      }
      if (Number.isInteger(float) && float >= 0 && BigInt(float) <= uint64Max) {
        number.isUint = true;
        number.uint = BigInt(float);
      }
    }
  }
  if (!number.isInt && !number.isUint && !number.isFloat) {
    throw new LiteralError(`illegal number syntax: ${goQuote(text)}`);
  }
  return number;
}

/** A complex constant with no imaginary part also counts as a float (and an int if whole). */
function simplifyComplex(number: NumberValue): void {
  if (number.imaginary === 0) {
    number.isFloat = true;
    number.float = number.real;
    if (Number.isInteger(number.real)) {
      number.isInt = true;
      number.int = BigInt(number.real);
    }
    if (Number.isInteger(number.real) && number.real >= 0) {
      number.isUint = true;
      number.uint = BigInt(number.real);
    }
  }
}

// ---------------------------------------------------------------------------
// Tree

/** One parsed template (the top level, or a `define`/`block`). */
export interface Tree {
  readonly name: string;
  /** Name of the top-level template, which Go's error locations show. */
  readonly parseName: string;
  /** The whole text parsed, for line and column of errors. */
  readonly text: string;
  root: ListNode;
}

interface NodeBase {
  readonly pos: number;
  readonly tree: Tree;
}

export interface ListNode extends NodeBase {
  readonly type: 'list';
  readonly nodes: Node[];
}
export interface TextNode extends NodeBase {
  readonly type: 'text';
  readonly text: string;
}
export interface ActionNode extends NodeBase {
  readonly type: 'action';
  readonly pipe: PipeNode;
}
export interface PipeNode extends NodeBase {
  readonly type: 'pipe';
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}
export interface CommandNode extends NodeBase {
  readonly type: 'command';
  readonly args: ArgumentNode[];
}
export interface IdentifierNode extends NodeBase {
  readonly type: 'identifier';
  readonly name: string;
}
export interface VariableNode extends NodeBase {
  readonly type: 'variable';
  readonly ident: string[];
}
export interface DotNode extends NodeBase {
  readonly type: 'dot';
}
export interface NilNode extends NodeBase {
  readonly type: 'nil';
}
export interface FieldNode extends NodeBase {
  readonly type: 'field';
  readonly ident: string[];
}
export interface ChainNode extends NodeBase {
  readonly type: 'chain';
  readonly node: ArgumentNode;
  readonly field: string[];
}
export interface BoolNode extends NodeBase {
  readonly type: 'bool';
  readonly value: boolean;
}
export interface NumberNode extends NodeBase {
  readonly type: 'number';
  readonly text: string;
  readonly number: NumberValue;
}
export interface StringNode extends NodeBase {
  readonly type: 'string';
  /** The literal as written, quotes included. */
  readonly quoted: string;
  readonly text: string;
}
export interface BranchNode extends NodeBase {
  readonly type: 'if' | 'range' | 'with';
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}
export interface TemplateNode extends NodeBase {
  readonly type: 'template';
  readonly name: string;
  readonly pipe: PipeNode | undefined;
}
export interface BreakNode extends NodeBase {
  readonly type: 'break' | 'continue';
}
interface EndNode extends NodeBase {
  readonly type: 'end' | 'else';
}

/** What can stand as an argument of a command. */
export type ArgumentNode =
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** Any node of a parsed template. */
export type Node = ListNode | TextNode | ActionNode | CommandNode | BranchNode | TemplateNode | BreakNode | EndNode | ArgumentNode;

/** Go's Node.String(): how error messages show a node (`<.Foo>`, `<{{template "x"}}>`). */
export function nodeString(node: Node): string {
  switch (node.type) {
    case 'list':
      return node.nodes.map(nodeString).join('');
    case 'text':
      return node.text;
    case 'action':
      return '{{' + nodeString(node.pipe) + '}}';
    case 'pipe': {
      let out = '';
      if (node.decl.length > 0) {
        out = node.decl.map(nodeString).join(', ') + ' := ';
      }
      return out + node.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return node.args.map((arg) => (arg.type === 'pipe' ? '(' + nodeString(arg) + ')' : nodeString(arg))).join(' ');
    case 'identifier':
      return node.name;
    case 'variable':
      return node.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return node.ident.map((ident) => '.' + ident).join('');
    case 'chain': {
      const base = node.node.type === 'pipe' ? '(' + nodeString(node.node) + ')' : nodeString(node.node);
      return base + node.field.map((field) => '.' + field).join('');
    }
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
    case 'if':
    case 'range':
    case 'with': {
      let out = `{{${node.type} ${nodeString(node.pipe)}}}${nodeString(node.list)}`;
      if (node.elseList !== undefined) {
        out += '{{else}}' + nodeString(node.elseList);
      }
      return out + '{{end}}';
    }
    case 'template':
      return node.pipe === undefined ? `{{template ${goQuote(node.name)}}}` : `{{template ${goQuote(node.name)} ${nodeString(node.pipe)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
  }
}

/** True when `node` has nothing but space (Go's parse.IsEmptyTree). */
function isEmptyTree(node: Node): boolean {
  if (node.type === 'list') {
    return node.nodes.every(isEmptyTree);
  }
  if (node.type === 'text') {
    return node.text.trim() === '';
  }
  return false;
}

/** Thrown inside the parser to stop at the first error, as Go's panics do. */
class ParseStop extends Error {}

/** Parser state shared by the top-level tree and the `define`/`block` trees it meets. */
class Parser {
  private readonly items: Item[];
  private index = 0;
  /** Lookahead buffer, as Go's three-token `token` array. */
  private readonly token: Item[] = [];
  private peekCount = 0;
  private actionLine = 0;
  private rangeDepth = 0;
  private vars: string[] = ['$'];
  /** The tree being built: the top level, or a define/block in progress. */
  private tree: Tree;

  constructor(
    private readonly text: string,
    private readonly hasFunction: (name: string) => boolean,
    readonly treeSet: Map<string, Tree>,
    name: string,
  ) {
    this.items = lex(text, !hasFunction('break'), !hasFunction('continue'));
    this.tree = { name, parseName: name, text, root: undefined as unknown as ListNode };
  }

  // Token stream --------------------------------------------------------

  private nextItem(): Item {
    const item = this.items[Math.min(this.index, this.items.length - 1)];
    this.index++;
    return item;
  }

  private next(): Item {
    if (this.peekCount > 0) {
      this.peekCount--;
    } else {
      this.token[0] = this.nextItem();
    }
    return this.token[this.peekCount];
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(first: Item): void {
    this.token[1] = first;
    this.peekCount = 2;
  }

  private backup3(second: Item, first: Item): void {
    this.token[1] = first;
    this.token[2] = second;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) {
      return this.token[this.peekCount - 1];
    }
    this.peekCount = 1;
    this.token[0] = this.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let token: Item;
    do {
      token = this.next();
    } while (token.type === 'space');
    return token;
  }

  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // Errors --------------------------------------------------------------

  /** Go's Tree.errorf: the line is that of the last token read from the lexer. */
  private errorf(message: string): never {
    const line = this.token[0]?.line ?? 1;
    throw new ParseStop(`template: ${this.tree.parseName}:${line}: ${message}`);
  }

  private unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.tree.parseName}:${this.actionLine}`;
        if (token.value.endsWith(' action')) {
          extra = extra.slice(' in action'.length);
        }
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== expected) {
      this.unexpected(token, context);
    }
    return token;
  }

  private literal<T>(parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (error instanceof LiteralError) {
        this.errorf(error.message);
      }
      throw error;
    }
  }

  // Trees ---------------------------------------------------------------

  /** Parses the whole text into the tree set, the top-level tree under its own name. */
  parse(): void {
    const tree = this.tree;
    tree.root = this.newList(this.peek().pos);
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const node = this.textOrAction();
      if (node.type === 'end' || node.type === 'else') {
        this.errorf(`unexpected ${nodeString(node)}`);
      }
      tree.root.nodes.push(node);
    }
    this.add(tree);
  }

  /** Runs `body` with a fresh tree (define/block): its own variables, same lexer. */
  private withTree<T>(name: string, body: (tree: Tree) => T): T {
    const saved = { tree: this.tree, vars: this.vars, rangeDepth: this.rangeDepth, actionLine: this.actionLine };
    this.tree = { name, parseName: saved.tree.parseName, text: this.text, root: undefined as unknown as ListNode };
    this.vars = ['$'];
    this.rangeDepth = 0;
    this.actionLine = 0;
    try {
      return body(this.tree);
    } finally {
      this.tree = saved.tree;
      this.vars = saved.vars;
      this.rangeDepth = saved.rangeDepth;
      this.actionLine = saved.actionLine;
    }
  }

  private add(tree: Tree): void {
    const existing = this.treeSet.get(tree.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.treeSet.set(tree.name, tree);
      return;
    }
    if (!isEmptyTree(tree.root)) {
      this.errorf(`template: multiple definition of template ${goQuote(tree.name)}`);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    this.withTree('definition', (tree) => {
      const token = this.nextNonSpace();
      if (token.type !== 'string' && token.type !== 'rawString') {
        this.unexpected(token, context);
      }
      (tree as { name: string }).name = this.literal(() => unquoteString(token.value));
      this.expect('rightDelim', context);
      const [list, end] = this.itemList();
      if (end.type !== 'end') {
        this.errorf(`unexpected ${nodeString(end)} in ${context}`);
      }
      tree.root = list;
      this.add(tree);
    });
  }

  private itemList(): [ListNode, Node] {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().type !== 'eof') {
      const node = this.textOrAction();
      if (node.type === 'end' || node.type === 'else') {
        return [list, node];
      }
      list.nodes.push(node);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { type: 'text', pos: token.pos, tree: this.tree, text: token.value };
      case 'leftDelim': {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(token);
      case 'else':
        return this.elseControl();
      case 'end':
        return this.endControl();
      case 'if':
        return this.branchControl('if');
      case 'range':
        return this.branchControl('range');
      case 'template':
        return this.templateControl();
      case 'with':
        return this.branchControl('with');
    }
    this.backup();
    const first = this.peek();
    // Variables declared here persist until the enclosing {{end}}.
    return { type: 'action', pos: first.pos, tree: this.tree, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(token: Item): BreakNode {
    const word = token.type as 'break' | 'continue';
    const following = this.nextNonSpace();
    if (following.type !== 'rightDelim') {
      this.unexpected(following, `{{${word}}}`);
    }
    if (this.rangeDepth === 0) {
      this.errorf(`{{${word}}} outside {{range}}`);
    }
    return { type: word, pos: token.pos, tree: this.tree };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, tree: this.tree, isAssign: false, decl: [], cmds: [] };
    // Declarations or assignments: `$x :=`, `$x =`, `$i, $v :=` (range only).
    for (;;) {
      const variable = this.peekNonSpace();
      if (variable.type !== 'variable') {
        break;
      }
      this.next();
      const tokenAfterVariable = this.peek();
      const following = this.peekNonSpace();
      if (following.type === 'assign' || following.type === 'declare') {
        pipe.isAssign = following.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(variable.pos, variable.value));
        this.vars.push(variable.value);
        break;
      }
      if (following.type === 'char' && following.value === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(variable.pos, variable.value));
        this.vars.push(variable.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const afterComma = this.peekNonSpace().type;
          if (afterComma === 'variable' || afterComma === 'rightDelim' || afterComma === 'rightParen') {
            continue;
          }
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      if (tokenAfterVariable.type === 'space') {
        this.backup3(variable, tokenAfterVariable);
      } else {
        this.backup2(variable);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.type) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) {
      this.errorf(`missing value for ${context}`);
    }
    pipe.cmds.slice(1).forEach((command, index) => {
      const type = command.args[0].type;
      if (type === 'bool' || type === 'dot' || type === 'nil' || type === 'number' || type === 'string') {
        this.errorf(`non executable command in pipeline stage ${index + 2}`);
      }
    });
  }

  private branchControl(context: 'if' | 'range' | 'with'): BranchNode {
    const savedVars = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') {
        this.rangeDepth++;
      }
      const [list, firstNext] = this.itemList();
      let next = firstNext;
      if (context === 'range') {
        this.rangeDepth--;
      }
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        // "{{else if ...}}" and "{{else with ...}}" nest a branch that shares this {{end}}.
        if ((context === 'if' && this.peek().type === 'if') || (context === 'with' && this.peek().type === 'with')) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.branchControl(context));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') {
            this.errorf(`expected end; found ${nodeString(next)}`);
          }
        }
      }
      return { type: context, pos: pipe.pos, tree: this.tree, line: 0, pipe, list, elseList };
    } finally {
      this.vars.length = savedVars;
    }
  }

  private endControl(): EndNode {
    return { type: 'end', pos: this.expect('rightDelim', 'end').pos, tree: this.tree };
  }

  private elseControl(): EndNode {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || peek.type === 'with') {
      // "{{else if ...": leave the "if" for the enclosing branch.
      return { type: 'else', pos: peek.pos, tree: this.tree };
    }
    const token = this.expect('rightDelim', 'else');
    return { type: 'else', pos: token.pos, tree: this.tree };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.withTree(name, (tree) => {
      const [list, end] = this.itemList();
      if (end.type !== 'end') {
        this.errorf(`unexpected ${nodeString(end)} in ${context}`);
      }
      tree.root = list;
      this.add(tree);
    });
    return { type: 'template', pos: token.pos, tree: this.tree, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, tree: this.tree, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.type === 'string' || token.type === 'rawString') {
      return this.literal(() => unquoteString(token.value));
    }
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const command: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, tree: this.tree, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== undefined) {
        command.args.push(operand);
      }
      const token = this.next();
      if (token.type === 'space') {
        continue;
      }
      if (token.type === 'rightDelim' || token.type === 'rightParen') {
        this.backup();
      } else if (token.type !== 'pipe') {
        this.unexpected(token, 'operand');
      }
      break;
    }
    if (command.args.length === 0) {
      this.errorf('empty command');
    }
    return command;
  }

  private operand(): ArgumentNode | undefined {
    const node = this.term();
    if (node === undefined) {
      return undefined;
    }
    if (this.peek().type !== 'field') {
      return node;
    }
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') {
      fields.push(this.next().value.slice(1));
    }
    const chain: ChainNode = { type: 'chain', pos: chainPos, tree: this.tree, node, field: fields };
    // Fields after a field or variable extend it, as Go keeps the original node types.
    switch (node.type) {
      case 'field':
        return { type: 'field', pos: chainPos, tree: this.tree, ident: [...node.ident, ...fields] };
      case 'variable':
        return this.newVariable(chainPos, nodeString(chain));
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
        break;
      default:
        return chain;
    }
  }

  private term(): ArgumentNode | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!this.hasFunction(token.value)) {
          this.errorf(`function ${goQuote(token.value)} not defined`);
        }
        return { type: 'identifier', pos: token.pos, tree: this.tree, name: token.value };
      case 'dot':
        return { type: 'dot', pos: token.pos, tree: this.tree };
      case 'nil':
        return { type: 'nil', pos: token.pos, tree: this.tree };
      case 'variable':
        return this.useVariable(token.pos, token.value);
      case 'field':
        return { type: 'field', pos: token.pos, tree: this.tree, ident: token.value.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: token.pos, tree: this.tree, value: token.value === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const number = this.literal(() => parseNumberLiteral(token.value, token.type));
        return { type: 'number', pos: token.pos, tree: this.tree, text: token.value, number };
      }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const text = this.literal(() => unquoteString(token.value));
        return { type: 'string', pos: token.pos, tree: this.tree, quoted: token.value, text };
      }
    }
    this.backup();
    return undefined;
  }

  private newVariable(pos: number, name: string): VariableNode {
    return { type: 'variable', pos, tree: this.tree, ident: name.split('.') };
  }

  private useVariable(pos: number, name: string): VariableNode {
    const variable = this.newVariable(pos, name);
    if (!this.vars.includes(variable.ident[0])) {
      this.errorf(`undefined variable ${goQuote(variable.ident[0])}`);
    }
    return variable;
  }

  private newList(pos: number): ListNode {
    return { type: 'list', pos, tree: this.tree, nodes: [] };
  }
}

/**
 * Parses template `text` into its trees: `name` ("" for docker's anonymous
 * templates) for the top level, plus one per `define`/`block`. `hasFunction`
 * says which function names exist (Go checks them at parse time). Throws
 * TemplateError with Go's message.
 */
export function parseTemplateTree(text: string, hasFunction: (name: string) => boolean, name = ''): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const parser = new Parser(text, hasFunction, treeSet, name);
  try {
    parser.parse();
  } catch (error) {
    if (error instanceof ParseStop) {
      throw new TemplateError(error.message);
    }
    throw error;
  }
  return treeSet;
}
