import type { CommandIO } from '../cli/CommandIO';

/** An HTTP request `curl` sends to a published host port. */
export interface HostHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** What a container answered; the engine's `HttpResponse` has this shape. */
export interface HostHttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

/** An answer whose body arrives as it is sent (`curl --unix-socket … /events` prints events as they come). */
export interface StreamedHttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: AsyncIterable<string>;
}

/** A container as Tab completion needs it. */
export interface CompletionContainer {
  /** The name without Docker's leading slash (`web`, not `/web`). */
  name: string;
  /** Docker's `State`: `running`, `paused`, `exited`, `created`, ... */
  state: string;
}

/** The live objects Tab completion offers after `docker`. */
export interface CompletionSource {
  /** Every container, running or not. */
  containers(): readonly CompletionContainer[];
  /** Image references as `repository:tag` (`nginx:1.28.0`). */
  imageReferences(): readonly string[];
  /** Network names, for `docker network rm|inspect|connect|disconnect`. */
  networkNames?(): readonly string[];
  /** Volume names, for `docker volume rm|inspect`. */
  volumeNames?(): readonly string[];
}

/**
 * Everything the lab shell needs from the outside world. The shell is pure:
 * the docker CLI, the engine's published ports and completion data all come
 * through here, so tests can hand it fakes.
 */
export interface ShellHost {
  /**
   * Runs `docker <argv...>` (argv without the leading `docker`) and resolves to
   * its exit status. `environment` is the shell's exported variables (with any
   * `NAME=value` written before `docker`): what `docker run -e NAME` reads.
   */
  runDocker(argv: readonly string[], io: CommandIO, environment: Readonly<Record<string, string>>): Promise<number>;
  /** Data for Tab completion. */
  readonly completions: CompletionSource;
  /**
   * Sends an HTTP request to a host port, as `curl localhost:PORT` would.
   * Undefined when nothing listens on that port.
   */
  http(hostPort: number, request: HostHttpRequest): HostHttpResponse | undefined | Promise<HostHttpResponse | undefined>;
  /**
   * Sends an HTTP request to a unix socket on the lab's host, as `curl
   * --unix-socket PATH` would: the daemon's `/var/run/docker.sock` answers
   * with the Engine API. Undefined when no socket is at that path; the
   * request ends early when `signal` aborts (Ctrl+C). Absent where the host
   * has no sockets at all.
   */
  unixSocket?(path: string, request: HostHttpRequest, signal: AbortSignal): Promise<StreamedHttpResponse | undefined>;
}

/** Where the shell keeps its history between sessions (a file, VS Code's global state). */
export interface HistoryStore {
  /** The saved entries, oldest first. */
  load(): readonly string[];
  /** Replaces the saved entries, oldest first. */
  save(entries: readonly string[]): void;
}
