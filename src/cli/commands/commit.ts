import type { NamedReference } from '../../engine/util/reference';
import { InvalidReferenceError, parseNormalizedNamed, referenceName, tagNameOnly } from '../../engine/util/reference';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { trimContainerId } from './trimContainerId';

/**
 * `docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]` (docker/cli
 * container/commit.go, moby client/container_commit.go): the client checks
 * the reference before asking the daemon (`latest` when no tag is given, no
 * digest allowed), then prints the new image's ID (`sha256:<64 hex>`).
 */
export const commit: CommandHandler = async (ctx) => {
  const { flags } = ctx;
  const [container, reference = ''] = ctx.args;
  const id = trimContainerId(container);
  let repo = '';
  let tag = '';
  if (reference !== '') {
    let named: NamedReference;
    try {
      named = parseNormalizedNamed(reference);
    } catch (e) {
      if (e instanceof InvalidReferenceError) throw new StatusError(e.message, 1);
      throw e;
    }
    if (named.digest !== undefined) throw new StatusError('refusing to create a tag with a digest reference', 1);
    named = tagNameOnly(named);
    repo = referenceName(named);
    tag = named.tag ?? '';
  }
  const response = ctx.engine.containerCommit(id, {
    repo,
    tag,
    comment: flags.string('message'),
    author: flags.string('author'),
    changes: flags.list('change'),
    pause: flags.bool('pause'),
  });
  ctx.io.stdout.write(`${response.Id}\n`);
  return 0;
};
