import type { CommandHandler } from './Command';
import { parseContainerOptions } from './containerOptions';
import { createContainer } from './createContainer';

/** `docker create`: like run without starting; prints the new container's id. */
export const create: CommandHandler = async (ctx) => {
  const options = parseContainerOptions(ctx.flags, ctx.args, 'create', ctx.environment);
  const id = await createContainer(ctx, options, ctx.flags.bool('quiet'));
  ctx.io.stdout.write(`${id}\n`);
  return 0;
};
