/**
 * `docker-lab`: the lab shell in a real terminal, with no VS Code and no Docker.
 *
 *   docker-lab                      interactive shell (stdin and stdout are a terminal)
 *   docker-lab -c 'docker ps -a'    run one command line, exit with its status
 *   docker-lab < lesson.sh          run lines from stdin, print only what commands print
 *   docker-lab --state lab.json     keep images and containers in lab.json between runs
 *
 * Every mode goes through LabShell: the same parser, builtins and commands;
 * only the interactive one has a prompt and line editing.
 */
import type { InputSource } from '../cli/CommandIO';
import type { EngineOptions } from '../engine/Engine';
import packageJson from '../../package.json';
import { loadStateFile, saveStateFile } from '../persistence/stateFile';

/** What the command line asked for. */
export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string }
  | { kind: 'run'; command?: string; stateFile?: string }
  | { kind: 'serve'; socket: string; stateFile?: string; tcpPort?: number };

export const USAGE = `Usage:  docker-lab [OPTIONS]
        docker-lab serve --socket PATH [--tcp PORT] [--state FILE]

A practice shell with a simulated Docker engine: learn Docker with no Docker installed.

Options:
  -c COMMAND        Run COMMAND (one shell line, e.g. "docker ps -a") and exit with its status
      --state FILE  Keep the lab (images, containers) in FILE: loaded at start, saved after each command
  -h, --help        Print this help
      --version     Print the version

Without -c, docker-lab reads commands from the terminal, with line editing,
history and Tab completion; or, when standard input is not a terminal, one
command line after another from it, printing only what the commands print.
Type "help" in the shell for what it understands.

"docker-lab serve" serves the lab's engine as the Docker Engine API on a unix
socket, so the real docker CLI can drive it:
  DOCKER_HOST=unix://PATH docker ps
With --tcp PORT it also listens on 127.0.0.1:PORT (this machine only; the
API has no authentication):
  DOCKER_HOST=tcp://127.0.0.1:PORT docker ps
`;

const WELCOME = 'Docker Lab: a simulated Docker to practise on. Type "help" to see what you can do.';

/** Reads docker-lab's arguments (without `node` and the script). */
export function parseArguments(argv: readonly string[]): Invocation {
  let command: string | undefined;
  let stateFile: string | undefined;
  let socket: string | undefined;
  let tcp: string | undefined;
  const serve = argv[0] === 'serve';
  for (let i = serve ? 1 : 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--version') return { kind: 'version' };
    if (arg === '-c' || arg === '--state' || (serve && (arg === '--socket' || arg === '--tcp'))) {
      const value = argv[i + 1];
      if (value === undefined) return { kind: 'error', message: `option ${arg} needs an argument` };
      i++;
      if (arg === '-c') command = value;
      else if (arg === '--socket') socket = value;
      else if (arg === '--tcp') tcp = value;
      else stateFile = value;
    } else if (arg.startsWith('--state=')) {
      stateFile = arg.slice('--state='.length);
    } else {
      return { kind: 'error', message: arg.startsWith('-') ? `unknown option: ${arg}` : `unexpected argument: ${arg}` };
    }
  }
  if (serve) {
    if (command !== undefined) return { kind: 'error', message: 'serve does not take -c' };
    if (socket === undefined) return { kind: 'error', message: 'serve needs --socket PATH' };
    if (tcp === undefined) return { kind: 'serve', socket, stateFile };
    // Only a port: the lab listens on 127.0.0.1 and nowhere else.
    if (!/^\d{1,5}$/.test(tcp) || Number(tcp) > 65535) return { kind: 'error', message: `--tcp takes a port number (the lab listens on 127.0.0.1 only): ${tcp}` };
    return { kind: 'serve', socket, stateFile, tcpPort: Number(tcp) };
  }
  return { kind: 'run', command, stateFile };
}

/** What docker-lab says when a state file was set aside. */
export function setAsideMessage(file: string, aside: string, reason: string): string {
  return `docker-lab: cannot load the lab state from ${file} (${reason}); moved it to ${aside} and started an empty lab\n`;
}

/**
 * Lines of a stream as an InputSource (`\n` or `\r\n` line ends; a last line
 * without a newline still counts). Starts reading only when first asked, so a
 * `-c` command that never reads stdin leaves the terminal alone.
 */
export class StreamLines implements InputSource {
  private buffer = '';
  private lines: string[] = [];
  private ended = false;
  private started = false;
  private waiting: ((line: string | null) => void)[] = [];

  constructor(private readonly stream: NodeJS.ReadableStream) {}

  readLine(): Promise<string | null> {
    this.start();
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(null);
    this.stream.resume();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.stream.setEncoding('utf8');
    this.stream.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, newline).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(newline + 1);
      }
      this.deliver();
      // Back-pressure: stop reading while nobody waits for lines.
      if (this.waiting.length === 0) this.stream.pause();
    });
    this.stream.on('end', () => {
      if (this.buffer !== '') this.lines.push(this.buffer.replace(/\r$/, ''));
      this.buffer = '';
      this.ended = true;
      this.deliver();
    });
  }

  private deliver(): void {
    while (this.waiting.length > 0 && (this.lines.length > 0 || this.ended)) {
      const resolve = this.waiting.shift() as (line: string | null) => void;
      resolve(this.lines.shift() ?? null);
    }
  }
}

/** The lines of a string as an InputSource (for `-c`). */
function stringLines(text: string): InputSource {
  const lines = text.split('\n');
  return { readLine: async () => lines.shift() ?? null };
}

/** Exits once everything written to stdout and stderr has been flushed (pipes are asynchronous in node). */
function exitAfterFlush(status: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(status);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

async function main(argv: readonly string[]): Promise<void> {
  const invocation = parseArguments(argv);
  if (invocation.kind === 'help') {
    process.stdout.write(USAGE);
    return exitAfterFlush(0);
  }
  if (invocation.kind === 'error') {
    process.stderr.write(`docker-lab: ${invocation.message}\nSee 'docker-lab --help'.\n`);
    return exitAfterFlush(2);
  }
  // Loaded here rather than at the top so that this file's helpers can be
  // imported (by tests) without loading the whole engine and CLI.
  const { Engine, ENGINE_VERSION } = await import('../engine/Engine');
  if (invocation.kind === 'version') {
    process.stdout.write(`docker-lab ${packageJson.version} (simulates Docker ${ENGINE_VERSION.Version})\n`);
    return exitAfterFlush(0);
  }
  const { createShellHost } = await import('../shell/createShellHost');
  const { LabShell } = await import('../shell/LabShell');

  const engineOptions: EngineOptions = {};
  const stateFile = invocation.stateFile;
  let restored: InstanceType<typeof Engine> | undefined;
  if (stateFile !== undefined) {
    const loaded = loadStateFile(stateFile, (json) => Engine.restore(json, engineOptions));
    if (loaded.kind === 'loaded') restored = loaded.value;
    if (loaded.kind === 'set-aside') process.stderr.write(setAsideMessage(stateFile, loaded.aside, loaded.reason));
  }
  const engine = restored ?? new Engine(engineOptions);
  const save = () => {
    if (stateFile === undefined) return;
    try {
      saveStateFile(stateFile, engine.snapshot());
    } catch (error) {
      process.stderr.write(`docker-lab: cannot save the lab state to ${stateFile}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };

  if (invocation.kind === 'serve') {
    const { ApiServer } = await import('../api/ApiServer');
    const server = new ApiServer(engine, invocation.socket, { tcpPort: invocation.tcpPort });
    await server.start();
    process.stderr.write(`docker-lab: serving the Docker Engine API on ${invocation.socket}\n  export DOCKER_HOST=unix://${invocation.socket}\n`);
    if (server.tcpAddress) process.stderr.write(`docker-lab: and on ${server.tcpAddress.slice('tcp://'.length)} (this machine only)\n  export DOCKER_HOST=${server.tcpAddress}\n`);
    engine.onDidChange(save);
    const stop = () => void server.stop().then(() => {
      save();
      exitAfterFlush(0);
    });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }

  const { NodeHostFiles } = await import('../host/NodeHostFiles');
  const { inProcessDaemonSocket } = await import('../api/inProcess');
  // docker cp copies to and from the directory docker-lab was started in.
  const shell = new LabShell(createShellHost(engine, new NodeHostFiles(process.cwd()), inProcessDaemonSocket(engine)), { welcome: WELCOME });
  shell.onDidExecute(save);

  const interactive = invocation.command === undefined && process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (interactive) {
    const stdin = process.stdin;
    shell.onOutput((text) => process.stdout.write(text));
    shell.onExit((status) => {
      save();
      stdin.setRawMode(false);
      exitAfterFlush(status);
    });
    // SIGWINCH: node re-reads the size and emits 'resize'.
    process.stdout.on('resize', () => shell.resize(process.stdout.columns, process.stdout.rows));
    // Raw mode: keys arrive as typed, Ctrl+C as \x03 (not SIGINT), and the shell does the echoing.
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', (data: string) => shell.handleInput(data));
    stdin.on('end', () => shell.handleInput('\x04'));
    shell.open(process.stdout.columns, process.stdout.rows);
    return;
  }

  shell.onOutput((text) => process.stdout.write(text));
  shell.onErrorOutput((text) => process.stderr.write(text));
  process.on('SIGINT', () => {
    // Forwarded when the running command listens (docker passes it to the container); otherwise die like bash does.
    if (shell.interrupt() === 'idle') {
      save();
      exitAfterFlush(130);
    }
  });
  const stdin = new StreamLines(process.stdin);
  const status = invocation.command !== undefined
    ? await shell.runScript(stringLines(invocation.command), stdin)
    : await shell.runScript(stdin);
  save();
  exitAfterFlush(status);
}

if (require.main === module) {
  void main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`docker-lab: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
