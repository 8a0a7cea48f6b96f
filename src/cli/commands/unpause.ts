import type { CommandHandler } from './Command';
import { parallelOperation } from './parallelOperation';
import { trimContainerId } from './trimContainerId';

/** `docker unpause CONTAINER...` (docker/cli container/unpause.go): names printed as given, errors joined (exit 1). */
export const unpause: CommandHandler = async (ctx) =>
  parallelOperation(ctx, ctx.args, (container) => ctx.engine.containerUnpause(trimContainerId(container)));
