import { NotFoundError } from '../../engine/errors';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { parallelOperation } from './parallelOperation';
import { trimContainerId } from './trimContainerId';

/**
 * `docker rm [-f] [-v] [-l] CONTAINER...` (docker/cli container/rm.go): every
 * container at once, names printed as given, errors joined (exit 1). With
 * `-f` a running container is killed first, and a container that does not
 * exist is only reported, not counted as a failure.
 */
export const rm: CommandHandler = async (ctx) => {
  const force = ctx.flags.bool('force');
  const link = ctx.flags.bool('link');
  // `-v` takes the container's anonymous volumes with it (DELETE /containers/{id}?v=1).
  const removeVolumes = ctx.flags.bool('volumes');
  return parallelOperation(ctx, ctx.args, async (container) => {
    const name = trimSlashes(container);
    if (!name) throw new StatusError('container name cannot be empty', 1);
    const id = trimContainerId(name);
    if (link) {
      // moby's rmLink: the lab has no links (--link is not simulated), so the only
      // names left are containers' own, which a link removal refuses.
      ctx.engine.containerId(id);
      throw new StatusError('Error response from daemon: Conflict, cannot remove the default link name of the container', 1);
    }
    await ctx.engine.containerDelete(id, { force, removeVolumes });
  }, { tolerate: (error) => force && error instanceof NotFoundError });
};

/** Go's strings.Trim(name, "/"). */
function trimSlashes(name: string): string {
  return name.replace(/^\/+|\/+$/g, '');
}
