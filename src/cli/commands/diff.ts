import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { trimContainerId } from './trimContainerId';

/** container.ChangeType's String(): 0 Modify, 1 Add, 2 Delete. */
const KIND_LETTERS = ['C', 'A', 'D'] as const;

/**
 * `docker diff CONTAINER` (docker/cli container/diff.go): the daemon's
 * changes to the container's files, one `{{.Type}} {{.Path}}` line each
 * (`C /etc`, `A /tmp/x`, `D /path`), in the daemon's order; nothing at all
 * for a container that changed nothing.
 */
export const diff: CommandHandler = async (ctx) => {
  const [container] = ctx.args;
  if (container === '') throw new StatusError('Container name cannot be empty', 1);
  const changes = ctx.engine.containerChanges(trimContainerId(container));
  ctx.io.stdout.write(changes.map((change) => `${KIND_LETTERS[change.Kind]} ${change.Path}\n`).join(''));
  return 0;
};
