import type { CommandHandler } from './Command';
import { parallelOperation } from './parallelOperation';
import { stopOptions } from './stopOptions';
import { trimContainerId } from './trimContainerId';

/**
 * `docker stop [-s SIGNAL] [-t SECONDS] CONTAINER...` (docker/cli
 * container/stop.go): all containers at once, each name printed as given once
 * it has stopped, the daemon's errors joined at the end (exit 1). The daemon
 * sends the stop signal, waits the grace period, then SIGKILL.
 */
export const stop: CommandHandler = async (ctx) => {
  const options = stopOptions(ctx.flags);
  return parallelOperation(ctx, ctx.args, (container) => ctx.engine.containerStop(trimContainerId(container), options));
};
