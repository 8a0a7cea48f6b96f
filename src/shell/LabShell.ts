import type { CommandIO, InputSource } from '../cli/CommandIO';
import { Emitter, type Event } from '../engine/Emitter';
import { ColumnTracker } from './ColumnTracker';
import { complete } from './complete';
import { curl } from './curl';
import { formatColumns } from './formatColumns';
import { LineEditor } from './LineEditor';
import { readKey, type Key } from './readKey';
import type { HistoryStore, ShellHost } from './ShellHost';
import {
  commandKey, expandWords, expandWordWhole, parseCommandLine, UNTERMINATED_QUOTE_MESSAGE,
  type IncompleteReason, type ParameterLookup, type ParsedCommand,
} from './tokenize';

/** How a LabShell is set up. */
export interface LabShellOptions {
  /** The prompt; `$ ` by default. */
  prompt?: string;
  /** The prompt for the rest of an unfinished command (open quote, trailing `\`, `&&`); `> ` as in bash. */
  continuationPrompt?: string;
  /** Printed once by `open`, before the first prompt (one line, e.g. "Docker Lab: type help"). */
  welcome?: string;
  /** Shell variables, added to (or replacing) the defaults HOME, USER, PATH, PWD, ... */
  environment?: Readonly<Record<string, string>>;
  /** Where history is loaded from and saved to; without it history lasts as long as the shell. */
  history?: HistoryStore;
  /** How many history entries are kept (Debian's default .bashrc: HISTSIZE=1000). */
  historySize?: number;
  /** Terminal width for commands in batch mode (`runScript`); 80 by default. */
  batchColumns?: number;
}

/** After a command line ran: what it was and its exit status (`$?`). */
export interface CommandLineResult {
  readonly text: string;
  readonly status: number;
}

/** Where the shell is in its life. */
type ShellState =
  /** Before `open` (interactive) or `runScript` (batch). */
  | 'closed'
  /** Editing a command line at the prompt. */
  | 'prompt'
  /** A command line is executing; keys are typed ahead, or go to the command's `readLine`. */
  | 'running'
  | 'exited';

/** A cooked-mode `readLine` of a running command, waiting for Enter. */
interface PendingRead {
  editor: LineEditor;
  resolve(line: string | null): void;
}

/** One running command as the shell tracks it. */
interface RunningCommand {
  readonly interrupt: Emitter<void>;
  /** Ctrl+C when nothing listened: the shell stopped waiting; the command's later output is dropped. */
  abandoned: boolean;
  readonly whenAbandoned: Promise<void>;
  abandon(): void;
  read?: PendingRead;
}

/** A command's body: it gets the terminal and resolves to an exit status. */
type Program = (io: CommandIO) => number | Promise<number>;

const DEFAULT_ENVIRONMENT: Readonly<Record<string, string>> = {
  HOME: '/home/learner',
  USER: 'learner',
  LOGNAME: 'learner',
  HOSTNAME: 'docker-lab',
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  PWD: '/home/learner',
  SHELL: '/bin/bash',
  TERM: 'xterm-256color',
  LANG: 'C.UTF-8',
};

/** `clear` with TERM=xterm-256color: home, erase the screen, erase the scrollback (ncurses' E3). */
const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';
/** Ctrl+L clears the screen but keeps the scrollback, as readline's clear-screen does. */
const CLEAR_DISPLAY = '\x1b[H\x1b[2J';
const BELL = '\x07';

/** What `help` prints. */
export const HELP_TEXT = `Docker Lab shell: a practice terminal with a simulated Docker. You can type:
  docker ...    the Docker command line (try: docker run hello-world)
  curl URL      send an HTTP request to a published port (curl localhost:8080),
                or to the daemon: curl --unix-socket /var/run/docker.sock http://localhost/_ping
  clear         clear the screen (or press Ctrl+L)
  history       list the commands you typed (Up and Down recall them)
  exit          close this terminal (or press Ctrl+D)
Tab completes commands, options and names; Ctrl+C stops a running command.
`;

/**
 * The lab's shell: the line discipline of every Docker Lab terminal, and the
 * little shell behind it. Terminal-agnostic and pure: feed it what a VS Code
 * Pseudoterminal's `handleInput` receives, write `onOutput` to the terminal.
 *
 * Interactive (after `open`): prompt, readline-style editing (arrows,
 * Home/End, Ctrl+A/E/U/K/W, Alt+B/F/D, Backspace, Delete), history (Up/Down,
 * `history`), Tab completion, Ctrl+L, Ctrl+C, Ctrl+D. An unfinished line (an
 * open quote, a trailing `\` or `&&`) continues at a `> ` prompt, as in bash,
 * so pasted multi-line `docker run \` commands work; Ctrl+C abandons it.
 *
 * Batch (`runScript`): the same parser and commands, one line after another,
 * with no prompt, no echo and no editing, stdout on `onOutput` and stderr on
 * `onErrorOutput` (for `docker-lab -c` and piped input).
 *
 * Commands: `docker ...` goes to the host's docker CLI, `curl` to the lab's
 * curl; builtins `echo`, `true`, `false`, `exit`, `help`, `history`, `clear`,
 * `export`, `unset` and `NAME=value`; anything else is "command not found"
 * (127). A running command's Ctrl+C goes to it when it listens to
 * `onInterrupt`; otherwise the shell abandons it like a process killed by
 * SIGINT: `^C`, a new prompt, `$?` 130, and the command's later output dropped.
 * The shell echoes `^C` itself (a tty in cooked mode does), so commands must not.
 */
export class LabShell {
  private readonly outputEmitter = new Emitter<string>();
  private readonly errorOutputEmitter = new Emitter<string>();
  private readonly exitEmitter = new Emitter<number>();
  private readonly willExecuteEmitter = new Emitter<string>();
  private readonly executeEmitter = new Emitter<CommandLineResult>();

  /** Interactive: everything for the terminal (with `\r\n` and escape sequences). Batch: standard output. */
  readonly onOutput: Event<string> = this.outputEmitter.event;
  /** Batch only: standard error. (Interactive stderr goes to the terminal, on `onOutput`.) */
  readonly onErrorOutput: Event<string> = this.errorOutputEmitter.event;
  /** The shell ended (`exit`, Ctrl+D), with its exit status. */
  readonly onExit: Event<number> = this.exitEmitter.event;
  /** A command line is about to run (its text): the moment to remember the lab for "Undo". */
  readonly onWillExecute: Event<string> = this.willExecuteEmitter.event;
  /** A command line finished (or was abandoned): the moment to save the lab's state. */
  readonly onDidExecute: Event<CommandLineResult> = this.executeEmitter.event;

  private readonly prompt: string;
  private readonly continuationPrompt: string;
  private readonly variables = new Map<string, string>();
  private readonly exported = new Set<string>();
  private readonly historySize: number;
  private history: string[];

  private mode: 'interactive' | 'batch' | undefined;
  private state: ShellState = 'closed';
  private status = 0;
  private columns: number;
  private readonly tracker: ColumnTracker;
  private editor: LineEditor;
  /** Lines of a command that is not finished yet (continuation prompt). */
  private pendingLines: string[] = [];
  private historyIndex = 0;
  private historyDraft = '';
  private lastKeyWasTab = false;
  /** Keys not handled yet: typed ahead while a command runs. */
  private inputQueue = '';
  private pumping = false;
  private current: RunningCommand | undefined;
  /** Ctrl+C went to a command in this command line (then the prompt starts on a fresh line, as after SIGINT). */
  private interruptForwarded = false;
  /** Set by `exit`: the status the shell exits with. */
  private exitRequested: number | undefined;
  private batchStdin: InputSource | undefined;

  constructor(private readonly host: ShellHost, private readonly options: LabShellOptions = {}) {
    this.prompt = options.prompt ?? '$ ';
    this.continuationPrompt = options.continuationPrompt ?? '> ';
    this.historySize = options.historySize ?? 1000;
    for (const [name, value] of Object.entries({ ...DEFAULT_ENVIRONMENT, ...options.environment })) {
      this.variables.set(name, value);
      this.exported.add(name);
    }
    this.history = [...(options.history?.load() ?? [])].slice(-this.historySize);
    this.columns = options.batchColumns ?? 80;
    this.tracker = new ColumnTracker(this.columns);
    this.editor = new LineEditor(this.columns, 0);
  }

  /** `$?`: the exit status of the last command. */
  get lastStatus(): number {
    return this.status;
  }

  /** True while a command line runs (what is typed now is typed ahead, or read by the command). */
  get isBusy(): boolean {
    return this.state === 'running';
  }

  /** The history, oldest first. */
  get historyEntries(): readonly string[] {
    return this.history;
  }

  /** Starts the interactive shell: prints the welcome line and the first prompt. */
  open(columns: number, _rows?: number): void {
    if (this.state !== 'closed') return;
    this.mode = 'interactive';
    this.setColumns(columns);
    const welcome = this.options.welcome;
    if (welcome) this.write(toTerminal(welcome.endsWith('\n') ? welcome : welcome + '\n'));
    this.showPrompt();
  }

  /** The terminal changed size: later editing and commands use the new width. */
  resize(columns: number, _rows?: number): void {
    this.setColumns(columns);
  }

  /** Raw terminal input: typed keys, escape sequences, pasted text (several lines run one after another). */
  handleInput(data: string): void {
    if (this.state === 'exited' || this.mode === 'batch') return;
    this.inputQueue += data;
    this.pump();
  }

  /**
   * Ctrl+C from outside the terminal (a SIGINT in batch mode): forwarded when
   * the running command listens, else the command is abandoned.
   */
  interrupt(): 'forwarded' | 'abandoned' | 'idle' {
    const command = this.current;
    if (!command) {
      if (this.mode === 'interactive' && this.state === 'prompt') this.handleInput('\x03');
      return 'idle';
    }
    if (this.mode === 'interactive') {
      this.interruptRunning();
    } else if (command.interrupt.hasListeners) {
      command.interrupt.fire();
    } else {
      this.abandon(command);
    }
    return command.abandoned ? 'abandoned' : 'forwarded';
  }

  /**
   * Batch mode: runs the lines of `script` one after another (continuing
   * unfinished ones), with no prompt and no echo. Commands that read standard
   * input read `stdin`, by default the script itself, as `bash < file` does.
   * Resolves to the shell's exit status: `exit`'s, or the last command's.
   */
  async runScript(script: InputSource, stdin: InputSource = script): Promise<number> {
    if (this.state !== 'closed') throw new Error('LabShell.runScript: the shell is already running');
    this.mode = 'batch';
    this.state = 'running';
    this.batchStdin = stdin;
    const pending: string[] = [];
    for (;;) {
      const line = await script.readLine();
      if (line === null) {
        if (pending.length > 0) {
          const text = pending.join('\n');
          const parsed = parseCommandLine(text);
          if (parsed.status === 'incomplete' && parsed.reason === 'backslash') {
            // bash: a continuation at the end of input just ends the line.
            await this.executeLine(text.replace(/\\$/, ''));
          } else {
            this.writeError(incompleteMessage(parsed.status === 'incomplete' ? parsed.reason : 'quote') + '\n');
            this.status = 2;
          }
        }
        break;
      }
      pending.push(line);
      const text = pending.join('\n');
      if (parseCommandLine(text).status === 'incomplete') continue;
      pending.length = 0;
      const outcome = await this.executeLine(text);
      if (outcome === 'abandoned') {
        // A script whose command was killed by Ctrl+C dies with it.
        this.state = 'exited';
        return 130;
      }
      // A non-interactive bash stops at a syntax error, with status 2 (a construct the lab
      // does not simulate is not a syntax error: the script goes on, as after a failed command).
      if (outcome === 'syntax-error') break;
      if (this.exitRequested !== undefined) break;
    }
    this.state = 'exited';
    return this.exitRequested ?? this.status;
  }

  dispose(): void {
    const command = this.current;
    if (command) this.abandon(command);
    this.state = 'exited';
    this.outputEmitter.dispose();
    this.errorOutputEmitter.dispose();
    this.exitEmitter.dispose();
    this.willExecuteEmitter.dispose();
    this.executeEmitter.dispose();
  }

  // ---- the terminal ------------------------------------------------------

  private setColumns(columns: number): void {
    // A terminal that does not know its size (0, undefined from a pty without a size) counts as 80 wide.
    this.columns = Number.isFinite(columns) && columns >= 1 ? Math.floor(columns) : 80;
    this.tracker.setColumns(this.columns);
    this.editor.setColumns(this.columns);
    this.current?.read?.editor.setColumns(this.columns);
  }

  private write(text: string): void {
    if (text === '') return;
    if (this.mode === 'interactive') this.tracker.write(text);
    this.outputEmitter.fire(text);
  }

  /** Shell's own error messages: the terminal when interactive, stderr in batch mode. */
  private writeError(text: string): void {
    if (this.mode === 'batch') this.errorOutputEmitter.fire(text);
    else this.write(toTerminal(text));
  }

  private showPrompt(): void {
    if (this.state === 'exited') return;
    this.state = 'prompt';
    this.interruptForwarded = false;
    this.write(this.pendingLines.length > 0 ? this.continuationPrompt : this.prompt);
    this.editor = new LineEditor(this.columns, this.tracker.column);
    this.historyIndex = this.history.length;
    this.historyDraft = '';
    this.lastKeyWasTab = false;
    this.pump();
  }

  /** Handles queued input as far as the current state allows. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.inputQueue.length > 0) {
        if (this.state === 'prompt') {
          this.handlePromptKey(this.takeKey());
        } else if (this.state === 'running') {
          const command = this.current;
          if (!command) break;
          if (command.read) {
            this.handleReadKey(command, command.read, this.takeKey());
            continue;
          }
          // Typed ahead while the command runs: it waits for the next prompt or read;
          // only Ctrl+C acts at once, and (like a tty's input flush on SIGINT) drops what came before it.
          const at = this.inputQueue.indexOf('\x03');
          if (at < 0) break;
          this.inputQueue = this.inputQueue.slice(at + 1);
          this.interruptRunning();
        } else {
          break;
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private takeKey(): Key {
    const { key, length } = readKey(this.inputQueue, 0);
    this.inputQueue = this.inputQueue.slice(length);
    return key;
  }

  // ---- the prompt ----------------------------------------------------------

  private handlePromptKey(key: Key): void {
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = key.name === 'tab';
    if (key.name === 'text') {
      this.write(this.editor.insert(key.text));
      return;
    }
    if (this.handleEditingKey(this.editor, key.name)) return;
    switch (key.name) {
      case 'enter':
        this.submitLine();
        break;
      case 'ctrl-d':
        if (!this.editor.isEmpty) {
          this.write(this.editor.deleteForward());
        } else if (this.pendingLines.length > 0) {
          // bash: EOF inside an unfinished command is a syntax error; the shell carries on.
          const parsed = parseCommandLine(this.pendingLines.join('\n'));
          this.pendingLines = [];
          this.write('\r\n');
          this.writeError(incompleteMessage(parsed.status === 'incomplete' ? parsed.reason : 'quote') + '\n');
          this.status = 2;
          this.showPrompt();
        } else {
          // bash prints "exit" when Ctrl+D ends an interactive shell.
          this.write('exit\r\n');
          this.finish(this.status);
        }
        break;
      case 'up':
      case 'ctrl-p':
        this.recallHistory(-1);
        break;
      case 'down':
      case 'ctrl-n':
        this.recallHistory(1);
        break;
      case 'ctrl-l': {
        const index = this.editor.cursorIndex;
        this.write(this.editor.end() + CLEAR_DISPLAY);
        this.write(this.pendingLines.length > 0 ? this.continuationPrompt : this.prompt);
        this.write(this.editor.show(this.tracker.column) + this.editor.moveToIndex(index));
        break;
      }
      case 'ctrl-c':
        this.write(this.editor.end() + '^C\r\n');
        this.pendingLines = [];
        // bash sets $? to 130 when Ctrl+C discards the line.
        this.status = 130;
        this.showPrompt();
        break;
      case 'tab':
        this.completeWord(wasTab);
        break;
      default:
        break;
    }
  }

  /** Editing keys shared by the prompt and a command's `readLine`; true when handled. */
  private handleEditingKey(editor: LineEditor, name: Key['name']): boolean {
    let out: string;
    switch (name) {
      case 'backspace': out = editor.backspace(); break;
      case 'delete': out = editor.deleteForward(); break;
      case 'left': case 'ctrl-b': out = editor.left(); break;
      case 'right': case 'ctrl-f': out = editor.right(); break;
      case 'home': case 'ctrl-a': out = editor.home(); break;
      case 'end': case 'ctrl-e': out = editor.end(); break;
      case 'word-left': out = editor.wordLeft(); break;
      case 'word-right': out = editor.wordRight(); break;
      case 'delete-word-left': out = editor.deleteWordLeft(); break;
      case 'delete-word-right': out = editor.deleteWordRight(); break;
      case 'ctrl-u': out = editor.deleteToStart(); break;
      case 'ctrl-k': out = editor.deleteToEnd(); break;
      case 'ctrl-w': out = editor.deleteBlankWordLeft(); break;
      default: return false;
    }
    this.write(out);
    return true;
  }

  private recallHistory(direction: -1 | 1): void {
    const target = this.historyIndex + direction;
    if (target < 0 || target > this.history.length) {
      this.write(BELL);
      return;
    }
    if (this.historyIndex === this.history.length) this.historyDraft = this.editor.text;
    this.historyIndex = target;
    this.write(this.editor.replace(target === this.history.length ? this.historyDraft : this.history[target]));
  }

  private completeWord(secondTab: boolean): void {
    const before = this.editor.textBeforeCursor;
    const { prefix, candidates } = complete(before, this.host.completions);
    if (candidates.length === 0) {
      this.write(BELL);
      return;
    }
    if (candidates.length === 1) {
      this.write(this.editor.insert(candidates[0].slice(prefix.length) + ' '));
      return;
    }
    const common = commonPrefix(candidates);
    if (common.length > prefix.length) {
      this.write(this.editor.insert(common.slice(prefix.length)));
      return;
    }
    if (!secondTab) {
      this.write(BELL);
      return;
    }
    // Second Tab: list the candidates under the line, then draw the prompt and the line again (bash).
    const index = this.editor.cursorIndex;
    const list = formatColumns(candidates, this.columns);
    this.write(this.editor.end() + '\r\n' + list.join('\r\n') + '\r\n');
    this.write(this.pendingLines.length > 0 ? this.continuationPrompt : this.prompt);
    this.write(this.editor.show(this.tracker.column) + this.editor.moveToIndex(index));
  }

  private submitLine(): void {
    this.write(this.editor.end() + '\r\n');
    this.pendingLines.push(this.editor.text);
    const text = this.pendingLines.join('\n');
    const parsed = parseCommandLine(text);
    if (parsed.status === 'incomplete') {
      this.showPrompt();
      return;
    }
    this.pendingLines = [];
    this.addHistory(text);
    if (parsed.status === 'complete' && parsed.commands.length === 0) {
      this.showPrompt();
      return;
    }
    this.state = 'running';
    void this.executeLine(text).then((outcome) => {
      if (this.state === 'exited') return;
      if (this.exitRequested !== undefined) {
        this.write(toTerminal('exit\n'));
        this.finish(this.exitRequested);
        return;
      }
      // After a Ctrl+C that the command handled, bash starts the prompt on a fresh line.
      if (outcome !== 'abandoned' && this.interruptForwarded && this.tracker.column !== 0) this.write('\r\n');
      this.showPrompt();
    });
  }

  private addHistory(text: string): void {
    // A continued line is one entry, without its backslash-newlines.
    const entry = text.replace(/\\\n/g, '');
    // Debian's and Ubuntu's default .bashrc: HISTCONTROL=ignoreboth (no duplicates in a row, no lines starting with a space).
    if (entry.trim() === '' || entry.startsWith(' ') || this.history[this.history.length - 1] === entry) return;
    this.history.push(entry);
    if (this.history.length > this.historySize) this.history.splice(0, this.history.length - this.historySize);
    this.options.history?.save(this.history);
  }

  private finish(status: number): void {
    this.state = 'exited';
    this.exitEmitter.fire(status);
  }

  // ---- running commands ----------------------------------------------------

  /** Where the standard output of commands goes while a `$(...)` runs. */
  private capture: string[] | undefined;

  /** Parses and runs one complete command line: the one path shared by the terminal and batch mode. */
  private async executeLine(text: string): Promise<'done' | 'abandoned' | 'syntax-error'> {
    const parsed = parseCommandLine(text);
    this.willExecuteEmitter.fire(text);
    let outcome: 'done' | 'abandoned' | 'syntax-error' = 'done';
    if (parsed.status === 'error') {
      this.writeError(parsed.message + '\n');
      this.status = 2;
      if (parsed.kind === 'syntax') outcome = 'syntax-error';
    } else if (parsed.status === 'incomplete') {
      this.writeError(incompleteMessage(parsed.reason) + '\n');
      this.status = 2;
    } else {
      outcome = await this.executeCommands(parsed.commands);
    }
    this.executeEmitter.fire({ text, status: this.status });
    return outcome;
  }

  private async executeCommands(commands: readonly ParsedCommand[]): Promise<'done' | 'abandoned'> {
    const outputs = new Map<string, string>();
    const lookup: ParameterLookup = (name) => outputs.get(name) ?? this.parameter(name);
    for (const command of commands) {
      if (command.connector === '&&' && this.status !== 0) continue;
      if (command.connector === '||' && this.status === 0) continue;
      const words = command.words;
      // `$(...)` runs first, its output captured (`docker rm -f $(docker ps -aq)`).
      for (const part of words.flatMap((word) => word.parts)) {
        if (part.kind !== 'command' || outputs.has(commandKey(part.text))) continue;
        const captured = await this.captureOutput(part.text);
        if (captured === undefined) return 'abandoned';
        outputs.set(commandKey(part.text), captured);
      }
      let index = 0;
      const assignments: [string, string][] = [];
      while (index < words.length && words[index].assignment !== undefined) {
        const name = words[index].assignment as string;
        assignments.push([name, expandWordWhole(words[index], lookup).slice(name.length + 1)]);
        index++;
      }
      const argv = expandWords(words.slice(index), lookup);
      if (argv.length === 0) {
        for (const [name, value] of assignments) this.variables.set(name, value);
        this.status = 0;
        continue;
      }
      // `NAME=value docker ...`: NAME is in docker's environment only, as in bash.
      const outcome = await this.run(this.programFor(argv, assignments));
      if (outcome === 'abandoned') return 'abandoned';
      if (this.exitRequested !== undefined) break;
    }
    return 'done';
  }

  private async run(program: Program): Promise<'done' | 'abandoned'> {
    let abandon = () => undefined as void;
    const whenAbandoned = new Promise<void>((resolve) => { abandon = resolve; });
    const command: RunningCommand = { interrupt: new Emitter<void>(), abandoned: false, whenAbandoned, abandon };
    this.current = command;
    const io = this.ioFor(command);
    const finished = (async () => program(io))().then(
      (status) => status,
      (error: unknown) => {
        // Not an EngineError the CLI turned into a message: a bug. Say so instead of killing the terminal.
        if (!command.abandoned) io.stderr.write(`docker-lab: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      },
    );
    const result = await Promise.race([finished, whenAbandoned.then(() => 'abandoned' as const)]);
    if (this.current === command) this.current = undefined;
    command.interrupt.dispose();
    if (result === 'abandoned') return 'abandoned';
    this.status = result;
    return 'done';
  }

  /**
   * Runs a `$(...)` command line with its standard output captured (its errors still reach
   * the terminal), as a shell does; trailing newlines are dropped. Undefined when abandoned.
   */
  private async captureOutput(text: string): Promise<string | undefined> {
    const parsed = parseCommandLine(text);
    if (parsed.status !== 'complete') {
      this.writeError(`${parsed.status === 'error' ? parsed.message : incompleteMessage(parsed.reason)}\n`);
      return '';
    }
    const outer = this.capture;
    const buffer: string[] = [];
    this.capture = buffer;
    try {
      if (await this.executeCommands(parsed.commands) === 'abandoned') return undefined;
    } finally {
      this.capture = outer;
    }
    return buffer.join('').replace(/\n+$/, '');
  }

  private ioFor(command: RunningCommand): CommandIO {
    const capture = this.capture;
    if (capture) {
      return {
        stdout: { write: (text) => { if (!command.abandoned) capture.push(text); } },
        stderr: { write: (text) => this.commandOutput(command, text) },
        stdin: { readLine: async () => null },
        isTTY: false,
        columns: 80,
        onInterrupt: command.interrupt.event,
      };
    }
    const columns = () => this.columns;
    if (this.mode === 'batch') {
      const stdin = this.batchStdin;
      return {
        stdout: { write: (text) => { if (!command.abandoned) this.outputEmitter.fire(text); } },
        stderr: { write: (text) => { if (!command.abandoned) this.errorOutputEmitter.fire(text); } },
        stdin: { readLine: async () => (command.abandoned || !stdin ? null : stdin.readLine()) },
        isTTY: false,
        get columns() { return columns(); },
        onInterrupt: command.interrupt.event,
      };
    }
    return {
      stdout: { write: (text) => this.commandOutput(command, text) },
      stderr: { write: (text) => this.commandOutput(command, text) },
      stdin: { readLine: () => this.readLine(command) },
      isTTY: true,
      get columns() { return columns(); },
      onInterrupt: command.interrupt.event,
    };
  }

  /** A command's output on the terminal; a line the user is typing for the command moves below it. */
  private commandOutput(command: RunningCommand, text: string): void {
    if (command.abandoned || text === '') return;
    const read = command.read;
    if (read && !read.editor.isEmpty) {
      this.write(read.editor.hide());
      this.write(toTerminal(text));
      this.write(read.editor.show(this.tracker.column));
    } else {
      this.write(toTerminal(text));
      read?.editor.show(this.tracker.column);
    }
  }

  /** A command reads a line: cooked mode, echoed and editable, Enter delivers it, Ctrl+D on an empty line is EOF. */
  private readLine(command: RunningCommand): Promise<string | null> {
    if (command.abandoned || command !== this.current || this.state === 'exited') return Promise.resolve(null);
    if (command.read) return Promise.reject(new Error('LabShell: a command read stdin twice at the same time'));
    return new Promise((resolve) => {
      command.read = { editor: new LineEditor(this.columns, this.tracker.column), resolve };
      this.pump();
    });
  }

  private handleReadKey(command: RunningCommand, read: PendingRead, key: Key): void {
    if (key.name === 'text') {
      this.write(read.editor.insert(key.text));
      return;
    }
    if (this.handleEditingKey(read.editor, key.name)) return;
    switch (key.name) {
      case 'enter': {
        this.write(read.editor.end() + '\r\n');
        command.read = undefined;
        read.resolve(read.editor.text);
        break;
      }
      case 'ctrl-d':
        // A tty's EOF: on an empty line the reader sees end of input; otherwise the line so far is delivered.
        command.read = undefined;
        read.resolve(read.editor.isEmpty ? null : read.editor.text);
        break;
      case 'ctrl-c':
        this.interruptRunning();
        break;
      default:
        break;
    }
  }

  /** Ctrl+C while a command runs (interactive). */
  private interruptRunning(): void {
    const command = this.current;
    if (!command) return;
    const read = command.read;
    if (read) this.write(read.editor.end());
    this.write('^C');
    if (command.interrupt.hasListeners) {
      this.interruptForwarded = true;
      // A tty discards the half-typed line on SIGINT; the read goes on.
      if (read) read.editor = new LineEditor(this.columns, this.tracker.column);
      command.interrupt.fire();
      return;
    }
    this.write('\r\n');
    this.abandon(command);
  }

  private abandon(command: RunningCommand): void {
    if (command.abandoned) return;
    command.abandoned = true;
    if (this.current === command) this.current = undefined;
    this.status = 130;
    const read = command.read;
    command.read = undefined;
    read?.resolve(null);
    command.abandon();
  }

  // ---- commands ------------------------------------------------------------

  private programFor(argv: readonly string[], assignments: readonly (readonly [string, string])[]): Program {
    const [name, ...args] = argv;
    switch (name) {
      case 'docker': return (io) => this.host.runDocker(args, io, { ...this.environment(), ...Object.fromEntries(assignments) });
      case 'curl': return (io) => curl(args, io, (port, request) => this.host.http(port, request), this.host.unixSocket?.bind(this.host));
      case 'echo': return (io) => echo(args, io);
      case 'true': return () => 0;
      case 'false': return () => 1;
      case 'help': return (io) => { io.stdout.write(HELP_TEXT); return 0; };
      case 'clear': return (io) => { io.stdout.write(CLEAR_SCREEN); return 0; };
      case 'history': return (io) => this.historyBuiltin(args, io);
      case 'exit': return (io) => this.exitBuiltin(args, io);
      case 'export': return (io) => this.exportBuiltin(args, io);
      case 'unset': return () => this.unsetBuiltin(args);
      default:
        return (io) => {
          // bash: a name with a slash is a path, which the lab's host does not have.
          io.stderr.write(name.includes('/') ? `docker-lab: ${name}: No such file or directory\n` : `docker-lab: ${name}: command not found\n`);
          return 127;
        };
    }
  }

  /** The exported variables: the environment a command gets. */
  private environment(): Record<string, string> {
    const environment: Record<string, string> = {};
    for (const name of this.exported) {
      const value = this.variables.get(name);
      if (value !== undefined) environment[name] = value;
    }
    return environment;
  }

  private parameter(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.status);
      // The shell has no process id of its own; a fixed one keeps `echo $$` deterministic.
      case '$': return '1';
      case '#': return '0';
      case '0': return 'docker-lab';
      default: return this.variables.get(name);
    }
  }

  private historyBuiltin(args: readonly string[], io: CommandIO): number {
    if (args[0] === '-c') {
      this.history = [];
      this.historyIndex = 0;
      this.options.history?.save(this.history);
      return 0;
    }
    let count = this.history.length;
    if (args.length > 0) {
      if (!/^\d+$/.test(args[0])) {
        io.stderr.write(`docker-lab: history: ${args[0]}: numeric argument required\n`);
        return 1;
      }
      count = Math.min(count, Number(args[0]));
    }
    const start = this.history.length - count;
    let out = '';
    for (let i = start; i < this.history.length; i++) {
      out += `${String(i + 1).padStart(5)}  ${this.history[i]}\n`;
    }
    io.stdout.write(out);
    return 0;
  }

  private exitBuiltin(args: readonly string[], io: CommandIO): number {
    if (args.length > 1) {
      io.stderr.write('docker-lab: exit: too many arguments\n');
      return 1;
    }
    if (args.length === 0) {
      this.exitRequested = this.status;
      return this.status;
    }
    if (!/^[+-]?\d+$/.test(args[0])) {
      io.stderr.write(`docker-lab: exit: ${args[0]}: numeric argument required\n`);
      this.exitRequested = 2;
      return 2;
    }
    // Exit statuses are 8 bits: `exit 256` is 0, `exit -1` is 255.
    const code = ((Number(args[0]) % 256) + 256) % 256;
    this.exitRequested = code;
    return code;
  }

  private exportBuiltin(args: readonly string[], io: CommandIO): number {
    if (args.length === 0) {
      const names = [...this.exported].filter((name) => this.variables.has(name)).sort();
      io.stdout.write(names.map((name) => `declare -x ${name}="${this.variables.get(name)}"\n`).join(''));
      return 0;
    }
    let status = 0;
    for (const arg of args) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(arg);
      if (!match) {
        io.stderr.write(`docker-lab: export: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (match[2] !== undefined) this.variables.set(match[1], match[2]);
      this.exported.add(match[1]);
    }
    return status;
  }

  private unsetBuiltin(args: readonly string[]): number {
    for (const name of args) {
      this.variables.delete(name);
      this.exported.delete(name);
    }
    return 0;
  }
}

/** `echo` as bash's builtin: `-n` drops the newline, `-e` reads backslash escapes. */
function echo(args: readonly string[], io: CommandIO): number {
  let newline = true;
  let escapes = false;
  let index = 0;
  while (index < args.length && /^-[neE]+$/.test(args[index])) {
    for (const flag of args[index].slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
    index++;
  }
  let text = args.slice(index).join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) {
      text = text.slice(0, cut);
      newline = false;
    }
    text = text.replace(/\\([\\abefnrtv])/g, (_, letter: string) => ESCAPES[letter]);
  }
  io.stdout.write(newline ? text + '\n' : text);
  return 0;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

function incompleteMessage(reason: IncompleteReason): string {
  return reason === 'quote' ? UNTERMINATED_QUOTE_MESSAGE : 'docker-lab: syntax error: unexpected end of file';
}

/** Commands write `\n`; a terminal needs `\r\n`. */
function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0];
  for (const word of words) {
    while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
