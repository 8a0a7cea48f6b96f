import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { describeError } from './describeError';

/**
 * `docker rename CONTAINER NEW_NAME` (docker/cli container/rename.go): silent
 * on success; on failure the daemon's error, then `Error: failed to rename
 * container named OLD` (exit 1).
 */
export const rename: CommandHandler = async (ctx) => {
  const oldName = ctx.args[0].trim();
  const newName = ctx.args[1].trim();
  if (!oldName || !newName) throw new StatusError('Error: Neither old nor new names may be empty', 1);
  try {
    ctx.engine.containerRename(oldName, newName);
  } catch (error) {
    ctx.io.stderr.write(`${describeError(error)}\n`);
    throw new StatusError(`Error: failed to rename container named ${oldName}`, 1);
  }
  return 0;
};
