import { deriveContext, never } from '../deriveContext';
import { echoOutput } from '../echoOutput';
import { notSimulatedMessage } from '../notSimulated';
import type { WriteMode } from '../openForWriting';
import { openForWriting } from '../openForWriting';
import { printfOutput } from '../printfOutput';
import { isSimulated, programForFile } from '../ProgramTable';
import { readFollowing } from '../readFollowing';
import type { FileEntry, ProcessContext, Program } from '../Program';
import { resolvePath } from '../resolvePath';
import { statPath } from '../statPath';
import type { FsErrorCode } from '../../fs/ContainerFs';
import { FS_ERROR_TEXT } from '../../fs/ContainerFs';
import { ArithmeticError, evaluateArithmetic } from './evaluateArithmetic';
import { evaluateTest } from './evaluateTest';
import type { TestProblem } from './evaluateTest';
import { exportOrder } from './exportOrder';
import { parseShell } from './parseShell';
import type { PatternSegment } from './patternToRegExp';
import { patternToRegExp } from './patternToRegExp';
import type { ShellFlavor } from './ShellFlavor';
import type {
  AndOrList, CaseCommand, Command, CommandList, ForCommand, IfCommand, LoopCommand, Pipeline, Redirection,
  SimpleCommand, SyntaxProblem, Word, WordPart,
} from './ShellSyntax';
import { ShellSyntaxError } from './ShellSyntax';
import type { Descriptor, Streams } from './Streams';
import { Pipe } from './Streams';

/** How the shell reads its commands: `-c string`, a script file, stdin without a prompt, or a terminal. */
export type ShellMode = 'command' | 'script' | 'stdin' | 'interactive';

/** How a shell was started. */
export interface ShellOptions {
  flavor: ShellFlavor;
  mode: ShellMode;
  /** $0: the name the shell was invoked as, or the name given after `-c string`. */
  arg0: string;
  positional: string[];
}

interface Variable {
  value: string;
  exported: boolean;
  created: number;
  /** Declared (`export NAME`) but never given a value. */
  unset?: boolean;
}

/** `exit`: unwinds to the top of the shell (or of a subshell). */
class ExitRequest {
  constructor(readonly status: number) {}
}

/** `break n` / `continue n` */
class LoopJump {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

/** An expansion that failed; what follows depends on the shell (see expansionErrorEndsShell). */
class ExpansionError {
  constructor(readonly kind: 'arithmetic' | 'parameter' | 'substitution', readonly status: number) {}
}

/** `return` from a function. */
class ReturnRequest {
  constructor(readonly status: number) {}
}

/** A program the shell started and may have to forget (Ctrl+C, a closed pipe). */
interface Child {
  alive: boolean;
  /** The signals the child said it handles. */
  readonly handles: Set<string>;
  readonly signals: string[];
  signalWaiter: ((signal: string) => void) | undefined;
}

interface BackgroundJob {
  pid: number;
  done: Promise<number>;
  child: Child | undefined;
}

type Builtin = (args: string[], streams: Streams, command: SimpleCommand) => Promise<number>;

const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset']);
/** After this many commands without anything asynchronous, a loop yields so the lab stays responsive. */
const YIELD_EVERY = 64;
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15 };

/**
 * A POSIX shell interpreter playing busybox ash, dash or bash inside a
 * container: it parses with {@link parseShell}, expands words (parameters,
 * arithmetic, command substitution, field splitting, globbing against the
 * container's files), runs builtins itself and other programs in its own
 * process through the container's program table, with pipes and the
 * redirections that need no writable file (`>/dev/null`, `2>&1`, `<file`).
 *
 * As PID 1 it handles no signal unless a `trap` asks for one (so `docker
 * stop` waits for the grace period, then kills it), except in interactive
 * mode where Ctrl+C (SIGINT) ends the foreground program, as a terminal's
 * shell does.
 */
export class Shell {
  status = 0;
  cwd: string;
  private readonly variables = new Map<string, Variable>();
  private readonly functions = new Map<string, Command>();
  private positional: string[];
  private arg0: string;
  private readonly flavor: ShellFlavor;
  private readonly mode: ShellMode;
  private created = 0;
  private errexit = false;
  private xtrace = false;
  /** `set -C`: `>` does not replace an existing file. */
  private noclobber = false;
  /**
   * `exec >file` without a command: the streams the shell's later commands
   * use instead of the ones they were given (followed as a chain).
   */
  private replacedStreams = new Map<Streams, Streams>();
  private readonly traps = new Map<string, string>();
  private readonly jobs: BackgroundJob[] = [];
  private lastBackgroundPid = 0;
  private nextPid = 7;
  private steps = 0;
  /** The top-level command that may replace the shell (the last one of `sh -c`), as shells exec it. */
  private execCandidate: Command | undefined;
  private foreground: Child | undefined;
  private pumping = false;
  private readonly pendingSignals: string[] = [];
  private signalWaiter: (() => void) | undefined;
  private aborted: () => boolean = () => false;
  /** Set in subshells: their `exit` ends only them. */
  private subshell = false;
  private functionDepth = 0;
  private loopDepth = 0;

  constructor(private readonly ctx: ProcessContext, options: ShellOptions) {
    this.flavor = options.flavor;
    this.mode = options.mode;
    this.arg0 = options.arg0;
    this.positional = options.positional;
    this.cwd = ctx.cwd;
    this.initialPath = ctx.env.find((entry) => entry.startsWith('PATH='))?.slice(5);
    for (const entry of ctx.env) {
      const equals = entry.indexOf('=');
      if (equals > 0) this.setVariable(entry.slice(0, equals), entry.slice(equals + 1), true);
    }
    if (this.flavor === 'bash' || this.flavor === 'ash') {
      const level = Number(this.get('SHLVL') ?? '0');
      this.setVariable('SHLVL', String((Number.isFinite(level) ? level : 0) + 1), true);
    }
    this.setVariable('PWD', this.cwd, true);
    this.setVariable('IFS', ' \t\n', false);
    this.setVariable('PPID', '0', false);
    this.setVariable('OPTIND', '1', false);
    this.setVariable('PS2', '> ', false);
    this.setVariable('PS4', '+ ', false);
    if (this.flavor === 'ash') this.setVariable('PS1', '\\w \\$ ', false);
    else if (this.flavor === 'dash') this.setVariable('PS1', '# ', false);
    else this.setVariable('PS1', this.bashPrompt(), false);
    if (this.mode === 'interactive') {
      ctx.handleSignals(['SIGINT']);
      this.startSignalPump();
    }
  }

  get isInteractive(): boolean {
    return this.mode === 'interactive';
  }

  /** `set -e` / `set -x` from the command line. */
  setOption(flag: 'e' | 'x', on: boolean): void {
    if (flag === 'e') this.errexit = on;
    else this.xtrace = on;
  }

  /** The primary prompt as it would be printed now. */
  prompt(): string {
    return this.promptText('PS1');
  }

  /**
   * Runs `-c` text or a script: returns the exit status. Like the real
   * shells it parses and runs one complete command (one line, or the lines
   * an open `while`/quote spans) at a time, so a later syntax error does not
   * stop the earlier lines.
   */
  async runProgram(source: string, streams: Streams): Promise<number> {
    const lines = source.split('\n');
    this.finalNewline = lines[lines.length - 1] === '';
    if (this.finalNewline) lines.pop();
    let index = 0;
    return this.runLines(async () => (index < lines.length ? lines[index++] : null), streams, () => lines.slice(index).every((l) => /^\s*(#.*)?$/.test(l)));
  }

  /** Reads commands from stdin, with prompts when interactive, until EOF or `exit`. */
  async runInput(streams: Streams): Promise<number> {
    return this.runLines(() => streams.readLine(), streams, () => false);
  }

  private async runLines(nextLine: () => Promise<string | null>, streams: Streams, atEnd: () => boolean): Promise<number> {
    let line = 0;
    let pending: Promise<string | null> | undefined;
    try {
      for (;;) {
        let source = '';
        let prompt = this.promptText('PS1');
        for (;;) {
          if (this.isInteractive) this.activeStreams(streams).stderr(prompt);
          const read = await this.readLineOrSignal(nextLine, streams, pending);
          pending = read.pending;
          if (read.signal) {
            // Ctrl+C at the prompt throws the line away and prompts again.
            streams.stderr('\n');
            source = '';
            prompt = this.promptText('PS1');
            continue;
          }
          const text = read.line;
          if (text === null) {
            if (source) {
              // An unfinished command at the end: the error is the parser's, on the text as it was.
              this.parse(this.finalNewline ? source : source.slice(0, -1), line - count(source, '\n') + 1, streams);
              if (!this.isInteractive) throw new ExitRequest(2);
            }
            if (this.isInteractive) streams.stderr(this.flavor === 'bash' ? 'exit\n' : '\n');
            return await this.finish(streams);
          }
          line++;
          source += `${text}\n`;
          try {
            parseShell(source, line - count(source, '\n') + 1, this.flavor);
            break;
          } catch (error) {
            if (!(error instanceof ShellSyntaxError)) throw error;
            if (!error.incomplete) break;
            prompt = this.promptText('PS2');
          }
        }
        const list = this.parse(source, line - count(source, '\n') + 1, streams);
        if (!list) continue;
        // The last command of `sh -c` (and of a script) replaces the shell: all three shells exec it.
        const last = list[list.length - 1];
        if (this.mode !== 'interactive' && this.mode !== 'stdin' && atEnd() && last && !last.background
          && last.rest.length === 0 && last.first.commands.length === 1 && !last.first.negated) {
          this.execCandidate = last.first.commands[0];
        }
        try {
          await this.executeList(list, streams);
        } catch (error) {
          if (error instanceof LoopJump || error instanceof ReturnRequest) continue;
          if (error instanceof ExpansionError) {
            this.status = error.status;
            if (this.expansionErrorEndsShell(error)) throw new ExitRequest(error.status);
            continue;
          }
          throw error;
        }
      }
    } catch (error) {
      if (error instanceof ExitRequest) {
        this.status = error.status;
        return this.finish(streams);
      }
      throw error;
    }
  }

  /**
   * After an expansion error (`$((1/0))`, `${x:?}`, a bad substitution):
   * dash and busybox leave a script; bash drops only the rest of the line,
   * except for `${x:?}` in a script. Interactive shells all carry on.
   */
  private expansionErrorEndsShell(error: ExpansionError): boolean {
    if (this.flavor === 'dash' || this.flavor === 'ash') return !this.isInteractive;
    return !this.isInteractive && error.kind === 'parameter';
  }

  // ---- execution ----------------------------------------------------------

  private parse(source: string, firstLine: number, streams: Streams): CommandList | undefined {
    this.sourceFirstLine = firstLine;
    try {
      return parseShell(source, firstLine, this.flavor);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      this.reportSyntax(error.problem, source, streams);
      this.status = 2;
      // A syntax error ends every shell but an interactive one.
      if (!this.isInteractive) throw new ExitRequest(2);
      return undefined;
    }
  }

  private async finish(streams: Streams): Promise<number> {
    const exitTrap = this.traps.get('EXIT');
    if (exitTrap) {
      this.traps.delete('EXIT');
      const saved = this.status;
      try {
        await this.runProgramText(exitTrap, streams);
      } catch (error) {
        if (!(error instanceof ExitRequest || error instanceof ExpansionError || error instanceof LoopJump || error instanceof ReturnRequest)) throw error;
      }
      this.status = saved;
    }
    return this.status;
  }

  private async executeList(list: CommandList, given: Streams): Promise<number> {
    for (const andOr of list) {
      const streams = this.activeStreams(given);
      // A pipeline stage whose reader has gone stops, as SIGPIPE would stop it.
      if (this.aborted() || streams.broken()) throw new ExitRequest(141);
      if (andOr.background) {
        this.startBackground(andOr, streams);
        this.status = 0;
        continue;
      }
      await this.executeAndOr(andOr, streams);
      await this.runPendingTraps(streams);
    }
    return this.status;
  }

  /** The streams to use instead of `streams` since an `exec >file` replaced them. */
  private activeStreams(streams: Streams): Streams {
    let active = streams;
    for (let replaced = this.replacedStreams.get(active); replaced && replaced !== active; replaced = this.replacedStreams.get(active)) active = replaced;
    return active;
  }

  private async executeAndOr(andOr: AndOrList, streams: Streams): Promise<number> {
    let status = await this.executePipeline(andOr.first, streams);
    for (const { operator, pipeline } of andOr.rest) {
      if ((operator === '&&') === (status === 0)) status = await this.executePipeline(pipeline, streams);
    }
    this.status = status;
    if (this.errexit && status !== 0 && !(andOr.rest.length > 0 && andOr.rest[andOr.rest.length - 1].operator === '||')) {
      throw new ExitRequest(status);
    }
    return status;
  }

  private async executePipeline(pipeline: Pipeline, streams: Streams): Promise<number> {
    let status: number;
    if (pipeline.commands.length === 1) {
      status = await this.executeCommand(pipeline.commands[0], streams);
    } else {
      status = await this.executePipe(pipeline.commands, streams);
    }
    if (pipeline.negated) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  private async executePipe(commands: Command[], streams: Streams): Promise<number> {
    const pipes = commands.slice(1).map(() => new Pipe());
    const stages = commands.map((command, i) => {
      const input = i === 0 ? undefined : pipes[i - 1];
      const output = i === commands.length - 1 ? undefined : pipes[i];
      let sigpipe: (status: number) => void = () => undefined;
      const killed = new Promise<number>((resolve) => { sigpipe = resolve; });
      const stageStreams: Streams = {
        stdout: output
          ? (text) => {
            if (output.isBroken) sigpipe(141);
            else output.write(text);
          }
          : (text) => streams.stdout(text),
        stderr: (text) => streams.stderr(text),
        readLine: input ? () => input.readLine() : () => streams.readLine(),
        broken: output ? () => output.isBroken : () => streams.broken(),
      };
      // Every stage runs in a subshell, as in dash and busybox ash.
      const shell = this.cloneForSubshell();
      shell.aborted = () => this.aborted() || (output?.isBroken ?? false);
      const run = shell.executeCommand(command, stageStreams).catch((error: unknown) => {
        if (error instanceof ExitRequest || error instanceof ExpansionError) return error.status;
        if (error instanceof LoopJump || error instanceof ReturnRequest) return shell.status;
        throw error;
      }).finally(() => {
        output?.closeWriter();
        input?.closeReader();
      });
      return Promise.race([run, killed]);
    });
    const statuses = await Promise.all(stages);
    return statuses[statuses.length - 1];
  }

  private async executeCommand(command: Command, streams: Streams): Promise<number> {
    await this.maybeYield();
    switch (command.kind) {
      case 'simple': return this.executeSimple(command, streams);
      case 'function':
        this.functions.set(command.name, command.body);
        return (this.status = 0);
    }
    const redirected = await this.redirect(command.redirections, streams, command);
    if (!redirected) return (this.status = this.flavor === 'dash' ? 2 : 1);
    switch (command.kind) {
      case 'group': return this.executeList(command.body, redirected);
      case 'subshell': {
        const shell = this.cloneForSubshell();
        try {
          return (this.status = await shell.executeList(command.body, redirected));
        } catch (error) {
          if (error instanceof ExitRequest || error instanceof ExpansionError) return (this.status = error.status);
          if (error instanceof LoopJump || error instanceof ReturnRequest) return (this.status = shell.status);
          throw error;
        }
      }
      case 'if': return this.executeIf(command, redirected);
      case 'loop': return this.executeLoop(command, redirected);
      case 'for': return this.executeFor(command, redirected);
      case 'case': return this.executeCase(command, redirected);
    }
  }

  private async executeIf(command: IfCommand, streams: Streams): Promise<number> {
    for (const clause of command.clauses) {
      if (await this.condition(clause.condition, streams) === 0) return this.executeList(clause.body, streams);
    }
    if (command.elseBody) return this.executeList(command.elseBody, streams);
    return (this.status = 0);
  }

  /** Runs a condition list with `set -e` suspended, as POSIX requires. */
  private async condition(list: CommandList, streams: Streams): Promise<number> {
    const errexit = this.errexit;
    this.errexit = false;
    try {
      return await this.executeList(list, streams);
    } finally {
      this.errexit = errexit;
    }
  }

  private async executeLoop(command: LoopCommand, streams: Streams): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        const result = await this.condition(command.condition, streams);
        if ((result === 0) === command.until) break;
        const jump = await this.loopBody(command.body, streams);
        status = this.status;
        if (jump === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    return (this.status = status);
  }

  private async executeFor(command: ForCommand, streams: Streams): Promise<number> {
    const items = command.items ? await this.expandWords(command.items, streams) : [...this.positional];
    let status = 0;
    this.loopDepth++;
    try {
      for (const item of items) {
        this.setVariable(command.variable, item);
        const jump = await this.loopBody(command.body, streams);
        status = this.status;
        if (jump === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    return (this.status = status);
  }

  private async loopBody(body: CommandList, streams: Streams): Promise<'break' | 'continue' | undefined> {
    try {
      await this.executeList(body, streams);
      return undefined;
    } catch (error) {
      if (!(error instanceof LoopJump)) throw error;
      if (error.levels > 1) {
        error.levels--;
        throw error;
      }
      this.status = 0;
      return error.kind;
    }
  }

  private async executeCase(command: CaseCommand, streams: Streams): Promise<number> {
    const subject = await this.expandWord(command.subject, streams);
    for (const item of command.items) {
      for (const pattern of item.patterns) {
        const segments = await this.expandPattern(pattern, streams);
        const regex = patternToRegExp(segments, { dotAll: true });
        const matches = regex ? regex.test(subject) : segments.map((s) => s.text).join('') === subject;
        if (matches) return this.executeList(item.body, streams);
      }
    }
    return (this.status = 0);
  }

  private async executeSimple(command: SimpleCommand, streams: Streams): Promise<number> {
    this.currentLine = command.line;
    this.substitutionStatus = undefined;
    const argv = await this.expandWords(command.words, streams);
    const assignments: [string, string][] = [];
    for (const assignment of command.assignments) {
      assignments.push([assignment.name, await this.expandWord(assignment.value, streams, true)]);
    }
    const substitutionStatus = this.substitutionStatus;
    if (this.xtrace) {
      const shown = [...assignments.map(([n, v]) => `${n}=${v}`), ...argv].join(' ');
      streams.stderr(`${this.get('PS4') ?? '+ '}${shown}\n`);
    }
    const redirected = await this.redirect(command.redirections, streams, command);
    if (!redirected) {
      // A failed redirection: dash's status is 2; before a special builtin dash and ash leave a script.
      const status = this.flavor === 'dash' ? 2 : 1;
      if (SPECIAL_BUILTINS.has(argv[0] ?? '') && this.flavor !== 'bash' && !this.isInteractive) throw new ExitRequest(status);
      return (this.status = status);
    }
    if (argv.length === 1 && argv[0] === 'exec' && command.redirections.length > 0) {
      // `exec >file`: the redirections stay for the rest of the shell.
      this.replacedStreams.set(streams, redirected);
      return (this.status = 0);
    }
    if (argv.length === 0) {
      for (const [name, value] of assignments) this.setVariable(name, value);
      // A bare assignment's status is that of its last command substitution.
      return (this.status = substitutionStatus ?? 0);
    }
    const name = argv[0];
    const definition = this.functions.get(name);
    if (definition && !SPECIAL_BUILTINS.has(name)) return this.callFunction(definition, argv, redirected);
    const builtin = this.builtin(name);
    if (builtin) {
      // Assignments before a special builtin stay; before a regular one they are temporary.
      if (SPECIAL_BUILTINS.has(name)) for (const [n, v] of assignments) this.setVariable(n, v);
      return (this.status = await builtin(argv.slice(1), redirected, command));
    }
    return (this.status = await this.runExternal(argv, assignments, redirected, command));
  }

  private async callFunction(body: Command, argv: string[], streams: Streams): Promise<number> {
    const saved = this.positional;
    this.positional = argv.slice(1);
    this.functionDepth++;
    try {
      return await this.executeCommand(body, streams);
    } catch (error) {
      if (error instanceof ReturnRequest) return (this.status = error.status);
      throw error;
    } finally {
      this.functionDepth--;
      this.positional = saved;
    }
  }

  private async runExternal(argv: string[], assignments: [string, string][], streams: Streams, command: SimpleCommand): Promise<number> {
    const name = argv[0];
    const path = this.locate(name);
    const entry = path ? this.readFollowing(resolvePath(this.cwd, path)) : undefined;
    if (entry?.type === 'file' && entry.mode !== undefined && (entry.mode & 0o111) === 0) {
      // A file without execute permission: execve(2) fails with EACCES.
      streams.stderr(this.flavor === 'ash' ? `${this.arg0}: ${name}: Permission denied\n` : this.errorPrefix(command.line) + `${name}: Permission denied\n`);
      return 126;
    }
    // The image's programs first; then a file the container gained (a script, a package's program).
    const program = path
      ? this.ctx.resolveProgram(path) ?? this.ctx.resolveProgram(name) ?? programForFile(this.ctx, resolvePath(this.cwd, path))
      : undefined;
    if (!program) {
      streams.stderr(this.notFoundMessage(name, command.line));
      return 127;
    }
    const execs = command === this.execCandidate && !this.subshell && this.functionDepth === 0 && this.loopDepth === 0;
    const prefixes = assignments.map(([n, v]) => `${n}=${v}`);
    let env = this.environment(prefixes, path ?? name);
    if (execs && this.flavor === 'bash') {
      // bash execs the last command of -c in place, and so lowers SHLVL first.
      env = env.map((entry) => (entry.startsWith('SHLVL=') ? `SHLVL=${Number(entry.slice(6)) - 1}` : entry));
    }
    return this.spawn(program, argv, env, streams, execs);
  }

  /** Runs a program in this process, as a child the shell waits for (or as its replacement). */
  private async spawn(program: Program, argv: string[], env: readonly string[], streams: Streams, execs: boolean): Promise<number> {
    this.steps = 0;
    const child: Child = { alive: true, handles: new Set(), signals: [], signalWaiter: undefined };
    const guard = <T>(work: () => Promise<T>): Promise<T> => {
      if (!child.alive) return never();
      return work().then((value) => (child.alive ? value : never<T>()));
    };
    const context = deriveContext(this.ctx, {
      argv,
      env,
      cwd: this.cwd,
      stdout: (text) => {
        if (!child.alive) return;
        streams.stdout(text);
        // Writing to a pipe nobody reads any more kills the writer (SIGPIPE).
        if (streams.broken()) child.alive = false;
      },
      stderr: (text) => { if (child.alive) streams.stderr(text); },
      readLine: () => guard(() => streams.readLine()),
      sleep: (ms) => guard(() => this.ctx.sleep(ms)),
      // A program that replaces the shell is PID 1 and gets its signals; a child gets them only through an interactive shell.
      handleSignals: (names) => {
        for (const signal of names) child.handles.add(signal);
        if (execs && !this.pumping) this.ctx.handleSignals(names);
      },
      nextSignal: () => {
        if (execs && !this.pumping) return guard(() => this.ctx.nextSignal());
        return guard(() => new Promise<string>((resolve) => {
          const queued = child.signals.shift();
          if (queued) resolve(queued);
          else child.signalWaiter = resolve;
        }));
      },
      listen: (port, handler) => { if (child.alive) this.ctx.listen(port, handler); },
    });
    const previous = this.foreground;
    this.foreground = child;
    try {
      const done = program(context);
      if (!this.pumping) return await done;
      const interrupted = new Promise<number>((resolve) => {
        const check = () => {
          if (!child.alive) resolve(130);
          else this.onChildInterrupted = check;
        };
        this.onChildInterrupted = check;
      });
      const status = await Promise.race([done, interrupted]);
      // A program killed by Ctrl+C leaves the cursor after ^C: the shell ends the line.
      if (!child.alive && status === 130) streams.stderr('\n');
      return status;
    } finally {
      this.foreground = previous;
      this.onChildInterrupted = undefined;
    }
  }

  private onChildInterrupted: (() => void) | undefined;
  private substitutionStatus: number | undefined;
  /** The PATH the container started with: the only one the program table knows. */
  private readonly initialPath: string | undefined;
  /** Whether the `-c` text or script ended with a newline (stdin lines always do). */
  private finalNewline = true;
  /** The first line of the text being parsed, to quote a line in bash's syntax errors. */
  private sourceFirstLine = 1;
  /** The line of the command being run, for errors raised while expanding it. */
  private currentLine = 1;

  private startBackground(andOr: AndOrList, streams: Streams): void {
    const shell = this.cloneForSubshell();
    const pid = this.nextPid++;
    // A background job starts a moment later than the command after it, as a forked process does.
    const done = this.ctx.sleep(0).then(() => shell.executeAndOr({ ...andOr, background: false }, streams)).catch((error: unknown) => {
      if (error instanceof ExitRequest || error instanceof ExpansionError) return error.status;
      if (error instanceof LoopJump || error instanceof ReturnRequest) return shell.status;
      throw error;
    });
    done.catch(() => undefined);
    this.jobs.push({ pid, done, child: undefined });
    this.lastBackgroundPid = pid;
    if (this.isInteractive) streams.stderr(this.flavor === 'dash' ? '' : `[${this.jobs.length}] ${pid}\n`);
  }

  // ---- signals and traps --------------------------------------------------

  private startSignalPump(): void {
    if (this.pumping) return;
    this.pumping = true;
    const pump = async () => {
      for (;;) {
        const signal = await this.ctx.nextSignal();
        this.onSignal(signal);
      }
    };
    pump().catch(() => undefined);
  }

  private onSignal(signal: string): void {
    const child = this.foreground;
    if (child && child.alive && child.handles.has(signal)) {
      if (child.signalWaiter) {
        const waiter = child.signalWaiter;
        child.signalWaiter = undefined;
        waiter(signal);
      } else {
        child.signals.push(signal);
      }
      return;
    }
    if (child && child.alive && signal === 'SIGINT' && this.isInteractive) {
      // The terminal's Ctrl+C kills the foreground program; the shell itself carries on.
      child.alive = false;
      this.onChildInterrupted?.();
    }
    this.pendingSignals.push(signal);
    const waiter = this.signalWaiter;
    this.signalWaiter = undefined;
    waiter?.();
  }

  private async runPendingTraps(streams: Streams): Promise<void> {
    while (this.pendingSignals.length) {
      const signal = this.pendingSignals.shift()!;
      const action = this.traps.get(signal.replace(/^SIG/, ''));
      if (action === undefined) continue;
      if (action === '') continue;
      const saved = this.status;
      await this.runProgramText(action, streams);
      this.status = saved;
    }
  }

  private async readLineOrSignal(nextLine: () => Promise<string | null>, streams: Streams, pending: Promise<string | null> | undefined): Promise<{ line: string | null; signal: boolean; pending: Promise<string | null> | undefined }> {
    const read = pending ?? nextLine();
    if (!this.pumping) return { line: await read, signal: false, pending: undefined };
    // A Ctrl+C that already ended a foreground program is spent.
    const kept = this.pendingSignals.splice(0).filter((s) => s !== 'SIGINT');
    this.pendingSignals.push(...kept);
    const signalled = new Promise<'signal'>((resolve) => { this.signalWaiter = () => resolve('signal'); });
    const result = await Promise.race([read, signalled]);
    this.signalWaiter = undefined;
    if (result === 'signal') {
      const signals = this.pendingSignals.splice(0);
      for (const signal of signals) {
        if (signal !== 'SIGINT' && this.traps.has(signal.replace(/^SIG/, ''))) this.pendingSignals.push(signal);
      }
      await this.runPendingTraps(streams);
      return { line: null, signal: true, pending: read };
    }
    return { line: result, signal: false, pending: undefined };
  }

  // ---- expansion ----------------------------------------------------------

  /** Expands words into fields: parameters, substitutions, splitting, globbing. */
  async expandWords(words: readonly Word[], streams: Streams): Promise<string[]> {
    const fields: string[] = [];
    for (const word of words) fields.push(...await this.expandToFields(word, streams));
    return fields;
  }

  private async expandToFields(word: Word, streams: Streams): Promise<string[]> {
    // "$@" with no positional parameters is no field at all, not an empty one.
    if (this.positional.length === 0 && isQuotedAt(word)) return [];
    const pieces = await this.expandParts(word.parts, streams, false, true);
    const fields = this.splitFields(pieces);
    const result: string[] = [];
    for (const field of fields) {
      const globbed = this.glob(field);
      if (globbed) result.push(...globbed);
      else result.push(field.map((s) => s.text).join(''));
    }
    return result;
  }

  /** Expands one word to one string (assignments, redirection targets, case subjects). */
  async expandWord(word: Word, streams: Streams, assignment = false): Promise<string> {
    const pieces = await this.expandParts(word.parts, streams, assignment, word.parts.length > 0 && isTildeStart(word.parts[0]));
    return pieces.map((p) => ('text' in p ? p.text : ' ')).join('');
  }

  private async expandPattern(word: Word, streams: Streams): Promise<PatternSegment[]> {
    const pieces = await this.expandParts(word.parts, streams, false, false);
    return pieces.flatMap((p) => ('text' in p ? [{ text: p.text, quoted: p.quoted || p.expanded === 'quoted' }] : []));
  }

  private async expandParts(parts: readonly WordPart[], streams: Streams, assignment: boolean, tilde: boolean): Promise<Piece[]> {
    const pieces: Piece[] = [];
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index];
      switch (part.kind) {
        case 'literal': {
          let text = part.text;
          if (index === 0 && tilde && !part.quoted && text.startsWith('~')) {
            const slash = text.indexOf('/');
            const user = text.slice(1, slash < 0 ? undefined : slash);
            const home = user === '' ? this.get('HOME') ?? '/root' : user === 'root' ? '/root' : undefined;
            if (home !== undefined) text = home + (slash < 0 ? '' : text.slice(slash));
            pieces.push({ text, quoted: true, expanded: 'no' });
            break;
          }
          pieces.push({ text, quoted: part.quoted, expanded: 'no' });
          break;
        }
        case 'parameter':
          pieces.push(...await this.expandParameter(part, streams, assignment));
          break;
        case 'command': {
          const output = await this.captureOutput(part.source, streams);
          pieces.push({ text: output, quoted: part.quoted, expanded: part.quoted ? 'quoted' : 'split' });
          break;
        }
        case 'arithmetic': {
          const value = await this.arithmetic(part.expression, streams);
          pieces.push({ text: String(value), quoted: part.quoted, expanded: part.quoted ? 'quoted' : 'split' });
          break;
        }
      }
    }
    return pieces;
  }

  private async expandParameter(part: Extract<WordPart, { kind: 'parameter' }>, streams: Streams, assignment: boolean): Promise<Piece[]> {
    const split = part.quoted || assignment ? 'quoted' : 'split';
    if ((part.name === '@' || part.name === '*') && !part.operator && !part.length) {
      if (part.name === '@' && part.quoted) {
        const pieces: Piece[] = [];
        this.positional.forEach((value, i) => {
          if (i > 0) pieces.push({ fieldBreak: true });
          pieces.push({ text: value, quoted: true, expanded: 'quoted' });
        });
        return pieces;
      }
      const ifs = this.get('IFS') ?? ' ';
      const joined = this.positional.join(part.quoted ? ifs.slice(0, 1) : ' ');
      return [{ text: joined, quoted: part.quoted, expanded: split }];
    }
    if (part.operator === 'bad' || (part.operator === ':' && this.flavor === 'dash')) {
      const source = part.operator === 'bad' ? part.name : '${...}';
      if (this.flavor === 'dash') streams.stderr(`${this.arg0}: ${this.currentLine}: Bad substitution\n`);
      else if (this.flavor === 'bash') streams.stderr(this.errorPrefix(this.currentLine) + `${source}: bad substitution\n`);
      else streams.stderr(`${this.arg0}: syntax error: bad substitution\n`);
      throw new ExpansionError('substitution', this.flavor === 'bash' ? 1 : 2);
    }
    let value = this.parameterValue(part.name);
    if (part.length) return [{ text: String((value ?? '').length), quoted: part.quoted, expanded: split }];
    const op = part.operator;
    const isNull = value === undefined || (op.startsWith(':') && value === '');
    const argument = async () => (part.argument ? this.expandWord(part.argument, streams, true) : '');
    switch (op) {
      case '-': case ':-':
        if (isNull) value = await argument();
        break;
      case '=': case ':=':
        if (isNull) {
          value = await argument();
          this.setVariable(part.name, value);
        }
        break;
      case '+': case ':+':
        value = isNull ? '' : await argument();
        break;
      case '?': case ':?':
        if (isNull) {
          const message = await argument();
          streams.stderr(this.parameterErrorMessage(part.name, message, op));
          throw new ExpansionError('parameter', this.flavor === 'bash' ? (this.mode === 'command' ? 127 : 1) : 2);
        }
        break;
      case ':': {
        // ${name:offset:length}, both arithmetic; a negative offset counts from the end.
        const [offsetText, lengthText] = (part.argument?.raw ?? '').split(':');
        const text = value ?? '';
        let offset = await this.arithmetic(offsetText || '0', streams);
        if (offset < 0) offset = Math.max(0, text.length + offset);
        const length = lengthText === undefined ? text.length : await this.arithmetic(lengthText, streams);
        value = text.slice(offset, length < 0 ? text.length + length : offset + length);
        break;
      }
      case '%': case '%%': case '#': case '##': {
        const segments = part.argument ? await this.expandPattern(part.argument, streams) : [];
        value = removePattern(value ?? '', segments, op);
        break;
      }
    }
    return [{ text: value ?? '', quoted: part.quoted, expanded: split }];
  }

  private parameterValue(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.status);
      case '$': return '1';
      case '#': return String(this.positional.length);
      case '!': return this.lastBackgroundPid ? String(this.lastBackgroundPid) : '';
      case '-': return this.flavor === 'bash' ? 'hBc' : '';
      case '0': return this.arg0;
    }
    if (/^[0-9]+$/.test(name)) return this.positional[Number(name) - 1];
    return this.get(name);
  }

  /** Field splitting (XCU 2.6.5) on IFS whitespace of the unquoted expansion results. */
  private splitFields(pieces: Piece[]): PatternSegment[][] {
    const ifs = this.get('IFS') ?? ' \t\n';
    const fields: PatternSegment[][] = [];
    let current: PatternSegment[] = [];
    let started = false;
    const end = () => {
      if (started) fields.push(current);
      current = [];
      started = false;
    };
    for (const piece of pieces) {
      if ('fieldBreak' in piece) {
        fields.push(current);
        current = [];
        started = false;
        continue;
      }
      if (piece.expanded !== 'split' || ifs === '') {
        current.push({ text: piece.text, quoted: piece.quoted || piece.expanded === 'quoted' });
        if (piece.quoted || piece.text !== '' || piece.expanded === 'quoted') started = true;
        continue;
      }
      let text = '';
      for (const c of piece.text) {
        if (ifs.includes(c)) {
          if (text) current.push({ text, quoted: false });
          text = '';
          if (started || current.length) end();
          if (!' \t\n'.includes(c)) started = true;
        } else {
          text += c;
          started = true;
        }
      }
      if (text) current.push({ text, quoted: false });
    }
    if (started || current.some((s) => s.text !== '')) end();
    return fields;
  }

  /** Pathname expansion against the container's files; undefined when nothing matches. */
  private glob(field: PatternSegment[]): string[] | undefined {
    if (!field.some((s) => !s.quoted && /[*?[]/.test(s.text))) return undefined;
    // Split the field into path components, keeping each character's quoting.
    const components: PatternSegment[][] = [[]];
    for (const segment of field) {
      const pieces = segment.text.split('/');
      pieces.forEach((piece, i) => {
        if (i > 0) components.push([]);
        if (piece) components[components.length - 1].push({ text: piece, quoted: segment.quoted });
      });
    }
    const absolute = components[0].length === 0 && components.length > 1;
    let paths = [absolute ? '/' : ''];
    const parts = absolute ? components.slice(1) : components;
    for (let i = 0; i < parts.length; i++) {
      const component = parts[i];
      const last = i === parts.length - 1;
      if (component.length === 0) {
        if (last) paths = paths.map((p) => (p.endsWith('/') ? p : `${p}/`));
        continue;
      }
      const regex = patternToRegExp(component);
      const next: string[] = [];
      for (const path of paths) {
        const prefix = path === '' ? '' : path.endsWith('/') ? path : `${path}/`;
        if (!regex) {
          next.push(prefix + component.map((s) => s.text).join(''));
          continue;
        }
        const directory = resolvePath(this.cwd, prefix || '.');
        const entries = this.ctx.readDir(directory) ?? [];
        const dotOk = component[0].text.startsWith('.');
        for (const entry of entries) {
          if (entry.startsWith('.') && !dotOk) continue;
          if (regex.test(entry)) next.push(prefix + entry);
        }
      }
      paths = next;
      if (paths.length === 0) return undefined;
    }
    const existing = paths.filter((p) => this.lookup(resolvePath(this.cwd, p)) !== undefined);
    return existing.length ? existing : undefined;
  }

  private async captureOutput(source: string, streams: Streams): Promise<string> {
    let output = '';
    const shell = this.cloneForSubshell();
    const captured: Streams = {
      stdout: (text) => { output += text; },
      stderr: (text) => streams.stderr(text),
      readLine: () => streams.readLine(),
      broken: () => false,
    };
    try {
      const list = parseShell(source, 1, this.flavor);
      await shell.executeList(list, captured);
      this.substitutionStatus = shell.status;
    } catch (error) {
      if (error instanceof ExitRequest || error instanceof ExpansionError) this.substitutionStatus = error.status;
      else if (error instanceof ShellSyntaxError) {
        this.reportSyntax(error.problem, source, streams);
        this.substitutionStatus = 2;
      } else if (!(error instanceof LoopJump || error instanceof ReturnRequest)) throw error;
    }
    return output.replace(/\n+$/, '');
  }

  private async arithmetic(expression: string, streams: Streams): Promise<number> {
    // Parameters inside $((...)) expand first.
    const expanded = expression.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9]|[?#$])\}?/g, (_, name: string) => this.parameterValue(name) ?? '');
    try {
      // dash has no ** operator.
      if (this.flavor === 'dash' && expanded.includes('**')) throw new ArithmeticError('syntax', expanded);
      return evaluateArithmetic(expanded, {
        get: (name) => this.get(name),
        set: (name, value) => this.setVariable(name, value),
      });
    } catch (error) {
      if (!(error instanceof ArithmeticError)) throw error;
      streams.stderr(this.arithmeticErrorMessage(error, expanded));
      throw new ExpansionError('arithmetic', this.flavor === 'bash' ? 1 : 2);
    }
  }

  // ---- redirections -------------------------------------------------------

  /**
   * Applies redirections in order to a table of descriptors (0, 1, 2 and
   * any above that `exec 3>file` opened), as the shells do with dup2: `>`
   * truncates, `>>` appends, `<>` opens for reading and writing, `>|`
   * ignores noclobber, `&>` (bash, ash) sends both outputs, `N>&M` copies a
   * descriptor. Files are written as output comes (see openForWriting).
   * Undefined when one fails; the error is printed as the shell words it.
   */
  private async redirect(redirections: readonly Redirection[], streams: Streams, command?: { line: number }): Promise<Streams | undefined> {
    if (redirections.length === 0) return streams;
    const line = command?.line ?? this.currentLine;
    const originalStdout: Descriptor = { write: (text) => streams.stdout(text) };
    const table = new Map<number, Descriptor>([
      [0, { readLine: () => streams.readLine() }],
      [1, originalStdout],
      [2, { write: (text) => streams.stderr(text) }],
    ]);
    for (const [fd, descriptor] of streams.descriptors ?? []) table.set(fd, descriptor);
    const closed: Descriptor = { write: () => undefined, readLine: async () => null };
    for (const redirection of redirections) {
      const target = await this.expandWord(redirection.target, streams);
      const { fd, operator } = redirection;
      if (operator === '>&' || operator === '<&') {
        if (target === '-') {
          table.set(fd, closed);
          continue;
        }
        if (/^[0-9]+$/.test(target)) {
          const source = table.get(Number(target));
          if (!source) {
            streams.stderr(this.flavor === 'ash' ? `${this.arg0}: dup2(${target},${fd}): Bad file descriptor\n` : this.errorPrefix(line) + `${target}: Bad file descriptor\n`);
            return undefined;
          }
          table.set(fd, source);
          continue;
        }
        // `>&file`: dash has no such thing; bash and ash take it as `&>file` (for stdout only).
        if (this.flavor === 'dash') {
          streams.stderr(`${this.arg0}: ${line}: Syntax error: Bad fd number\n`);
          if (this.isInteractive) return undefined;
          throw new ExitRequest(2);
        }
        if (fd !== 1 || operator === '<&') {
          if (this.flavor === 'ash') {
            streams.stderr(`${this.arg0}: redir error\n`);
            if (this.isInteractive) return undefined;
            throw new ExitRequest(2);
          }
          streams.stderr(this.errorPrefix(line) + `${target}: ambiguous redirect\n`);
          return undefined;
        }
        const file = this.openOutput(target, 'truncate', table, streams, line, operator);
        if (!file) return undefined;
        table.set(1, file);
        table.set(2, file);
        continue;
      }
      if (operator === '<') {
        const input = this.openInput(target, streams, line);
        if (!input) return undefined;
        table.set(fd, input);
        continue;
      }
      const mode = operator === '>>' || operator === '&>>' ? 'append' : operator === '<>' ? 'readWrite' : 'truncate';
      const file = this.openOutput(target, mode, table, streams, line, operator);
      if (!file) return undefined;
      table.set(fd, file);
      if (operator === '&>' || operator === '&>>') table.set(2, file);
    }
    const input = table.get(0);
    const output = table.get(1);
    const errors = table.get(2);
    const descriptors = new Map([...table].filter(([fd]) => fd > 2));
    return {
      stdout: (text) => output?.write?.(text),
      stderr: (text) => errors?.write?.(text),
      readLine: () => input?.readLine?.() ?? Promise.resolve(null),
      // Only output still going to the pipe can find it broken.
      broken: output === originalStdout ? () => streams.broken() : () => false,
      descriptors: descriptors.size ? descriptors : undefined,
    };
  }

  /** `<file`: its lines, as they are now; undefined (with the shell's message) when it cannot be opened. */
  private openInput(target: string, streams: Streams, line: number): Descriptor | undefined {
    const path = resolvePath(this.cwd, target);
    if (path === '/dev/null' || path === '/dev/zero') return { readLine: async () => null };
    if (path === '/dev/stdin' || path === '/dev/fd/0' || path === '/proc/self/fd/0') return { readLine: () => streams.readLine() };
    const status = statPath(this.ctx, path);
    if ('error' in status) {
      streams.stderr(this.openErrorMessage(target, status.error, line, false));
      return undefined;
    }
    if (status.entry.type === 'dir') {
      if (this.flavor === 'ash') streams.stderr(`${this.arg0}: can't open ${target}: Is a directory\n`);
      else streams.stderr(this.cannotOpenMessage(target, line, 'Is a directory'));
      return undefined;
    }
    const lines = (status.entry.content ?? '').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return { readLine: async () => lines.shift() ?? null };
  }

  /** `>file`, `>>file`, `<>file`, `&>file`: the open file, or undefined after the shell's message. */
  private openOutput(target: string, mode: WriteMode, table: ReadonlyMap<number, Descriptor>, streams: Streams, line: number, operator: Redirection['operator']): Descriptor | undefined {
    const path = resolvePath(this.cwd, target) + (target.endsWith('/') && target !== '/' ? '/' : '');
    if (this.noclobber && (operator === '>' || operator === '&>' || operator === '>&')) {
      // set -C: `>` refuses to replace an existing regular file (`>|` still may).
      const status = statPath(this.ctx, path);
      if ('entry' in status && status.entry.type === 'file') {
        streams.stderr(this.openErrorMessage(target, 'EEXIST', line, true));
        return undefined;
      }
    }
    // /dev/stdout and /dev/stderr are what descriptors 1 and 2 are at the time of the open.
    const [stdout, stderr] = [table.get(1), table.get(2)];
    const outputs = {
      stdout: (text: string) => stdout?.write?.(text),
      stderr: (text: string) => stderr?.write?.(text),
    };
    const file = openForWriting(this.ctx, path, mode, outputs);
    if ('error' in file) {
      streams.stderr(this.openErrorMessage(target, file.error, line, true));
      return undefined;
    }
    if (mode !== 'readWrite') return { write: (text) => file.write(text) };
    const lines = file.initial.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return { write: (text) => file.write(text), readLine: async () => lines.shift() ?? null };
  }

  // ---- builtins -----------------------------------------------------------

  private builtin(name: string): Builtin | undefined {
    switch (name) {
      case ':': case 'true': return async () => 0;
      case 'false': return async () => 1;
      case 'echo': return async (args, streams) => {
        streams.stdout(echoOutput(args, this.flavor === 'ash' ? 'busybox' : this.flavor));
        return 0;
      };
      case 'printf': return async (args, streams, command) => this.printf(args, streams, command);
      case 'pwd': return async (_args, streams) => {
        streams.stdout(`${this.cwd}\n`);
        return 0;
      };
      case 'cd': return async (args, streams, command) => this.cd(args, streams, command);
      case 'export': return async (args, streams) => this.export(args, streams);
      case 'readonly': return async (args) => {
        for (const arg of args) {
          const equals = arg.indexOf('=');
          if (equals > 0) this.setVariable(arg.slice(0, equals), arg.slice(equals + 1));
        }
        return 0;
      };
      case 'unset': return async (args) => {
        for (const arg of args.filter((a) => !a.startsWith('-'))) {
          this.variables.delete(arg);
          this.functions.delete(arg);
        }
        return 0;
      };
      case 'exit': return async (args, streams, command) => {
        const status = args.length ? this.numericArgument('exit', args[0], streams, command) : this.status;
        if (this.isInteractive && this.flavor === 'bash' && !this.subshell) streams.stderr('exit\n');
        throw new ExitRequest(status & 0xff);
      };
      case 'return': return async (args, streams, command) => {
        const status = args.length ? Number(args[0]) & 0xff : this.status;
        if (this.functionDepth === 0) {
          // Outside a function: bash refuses; dash and busybox leave the script, as exit does.
          if (this.flavor !== 'bash') throw new ExitRequest(status);
          streams.stderr(this.builtinErrorPrefix('return', command.line) + "can only `return' from a function or sourced script\n");
          return 1;
        }
        throw new ReturnRequest(status);
      };
      case 'break': case 'continue': return async (args, streams, command) => {
        if (this.loopDepth === 0) {
          if (this.flavor === 'bash') streams.stderr(this.builtinErrorPrefix(name, command.line) + "only meaningful in a `for', `while', or `until' loop\n");
          return 0;
        }
        const levels = Math.min(Number(args[0] ?? 1) || 1, this.loopDepth);
        throw new LoopJump(name, levels);
      };
      case 'shift': return async (args, streams, command) => {
        const n = args.length ? Number(args[0]) : 1;
        if (!Number.isInteger(n) || n < 0 || n > this.positional.length) {
          // Only dash complains; bash (without shift_verbose) and busybox fail quietly.
          if (this.flavor !== 'dash') return 1;
          streams.stderr(this.builtinErrorPrefix('shift', command.line) + "can't shift that many\n");
          return 2;
        }
        this.positional = this.positional.slice(n);
        return 0;
      };
      case 'set': return async (args, streams) => this.set(args, streams);
      case 'test': case '[': return async (args, streams, command) => this.test(name, args, streams, command);
      case 'read': return async (args, streams) => this.read(args, streams);
      case 'eval': return async (args, streams) => {
        await this.runProgramText(args.join(' '), streams);
        return this.status;
      };
      case '.': case 'source': return async (args, streams, command) => {
        if (name === 'source' && this.flavor === 'dash') return this.notFound(name, streams, command);
        const file = args[0];
        const entry = file === undefined ? undefined : this.readFollowing(resolvePath(this.cwd, file));
        if (!entry || entry.type !== 'file') {
          streams.stderr(this.cannotOpenMessage(file ?? '', command.line, 'No such file'));
          return this.flavor === 'bash' ? 1 : 2;
        }
        await this.runProgramText(entry.content ?? '', streams);
        return this.status;
      };
      case 'exec': return async (args, streams, command) => {
        if (args.length === 0) return 0;
        const path = this.locate(args[0]);
        const program = path ? this.ctx.resolveProgram(path) : undefined;
        if (!program) {
          streams.stderr(this.execNotFoundMessage(args[0], command.line));
          throw new ExitRequest(127);
        }
        const status = await this.spawn(program, args, this.environment([], path ?? args[0]), streams, !this.subshell);
        throw new ExitRequest(status);
      };
      case 'command': return async (args, streams, command) => this.command(args, streams, command);
      case 'type': return async (args, streams, command) => this.type(args, streams, command);
      case 'trap': return async (args, streams) => this.trap(args, streams);
      case 'wait': return async () => this.wait();
      case 'kill': return async (args, streams, command) => this.kill(args, streams, command);
      case 'umask': return async (args, streams) => {
        if (args.length === 0) streams.stdout('0022\n');
        return 0;
      };
      case 'ulimit': return async (args, streams) => {
        streams.stdout(args.includes('-n') ? '1048576\n' : 'unlimited\n');
        return 0;
      };
      case 'local': return async (args) => {
        for (const arg of args) {
          const equals = arg.indexOf('=');
          if (equals > 0) this.setVariable(arg.slice(0, equals), arg.slice(equals + 1));
        }
        return 0;
      };
      case 'alias': case 'unalias': case 'jobs': case 'fg': case 'bg': case 'hash': case 'times': case 'history':
      case 'getopts': case 'declare': case 'typeset': case 'let': case 'shopt': case 'disown': case 'suspend': case 'help':
        if (this.flavor !== 'bash' && ['declare', 'typeset', 'let', 'shopt', 'disown', 'suspend', 'history'].includes(name)) {
          if (this.flavor === 'dash' || name !== 'let') return undefined;
        }
        return async (_args, streams) => {
          streams.stderr(notSimulatedMessage(`the ${name} builtin`));
          return 1;
        };
      default: return undefined;
    }
  }

  private async notFound(name: string, streams: Streams, command: SimpleCommand): Promise<number> {
    streams.stderr(this.notFoundMessage(name, command.line));
    return 127;
  }

  private printf(args: string[], streams: Streams, command: SimpleCommand): number {
    if (args.length === 0) {
      const usage = this.flavor === 'bash' ? 'printf: usage: printf [-v var] format [arguments]'
        : this.flavor === 'dash' ? 'printf: usage: printf format [arg ...]' : 'usage: printf FORMAT [ARGUMENT...]';
      // bash's builtin_usage() prints without the shell's name.
      streams.stderr(this.flavor === 'ash' ? `sh: ${usage}\n` : this.flavor === 'bash' ? `${usage}\n` : this.errorPrefix(command.line) + `${usage}\n`);
      return 2;
    }
    const result = printfOutput(args[0], args.slice(1));
    streams.stdout(result.text);
    for (const bad of result.invalidNumbers) {
      const message = this.flavor === 'bash' ? `printf: ${bad}: invalid number`
        : this.flavor === 'dash' ? `printf: ${bad}: expected numeric value` : `invalid number '${bad}'`;
      streams.stderr(this.flavor === 'ash' ? `sh: ${message}\n` : this.errorPrefix(command.line) + `${message}\n`);
    }
    return result.invalidNumbers.length ? 1 : 0;
  }

  private cd(args: string[], streams: Streams, command: SimpleCommand): number {
    const operands = args.filter((a) => a !== '-P' && a !== '-L');
    let target = operands[0];
    let print = false;
    if (target === undefined) target = this.get('HOME') ?? '/';
    else if (target === '-') {
      target = this.get('OLDPWD') ?? '';
      print = true;
      if (!target) {
        streams.stderr(this.builtinErrorPrefix('cd', command.line) + 'OLDPWD not set\n');
        return 1;
      }
    }
    const path = resolvePath(this.cwd, target);
    const status = statPath(this.ctx, path);
    if (!('entry' in status) || status.entry.type !== 'dir') {
      const reason = FS_ERROR_TEXT['error' in status ? status.error : 'ENOTDIR'];
      if (this.flavor === 'bash') streams.stderr(this.builtinErrorPrefix('cd', command.line) + `${target}: ${reason}\n`);
      else if (this.flavor === 'dash') streams.stderr(this.builtinErrorPrefix('cd', command.line) + `can't cd to ${target}\n`);
      else streams.stderr(this.builtinErrorPrefix('cd', command.line) + `can't cd to ${target}: ${reason}\n`);
      return this.flavor === 'bash' ? 1 : 2;
    }
    this.setVariable('OLDPWD', this.cwd, true);
    this.cwd = path;
    this.setVariable('PWD', path, true);
    if (print) streams.stdout(`${path}\n`);
    return 0;
  }

  private export(args: string[], streams: Streams): number {
    const names = args.filter((a) => a !== '-p' && a !== '-n');
    if (names.length === 0) {
      const exported = [...this.variables.entries()].filter(([, v]) => v.exported).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [name, v] of exported) {
        streams.stdout(this.flavor === 'bash' ? `declare -x ${name}="${v.value.replace(/(["\\$`])/g, '\\$1')}"\n` : `export ${name}='${v.value.replace(/'/g, "'\"'\"'")}'\n`);
      }
      return 0;
    }
    for (const arg of names) {
      const equals = arg.indexOf('=');
      if (equals > 0) this.setVariable(arg.slice(0, equals), arg.slice(equals + 1), true);
      else {
        const existing = this.variables.get(arg);
        if (existing) existing.exported = true;
        else this.variables.set(arg, { value: '', exported: true, created: this.created++, unset: true });
      }
    }
    return 0;
  }

  private set(args: string[], streams: Streams): number {
    if (args.length === 0) {
      const names = [...this.variables.keys()].sort();
      for (const name of names) {
        const value = this.variables.get(name)!.value;
        streams.stdout(`${name}='${value.replace(/'/g, "'\"'\"'")}'\n`);
      }
      return 0;
    }
    let i = 0;
    for (; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--') { i++; this.positional = args.slice(i); return 0; }
      const on = arg[0] === '-';
      if ((arg === '-o' || arg === '+o') && i + 1 < args.length) {
        const option = { errexit: 'e', xtrace: 'x', noclobber: 'C' }[args[++i]];
        if (option) this.setFlag(option, on);
        continue;
      }
      if (!/^[-+][a-zA-Z]+$/.test(arg)) break;
      for (const flag of arg.slice(1)) this.setFlag(flag, on);
    }
    if (i < args.length) this.positional = args.slice(i);
    return 0;
  }

  private setFlag(flag: string, on: boolean): void {
    if (flag === 'e') this.errexit = on;
    else if (flag === 'x') this.xtrace = on;
    else if (flag === 'C') this.noclobber = on;
  }

  private test(name: string, args: string[], streams: Streams, command: SimpleCommand): number {
    const result = evaluateTest(args, name === '[', (path) => this.lookup(resolvePath(this.cwd, path)));
    if (typeof result === 'number') return result;
    streams.stderr(this.testErrorMessage(name, result, command.line));
    return 2;
  }

  private async read(args: string[], streams: Streams): Promise<number> {
    const names: string[] = [];
    let raw = false;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-r') raw = true;
      else if (args[i] === '-p' && this.flavor !== 'dash') { streams.stderr(args[++i] ?? ''); }
      else names.push(args[i]);
    }
    if (names.length === 0) names.push('REPLY');
    let line = await streams.readLine();
    if (line === null) {
      for (const name of names) this.setVariable(name, '');
      return 1;
    }
    if (!raw) line = line.replace(/\\(.)/g, '$1');
    const ifs = this.get('IFS') ?? ' \t\n';
    const fields: string[] = [];
    let rest = line.replace(new RegExp(`^[${escapeClass(ifs.replace(/[^ \t\n]/g, ''))}]+`), '');
    for (let i = 0; i < names.length - 1; i++) {
      const match = new RegExp(`^([^${escapeClass(ifs)}]*)[${escapeClass(ifs)}]*`).exec(rest);
      fields.push(match?.[1] ?? '');
      rest = rest.slice(match?.[0].length ?? rest.length);
    }
    fields.push(rest.replace(new RegExp(`[${escapeClass(ifs.replace(/[^ \t\n]/g, ''))}]+$`), ''));
    names.forEach((name, i) => this.setVariable(name, fields[i] ?? ''));
    return 0;
  }

  private async command(args: string[], streams: Streams, command: SimpleCommand): Promise<number> {
    if (args[0] === '-v' || args[0] === '-V') {
      let found = false;
      for (const name of args.slice(1)) {
        const kind = this.describe(name);
        if (!kind) continue;
        found = true;
        if (args[0] === '-v') streams.stdout(`${kind.kind === 'file' ? kind.path : name}\n`);
        else streams.stdout(this.typeLine(name, kind));
      }
      return found ? 0 : 1;
    }
    if (args.length === 0) return 0;
    const builtin = this.builtin(args[0]);
    if (builtin) return builtin(args.slice(1), streams, command);
    return this.runExternal(args, [], streams, command);
  }

  private type(args: string[], streams: Streams, command: SimpleCommand): number {
    let status = 0;
    for (const name of args) {
      const kind = this.describe(name);
      if (!kind) {
        if (this.flavor === 'bash') streams.stderr(this.builtinErrorPrefix('type', command.line) + `${name}: not found\n`);
        else streams.stdout(`${name}: not found\n`);
        status = this.flavor === 'bash' ? 1 : 127;
        continue;
      }
      streams.stdout(this.typeLine(name, kind));
    }
    return status;
  }

  private typeLine(name: string, kind: { kind: 'builtin' | 'special' | 'function' | 'keyword' | 'file'; path?: string }): string {
    switch (kind.kind) {
      case 'builtin': return `${name} is a shell builtin\n`;
      case 'special': return this.flavor === 'bash' ? `${name} is a shell builtin\n` : `${name} is a special shell builtin\n`;
      case 'function': return `${name} is a function\n`;
      case 'keyword': return this.flavor === 'bash' ? `${name} is a shell keyword\n` : `${name} is a shell keyword\n`;
      case 'file': return `${name} is ${kind.path}\n`;
    }
  }

  private describe(name: string): { kind: 'builtin' | 'special' | 'function' | 'keyword' | 'file'; path?: string } | undefined {
    if (['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!'].includes(name)) return { kind: 'keyword' };
    if (this.functions.has(name)) return { kind: 'function' };
    if (SPECIAL_BUILTINS.has(name)) return { kind: 'special' };
    if (this.builtin(name)) return { kind: 'builtin' };
    const path = this.locate(name);
    return path ? { kind: 'file', path } : undefined;
  }

  private trap(args: string[], streams: Streams): number {
    if (args.length === 0) {
      for (const [signal, action] of this.traps) streams.stdout(`trap -- '${action}' ${signal === 'EXIT' ? 'EXIT' : `SIG${signal}`}\n`);
      return 0;
    }
    const action = args[0];
    const names = args.slice(1).map((n) => n.toUpperCase().replace(/^SIG/, '')).map((n) => (n === '0' ? 'EXIT' : /^[0-9]+$/.test(n) ? signalName(Number(n)) : n));
    for (const name of names) {
      if (action === '-') this.traps.delete(name);
      else this.traps.set(name, action);
    }
    const signals = names.filter((n) => n !== 'EXIT' && action !== '-').map((n) => `SIG${n}`);
    if (signals.length) {
      // A handler makes PID 1 receive the signal; ignoring ('') too, harmlessly.
      this.ctx.handleSignals(signals);
      this.startSignalPump();
    }
    return 0;
  }

  private async wait(): Promise<number> {
    let status = 0;
    while (this.jobs.length) {
      const job = this.jobs[0];
      if (this.pumping) {
        const signalled = new Promise<'signal'>((resolve) => {
          if (this.pendingSignals.length) resolve('signal');
          else this.signalWaiter = () => resolve('signal');
        });
        const result = await Promise.race([job.done, signalled]);
        this.signalWaiter = undefined;
        if (result === 'signal') {
          // A trapped signal interrupts wait (XCU wait: status > 128).
          const signal = this.pendingSignals[0];
          return 128 + (SIGNAL_NUMBERS[signal] ?? 0);
        }
        status = result;
      } else {
        status = await job.done;
      }
      this.jobs.shift();
    }
    return status;
  }

  private async kill(args: string[], streams: Streams, command: SimpleCommand): Promise<number> {
    const pids = args.filter((a) => !a.startsWith('-'));
    const signalArg = args.find((a) => a.startsWith('-'))?.slice(1) ?? 'TERM';
    const signal = /^[0-9]+$/.test(signalArg) ? signalName(Number(signalArg)) : signalArg.toUpperCase().replace(/^SIG/, '');
    let status = 0;
    for (const pid of pids) {
      if (pid === '1' || pid === '$$') {
        // Signals PID 1 sends itself: delivered only if trapped (the kernel drops the rest for init).
        if (this.traps.has(signal)) {
          const saved = this.status;
          await this.runProgramText(this.traps.get(signal)!, streams);
          this.status = saved;
        }
        continue;
      }
      const job = this.jobs.find((j) => String(j.pid) === pid);
      if (job) {
        this.jobs.splice(this.jobs.indexOf(job), 1);
        continue;
      }
      status = 1;
      if (this.flavor === 'bash') streams.stderr(this.builtinErrorPrefix('kill', command.line) + `(${pid}) - No such process\n`);
      else if (this.flavor === 'dash') streams.stderr(this.builtinErrorPrefix('kill', command.line) + 'No such process\n');
      else streams.stderr(`${this.arg0}: can't kill pid ${pid}: No such process\n`);
    }
    return status;
  }

  private numericArgument(builtin: string, text: string, streams: Streams, command: SimpleCommand): number {
    if (/^-?[0-9]+$/.test(text) && !(this.flavor !== 'bash' && text.startsWith('-'))) return Number(text);
    if (this.flavor === 'bash') {
      streams.stderr(this.builtinErrorPrefix(builtin, command.line) + `${text}: numeric argument required\n`);
      if (this.isInteractive) streams.stderr('exit\n');
      throw new ExitRequest(2);
    }
    if (this.flavor === 'dash') streams.stderr(this.builtinErrorPrefix(builtin, command.line) + `Illegal number: ${text}\n`);
    else streams.stderr(this.builtinErrorPrefix(builtin, command.line) + `Illegal number: ${text}\n`);
    throw new ExitRequest(2);
  }

  // ---- messages -----------------------------------------------------------

  /** The shell's prefix for its own errors: `sh: 1: ` (dash), `bash: line 1: `, `sh: `. */
  private errorPrefix(line: number): string {
    if (this.flavor === 'dash') return `${this.arg0}: ${line}: `;
    if (this.flavor === 'bash') return this.isInteractive ? 'bash: ' : `${this.arg0}: line ${line}: `;
    return `${this.arg0}: `;
  }

  /** `sh: 1: cd: ` / `bash: line 1: cd: ` / `sh: cd: line 1: ` */
  private builtinErrorPrefix(builtin: string, line: number): string {
    if (this.flavor === 'dash') return `${this.arg0}: ${line}: ${builtin}: `;
    if (this.flavor === 'bash') return this.isInteractive ? `bash: ${builtin}: ` : `${this.arg0}: line ${line}: ${builtin}: `;
    // busybox ash numbers the lines of a -c string from 0.
    if (this.isInteractive) return `${this.arg0}: ${builtin}: `;
    return `${this.arg0}: ${builtin}: line ${this.mode === 'command' ? line - 1 : line}: `;
  }

  private notFoundMessage(name: string, line: number): string {
    const path = name.includes('/');
    if (this.flavor === 'bash') return this.errorPrefix(line) + (path ? `${name}: No such file or directory\n` : `${name}: command not found\n`);
    if (this.flavor === 'dash') return `${this.arg0}: ${line}: ${name}: not found\n`;
    return `${this.arg0}: ${name}: not found\n`;
  }

  private execNotFoundMessage(name: string, line: number): string {
    if (this.flavor === 'bash') return this.errorPrefix(line) + `exec: ${name}: not found\n`;
    if (this.flavor === 'dash') return `${this.arg0}: ${line}: exec: ${name}: not found\n`;
    return this.builtinErrorPrefix('exec', line) + `${name}: not found\n`;
  }

  /**
   * A redirection's file that cannot be opened: dash's and busybox's own
   * words for a missing directory or file (ENOENT, ENOTDIR), strerror for
   * the rest; bash's strerror always (and its noclobber sentence).
   */
  private openErrorMessage(target: string, error: FsErrorCode, line: number, creating: boolean): string {
    const missing = error === 'ENOENT' || error === 'ENOTDIR';
    if (this.flavor === 'bash') {
      return this.errorPrefix(line) + `${target}: ${error === 'EEXIST' ? 'cannot overwrite existing file' : FS_ERROR_TEXT[error]}\n`;
    }
    if (this.flavor === 'dash') {
      const reason = missing ? (creating ? 'Directory nonexistent' : 'No such file') : FS_ERROR_TEXT[error];
      return `${this.arg0}: ${line}: ${creating ? 'cannot create' : 'cannot open'} ${target}: ${reason}\n`;
    }
    const reason = missing ? (creating ? 'nonexistent directory' : 'no such file') : FS_ERROR_TEXT[error];
    return `${this.arg0}: ${creating ? "can't create" : "can't open"} ${target}: ${reason}\n`;
  }

  private cannotOpenMessage(file: string, line: number, reason: string): string {
    if (this.flavor === 'bash') return this.errorPrefix(line) + `${file}: ${reason === 'No such file' ? 'No such file or directory' : reason}\n`;
    if (this.flavor === 'dash') return `${this.arg0}: ${line}: cannot open ${file}: ${reason}\n`;
    return `${this.arg0}: can't open '${file}': ${reason === 'No such file' ? 'No such file or directory' : reason}\n`;
  }

  private parameterErrorMessage(name: string, message: string, operator: string): string {
    const text = message || (this.flavor === 'bash'
      ? (operator === ':?' ? 'parameter null or not set' : 'parameter not set')
      : (operator === ':?' ? 'parameter not set or null' : 'parameter not set'));
    if (this.flavor === 'bash') return this.errorPrefix(this.currentLine) + `${name}: ${text}\n`;
    if (this.flavor === 'dash') return `${this.arg0}: ${this.currentLine}: ${name}: ${text}\n`;
    return `${this.arg0}: ${name}: ${text}\n`;
  }

  private arithmeticErrorMessage(error: ArithmeticError, expression: string): string {
    if (error.reason === 'divisionByZero') {
      if (this.flavor === 'bash') return this.errorPrefix(this.currentLine) + `${expression.trim()}: division by 0 (error token is "${expression.trim().split(/[/%]/).pop()?.trim() ?? ''}")\n`;
      if (this.flavor === 'dash') return `${this.arg0}: ${this.currentLine}: arithmetic expression: division by zero: "${expression}"\n`;
      return `${this.arg0}: divide by zero\n`;
    }
    if (this.flavor === 'bash') return this.errorPrefix(this.currentLine) + `${expression.trim()}: syntax error in expression\n`;
    if (this.flavor === 'dash') return `${this.arg0}: ${this.currentLine}: arithmetic expression: expecting primary: "${expression}"\n`;
    return `${this.arg0}: arithmetic syntax error\n`;
  }

  private testErrorMessage(name: string, problem: TestProblem, line: number): string {
    const bash = this.flavor === 'bash';
    let text: string;
    switch (problem.kind) {
      case 'missingBracket': text = bash ? "missing `]'" : 'missing ]'; break;
      case 'badNumber': text = bash ? `${problem.operand}: integer expression expected` : this.flavor === 'dash' ? `Illegal number: ${problem.operand}` : `${problem.operand}: bad number`; break;
      case 'unexpectedOperator': text = bash ? `${problem.second}: binary operator expected` : this.flavor === 'dash' ? `${problem.operand}: unexpected operator` : `${problem.second}: unknown operand`; break;
      case 'argumentExpected': text = bash ? `${problem.first}: unary operator expected` : `${problem.operator}: argument expected`; break;
    }
    if (this.flavor === 'ash') return `sh: ${text}\n`;
    return this.builtinErrorPrefix(name, line) + `${text}\n`;
  }

  private reportSyntax(reported: SyntaxProblem, source: string, streams: Streams): void {
    let problem = reported;
    if (problem.kind === 'unsupported') {
      streams.stderr(notSimulatedMessage(problem.what));
      return;
    }
    const line = problem.line;
    if (this.flavor === 'dash') {
      const text = problem.kind === 'unexpected' ? `"${problem.token}" unexpected`
        : problem.kind === 'endOfFile' ? `end of file unexpected${problem.expecting ? ` (expecting ${problem.expecting === 'word' ? 'word' : `"${problem.expecting}"`})` : ''}`
          : problem.kind === 'missing' ? (problem.what === '`' ? 'EOF in backquote substitution' : `Missing '${problem.what}'`)
            : problem.kind === 'badForVariable' ? 'Bad for loop variable'
              : 'Unterminated quoted string';
      streams.stderr(`${this.arg0}: ${line}: Syntax error: ${text}\n`);
      return;
    }
    if (this.flavor === 'ash') {
      const text = problem.kind === 'unexpected' ? `unexpected ${problem.token === 'newline' ? 'newline' : `"${problem.token}"`}`
        : problem.kind === 'endOfFile' ? `unexpected end of file${problem.expecting ? ` (expecting ${problem.expecting === 'word' ? 'word' : `"${problem.expecting}"`})` : ''}`
          : problem.kind === 'missing' ? (problem.what === '`' ? 'EOF in backquote substitution' : `missing '${problem.what}'`)
            : problem.kind === 'badForVariable' ? 'bad for loop variable'
              : 'unterminated quoted string';
      streams.stderr(`${this.arg0}: syntax error: ${text}\n`);
      return;
    }
    if (problem.kind === 'badForVariable' || (problem.kind === 'endOfFile' && problem.token)) {
      problem = { kind: 'unexpected', token: problem.kind === 'badForVariable' ? problem.token : problem.token ?? '', line };
    }
    const where = this.mode === 'command' ? `${this.arg0}: -c: line ` : this.isInteractive ? 'bash: ' : `${this.arg0}: line `;
    const at = this.isInteractive ? '' : `${problem.kind === 'endOfFile' && !problem.expecting.startsWith(')') ? line + 0 : line}: `;
    if (problem.kind === 'unexpected') {
      streams.stderr(`${where}${at}syntax error near unexpected token \`${problem.token}'\n`);
      // A script's error also quotes the line (bash's report_syntax_error).
      if (!this.isInteractive) {
        const lines = source.split('\n');
        const text = lines[Math.max(0, line - this.sourceFirstLine)] ?? source;
        streams.stderr(`${where}${at}\`${text}'\n`);
      }
    } else if (problem.kind === 'missing') {
      streams.stderr(`${where}${at}unexpected EOF while looking for matching \`${problem.what === '))' ? ')' : problem.what}'\n`);
    } else if (problem.kind === 'endOfFile') {
      if (problem.expecting === ')' ) streams.stderr(`${where}${at}unexpected EOF while looking for matching \`)'\n`);
      else streams.stderr(`${where}${this.isInteractive ? '' : `${line + 1}: `}syntax error: unexpected end of file\n`);
    } else {
      streams.stderr(`${where}${at}unexpected EOF while looking for matching \`${problem.quote}'\n`);
    }
  }

  // ---- state --------------------------------------------------------------

  get(name: string): string | undefined {
    const variable = this.variables.get(name);
    if (!variable || variable.unset) return undefined;
    return variable.value;
  }

  setVariable(name: string, value: string, exported?: boolean): void {
    const existing = this.variables.get(name);
    if (existing) {
      existing.value = value;
      existing.unset = false;
      if (exported) existing.exported = true;
    } else {
      this.variables.set(name, { value, exported: exported ?? false, created: this.created++ });
    }
  }

  /** The environment a child gets: exported variables in the shell's own order. */
  private environment(prefixes: readonly string[], commandPath: string): string[] {
    const exported = [...this.variables.entries()]
      .filter(([, v]) => v.exported && !v.unset)
      .map(([name, v]) => ({ name, value: v.value, created: v.created }));
    const env = exportOrder(this.flavor, exported, prefixes);
    if (this.flavor === 'bash') env.push(`_=${commandPath}`);
    return env;
  }

  /** Finds a command on the shell's PATH: the path it runs from, or undefined. */
  private locate(name: string): string | undefined {
    if (name.includes('/')) {
      const path = resolvePath(this.cwd, name);
      const entry = this.readFollowing(path);
      return entry && entry.type !== 'dir' ? path : undefined;
    }
    for (const directory of (this.get('PATH') ?? '').split(':')) {
      if (!directory) continue;
      const path = `${directory.replace(/\/$/, '')}/${name}`;
      const entry = this.readFollowing(path);
      if (entry && entry.type !== 'dir') return path;
    }
    // Not among the container's files: a program the container deleted stays deleted. Only the few the
    // image has though its file list does not (Debian's alternatives: awk, which, pager), none of them
    // simulated, are left to the program table, for the container's own PATH, to say so.
    if ((this.get('PATH') ?? '') !== (this.initialPath ?? '')) return undefined;
    const program = this.ctx.resolveProgram(name);
    return program && !isSimulated(program) ? name : undefined;
  }

  private lookup(path: string): FileEntry | undefined {
    return this.ctx.readFile(path);
  }

  /** A file, following symlinks as open(2) does. */
  private readFollowing(path: string): FileEntry | undefined {
    return readFollowing(this.ctx, path);
  }


  private async runProgramText(source: string, streams: Streams): Promise<void> {
    const list = this.parse(source, 1, streams);
    if (list) await this.executeList(list, streams);
  }

  private cloneForSubshell(): Shell {
    const clone = Object.create(Shell.prototype) as Shell;
    Object.assign(clone, this);
    const writable = clone as unknown as { variables: Map<string, Variable>; functions: Map<string, Command>; traps: Map<string, string>; jobs: BackgroundJob[] };
    writable.variables = new Map([...this.variables].map(([k, v]) => [k, { ...v }]));
    writable.functions = new Map(this.functions);
    writable.traps = new Map();
    writable.jobs = [];
    clone.replacedStreams = new Map(this.replacedStreams);
    clone.subshell = true;
    clone.execCandidate = undefined;
    clone.positional = [...this.positional];
    return clone;
  }

  private promptText(variable: 'PS1' | 'PS2'): string {
    const ps = this.get(variable) ?? '';
    if (variable === 'PS2') return ps;
    const home = this.get('HOME') ?? '/root';
    const short = this.cwd === home ? '~' : this.cwd.startsWith(`${home}/`) ? `~${this.cwd.slice(home.length)}` : this.cwd;
    if (this.flavor === 'dash') return ps;
    return ps
      .replace(/\$\{debian_chroot:\+\(\$debian_chroot\)\}/g, '')
      .replace(/\\u/g, 'root')
      .replace(/\\h/g, this.ctx.hostname.split('.')[0])
      .replace(/\\H/g, this.ctx.hostname)
      .replace(/\\w/g, short)
      .replace(/\\W/g, this.cwd === home ? '~' : this.cwd === '/' ? '/' : this.cwd.slice(this.cwd.lastIndexOf('/') + 1))
      .replace(/\\s/g, 'bash')
      .replace(/\\v/g, this.ctx.family === 'oraclelinux' ? '5.1' : '5.2')
      .replace(/\\\$/g, '#');
  }

  /** Debian's and Ubuntu's /etc/bash.bashrc set this PS1; Oracle Linux leaves bash's default `\s-\v\$ `. */
  private bashPrompt(): string {
    return this.ctx.family === 'debian' || this.ctx.family === 'ubuntu'
      ? '${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '
      : '\\s-\\v\\$ ';
  }

  /** Long runs of commands that never wait give the rest of the lab a turn. */
  private async maybeYield(): Promise<void> {
    if (++this.steps < YIELD_EVERY) return;
    this.steps = 0;
    await this.ctx.sleep(0);
  }
}

/** An expanded piece of a word: text with how it may be split, or a forced field break ("$@"). */
type Piece = { text: string; quoted: boolean; expanded: 'no' | 'split' | 'quoted' } | { fieldBreak: true };

function isQuotedAt(word: Word): boolean {
  const meaningful = word.parts.filter((p) => !(p.kind === 'literal' && p.text === ''));
  return meaningful.length === 1 && meaningful[0].kind === 'parameter' && meaningful[0].name === '@' && meaningful[0].quoted && !meaningful[0].operator;
}

function isTildeStart(part: WordPart): boolean {
  return part.kind === 'literal' && !part.quoted && part.text.startsWith('~');
}

function removePattern(value: string, segments: PatternSegment[], operator: string): string {
  const regex = patternToRegExp(segments, { dotAll: true }) ?? new RegExp(`^${segments.map((s) => s.text).join('').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 's');
  const prefix = operator.startsWith('#');
  const longest = operator.length === 2;
  const lengths = [...Array(value.length + 1).keys()];
  const order = longest ? lengths.reverse() : lengths;
  for (const n of order) {
    const candidate = prefix ? value.slice(0, n) : value.slice(value.length - n);
    if (regex.test(candidate)) return prefix ? value.slice(n) : value.slice(0, value.length - n);
  }
  return value;
}

function signalName(n: number): string {
  const names: Record<number, string> = { 0: 'EXIT', 1: 'HUP', 2: 'INT', 3: 'QUIT', 9: 'KILL', 10: 'USR1', 12: 'USR2', 15: 'TERM' };
  return names[n] ?? String(n);
}

function escapeClass(text: string): string {
  return text.replace(/[\\\]^-]/g, '\\$&').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

function count(text: string, character: string): number {
  let n = 0;
  for (const c of text) if (c === character) n++;
  return n;
}
