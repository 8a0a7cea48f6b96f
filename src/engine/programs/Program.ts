import type { ContainerFiles, FsErrorCode } from '../fs/ContainerFs';
import type { BaseFamily } from '../Registry';

/** What the lab's "host" looks like from inside a container: containers share its kernel. */
export interface HostInfo {
  /** `uname -s` */
  kernelName: string;
  /** `uname -r`: the host's kernel release, the same in every container. */
  kernelRelease: string;
  /** `uname -v` */
  kernelVersion: string;
  /** `uname -m` */
  machine: string;
  /** The host's name (not a container's). */
  hostname: string;
  operatingSystem: string;
  cpus: number;
  memoryBytes: number;
}

/** An HTTP request reaching a container port (from `curl localhost:8080`). */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The client's address as the container sees it (the bridge gateway for published ports). */
  clientIp: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export type HttpHandler = (request: HttpRequest) => HttpResponse;

/** A file a simulated program can read. */
export interface FileEntry {
  type: 'file' | 'dir' | 'symlink';
  content?: string;
  target?: string;
  mode?: number;
  /** Bytes (files only); a file without `content` is one the lab knows only by size (a binary). */
  size?: number;
}

/**
 * Everything a simulated process can see and do. The engine builds one per
 * process; once the process is killed every output call is ignored and
 * sleeps never resolve, so a killed program cannot write after its death.
 */
export interface ProcessContext {
  /** argv as the kernel would pass it: argv[0] is the name as invoked (e.g. `nginx`, `/bin/sh`). */
  readonly argv: readonly string[];
  /** The environment, `KEY=value`. */
  readonly env: readonly string[];
  /** The container's hostname (its short id unless `--hostname` set it). */
  readonly hostname: string;
  /** Working directory. */
  readonly cwd: string;
  /** True when the container has a TTY (`-t`). */
  readonly tty: boolean;
  /** True when stdin is open (`-i`). */
  readonly interactive: boolean;
  readonly host: HostInfo;
  /** The image family: decides which programs and files exist. */
  readonly family: BaseFamily;
  /**
   * The container's image: the engine passes its ID (`sha256:...`), which stays the same
   * whatever tags point at it; a `repository:tag` works too (tests use one).
   */
  readonly imageReference: string;
  /** How many times this container has been started before (nginx's entrypoint says less on a restart). */
  readonly previousStarts: number;
  /**
   * True when the process is being resumed after the lab was reloaded: it must
   * not print its start-up output again, only carry on.
   */
  readonly resumed: boolean;
  /** When the process started (ms since the epoch); a resumed `sleep` counts from here. */
  readonly startedAt: number;

  now(): number;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The next line from stdin without its newline, or null at end of input (or when stdin is closed). */
  readLine(): Promise<string | null>;
  /** Waits `ms` of lab time. */
  sleep(ms: number): Promise<void>;
  /**
   * Declares the signals this process handles. Like a PID 1 on Linux, a
   * process ignores every signal it does not handle, except SIGKILL.
   */
  handleSignals(names: readonly string[]): void;
  /** The next handled signal delivered to this process, e.g. `SIGQUIT`. */
  nextSignal(): Promise<string>;
  /** Serves HTTP on a container port while the process lives. */
  listen(port: number, handler: HttpHandler): void;
  /** A file of the container's filesystem, or undefined (see ContainerFiles.readFile). */
  readFile(path: string): FileEntry | undefined;
  /** The entries of a directory (names only, sorted), or undefined if it is not a directory. */
  readDir(path: string): string[] | undefined;
  /** Creates, truncates or appends to a file in the container's writable layer (an errno name on failure). */
  writeFile: ContainerFiles['writeFile'];
  mkdir: ContainerFiles['mkdir'];
  remove: ContainerFiles['remove'];
  symlink: ContainerFiles['symlink'];
  /**
   * Creates or replaces a file known only by its size and mode (what a
   * package manager unpacks: binaries the lab holds no bytes of), so `ls -l`
   * and `docker ps -s` see its size. Optional: where the engine does not
   * offer it, programs write an empty file instead.
   */
  putFile?(path: string, file: { mode: number; size: number }): FsErrorCode | undefined;
  /**
   * The container's processes as its own PID namespace numbers them: the
   * main process is 1, each `docker exec` gets the next number. Optional:
   * without it, `ps` sees only itself.
   */
  processes?(): readonly ContainerProcessInfo[];
  /** Finds a program on $PATH (or by absolute path) in this container's image. */
  resolveProgram(name: string): Program | undefined;
  /** Runs another program in this process's context (an exec without a fork, or a child of sh). */
  exec(argv: readonly string[], overrides?: { env?: readonly string[] }): Promise<number>;
}

/** One process of a container, as `ps` inside it lists it. */
export interface ContainerProcessInfo {
  /** The PID inside the container (1 for the main process). */
  pid: number;
  argv: readonly string[];
  /** True when it has a terminal (`-t`). */
  tty: boolean;
  /** Who it runs as; root when absent. */
  user?: string;
}

/** A simulated program: runs until it returns its exit code. */
export type Program = (ctx: ProcessContext) => Promise<number>;
