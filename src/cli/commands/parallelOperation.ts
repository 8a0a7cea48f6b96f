import { NotModifiedError } from '../../engine/errors';
import type { CommandContext } from './Command';
import { StatusError } from './Command';
import { describeError } from './describeError';

/** How a command over several containers runs its operation and reports each one. */
export interface ParallelOperationOptions<T> {
  /**
   * One container after the other (`docker restart`, `docker wait`), instead
   * of all at once as docker/cli's parallelOperation does (`stop`, `kill`,
   * `pause`, `unpause`, `rm`).
   */
  sequential?: boolean;
  /** The line printed for a success; the container as the user typed it by default. */
  line?: (container: string, result: T) => string;
  /**
   * An error docker prints at once to stderr without failing the command
   * (`docker rm -f` of a container that does not exist).
   */
  tolerate?: (error: unknown) => boolean;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `operation` for each container the user named and reports as
 * docker/cli does (container/utils.go parallelOperation + errors.Join): the
 * successes are printed to stdout in the order of the arguments, each as soon
 * as it and all before it have finished; the failures are kept and, at the
 * end, printed one per line to stderr with exit status 1. A 304 from the
 * daemon (already started, already stopped) counts as a success, as in the
 * Go client.
 *
 * Resolves to 0 when every operation succeeded; otherwise throws a
 * StatusError holding the joined messages.
 */
export async function parallelOperation<T>(
  ctx: CommandContext,
  containers: readonly string[],
  operation: (container: string) => Promise<T> | T,
  options: ParallelOperationOptions<T> = {},
): Promise<number> {
  const run = (container: string): Promise<Outcome<T>> =>
    // Through a promise, so an operation that throws at once fails only its own container.
    Promise.resolve()
      .then(() => operation(container))
      .then((value): Outcome<T> => ({ ok: true, value }), (error: unknown): Outcome<T> => ({ ok: false, error }));

  // All at once unless sequential; docker caps the parallelism at 50, which the lab never reaches.
  const started = options.sequential ? undefined : containers.map(run);
  const errors: string[] = [];
  for (const [index, container] of containers.entries()) {
    const outcome = started ? await started[index] : await run(container);
    if (outcome.ok || outcome.error instanceof NotModifiedError) {
      const value = outcome.ok ? outcome.value : (undefined as T);
      ctx.io.stdout.write(`${options.line ? options.line(container, value) : container}\n`);
      continue;
    }
    const message = describeError(outcome.error);
    if (options.tolerate?.(outcome.error)) {
      ctx.io.stderr.write(`${message}\n`);
      continue;
    }
    errors.push(message);
  }
  if (errors.length) throw new StatusError(errors.join('\n'), 1);
  return 0;
}
