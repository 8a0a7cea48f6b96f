import { EngineError, SystemError } from '../../engine/errors';
import type { CommandContext, CommandHandler } from './Command';
import { StatusError } from './Command';
import { parseContainerOptions } from './containerOptions';
import { createContainer } from './createContainer';

/** How many Ctrl+C presses the lab waits for before it lets go of a container that ignores SIGINT. */
const DETACH_AFTER_INTERRUPTS = 3;

/**
 * `docker run`: create (pulling if needed), then either print the id (`-d`)
 * or attach, start, stream the output and exit with the container's status
 * (docker/cli container/run.go).
 */
export const run: CommandHandler = async (ctx) => {
  const { engine, io, flags } = ctx;
  const options = parseContainerOptions(flags, ctx.args, 'run', ctx.environment);
  const request = options.request;
  const detach = flags.bool('detach');
  if (!detach && request.Tty && !io.isTTY) {
    throw new StatusError('the input device is not a TTY', 1);
  }

  let id: string;
  try {
    id = await createContainer(ctx, options);
  } catch (e) {
    throw toStatusError(e);
  }

  if (detach) {
    try {
      engine.containerStart(id);
    } catch (e) {
      throw toStatusError(e);
    }
    io.stdout.write(`${id}\n`);
    return 0;
  }
  return attachAndStart(ctx, id, request.Tty === true, request.AttachStdin === true, options.autoRemove);
};

async function attachAndStart(ctx: CommandContext, id: string, tty: boolean, attachStdin: boolean, autoRemove: boolean): Promise<number> {
  const { engine, io } = ctx;
  const output = engine.onContainerOutput(({ id: from, entry }) => {
    if (from !== id) return;
    (entry.stream === 'stderr' && !tty ? io.stderr : io.stdout).write(entry.text);
  });
  let interrupts = 0;
  let letGo: (() => void) | undefined;
  const detached = new Promise<void>((resolve) => { letGo = resolve; });
  // sig-proxy: Ctrl+C reaches the container as SIGINT; a PID 1 that does not handle it ignores it.
  const interrupt = io.onInterrupt(() => {
    interrupts++;
    try {
      engine.containerKill(id, 'SIGINT');
    } catch {
      // The container is already gone.
    }
    // With a TTY, Ctrl+C is the container's to handle (its shell prompts again); never let go.
    if (!tty && interrupts >= DETACH_AFTER_INTERRUPTS) letGo?.();
  });
  try {
    // As the CLI's runContainer: attach (the daemon's `attach` event), wait, then start.
    engine.containerAttach(id);
    const exited = engine.containerWait(id, 'next-exit');
    try {
      engine.containerStart(id);
    } catch (e) {
      if (autoRemove) await removeQuietly(ctx, id);
      throw toStatusError(e);
    }
    if (attachStdin) void pumpStdin(ctx, id);
    const outcome = await Promise.race([exited.then((r) => r.StatusCode), detached.then(() => undefined)]);
    if (outcome === undefined) {
      io.stderr.write(`\nDocker Lab: the container ignores Ctrl+C (SIGINT), so the lab stopped waiting for it. It is still running: docker ps, docker stop ${id.slice(0, 12)}\n`);
      return 130;
    }
    return outcome;
  } finally {
    output.dispose();
    interrupt.dispose();
  }
}

/** Sends what the learner types to the container's stdin until it exits or the input ends. */
async function pumpStdin(ctx: CommandContext, id: string): Promise<void> {
  for (;;) {
    let running: boolean;
    try {
      running = ctx.engine.isContainerRunning(id);
    } catch {
      return;
    }
    if (!running) return;
    const line = await ctx.io.stdin.readLine();
    try {
      if (!ctx.engine.isContainerRunning(id)) return;
      ctx.engine.containerWriteStdin(id, line);
    } catch {
      return;
    }
    if (line === null) return;
  }
}

async function removeQuietly(ctx: CommandContext, id: string): Promise<void> {
  try {
    await ctx.engine.containerDelete(id, { force: true });
  } catch {
    // Already removed.
  }
}

/**
 * docker/cli's toStatusError: the daemon's error framed as `docker: Error
 * response from daemon: ...` with 127 for a missing executable, 126 for a
 * permission problem, else 125.
 */
export function toStatusError(e: unknown): unknown {
  if (e instanceof StatusError) return e;
  if (!(e instanceof EngineError)) return e;
  const message = `Error response from daemon: ${e.message}`;
  let code = 125;
  if (/executable file not found|no such file or directory/.test(e.message)) code = 127;
  else if (/permission denied|is a directory/.test(e.message)) code = 126;
  else if (e instanceof SystemError) code = e.runExitCode;
  return new StatusError(`docker: ${message}\n\nRun 'docker run --help' for more information`, code);
}
