import { NotModifiedError } from '../../engine/errors';
import type { CommandContext, CommandHandler } from './Command';
import { StatusError } from './Command';
import { describeError } from './describeError';
import { trimContainerId } from './trimContainerId';

/**
 * `docker start [-a] [-i] CONTAINER...` (docker/cli container/start.go).
 *
 * Without `-a`/`-i`: one container after the other, each name printed as
 * given; each failure printed at once, then `Error: failed to start
 * containers: a, b` (exit 1). Starting a running container is no error.
 *
 * With `-a` (and `-i`): one container; its output is streamed until it exits
 * and its exit code is the command's.
 */
export const start: CommandHandler = async (ctx) => {
  const { flags, args } = ctx;
  if (flags.bool('attach') || flags.bool('interactive')) {
    if (args.length > 1) throw new StatusError('you cannot start and attach multiple containers at once', 1);
    return startAttached(ctx, args[0], flags.bool('interactive'));
  }
  const failed: string[] = [];
  for (const container of args) {
    try {
      ctx.engine.containerStart(trimContainerId(container));
    } catch (error) {
      // 304: already running; the Go client sees no error.
      if (!(error instanceof NotModifiedError)) {
        ctx.io.stderr.write(`${describeError(error)}\n`);
        failed.push(container);
        continue;
      }
    }
    ctx.io.stdout.write(`${container}\n`);
  }
  if (failed.length) throw new StatusError(`Error: failed to start containers: ${failed.join(', ')}`, 1);
  return 0;
};

/**
 * Attach, then start (or just attach, if it runs already), as RunStart does.
 *
 * Ctrl+C: docker start cancels its own context on SIGINT (unlike docker run,
 * it does not shield the attachment from it), so the first Ctrl+C ends the
 * command with status 0 and no message; for a container without a TTY the
 * signal is first forwarded to it (ForwardAllSignals). With `-i` and a TTY the
 * terminal is raw: Ctrl+C reaches the container's terminal, which interrupts
 * its foreground process, and the command stays attached.
 */
async function startAttached(ctx: CommandContext, name: string, interactive: boolean): Promise<number> {
  const { engine, io } = ctx;
  const container = engine.containerInspect(trimContainerId(name));
  const id = container.Id;
  const config = container.Config as { Tty?: boolean; OpenStdin?: boolean; StdinOnce?: boolean };
  const tty = config.Tty === true;
  const attachStdin = interactive && config.OpenStdin === true;

  let finish!: (status: number) => void;
  const finished = new Promise<number>((resolve) => { finish = resolve; });
  const output = engine.onContainerOutput(({ id: from, entry }) => {
    if (from !== id) return;
    (entry.stream === 'stderr' && !tty ? io.stderr : io.stdout).write(entry.text);
  });
  const interrupt = io.onInterrupt(() => {
    const rawTerminal = tty && attachStdin;
    if (!tty || rawTerminal) {
      try {
        engine.containerKill(id, 'SIGINT');
      } catch {
        // Gone already; docker only logs a failed forward at debug level.
      }
    }
    if (!rawTerminal) finish(0);
  });
  try {
    // RunStart attaches before it starts: the daemon's `attach` event comes first.
    engine.containerAttach(id);
    try {
      engine.containerStart(id);
    } catch (error) {
      if (!(error instanceof NotModifiedError)) throw error;
    }
    // Registered at once: a process exits no sooner than the next microtask.
    engine.containerWait(id).then(({ StatusCode }) => finish(StatusCode), () => finish(0));
    if (attachStdin) void pumpStdin(ctx, id, config.StdinOnce === true, finished);
    return await finished;
  } finally {
    output.dispose();
    interrupt.dispose();
  }
}

/**
 * Sends what the user types to the container until it exits. At the end of
 * input the container's stdin is closed only if it was created to close with
 * its client (StdinOnce, which `docker create -i` sets), as the daemon does.
 */
async function pumpStdin(ctx: CommandContext, id: string, stdinOnce: boolean, finished: Promise<number>): Promise<void> {
  let done = false;
  void finished.then(() => { done = true; });
  while (!done) {
    const line = await ctx.io.stdin.readLine();
    if (done) return;
    if (line === null && !stdinOnce) return;
    try {
      ctx.engine.containerWriteStdin(id, line);
    } catch {
      return;
    }
    if (line === null) return;
  }
}
