import {
  InvalidReferenceError, invalidRepositoryTagMessage, isNamed, parseAnyReference, parseNormalizedNamed, tagWithDigestMessage,
} from '../../engine/util/reference';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';

/**
 * `docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]`: silent on success.
 * The client checks both references before asking the daemon (moby
 * client/image_tag.go); the daemon answers `No such image: ...`.
 */
export const tag: CommandHandler = async (ctx) => {
  const [source, target] = ctx.args;
  try {
    parseAnyReference(source);
  } catch (e) {
    throw invalidReference(source, e);
  }
  let parsed;
  try {
    parsed = parseNormalizedNamed(target);
  } catch (e) {
    throw invalidReference(target, e);
  }
  if (isNamed(parsed) && parsed.digest !== undefined) throw new StatusError(tagWithDigestMessage, 1);
  ctx.engine.imageTag(source, target);
  return 0;
};

function invalidReference(reference: string, error: unknown): unknown {
  if (!(error instanceof InvalidReferenceError)) return error;
  return new StatusError(invalidRepositoryTagMessage(reference, error.message), 1);
}
