import type { Clock } from '../Clock';
import { sleep } from '../Clock';
import type { BaseFamily } from '../Registry';
import type { ContainerFiles } from '../fs/ContainerFs';
import type { ContainerProcessInfo, HostInfo, HttpHandler, ProcessContext, Program } from '../programs/Program';
import { SIGNALS } from '../types';

/** What the engine hands a process when it spawns it. */
export interface SpawnOptions {
  argv: readonly string[];
  env: readonly string[];
  hostname: string;
  cwd: string;
  tty: boolean;
  interactive: boolean;
  host: HostInfo;
  family: BaseFamily;
  imageReference: string;
  previousStarts: number;
  resumed: boolean;
  startedAt: number;
  clock: Clock;
  write(stream: 'stdout' | 'stderr', text: string): void;
  files: ContainerFiles;
  /** The container's processes, for `ps` inside it. */
  processes?: () => readonly ContainerProcessInfo[];
  resolveProgram(name: string): Program | undefined;
  /**
   * False for a process that is not the container's PID 1 (an exec's): a
   * signal it does not handle then does what the kernel's default does
   * (SIGINT from Ctrl+C ends it), instead of being ignored.
   */
  initProcess?: boolean;
}

/** Signals whose default action is not to end the process (ignore, stop, continue). */
const NON_TERMINATING = new Set(['SIGCHLD', 'SIGURG', 'SIGWINCH', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU']);

/** Thrown inside a program's awaits once the process is dead, so its code unwinds without effect. */
class ProcessKilled extends Error {}

/**
 * A container's main process (PID 1) while it runs: the program, its stdin,
 * the signals it handles, the ports it serves, and whether it is frozen.
 * SIGKILL ends it at once; other signals reach it only if it handles them,
 * as for any PID 1 on Linux.
 */
export class ContainerProcess {
  /** Settles with the exit code when the program returns or is killed. */
  readonly exited: Promise<number>;
  readonly http = new Map<number, HttpHandler>();

  private dead = false;
  private paused = false;
  private resumeWaiters: (() => void)[] = [];
  private readonly handled = new Set<string>();
  private readonly signalQueue: string[] = [];
  private signalWaiter: ((signal: string) => void) | undefined;
  private readonly stdinQueue: (string | null)[] = [];
  private stdinWaiter: ((line: string | null) => void) | undefined;
  private stdinClosed: boolean;
  private resolveExit!: (code: number) => void;
  private readonly abort = new AbortController();

  constructor(private readonly program: Program, private readonly options: SpawnOptions) {
    this.stdinClosed = !options.interactive;
    this.exited = new Promise((resolve) => { this.resolveExit = resolve; });
  }

  /** Starts the program; its exit (or crash, which is a lab bug) settles `exited`. */
  start(): void {
    const ctx = this.context(this.options.argv);
    this.program(ctx).then(
      (code) => this.finish(code),
      (error: unknown) => {
        if (error instanceof ProcessKilled) return;
        // A program that throws is a bug in the lab; the container dies as a crashed process would.
        this.options.write('stderr', `Docker Lab: the simulated program crashed: ${String(error)}\n`);
        this.finish(139);
      },
    );
  }

  get isDead(): boolean {
    return this.dead;
  }

  /**
   * Delivers a signal. SIGKILL ends the process at once (exit 128+9); a
   * handled signal is queued for the program; any other is ignored by PID 1
   * and ends any other process (exit 128+n).
   */
  signal(name: string): void {
    if (this.dead) return;
    if (name === 'SIGKILL') {
      this.finish(128 + SIGNALS.SIGKILL);
      return;
    }
    if (name === 'SIGSTOP' || name === 'SIGCONT') return;
    if (!this.handled.has(name)) {
      if (this.options.initProcess === false && !NON_TERMINATING.has(name) && SIGNALS[name] !== undefined) this.finish(128 + SIGNALS[name]);
      return;
    }
    if (this.signalWaiter && !this.paused) {
      const waiter = this.signalWaiter;
      this.signalWaiter = undefined;
      waiter(name);
    } else {
      this.signalQueue.push(name);
    }
  }

  /** Freezes the process (`docker pause`): its timers and signals wait. */
  pause(): void {
    this.paused = true;
  }

  unpause(): void {
    this.paused = false;
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const resume of waiters) resume();
    if (this.signalWaiter && this.signalQueue.length) {
      const waiter = this.signalWaiter;
      this.signalWaiter = undefined;
      waiter(this.signalQueue.shift()!);
    }
  }

  /** A line for the process's stdin, or null to close it (Ctrl+D, or the client detached). */
  writeStdin(line: string | null): void {
    if (this.stdinClosed || this.dead) return;
    if (line === null) this.stdinClosed = true;
    if (this.stdinWaiter) {
      const waiter = this.stdinWaiter;
      this.stdinWaiter = undefined;
      waiter(line);
    } else {
      this.stdinQueue.push(line);
    }
  }

  private finish(code: number): void {
    if (this.dead) return;
    this.dead = true;
    this.http.clear();
    this.abort.abort();
    this.resolveExit(code);
  }

  private async waitWhilePaused(): Promise<void> {
    while (this.paused && !this.dead) {
      await new Promise<void>((resolve) => this.resumeWaiters.push(resolve));
    }
    if (this.dead) throw new ProcessKilled();
  }

  private context(argv: readonly string[], env: readonly string[] = this.options.env): ProcessContext {
    const o = this.options;
    const ctx: ProcessContext = {
      argv,
      env,
      hostname: o.hostname,
      cwd: o.cwd,
      tty: o.tty,
      interactive: o.interactive,
      host: o.host,
      family: o.family,
      imageReference: o.imageReference,
      previousStarts: o.previousStarts,
      resumed: o.resumed,
      startedAt: o.startedAt,
      now: () => o.clock.now(),
      stdout: (text) => { if (!this.dead) o.write(o.tty ? 'stdout' : 'stdout', text); },
      // With a TTY both streams are one: the terminal.
      stderr: (text) => { if (!this.dead) o.write(o.tty ? 'stdout' : 'stderr', text); },
      readLine: async () => {
        await this.waitWhilePaused();
        if (this.stdinQueue.length) return this.stdinQueue.shift()!;
        if (this.stdinClosed) return null;
        const line = await new Promise<string | null>((resolve) => { this.stdinWaiter = resolve; });
        await this.waitWhilePaused();
        return line;
      },
      sleep: async (ms) => {
        await this.waitWhilePaused();
        await sleep(o.clock, ms, this.abort.signal);
        await this.waitWhilePaused();
      },
      handleSignals: (names) => { for (const n of names) this.handled.add(n); },
      nextSignal: async () => {
        await this.waitWhilePaused();
        if (this.signalQueue.length) return this.signalQueue.shift()!;
        const signal = await new Promise<string>((resolve) => { this.signalWaiter = resolve; });
        if (this.dead) throw new ProcessKilled();
        return signal;
      },
      listen: (port, handler) => { if (!this.dead) this.http.set(port, handler); },
      readFile: (path) => o.files.readFile(path),
      readDir: (path) => o.files.readDir(path),
      writeFile: (path, content, options) => (this.dead ? undefined : o.files.writeFile(path, content, options)),
      mkdir: (path, options) => (this.dead ? undefined : o.files.mkdir(path, options)),
      remove: (path, options) => (this.dead ? undefined : o.files.remove(path, options)),
      symlink: (path, target) => (this.dead ? undefined : o.files.symlink(path, target)),
      processes: o.processes,
      putFile: (path, file) => (this.dead ? undefined : o.files.put(path, { kind: 'file', mode: file.mode, size: file.size })),
      resolveProgram: (name) => o.resolveProgram(name),
      exec: async (childArgv, overrides) => {
        if (this.dead) throw new ProcessKilled();
        const program = o.resolveProgram(childArgv[0] ?? '');
        if (!program) {
          ctx.stderr(`exec: ${childArgv[0]}: not found\n`);
          return 127;
        }
        return program(this.context(childArgv, overrides?.env ?? env));
      },
    };
    return ctx;
  }
}
