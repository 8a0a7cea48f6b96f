import type { ExecSession } from '../../engine/Engine';
import type { CommandContext, CommandHandler } from './Command';
import { StatusError } from './Command';
import { errnoText } from './errnoText';
import { trimContainerId } from './trimContainerId';

/** The status docker exits with when Ctrl+C ends the client of an exec without a TTY (128 + SIGINT, no message). */
const INTERRUPTED = 130;

/** What the daemon writes into the stream when it cannot start the exec's process (moby's exec router). */
const START_FAILED = /^OCI runtime exec failed: [^\r\n]*/;

/**
 * `docker exec [OPTIONS] CONTAINER COMMAND [ARG...]` (docker/cli
 * container/exec.go RunExec): the client inspects the container first (so a
 * missing one is `No such container`), refuses `-it` without a terminal,
 * creates the exec and either starts it detached (`-d`, silent) or attaches
 * and exits with the process's status, as a StatusError without a message
 * (getExecExitStatus). With `-t` the output is one stream and Ctrl+C goes to
 * the process; without, Ctrl+C ends the client (130) and the process runs on.
 */
export const exec: CommandHandler = async (ctx) => {
  const { engine, io, flags } = ctx;
  const [target, ...command] = ctx.args;
  const detach = flags.bool('detach');
  const tty = flags.bool('tty');
  const interactive = flags.bool('interactive');
  // parseExec runs first: the env files are read before anything is asked of the daemon.
  const env = [...readEnvFiles(ctx, flags.list('env-file')), ...flags.list('env')];

  const container = trimContainerId(target);
  engine.containerInspect(container);
  if (!detach && tty && interactive && !io.isTTY) throw new StatusError('the input device is not a TTY', 1);

  const { Id } = engine.execCreate(container, {
    Cmd: command,
    User: flags.string('user'),
    Privileged: flags.bool('privileged'),
    Tty: tty,
    Env: env,
    WorkingDir: flags.string('workdir'),
    DetachKeys: flags.string('detach-keys'),
    // Without -d the client attaches stdout and stderr, and stdin with -i.
    AttachStdin: !detach && interactive,
    AttachStdout: !detach,
    AttachStderr: !detach,
  });

  if (detach) {
    startDetached(ctx, Id);
    return 0;
  }
  return attach(ctx, Id, tty, interactive);
};

/**
 * `-d`: the daemon starts the process and answers at once. A process that
 * cannot start is the API call's error here (the router returns it instead
 * of writing it into the stream).
 */
function startDetached(ctx: CommandContext, execId: string): void {
  let written = '';
  // The output of a detached process goes nowhere; only a start failure is looked for in it.
  ctx.engine.execStart(execId, (_stream, text) => { written += text; });
  const failure = START_FAILED.exec(written);
  if (failure) throw new StatusError(`Error response from daemon: ${failure[0]}`, 1);
}

async function attach(ctx: CommandContext, execId: string, tty: boolean, interactive: boolean): Promise<number> {
  const { engine, io } = ctx;
  let attached = true;
  let finish!: (status: number) => void;
  const finished = new Promise<number>((resolve) => { finish = resolve; });
  // With a TTY the daemon sends one stream, and the client writes it to stdout.
  const session = engine.execStart(execId, (stream, text) => {
    if (attached) (stream === 'stderr' && !tty ? io.stderr : io.stdout).write(text);
  });
  const interrupt = io.onInterrupt(() => {
    if (tty) {
      // The terminal is raw: Ctrl+C is a byte for the process's terminal, which sends it SIGINT.
      session.signal('SIGINT');
    } else {
      finish(INTERRUPTED);
    }
  });
  session.exited.then(() => finish(engine.execInspect(execId).ExitCode ?? 0), () => finish(1));
  if (interactive) void pumpStdin(ctx, session, finished);
  try {
    return await finished;
  } finally {
    attached = false;
    interrupt.dispose();
  }
}

/** Sends what the learner types to the process until it exits or the input ends (Ctrl+D). */
async function pumpStdin(ctx: CommandContext, session: ExecSession, finished: Promise<number>): Promise<void> {
  let done = false;
  void finished.then(() => { done = true; });
  while (!done) {
    const line = await ctx.io.stdin.readLine();
    if (done) return;
    session.writeStdin(line);
    if (line === null) return;
  }
}

/**
 * `--env-file`: kvfile.Parse on the host's file. Leading white space and `#`
 * lines are skipped; `KEY=value` is kept as it is; a bare `KEY` takes the
 * client's value, and is left out when the client has none.
 */
function readEnvFiles(ctx: CommandContext, files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const host = ctx.hostFiles;
  if (!host) throw new StatusError('Docker Lab: --env-file reads a file on the host, and the host\'s files are not available here.', 1);
  const variables: string[] = [];
  for (const file of files) {
    const read = host.readFile(host.resolve(host.cwd, file));
    if (typeof read !== 'string') {
      // os.Open succeeds on a directory; the read after it fails.
      if (read.error === 'EISDIR') throw new StatusError(`invalid env file (${file}): ${errnoText('read', file, read.error)}`, 1);
      throw new StatusError(errnoText('open', file, read.error), 1);
    }
    const lines = read.replace(/^\uFEFF/, '').split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    for (const raw of lines) {
      const line = raw.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const equals = line.indexOf('=');
      const key = equals < 0 ? line : line.slice(0, equals);
      if (key === '') throw new StatusError(`invalid env file (${file}): no variable name on line '${line}'`, 1);
      if (/[ \t]/.test(key)) throw new StatusError(`invalid env file (${file}): variable '${key}' contains whitespaces`, 1);
      if (equals >= 0) variables.push(line);
      else if (key in ctx.environment) variables.push(`${key}=${ctx.environment[key]}`);
    }
  }
  return variables;
}
