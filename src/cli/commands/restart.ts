import type { CommandHandler } from './Command';
import { parallelOperation } from './parallelOperation';
import { stopOptions } from './stopOptions';
import { trimContainerId } from './trimContainerId';

/**
 * `docker restart [-s SIGNAL] [-t SECONDS] CONTAINER...` (docker/cli
 * container/restart.go): unlike stop, one container after the other; each
 * name printed as given, the daemon's errors joined at the end (exit 1).
 */
export const restart: CommandHandler = async (ctx) => {
  const options = stopOptions(ctx.flags);
  return parallelOperation(ctx, ctx.args, (container) => ctx.engine.containerRestart(trimContainerId(container), options), { sequential: true });
};
