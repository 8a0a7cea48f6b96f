/**
 * The syntax tree of the POSIX shell language, as far as the lab's shells
 * understand it (XCU 2.9 "Shell Commands"): lists, and-or lists, pipelines,
 * simple commands with assignments and redirections, `if`, `while`,
 * `until`, `for`, `case`, `{ }`, `( )` and function definitions.
 * Here-documents are not part of it.
 */

/** One piece of a word, before expansion. */
export type WordPart =
  /** Text as written; `quoted` text is neither split nor globbed. */
  | { kind: 'literal'; text: string; quoted: boolean }
  /** `$name`, `${name}`, `${name:-word}`, `${#name}`, ... */
  | { kind: 'parameter'; name: string; operator: string; argument: Word | undefined; length: boolean; quoted: boolean }
  /** `$(...)` or `` `...` ``: the source of the command to run. */
  | { kind: 'command'; source: string; quoted: boolean }
  /** `$((...))` */
  | { kind: 'arithmetic'; expression: string; quoted: boolean };

/** A word as written: its parts, expanded and joined later. */
export interface Word {
  parts: WordPart[];
  /** The word as written, for messages and reserved-word checks. */
  raw: string;
}

/** `>file`, `2>&1`, `<file`, ... (`&>file` and `&>>file`: bash and busybox ash, both outputs) */
export interface Redirection {
  /** The file descriptor redirected (1 for `>` and `&>`, 0 for `<` and `<>`, or the digit written). */
  fd: number;
  operator: '>' | '>>' | '<' | '>&' | '<&' | '>|' | '<>' | '&>' | '&>>';
  target: Word;
}

/** `NAME=value` before a command name. */
export interface Assignment {
  name: string;
  value: Word;
}

/** Assignments, words and redirections: `FOO=1 env >/dev/null`. */
export interface SimpleCommand {
  kind: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirections: Redirection[];
  /** The line the command starts on, for error messages. */
  line: number;
}

/** `if ...; then ...; elif ...; else ...; fi` */
export interface IfCommand {
  kind: 'if';
  clauses: { condition: CommandList; body: CommandList }[];
  elseBody: CommandList | undefined;
  redirections: Redirection[];
  line: number;
}

/** `while`/`until ...; do ...; done` */
export interface LoopCommand {
  kind: 'loop';
  /** `until` loops while the condition fails. */
  until: boolean;
  condition: CommandList;
  body: CommandList;
  redirections: Redirection[];
  line: number;
}

/** `for name in words; do ...; done` */
export interface ForCommand {
  kind: 'for';
  variable: string;
  /** undefined for `for name; do` (loops over "$@"). */
  items: Word[] | undefined;
  body: CommandList;
  redirections: Redirection[];
  line: number;
}

/** `case word in pattern) ...;; esac` */
export interface CaseCommand {
  kind: 'case';
  subject: Word;
  items: { patterns: Word[]; body: CommandList }[];
  redirections: Redirection[];
  line: number;
}

/** `{ ...; }` or `( ... )` */
export interface GroupCommand {
  /** `{ list; }` runs in the shell itself; `( list )` in a subshell. */
  kind: 'group' | 'subshell';
  body: CommandList;
  redirections: Redirection[];
  line: number;
}

/** `name() compound-command` */
export interface FunctionDefinition {
  kind: 'function';
  name: string;
  body: Command;
  line: number;
}

/** Any command of the grammar. */
export type Command = SimpleCommand | IfCommand | LoopCommand | ForCommand | CaseCommand | GroupCommand | FunctionDefinition;

/** `[!] command | command ...` */
export interface Pipeline {
  negated: boolean;
  commands: Command[];
}

/** Pipelines joined by `&&` and `||`. */
export interface AndOrList {
  first: Pipeline;
  rest: { operator: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended by `&`. */
  background: boolean;
}

/** and-or lists separated by `;`, `&` or newlines. */
export type CommandList = AndOrList[];

/**
 * Why a script does not parse. `incomplete` errors (an open quote, a
 * missing `done`) are the ones an interactive shell answers with its
 * continuation prompt instead.
 */
export type SyntaxProblem =
  | { kind: 'unexpected'; token: string; line: number }
  /** `token`: what bash, which reads a line at a time, reports instead (`newline`). */
  | { kind: 'endOfFile'; expecting: string; line: number; token?: string }
  | { kind: 'unterminatedQuote'; quote: string; line: number }
  /** `${` or `$((` never closed: dash and ash name what is missing. */
  | { kind: 'missing'; what: string; line: number }
  | { kind: 'badForVariable'; token: string; line: number }
  | { kind: 'unsupported'; what: string; line: number };

/** A script that does not parse, with what the shells report. */
export class ShellSyntaxError extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.kind);
    this.name = 'ShellSyntaxError';
  }

  /** True when more input could complete the script. */
  get incomplete(): boolean {
    return this.problem.kind === 'endOfFile' || this.problem.kind === 'unterminatedQuote' || this.problem.kind === 'missing';
  }
}
