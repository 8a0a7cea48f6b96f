import type { CommandHandler } from './Command';
import { parallelOperation } from './parallelOperation';
import { trimContainerId } from './trimContainerId';

/**
 * `docker wait CONTAINER...` (docker/cli container/wait.go): one container
 * after the other, printing each exit code once that container is not
 * running; errors joined at the end (exit 1).
 */
export const wait: CommandHandler = async (ctx) =>
  parallelOperation(ctx, ctx.args, async (container) => (await ctx.engine.containerWait(trimContainerId(container))).StatusCode, {
    sequential: true,
    line: (_container, code) => String(code),
  });
