/**
 * BuildKit's Dockerfile word processing (frontend/dockerfile/shell/lex.go):
 * the quotes, escapes and `$VAR` / `${VAR}` / `${VAR:-word}` expansions the
 * Dockerfile frontend applies to the instructions it substitutes in (ENV,
 * LABEL, COPY, ADD, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, ARG defaults,
 * FROM with the global ARGs). RUN, CMD and ENTRYPOINT are left to the shell
 * at run time.
 */
import { goQuote } from '../util/goQuote';

/** Variables as BuildKit's EnvGetter sees them: a lookup by name. */
export type EnvLookup = ReadonlyMap<string, string>;

/** The knobs of BuildKit's shell.Lex. */
export interface ShellLexOptions {
  /** The Dockerfile's escape character (`\` unless `# escape=` says otherwise). */
  escapeToken?: string;
  /** Keep the quotes in the result (how vertex names are made). */
  rawQuotes?: boolean;
  /** Keep the escape characters in the result. */
  rawEscapes?: boolean;
  /** Leave `$NAME` of unset variables as written instead of expanding them to nothing. */
  skipUnsetEnv?: boolean;
  /** Treat quotes as plain characters. */
  skipProcessQuotes?: boolean;
}

/** What processing one word gave. */
export interface ProcessWordResult {
  /** The word with quotes processed and variables expanded (spaces kept). */
  result: string;
  /** The same split at unquoted white space (ProcessWords). */
  words: string[];
  /** Names looked up and found. */
  matched: Set<string>;
  /** Names looked up and not set. */
  unmatched: Set<string>;
}

/** A syntax error in a word, with BuildKit's text (`failed to process "${x": syntax error: missing '}'`). */
export class ShellLexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellLexError';
  }
}

const EOF = '';

/**
 * Processes `word` the way BuildKit's `Lex.ProcessWord` does. Throws
 * ShellLexError with BuildKit's message on a syntax error.
 */
export function processWord(word: string, env: EnvLookup, options: ShellLexOptions = {}): ProcessWordResult {
  const lexer = new WordLexer(word, env, options);
  try {
    const { result, words } = lexer.processStopOn(EOF, !!options.rawEscapes);
    return { result, words, matched: lexer.matched, unmatched: lexer.unmatched };
  } catch (e) {
    if (e instanceof ShellLexError) throw new ShellLexError(`failed to process ${goQuote(word)}: ${e.message}`);
    throw e;
  }
}

/** ProcessWords: the words of `word` after expansion, split at unquoted white space. */
export function processWords(word: string, env: EnvLookup, options: ShellLexOptions = {}): string[] {
  return processWord(word, env, options).words;
}

const isSpace = (character: string): boolean => /^\s$/u.test(character);
const isDigit = (character: string): boolean => /^\p{Nd}$/u.test(character);
const isNameCharacter = (character: string): boolean => /^[\p{L}\p{Nd}_]$/u.test(character);
const SPECIAL_PARAMETERS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/** Go's strings.Builder-based wordsStruct: collects the words of a processed word. */
class Words {
  private buffer = '';
  private inWord = false;
  readonly words: string[] = [];

  addCharacter(character: string): void {
    if (isSpace(character) && this.inWord) {
      if (this.buffer.length !== 0) {
        this.words.push(this.buffer);
        this.buffer = '';
        this.inWord = false;
      }
    } else if (!isSpace(character)) {
      this.addRawCharacter(character);
    }
  }

  addRawCharacter(character: string): void {
    this.buffer += character;
    this.inWord = true;
  }

  addString(text: string): void {
    for (const character of text) this.addCharacter(character);
  }

  addRawString(text: string): void {
    this.buffer += text;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.buffer.length > 0) {
      this.words.push(this.buffer);
      this.buffer = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class WordLexer {
  private readonly characters: string[];
  private position = 0;
  private readonly escapeToken: string;
  private rawEscapes: boolean;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(word: string, private readonly env: EnvLookup, private readonly options: ShellLexOptions) {
    this.characters = [...word];
    this.escapeToken = options.escapeToken ?? '\\';
    this.rawEscapes = !!options.rawEscapes;
  }

  private peek(): string {
    return this.position < this.characters.length ? this.characters[this.position] : EOF;
  }

  private next(): string {
    return this.position < this.characters.length ? this.characters[this.position++] : EOF;
  }

  processStopOn(stopCharacter: string, rawEscapes: boolean): { result: string; words: string[] } {
    let result = '';
    const words = new Words();
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      while (this.peek() !== EOF) {
        const character = this.peek();
        if (stopCharacter !== EOF && character === stopCharacter) {
          this.next();
          return { result, words: words.finish() };
        }
        const special = this.special(character);
        if (special) {
          const text = special();
          result += text;
          if (character === '$') words.addString(text);
          else words.addRawString(text);
          continue;
        }
        let current = this.next();
        if (current === this.escapeToken) {
          if (this.rawEscapes) {
            words.addRawCharacter(current);
            result += current;
          }
          // The escape character escapes the next one, except at the end of the word.
          current = this.next();
          if (current === EOF) break;
          words.addRawCharacter(current);
        } else {
          words.addCharacter(current);
        }
        result += current;
      }
      if (stopCharacter !== EOF) throw new ShellLexError(`unexpected end of statement while looking for matching ${stopCharacter}`);
      return { result, words: words.finish() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  private special(character: string): (() => string) | undefined {
    if (character === '$') return () => this.processDollar();
    if (character === '<') return () => this.processPossibleHeredoc();
    if (!this.options.skipProcessQuotes) {
      if (character === "'") return () => this.processSingleQuote();
      if (character === '"') return () => this.processDoubleQuote();
    }
    return undefined;
  }

  private processSingleQuote(): string {
    let result = '';
    const open = this.next();
    if (this.options.rawQuotes) result += open;
    for (;;) {
      const character = this.next();
      if (character === EOF) throw new ShellLexError('unexpected end of statement while looking for matching single-quote');
      if (character === "'") {
        if (this.options.rawQuotes) result += character;
        return result;
      }
      result += character;
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.next();
    if (this.options.rawQuotes) result += open;
    for (;;) {
      const character = this.peek();
      if (character === EOF) throw new ShellLexError('unexpected end of statement while looking for matching double-quote');
      if (character === '"') {
        this.next();
        if (this.options.rawQuotes) result += character;
        return result;
      }
      if (character === '$') {
        result += this.processDollar();
        continue;
      }
      let current = this.next();
      if (current === this.escapeToken) {
        if (this.rawEscapes) result += current;
        const following = this.peek();
        // A trailing escape is dropped; only `"`, `$` and the escape itself can be escaped, other escapes stay.
        if (following === EOF) continue;
        if (following === '"' || following === '$' || following === this.escapeToken) current = this.next();
      }
      result += current;
    }
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnsetEnv) return `$${name}`;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new ShellLexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ShellLexError('syntax error: bad substitution');
    const name = this.processName();
    let modifier = this.next();
    // Go prints the scanner's EOF as the replacement character.
    let shown = modifier === EOF ? '\uFFFD' : modifier;
    let nullIsUnset = false;
    if (modifier === '}') {
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnsetEnv) return `\${${name}}`;
      return value ?? '';
    }
    if (modifier === ':') {
      nullIsUnset = true;
      modifier = this.next();
      shown += modifier === EOF ? '\uFFFD' : modifier;
    }
    if (['+', '-', '?', '#', '%'].includes(modifier)) {
      const rawEscapes = modifier === '#' || modifier === '%';
      if (nullIsUnset && rawEscapes) throw new ShellLexError(`unsupported modifier (${shown}) in substitution`);
      let word: string;
      try {
        word = this.processStopOn('}', rawEscapes).result;
      } catch (e) {
        if (this.peek() === EOF) throw new ShellLexError("syntax error: missing '}'");
        throw e;
      }
      const value = this.lookup(name);
      if (this.options.skipUnsetEnv && value === undefined) return `\${${name}${shown}${word}}`;
      const empty = value === undefined || (nullIsUnset && value === '');
      switch (modifier) {
        case '-':
          return empty ? word : (value as string);
        case '+':
          return empty ? '' : word;
        case '?':
          if (value === undefined) throw new ShellLexError(`${name}: ${word || 'is not allowed to be unset'}`);
          if (nullIsUnset && value === '') throw new ShellLexError(`${name}: ${word || 'is not allowed to be empty'}`);
          return value;
        default: {
          const greedy = word.startsWith(modifier);
          const pattern = greedy ? word.slice(1) : word;
          return modifier === '%' ? trimSuffix(pattern, value ?? '', greedy) : trimPrefix(pattern, value ?? '', greedy);
        }
      }
    }
    if (modifier === '/') {
      const replaceAll = this.peek() === '/';
      if (replaceAll) this.next();
      let pattern: string;
      let replacement: string;
      try {
        pattern = this.processStopOn('/', true).result;
      } catch (e) {
        if (this.peek() === EOF) throw new ShellLexError("syntax error: missing '/' in ${}");
        throw e;
      }
      try {
        replacement = this.processStopOn('}', true).result;
      } catch (e) {
        if (this.peek() === EOF) throw new ShellLexError("syntax error: missing '}'");
        throw e;
      }
      const value = this.lookup(name);
      if (this.options.skipUnsetEnv && value === undefined) return `\${${name}/${pattern}/${replacement}}`;
      const expression = shellPatternToRegExp(pattern, true, false, replaceAll ? 'g' : '');
      return (value ?? '').replace(expression, () => replacement);
    }
    throw new ShellLexError(`unsupported modifier (${shown}) in substitution`);
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const character = this.peek();
      if (name.length === 0 && isDigit(character)) {
        while (this.peek() !== EOF && isDigit(this.peek())) name += this.next();
        return name;
      }
      if (name.length === 0 && SPECIAL_PARAMETERS.has(character)) return this.next();
      if (!isNameCharacter(character)) break;
      name += this.next();
    }
    return name;
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    while (this.peek() === ' ' || this.peek() === '\t') space += this.next();
    return `<<${space}`;
  }

  private lookup(name: string): string | undefined {
    const value = this.env.get(name);
    if (value !== undefined) this.matched.add(name);
    else this.unmatched.add(name);
    return value;
  }
}

/** lex.go convertShellPatternToRegex: `?` one character, `*` the shortest (or longest) run, no brackets. */
function shellPatternToRegExp(pattern: string, greedy: boolean, anchored: boolean, flags = ''): RegExp {
  let out = anchored ? '^' : '';
  const characters = [...pattern];
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i];
    if (character === '*') out += greedy ? '.*' : '.*?';
    else if (character === '?') out += '.';
    else if (character === '\\') {
      const following = characters[i + 1];
      if (following === '}' || following === '/') continue;
      if (following !== '*' && following !== '?' && following !== '\\') {
        throw new ShellLexError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${following ?? ''}'`);
      }
      out += `\\${following}`;
      i++;
    } else out += character.replace(/[[\]{}.+()|^$]/g, '\\$&');
  }
  return new RegExp(out, `s${flags}`);
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const match = shellPatternToRegExp(pattern, greedy, true).exec(value);
  return match ? value.slice(match[0].length) : value;
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  // A regular expression cannot find the shortest rightmost match: reverse both and trim a prefix.
  const reverse = (text: string) => [...text].reverse().join('');
  const reversedPattern = reversePattern(pattern);
  return reverse(trimPrefix(reversedPattern, reverse(value), greedy));
}

/** Reverses a pattern, keeping each escape before the character it escapes (`a\*c` -> `c\*a`). */
function reversePattern(pattern: string): string {
  const tokens: string[] = [];
  const characters = [...pattern];
  for (let i = 0; i < characters.length; i++) {
    if (characters[i] === '\\' && i !== characters.length - 1) {
      tokens.push(`\\${characters[i + 1]}`);
      i++;
    } else tokens.push(characters[i]);
  }
  return tokens.reverse().join('');
}
