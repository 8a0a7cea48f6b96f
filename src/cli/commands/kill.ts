import type { CommandHandler } from './Command';
import { parallelOperation } from './parallelOperation';
import { trimContainerId } from './trimContainerId';

/**
 * `docker kill [-s SIGNAL] CONTAINER...` (docker/cli container/kill.go): the
 * signal (SIGKILL unless `-s` says otherwise; the daemon checks the name) to
 * every container at once, names printed as given, errors joined (exit 1).
 */
export const kill: CommandHandler = async (ctx) => {
  const signal = ctx.flags.string('signal');
  return parallelOperation(ctx, ctx.args, (container) => {
    const id = trimContainerId(container);
    if (signal) ctx.engine.containerKill(id, signal);
    else ctx.engine.containerKill(id);
  });
};
