import type {
  AndOrList, Assignment, CaseCommand, Command, CommandList, ForCommand, FunctionDefinition, GroupCommand, IfCommand,
  LoopCommand, Pipeline, Redirection, SimpleCommand, Word, WordPart,
} from './ShellSyntax';
import type { ShellFlavor } from './ShellFlavor';
import { ShellSyntaxError } from './ShellSyntax';

type Token =
  | { type: 'word'; word: Word; line: number }
  | { type: 'io'; fd: number; line: number }
  | { type: 'op'; op: string; line: number }
  | { type: 'newline'; line: number }
  | { type: 'eof'; line: number };

const OPERATORS = ['&&', '||', ';;', '<<-', '<<', '>>', '>&', '<&', '>|', '<>', ';', '&', '|', '(', ')', '<', '>'];
/**
 * bash's `&>file` and `&>>file` (stdout and stderr to a file); busybox ash
 * (with its bash compatibility) knows only `&>`. dash reads `&>` as `&`
 * then `>`: a background command and an empty one with a redirection.
 */
const BOTH_OUTPUTS: Readonly<Record<ShellFlavor, readonly string[]>> = { bash: ['&>>', '&>'], ash: ['&>'], dash: [] };
const REDIRECTION_OPERATORS = ['<', '>', '>>', '>&', '<&', '>|', '<>', '&>', '&>>'];
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);
/** Words that end a compound list. */
const LIST_TERMINATORS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses shell source (XCU 2.10 grammar) into a command list. Throws
 * {@link ShellSyntaxError} the way the shells report syntax errors: an
 * unexpected token, an unexpected end of file (with what was expected), or
 * an unterminated quote.
 */
export function parseShell(source: string, firstLine = 1, flavor: ShellFlavor = 'dash'): CommandList {
  const parser = new Parser(new Lexer(source, firstLine, BOTH_OUTPUTS[flavor]));
  return parser.parseProgram();
}

class Lexer {
  private pos = 0;
  private line: number;
  private peeked: Token | undefined;

  constructor(private readonly text: string, firstLine: number, private readonly extraOperators: readonly string[] = []) {
    this.line = firstLine;
  }

  peek(): Token {
    if (!this.peeked) this.peeked = this.read();
    return this.peeked;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  private read(): Token {
    // Blanks, comments and line continuations between tokens.
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.text[this.pos + 1] === '\n') { this.pos += 2; this.line++; }
      else if (c === '#') { while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++; }
      else break;
    }
    const line = this.line;
    if (this.pos >= this.text.length) return { type: 'eof', line };
    const c = this.text[this.pos];
    if (c === '\n') {
      this.pos++;
      this.line++;
      return { type: 'newline', line };
    }
    for (const op of [...this.extraOperators, ...OPERATORS]) {
      if (this.text.startsWith(op, this.pos)) {
        if (op === '<<' || op === '<<-') throw new ShellSyntaxError({ kind: 'unsupported', what: 'here-documents (<<)', line });
        this.pos += op.length;
        return { type: 'op', op, line };
      }
    }
    const start = this.pos;
    const word = this.readWord();
    // A word of digits right before < or > is the file descriptor being redirected.
    if (/^[0-9]+$/.test(word.raw) && (this.text[this.pos] === '<' || this.text[this.pos] === '>') && this.pos === start + word.raw.length) {
      return { type: 'io', fd: Number(word.raw), line };
    }
    return { type: 'word', word, line };
  }

  private readWord(): Word {
    const start = this.pos;
    const parts = this.readParts((c) => ' \t\n;&|()<>'.includes(c), false);
    return { parts, raw: this.text.slice(start, this.pos) };
  }

  /** Reads word parts until `stop` says a character ends the word (outside quotes). */
  private readParts(stop: (c: string) => boolean, inBraces: boolean): WordPart[] {
    const parts: WordPart[] = [];
    let literal = '';
    const flush = () => {
      if (literal) parts.push({ kind: 'literal', text: literal, quoted: false });
      literal = '';
    };
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (stop(c)) break;
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next === undefined) { literal += '\\'; this.pos++; continue; }
        this.pos += 2;
        if (next === '\n') { this.line++; continue; }
        flush();
        parts.push({ kind: 'literal', text: next, quoted: true });
      } else if (c === "'") {
        flush();
        const end = this.text.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError({ kind: 'unterminatedQuote', quote: "'", line: this.line });
        const text = this.text.slice(this.pos + 1, end);
        this.line += count(text, '\n');
        parts.push({ kind: 'literal', text, quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        parts.push(...this.readDoubleQuoted());
      } else if (c === '$') {
        flush();
        parts.push(this.readDollar(false));
      } else if (c === '`') {
        flush();
        parts.push(this.readBackquote(false));
      } else {
        if (inBraces && c === '}') break;
        literal += c;
        if (c === '\n') this.line++;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private readDoubleQuoted(): WordPart[] {
    const parts: WordPart[] = [{ kind: 'literal', text: '', quoted: true }];
    let literal = '';
    const flush = () => {
      if (literal) parts.push({ kind: 'literal', text: literal, quoted: true });
      literal = '';
    };
    for (;;) {
      if (this.pos >= this.text.length) throw new ShellSyntaxError({ kind: 'unterminatedQuote', quote: '"', line: this.line });
      const c = this.text[this.pos];
      if (c === '"') { this.pos++; break; }
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next !== undefined && '$`"\\\n'.includes(next)) {
          this.pos += 2;
          if (next === '\n') this.line++;
          else literal += next;
        } else {
          literal += '\\';
          this.pos++;
        }
      } else if (c === '$') {
        flush();
        parts.push(this.readDollar(true));
      } else if (c === '`') {
        flush();
        parts.push(this.readBackquote(true));
      } else {
        if (c === '\n') this.line++;
        literal += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private readDollar(quoted: boolean): WordPart {
    const t = this.text;
    const after = t[this.pos + 1];
    if (t.startsWith('$((', this.pos)) {
      let end: number;
      try {
        end = this.matchParens(this.pos + 3, 2);
      } catch {
        throw new ShellSyntaxError({ kind: 'missing', what: '))', line: this.line });
      }
      const expression = t.slice(this.pos + 3, end - 1);
      this.pos = end + 1;
      return { kind: 'arithmetic', expression, quoted };
    }
    if (after === '(') {
      const end = this.matchParens(this.pos + 2, 1);
      const source = t.slice(this.pos + 2, end);
      this.line += count(source, '\n');
      this.pos = end + 1;
      return { kind: 'command', source, quoted };
    }
    if (after === '{') {
      this.pos += 2;
      let length = false;
      if (t[this.pos] === '#' && t[this.pos + 1] !== '}' && !/[:=?+\-%#]/.test(t[this.pos + 1] ?? '')) {
        length = true;
        this.pos++;
      }
      const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!\-])/.exec(t.slice(this.pos))?.[0];
      if (!name) return this.badSubstitution(quoted);
      this.pos += name.length;
      // `:` alone is bash's and busybox's ${name:offset:length}.
      const operator = /^(:[-=?+]|[-=?+]|%%|##|%|#|:)/.exec(t.slice(this.pos))?.[0] ?? '';
      this.pos += operator.length;
      let argument: Word | undefined;
      if (operator) {
        const start = this.pos;
        const parts = this.readParts(() => false, true);
        argument = { parts, raw: t.slice(start, this.pos) };
      }
      if (t[this.pos] !== '}') {
        if (this.pos >= t.length) throw new ShellSyntaxError({ kind: 'missing', what: '}', line: this.line });
        return this.badSubstitution(quoted);
      }
      this.pos++;
      return { kind: 'parameter', name, operator, argument, length, quoted };
    }
    const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]|[@*#?$!\-])/.exec(t.slice(this.pos + 1))?.[0];
    if (!name) {
      this.pos++;
      return { kind: 'literal', text: '$', quoted };
    }
    this.pos += 1 + name.length;
    return { kind: 'parameter', name, operator: '', argument: undefined, length: false, quoted };
  }

  /** A `${...}` the shells reject when they expand it ("Bad substitution"), not when they parse it. */
  private badSubstitution(quoted: boolean): WordPart {
    const close = this.text.indexOf('}', this.pos);
    if (close < 0) throw new ShellSyntaxError({ kind: 'missing', what: '}', line: this.line });
    const start = this.text.lastIndexOf('${', this.pos);
    const source = this.text.slice(start, close + 1);
    this.pos = close + 1;
    return { kind: 'parameter', name: source, operator: 'bad', argument: undefined, length: false, quoted };
  }

  private readBackquote(quoted: boolean): WordPart {
    let source = '';
    let i = this.pos + 1;
    for (;;) {
      if (i >= this.text.length) throw new ShellSyntaxError({ kind: 'missing', what: '`', line: this.line });
      const c = this.text[i];
      if (c === '`') break;
      if (c === '\\' && '$`\\'.includes(this.text[i + 1] ?? '')) {
        source += this.text[i + 1];
        i += 2;
        continue;
      }
      if (c === '\n') this.line++;
      source += c;
      i++;
    }
    this.pos = i + 1;
    return { kind: 'command', source, quoted };
  }

  /** The index of the `)` that closes `depth` open parentheses, skipping quotes. */
  private matchParens(from: number, depth: number): number {
    const t = this.text;
    let i = from;
    while (i < t.length) {
      const c = t[i];
      if (c === '\\') { i += 2; continue; }
      if (c === "'") {
        const end = t.indexOf("'", i + 1);
        if (end < 0) break;
        i = end + 1;
        continue;
      }
      if (c === '"') {
        i++;
        while (i < t.length && t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (c === '(') depth++;
      if (c === ')') {
        depth--;
        if (depth === 0) return i;
      }
      i++;
    }
    throw new ShellSyntaxError({ kind: 'endOfFile', expecting: ')', line: this.line });
  }
}

class Parser {
  constructor(private readonly lexer: Lexer) {}

  parseProgram(): CommandList {
    this.skipNewlines();
    const list = this.parseList(new Set());
    const token = this.lexer.peek();
    if (token.type !== 'eof') this.unexpected(token);
    return list;
  }

  /** and_or lists separated by `;`, `&` or newlines, until a terminator word or EOF. */
  private parseList(terminators: ReadonlySet<string>): CommandList {
    const list: CommandList = [];
    for (;;) {
      this.skipNewlines();
      const token = this.lexer.peek();
      if (token.type === 'eof') break;
      if (token.type === 'op' && (token.op === ')' || token.op === ';;')) break;
      if (token.type === 'word' && isReserved(token.word) && terminators.has(token.word.raw)) break;
      const andOr = this.parseAndOr();
      list.push(andOr);
      const separator = this.lexer.peek();
      if (separator.type === 'op' && (separator.op === ';' || separator.op === '&')) {
        this.lexer.next();
        andOr.background = separator.op === '&';
      } else if (separator.type === 'newline') {
        this.lexer.next();
      } else {
        break;
      }
    }
    return list;
  }

  /** A list that must hold at least one command, ended by one of `terminators`. */
  private parseCompoundList(terminators: ReadonlySet<string>, expecting: string): CommandList {
    const list = this.parseList(terminators);
    const token = this.lexer.peek();
    if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting, line: token.line });
    if (list.length === 0) this.unexpected(token);
    return list;
  }

  private parseAndOr(): AndOrList {
    const first = this.parsePipeline();
    const rest: AndOrList['rest'] = [];
    for (;;) {
      const token = this.lexer.peek();
      if (token.type !== 'op' || (token.op !== '&&' && token.op !== '||')) break;
      this.lexer.next();
      this.skipNewlines();
      rest.push({ operator: token.op, pipeline: this.parsePipeline() });
    }
    return { first, rest, background: false };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    const first = this.lexer.peek();
    if (first.type === 'word' && isReserved(first.word) && first.word.raw === '!') {
      this.lexer.next();
      negated = true;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      const token = this.lexer.peek();
      if (token.type !== 'op' || token.op !== '|') break;
      this.lexer.next();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  private parseCommand(): Command {
    const token = this.lexer.peek();
    if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: '', line: token.line });
    if (token.type === 'op' && token.op === '(') {
      this.lexer.next();
      const body = this.parseList(new Set());
      this.expectOp(')', body.length === 0);
      return this.withRedirections<GroupCommand>({ kind: 'subshell', body, redirections: [], line: token.line });
    }
    if (token.type === 'word' && isReserved(token.word)) {
      switch (token.word.raw) {
        case 'if': return this.parseIf();
        case 'while': case 'until': return this.parseLoop();
        case 'for': return this.parseFor();
        case 'case': return this.parseCase();
        case '{': {
          this.lexer.next();
          const body = this.parseCompoundList(new Set(['}']), '}');
          this.expectWord('}', '}');
          return this.withRedirections<GroupCommand>({ kind: 'group', body, redirections: [], line: token.line });
        }
        default:
          if (LIST_TERMINATORS.has(token.word.raw) || token.word.raw === 'in') this.unexpected(token);
      }
    }
    return this.parseSimpleCommand();
  }

  private parseSimpleCommand(): SimpleCommand | FunctionDefinition {
    const line = this.lexer.peek().line;
    const command: SimpleCommand = { kind: 'simple', assignments: [], words: [], redirections: [], line };
    for (;;) {
      const token = this.lexer.peek();
      if (token.type === 'io' || (token.type === 'op' && REDIRECTION_OPERATORS.includes(token.op))) {
        command.redirections.push(this.parseRedirection());
        continue;
      }
      if (token.type !== 'word') break;
      this.lexer.next();
      const assignment = command.words.length === 0 ? asAssignment(token.word) : undefined;
      if (assignment) command.assignments.push(assignment);
      else command.words.push(token.word);
      // `name()` starts a function definition.
      if (command.words.length === 1 && command.assignments.length === 0 && NAME.test(token.word.raw)) {
        const open = this.lexer.peek();
        if (open.type === 'op' && open.op === '(') {
          this.lexer.next();
          this.expectOp(')', false);
          this.skipNewlines();
          const body = this.parseCommand();
          return { kind: 'function', name: token.word.raw, body, line };
        }
      }
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.redirections.length === 0) {
      this.unexpected(this.lexer.peek());
    }
    return command;
  }

  private parseRedirection(): Redirection {
    let token = this.lexer.next();
    let fd: number | undefined;
    if (token.type === 'io') {
      fd = token.fd;
      token = this.lexer.next();
    }
    if (token.type !== 'op') this.unexpected(token);
    const operator = token.op as Redirection['operator'];
    const target = this.lexer.next();
    if (target.type !== 'word') {
      if (target.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: '', line: target.line });
      this.unexpected(target);
    }
    return { fd: fd ?? (operator.startsWith('<') ? 0 : 1), operator, target: target.word };
  }

  private parseIf(): IfCommand {
    const line = this.lexer.next().line;
    const clauses: IfCommand['clauses'] = [];
    let elseBody: CommandList | undefined;
    for (;;) {
      const condition = this.parseCompoundList(new Set(['then']), 'then');
      this.expectWord('then', 'then');
      const body = this.parseCompoundList(new Set(['elif', 'else', 'fi']), 'fi');
      clauses.push({ condition, body });
      const token = this.lexer.next();
      if (token.type === 'word' && token.word.raw === 'elif') continue;
      if (token.type === 'word' && token.word.raw === 'else') {
        elseBody = this.parseCompoundList(new Set(['fi']), 'fi');
        this.expectWord('fi', 'fi');
      }
      break;
    }
    return this.withRedirections<IfCommand>({ kind: 'if', clauses, elseBody, redirections: [], line });
  }

  private parseLoop(): LoopCommand {
    const token = this.lexer.next();
    const until = token.type === 'word' && token.word.raw === 'until';
    const condition = this.parseCompoundList(new Set(['do']), 'do');
    this.expectWord('do', 'do');
    const body = this.parseCompoundList(new Set(['done']), 'done');
    this.expectWord('done', 'done');
    return this.withRedirections<LoopCommand>({ kind: 'loop', until, condition, body, redirections: [], line: token.line });
  }

  private parseFor(): ForCommand {
    const line = this.lexer.next().line;
    const nameToken = this.lexer.next();
    if (nameToken.type !== 'word' || !NAME.test(nameToken.word.raw)) {
      if (nameToken.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: '', line: nameToken.line });
      throw new ShellSyntaxError({ kind: 'badForVariable', token: nameToken.type === 'op' ? nameToken.op : nameToken.type === 'word' ? nameToken.word.raw : 'newline', line: nameToken.line });
    }
    let items: Word[] | undefined;
    this.skipNewlines();
    let token = this.lexer.peek();
    if (token.type === 'word' && token.word.raw === 'in') {
      this.lexer.next();
      items = [];
      for (;;) {
        token = this.lexer.peek();
        if (token.type !== 'word') break;
        this.lexer.next();
        items.push(token.word);
      }
      if (token.type === 'op' && token.op === ';') this.lexer.next();
      else if (token.type === 'newline') this.lexer.next();
      else if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: '', line: token.line });
      else this.unexpected(token);
    } else if (token.type === 'op' && token.op === ';') {
      this.lexer.next();
    }
    this.skipNewlines();
    const doToken = this.lexer.peek();
    if (doToken.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: '', line: doToken.line });
    this.expectWord('do', 'do');
    const body = this.parseCompoundList(new Set(['done']), 'done');
    this.expectWord('done', 'done');
    return this.withRedirections<ForCommand>({ kind: 'for', variable: nameToken.word.raw, items, body, redirections: [], line });
  }

  private parseCase(): CaseCommand {
    const line = this.lexer.next().line;
    const subjectToken = this.lexer.next();
    if (subjectToken.type !== 'word') {
      if (subjectToken.type === 'eof' || subjectToken.type === 'newline') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: 'word', line: subjectToken.line, token: 'newline' });
      this.unexpected(subjectToken);
    }
    this.skipNewlines();
    this.expectWord('in', 'in');
    const items: CaseCommand['items'] = [];
    for (;;) {
      this.skipNewlines();
      let token = this.lexer.peek();
      if (token.type === 'word' && token.word.raw === 'esac') {
        this.lexer.next();
        break;
      }
      if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: ')', line: token.line });
      if (token.type === 'op' && token.op === '(') this.lexer.next();
      const patterns: Word[] = [];
      for (;;) {
        token = this.lexer.next();
        if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: ')', line: token.line });
        if (token.type !== 'word') this.unexpected(token);
        patterns.push(token.word);
        const after = this.lexer.next();
        if (after.type === 'op' && after.op === ')') break;
        if (after.type === 'op' && after.op === '|') continue;
        if (after.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: ')', line: after.line });
        this.unexpected(after);
      }
      const body = this.parseList(new Set(['esac']));
      items.push({ patterns, body });
      token = this.lexer.peek();
      if (token.type === 'op' && token.op === ';;') {
        this.lexer.next();
        continue;
      }
      this.skipNewlines();
      token = this.lexer.peek();
      if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: 'esac', line: token.line });
      if (!(token.type === 'word' && token.word.raw === 'esac')) this.unexpected(token);
    }
    return this.withRedirections<CaseCommand>({ kind: 'case', subject: subjectToken.word, items, redirections: [], line });
  }

  private withRedirections<T extends { redirections: Redirection[] }>(command: T): T {
    for (;;) {
      const token = this.lexer.peek();
      if (token.type === 'io' || (token.type === 'op' && REDIRECTION_OPERATORS.includes(token.op))) {
        command.redirections.push(this.parseRedirection());
      } else {
        return command;
      }
    }
  }

  private expectWord(word: string, expecting: string): void {
    const token = this.lexer.next();
    if (token.type === 'word' && isReserved(token.word) && token.word.raw === word) return;
    if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting, line: token.line });
    this.unexpected(token);
  }

  private expectOp(op: string, emptyBefore: boolean): void {
    const token = this.lexer.next();
    if (token.type === 'op' && token.op === op && !emptyBefore) return;
    if (token.type === 'eof') throw new ShellSyntaxError({ kind: 'endOfFile', expecting: op, line: token.line });
    this.unexpected(token);
  }

  private skipNewlines(): void {
    while (this.lexer.peek().type === 'newline') this.lexer.next();
  }

  private unexpected(token: Token): never {
    switch (token.type) {
      case 'eof': throw new ShellSyntaxError({ kind: 'endOfFile', expecting: '', line: token.line });
      case 'newline': throw new ShellSyntaxError({ kind: 'unexpected', token: 'newline', line: token.line });
      case 'op': throw new ShellSyntaxError({ kind: 'unexpected', token: token.op, line: token.line });
      case 'io': throw new ShellSyntaxError({ kind: 'unexpected', token: String(token.fd), line: token.line });
      case 'word': throw new ShellSyntaxError({ kind: 'unexpected', token: token.word.raw, line: token.line });
    }
  }
}

function isReserved(word: Word): boolean {
  return RESERVED.has(word.raw) && word.parts.length === 1 && word.parts[0].kind === 'literal' && !word.parts[0].quoted;
}

/** `NAME=value` as a word: an assignment when it comes before the command name. */
function asAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (!first || first.kind !== 'literal' || first.quoted) return undefined;
  const equals = first.text.indexOf('=');
  if (equals <= 0 || !NAME.test(first.text.slice(0, equals))) return undefined;
  const rest = first.text.slice(equals + 1);
  const parts: WordPart[] = [...(rest ? [{ kind: 'literal' as const, text: rest, quoted: false }] : []), ...word.parts.slice(1)];
  return { name: first.text.slice(0, equals), value: { parts, raw: word.raw.slice(equals + 1) } };
}

function count(text: string, character: string): number {
  let n = 0;
  for (const c of text) if (c === character) n++;
  return n;
}
