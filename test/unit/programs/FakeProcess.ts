import { ManualClock, sleep } from '../../../src/engine/Clock';
import type { HostInfo, HttpHandler, HttpRequest, HttpResponse, ProcessContext, Program } from '../../../src/engine/programs/Program';
import { findProgram } from '../../../src/engine/programs/ProgramTable';
import { defaultMounts } from '../../../src/engine/containers/ContainerFilesystems';
import { ContainerFs, containerBase } from '../../../src/engine/fs/ContainerFs';
import { officialImageLayers } from '../../../src/engine/fs/officialLayerFiles';
import type { BaseFamily } from '../../../src/engine/Registry';

/** The host of the tests: a kernel no container image has, so a test can tell it was the host's. */
export const TEST_HOST: HostInfo = {
  kernelName: 'Linux',
  kernelRelease: '6.8.0-79-generic',
  kernelVersion: '#79-Ubuntu SMP PREEMPT_DYNAMIC Tue Aug 12 14:42:46 UTC 2025',
  machine: 'x86_64',
  hostname: 'docker-lab',
  operatingSystem: 'Ubuntu 24.04.3 LTS',
  cpus: 2,
  memoryBytes: 8_324_337_664,
};

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface FakeProcessOptions {
  family: BaseFamily;
  image: string;
  argv: string[];
  /** Extra environment after PATH, HOSTNAME and HOME. */
  env?: string[];
  /** Replaces the whole environment. */
  fullEnv?: string[];
  hostname?: string;
  ipAddress?: string;
  tty?: boolean;
  /** Stdin is open (`-i`); lines given in `stdin` are queued, then EOF unless `keepStdinOpen`. */
  interactive?: boolean;
  stdin?: string[];
  keepStdinOpen?: boolean;
  previousStarts?: number;
  resumed?: boolean;
  cwd?: string;
  host?: Partial<HostInfo>;
  /** When the process started (defaults to the clock's start). */
  startedAt?: number;
  /** The container's files, when another process of the same container already has them (a `docker exec`). */
  files?: ContainerFs;
}

/**
 * A container's main process for program tests: a ProcessContext like the
 * engine's (signals only reach a program that handles them, SIGKILL ends it,
 * a dead process writes nothing), a manual clock, captured output, scripted
 * stdin, and the HTTP handlers it listens with.
 */
export class FakeProcess {
  readonly clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  stdout = '';
  stderr = '';
  /** Both streams in the order written. */
  output = '';
  exitCode: number | undefined;
  readonly http = new Map<number, HttpHandler>();
  readonly handled = new Set<string>();
  readonly exited: Promise<number>;

  private dead = false;
  private readonly abort = new AbortController();
  private readonly signals: string[] = [];
  private signalWaiter: ((signal: string) => void) | undefined;
  private readonly stdinLines: (string | null)[] = [];
  private stdinWaiter: ((line: string | null) => void) | undefined;
  private resolveExit!: (code: number) => void;

  constructor(readonly options: FakeProcessOptions) {
    this.exited = new Promise((resolve) => { this.resolveExit = resolve; });
    for (const line of options.stdin ?? []) this.stdinLines.push(line);
    if (!options.keepStdinOpen) this.stdinLines.push(null);
  }

  get env(): string[] {
    return this.options.fullEnv ?? [`PATH=${DEFAULT_PATH}`, `HOSTNAME=${this.hostname}`, ...(this.options.env ?? []), 'HOME=/root'];
  }

  get hostname(): string {
    return this.options.hostname ?? 'c0ffee123456';
  }

  /** Starts the program argv[0] names, as the engine would; throws if the image has none. */
  start(): this {
    const o = this.options;
    const program = findProgram(o.family, o.image, o.argv[0], DEFAULT_PATH);
    if (!program) throw new Error(`no program ${o.argv[0]} in ${o.image}`);
    program(this.context(o.argv, this.env)).then(
      (code) => this.finish(code),
      (error: unknown) => { this.finish(139); throw error; },
    );
    return this;
  }

  /** Runs until the program exits (lab time jumps over its sleeps). */
  async run(): Promise<number> {
    return this.clock.settle(this.exited);
  }

  /** Lets lab time pass. */
  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms);
  }

  signal(name: string): void {
    if (this.dead) return;
    if (name === 'SIGKILL') {
      this.finish(137);
      return;
    }
    if (!this.handled.has(name)) return;
    if (this.signalWaiter) {
      const waiter = this.signalWaiter;
      this.signalWaiter = undefined;
      waiter(name);
    } else {
      this.signals.push(name);
    }
  }

  /** Types a line into stdin (null closes it, like Ctrl+D). */
  type(line: string | null): void {
    if (this.stdinWaiter) {
      const waiter = this.stdinWaiter;
      this.stdinWaiter = undefined;
      waiter(line);
    } else {
      this.stdinLines.push(line);
    }
  }

  request(port: number, request: Partial<HttpRequest> & { path: string }): HttpResponse {
    const handler = this.http.get(port);
    if (!handler) throw new Error(`nothing listens on ${port}`);
    return handler({ method: 'GET', headers: { Host: 'localhost:8080', 'User-Agent': 'curl/8.5.0', Accept: '*/*' }, clientIp: '172.17.0.1', ...request });
  }

  private finish(code: number): void {
    if (this.dead) return;
    this.dead = true;
    this.exitCode = code;
    this.abort.abort();
    this.http.clear();
    this.resolveExit(code);
  }

  private write(stream: 'stdout' | 'stderr', text: string): void {
    if (this.dead) return;
    this[stream] += text;
    this.output += text;
  }

  private filesystem: ContainerFs | undefined;

  /** The container's files: the official image's layers and a writable layer, shared by every program of the process. */
  files(): ContainerFs {
    const o = this.options;
    const base = containerBase(`test ${o.family} ${o.image}`, () => officialImageLayers(o.family, o.image));
    const mounts = defaultMounts({ config: { Hostname: this.hostname }, ipAddress: o.ipAddress ?? '172.17.0.2' });
    return (this.filesystem ??= o.files ?? new ContainerFs(base, undefined, mounts));
  }

  private context(argv: readonly string[], env: readonly string[]): ProcessContext {
    const o = this.options;
    const rootfs = this.files();
    const never = <T>() => new Promise<T>(() => undefined);
    const ctx: ProcessContext = {
      argv,
      env,
      hostname: this.hostname,
      cwd: o.cwd ?? '/',
      tty: o.tty ?? false,
      interactive: o.interactive ?? o.stdin !== undefined,
      host: { ...TEST_HOST, ...o.host },
      family: o.family,
      imageReference: o.image,
      previousStarts: o.previousStarts ?? 0,
      resumed: o.resumed ?? false,
      startedAt: o.startedAt ?? this.clock.now(),
      now: () => this.clock.now(),
      stdout: (text) => this.write('stdout', text),
      stderr: (text) => this.write('stderr', text),
      readLine: async () => {
        if (this.dead) return never();
        if (!ctx.interactive) return null;
        if (this.stdinLines.length) return this.stdinLines.shift()!;
        return new Promise((resolve) => { this.stdinWaiter = resolve; });
      },
      sleep: async (ms) => {
        if (this.dead) return never();
        const completed = await sleep(this.clock, ms, this.abort.signal);
        if (!completed) return never();
      },
      handleSignals: (names) => { for (const name of names) this.handled.add(name); },
      nextSignal: async () => {
        if (this.dead) return never();
        if (this.signals.length) return this.signals.shift()!;
        return new Promise((resolve) => { this.signalWaiter = resolve; });
      },
      listen: (port, handler) => { if (!this.dead) this.http.set(port, handler); },
      readFile: (path) => rootfs.readFile(path),
      readDir: (path) => rootfs.readDir(path),
      writeFile: (path, content, options) => rootfs.writeFile(path, content, options),
      mkdir: (path, options) => rootfs.mkdir(path, options),
      remove: (path, options) => rootfs.remove(path, options),
      symlink: (path, target) => rootfs.symlink(path, target),
      putFile: (path, file) => rootfs.put(path, { kind: 'file', mode: file.mode, size: file.size }),
      resolveProgram: (name) => findProgram(o.family, o.image, name, DEFAULT_PATH),
      exec: async (childArgv, overrides) => {
        const program: Program | undefined = ctx.resolveProgram(childArgv[0] ?? '');
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

/** Runs a command to its end and returns what it printed. */
export async function runCommand(options: FakeProcessOptions): Promise<{ stdout: string; stderr: string; output: string; code: number }> {
  const process = new FakeProcess(options).start();
  const code = await process.run();
  return { stdout: process.stdout, stderr: process.stderr, output: process.output, code };
}

/** `sh -c script` in an image of a family (alpine, debian, ubuntu, busybox). */
export const IMAGES: Readonly<Record<'alpine' | 'busybox' | 'debian' | 'ubuntu' | 'scratch', { family: BaseFamily; image: string }>> = {
  alpine: { family: 'alpine', image: 'alpine:latest' },
  busybox: { family: 'busybox', image: 'busybox:latest' },
  debian: { family: 'debian', image: 'debian:bookworm-slim' },
  ubuntu: { family: 'ubuntu', image: 'ubuntu:24.04' },
  scratch: { family: 'scratch', image: 'hello-world:latest' },
};
