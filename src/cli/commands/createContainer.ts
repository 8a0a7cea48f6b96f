import { NotFoundError } from '../../engine/errors';
import { parseNormalizedNamed, familiarString } from '../../engine/util/reference';
import { JsonMessageRenderer } from '../jsonMessage';
import type { CommandContext } from './Command';
import type { ContainerOptions } from './containerOptions';

/**
 * Creates the container, pulling its image first when it is missing
 * (docker/cli container/create.go createContainer): `Unable to find image
 * 'x:latest' locally`, then the pull's progress on stderr, then create again.
 */
export async function createContainer(ctx: CommandContext, options: ContainerOptions, quiet = false): Promise<string> {
  const { engine, io } = ctx;
  const reference = options.request.Image;
  const pull = async () => {
    const renderer = new JsonMessageRenderer(quiet ? { write: () => undefined } : io.stderr, io.isTTY, io.columns);
    await engine.imagePull(reference, (message) => renderer.write(message));
    renderer.end();
  };
  if (options.pull === 'always') await pull();
  try {
    return engine.containerCreate(options.request, options.name).Id;
  } catch (e) {
    if (!(e instanceof NotFoundError) || !e.message.startsWith('No such image') || options.pull === 'never') throw e;
    if (!quiet) io.stderr.write(`Unable to find image '${familiarTagged(reference)}' locally\n`);
    await pull();
    return engine.containerCreate(options.request, options.name).Id;
  }
}

/** `nginx` -> `nginx:latest`, as the CLI names the image it is about to pull. */
function familiarTagged(reference: string): string {
  try {
    const ref = parseNormalizedNamed(reference);
    return familiarString({ ...ref, tag: ref.digest ? ref.tag : ref.tag ?? 'latest' });
  } catch {
    return reference;
  }
}
