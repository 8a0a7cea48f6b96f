/**
 * The lab shell's command-line grammar: the small part of a POSIX shell a
 * learner meets while typing docker commands.
 *
 * Supported, as bash does it: whitespace between words; single quotes (no
 * escapes inside); double quotes, where `\"`, `\\`, `\$`, `` \` `` and
 * backslash-newline are escapes and `$VAR` expands; backslash escapes outside
 * quotes; backslash-newline as a line continuation; `$VAR`, `${VAR}`, `$?`,
 * `$$`, `$#`, `$0`; `~` and `~/...` at the start of a word; `#` comments at the
 * start of a word; `;`, newline, `&&` and `||` between commands; `NAME=value`
 * assignment words. Unquoted expansions are split into fields on blanks and
 * vanish when empty, like `$UNSET` in bash.
 *
 * Not simulated (the parser says so rather than guessing): pipes, redirections,
 * background jobs, subshells and command substitution.
 *
 * Parsing and expansion are separate steps so that `false; echo $?` expands
 * `$?` only when the second command runs.
 */

/** A piece of a word as written: literal text, or a parameter to expand. */
export type WordPart =
  | { readonly kind: 'literal'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'parameter'; readonly name: string; readonly quoted: boolean }
  /** `$(command)`: replaced by what the command prints; the lookup answers for the key `$(command)`. */
  | { readonly kind: 'command'; readonly text: string; readonly quoted: boolean }
  /** An unquoted `~` at the start of a word: the home directory. */
  | { readonly kind: 'home' };

/** One word of a command before expansion. */
export interface Word {
  readonly parts: readonly WordPart[];
  /** The variable name when the word is an assignment (`NAME=value`, the name unquoted). */
  readonly assignment?: string;
}

/** How a command joins the one before it; the first command of a line has `;`. */
export type Connector = ';' | '&&' | '||';

/** A simple command: its words and how it is chained to the previous command. */
export interface ParsedCommand {
  readonly words: readonly Word[];
  readonly connector: Connector;
}

/** Why a text needs more lines before it can run (bash shows the `> ` prompt). */
export type IncompleteReason = 'quote' | 'backslash' | 'operator';

export type ParseResult =
  | { readonly status: 'complete'; readonly commands: readonly ParsedCommand[] }
  | { readonly status: 'incomplete'; readonly reason: IncompleteReason }
  | ParseError;

/**
 * A line the shell refuses: a real syntax error (bash would refuse it too; a
 * script stops there), or a construct the lab does not simulate (a pipe).
 */
export interface ParseError {
  readonly status: 'error';
  readonly kind: 'syntax' | 'not-simulated';
  readonly message: string;
}

/** Looks up a shell parameter (`HOME`, `?`, ...); undefined when unset. */
export type ParameterLookup = (name: string) => string | undefined;

/** The result of `tokenize`: each command's argv after expansion. */
export type TokenizeResult =
  | { readonly status: 'complete'; readonly commands: readonly { readonly argv: readonly string[]; readonly connector: Connector }[] }
  | { readonly status: 'incomplete'; readonly reason: IncompleteReason }
  | ParseError;

/** The message for a text that ends inside quotes when no more input can come. */
export const UNTERMINATED_QUOTE_MESSAGE = 'docker-lab: syntax error: unterminated quoted string';

/**
 * Parses `text` (one or more lines) and expands every command with `lookup`
 * at once. The shell itself uses `parseCommandLine` and `expandWords` so that
 * each command sees the `$?` of the one before it.
 */
export function tokenize(text: string, lookup: ParameterLookup | Readonly<Record<string, string>>): TokenizeResult {
  const find: ParameterLookup = typeof lookup === 'function' ? lookup : (name) => (Object.hasOwn(lookup, name) ? lookup[name] : undefined);
  const parsed = parseCommandLine(text);
  if (parsed.status !== 'complete') return parsed;
  return {
    status: 'complete',
    commands: parsed.commands.map((command) => ({ argv: expandWords(command.words, find), connector: command.connector })),
  };
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** `$?`, `$$`, `$#`, `$!`, `$0`..`$9`: one-character special parameters. */
const SPECIAL_PARAMETER = /[?$#!0-9]/;

/** Constructs the shell does not simulate, by their first character, and how to name them. */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  '|': 'pipes (|) are',
  '<': 'redirections (<, >) are',
  '>': 'redirections (<, >) are',
  '&': 'background jobs (&) are',
  '(': 'subshells ( ) are',
  ')': 'subshells ( ) are',
  '`': 'backquotes (`...`) are',
};

/** The index of the `)` closing a `$(` whose inside starts at `from`, skipping quoted text; -1 if none. */
function matchingParenthesis(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return -1;
      i = j;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The lookup key under which a `$(command)`'s output is found. */
export function commandKey(command: string): string {
  return `$(${command})`;
}

/** What a parameter or command part expands to. */
function partValue(part: Extract<WordPart, { kind: 'parameter' | 'command' }>, lookup: ParameterLookup): string {
  return (part.kind === 'parameter' ? lookup(part.name) : lookup(commandKey(part.text))) ?? '';
}

function notSimulated(what: string): ParseResult {
  return { status: 'error', kind: 'not-simulated', message: `docker-lab: ${what} not simulated in Docker Lab` };
}

/** Parses a command line into commands of unexpanded words. */
export function parseCommandLine(text: string): ParseResult {
  const commands: ParsedCommand[] = [];
  let words: Word[] = [];
  let parts: WordPart[] | undefined;
  /** How the command being read joins the previous one; `&&`/`||` with no command yet means "more input". */
  let connector: Connector = ';';

  const addLiteral = (chars: string, quoted: boolean) => {
    parts ??= [];
    const last = parts[parts.length - 1];
    // Adjacent literals of the same kind merge, so an assignment's `NAME=` is one part.
    if (last && last.kind === 'literal' && last.quoted === quoted) {
      parts[parts.length - 1] = { kind: 'literal', text: last.text + chars, quoted };
    } else {
      parts.push({ kind: 'literal', text: chars, quoted });
    }
  };
  const endWord = () => {
    if (!parts) return;
    const first = parts[0];
    const match = first.kind === 'literal' && !first.quoted ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text) : null;
    words.push(match ? { parts, assignment: match[1] } : { parts });
    parts = undefined;
  };
  const syntaxError = (token: string): ParseResult => ({ status: 'error', kind: 'syntax', message: `docker-lab: syntax error near unexpected token \`${token}'` });
  /** Ends the current command at `;`, newline, `&&` or `||`; `next` is how the following command joins. */
  const endCommand = (next: Connector) => {
    endWord();
    if (words.length > 0) {
      commands.push({ words, connector });
      words = [];
      connector = next;
    }
  };

  /** Reads `$...` at `i`; returns the index after it. */
  const readDollar = (i: number, quoted: boolean): number | ParseResult => {
    const next = text[i + 1];
    if (next === '{') {
      const close = text.indexOf('}', i + 2);
      const inside = close < 0 ? text.slice(i + 2) : text.slice(i + 2, close);
      if (close < 0 || !isParameterName(inside)) {
        return { status: 'error', kind: 'syntax', message: `docker-lab: \${${inside}${close < 0 ? '' : '}'}: bad substitution` };
      }
      parts ??= [];
      parts.push({ kind: 'parameter', name: inside, quoted });
      return close + 1;
    }
    if (next === '(') {
      if (text[i + 2] === '(') return notSimulated('arithmetic expansion $(( )) is');
      const close = matchingParenthesis(text, i + 2);
      if (close < 0) return { status: 'incomplete', reason: 'quote' };
      parts ??= [];
      parts.push({ kind: 'command', text: text.slice(i + 2, close), quoted });
      return close + 1;
    }
    if (next !== undefined && SPECIAL_PARAMETER.test(next)) {
      parts ??= [];
      parts.push({ kind: 'parameter', name: next, quoted });
      return i + 2;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = i + 2;
      while (end < text.length && NAME_CHAR.test(text[end])) end++;
      parts ??= [];
      parts.push({ kind: 'parameter', name: text.slice(i + 1, end), quoted });
      return end;
    }
    // A `$` that starts nothing is itself, as in bash (`echo $` prints `$`).
    addLiteral('$', quoted);
    return i + 1;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      endWord();
      i++;
    } else if (c === '\n') {
      // A newline ends a command like `;`, but after `&&`/`||` bash waits for the next command.
      if (parts || words.length > 0) endCommand(';');
      i++;
    } else if (c === '#' && !parts) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return { status: 'incomplete', reason: 'backslash' };
      if (text[i + 1] === '\n') {
        // Line continuation: both characters vanish; a text ending here needs another line.
        if (i + 2 >= text.length) return { status: 'incomplete', reason: 'backslash' };
      } else {
        addLiteral(text[i + 1], true);
      }
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return { status: 'incomplete', reason: 'quote' };
      addLiteral(text.slice(i + 1, close), true);
      i = close + 1;
    } else if (c === '"') {
      addLiteral('', true);
      let j = i + 1;
      for (;;) {
        if (j >= text.length) return { status: 'incomplete', reason: 'quote' };
        const d = text[j];
        if (d === '"') break;
        if (d === '\\' && j + 1 < text.length && '$`"\\\n'.includes(text[j + 1])) {
          if (text[j + 1] !== '\n') addLiteral(text[j + 1], true);
          j += 2;
        } else if (d === '$') {
          const after = readDollar(j, true);
          if (typeof after !== 'number') return after;
          j = after;
        } else if (d === '`') {
          return notSimulated(NOT_SIMULATED['`']);
        } else {
          addLiteral(d, true);
          j++;
        }
      }
      i = j + 1;
    } else if (c === '$') {
      const after = readDollar(i, false);
      if (typeof after !== 'number') return after;
      i = after;
    } else if (c === '~' && !parts && (i + 1 >= text.length || ' \t\n/;'.includes(text[i + 1]))) {
      parts = [{ kind: 'home' }];
      i++;
    } else if (c === ';') {
      endWord();
      // `;;` is one token to bash (it ends a `case` branch), an error anywhere else.
      if (text[i + 1] === ';') return syntaxError(';;');
      if (words.length === 0) return syntaxError(';');
      endCommand(';');
      i++;
    } else if ((c === '&' || c === '|') && text[i + 1] === c) {
      const operator = (c + c) as Connector;
      endWord();
      if (words.length === 0) return syntaxError(operator);
      endCommand(operator);
      i += 2;
    } else if (Object.hasOwn(NOT_SIMULATED, c)) {
      return notSimulated(NOT_SIMULATED[c]);
    } else {
      addLiteral(c, false);
      i++;
    }
  }
  endWord();
  if (words.length > 0) {
    commands.push({ words, connector });
  } else if (connector !== ';') {
    // `docker ps &&` at the end: bash asks for the rest with its `> ` prompt.
    return { status: 'incomplete', reason: 'operator' };
  }
  return { status: 'complete', commands };
}

function isParameterName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^[?$#!0-9]$/.test(name);
}

/**
 * Expands words into argv: parameters are replaced, quotes removed, and
 * unquoted expansions split on blanks (an empty unquoted expansion makes no
 * word at all, while `""` is an empty argument).
 */
export function expandWords(words: readonly Word[], lookup: ParameterLookup): string[] {
  const fields: string[] = [];
  for (const word of words) {
    fields.push(...expandWord(word, lookup));
  }
  return fields;
}

/** Expands one word without field splitting: an assignment's value (`NAME=$X` keeps blanks). */
export function expandWordWhole(word: Word, lookup: ParameterLookup): string {
  let text = '';
  for (const part of word.parts) {
    if (part.kind === 'literal') text += part.text;
    else if (part.kind === 'home') text += lookup('HOME') ?? '~';
    else text += partValue(part, lookup);
  }
  return text;
}

function expandWord(word: Word, lookup: ParameterLookup): string[] {
  const fields: string[] = [];
  let current = '';
  let started = false;
  for (const part of word.parts) {
    if (part.kind === 'literal') {
      current += part.text;
      started = true;
    } else if (part.kind === 'home') {
      current += lookup('HOME') ?? '~';
      started = true;
    } else if (part.quoted) {
      current += partValue(part, lookup);
      started = true;
    } else {
      const value = partValue(part, lookup);
      if (value === '') continue;
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, index) => {
        if (index > 0 && started) {
          fields.push(current);
          current = '';
          started = false;
        }
        if (piece !== '') {
          current += piece;
          started = true;
        }
      });
    }
  }
  if (started) fields.push(current);
  return fields;
}
