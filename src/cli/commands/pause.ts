import type { CommandHandler } from './Command';
import { parallelOperation } from './parallelOperation';
import { trimContainerId } from './trimContainerId';

/** `docker pause CONTAINER...` (docker/cli container/pause.go): names printed as given, errors joined (exit 1). */
export const pause: CommandHandler = async (ctx) =>
  parallelOperation(ctx, ctx.args, (container) => ctx.engine.containerPause(trimContainerId(container)));
