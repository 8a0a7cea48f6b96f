import type { Engine } from '../../engine/Engine';
import { NotFoundError } from '../../engine/errors';
import type { NamedReference } from '../../engine/util/reference';
import {
  InvalidReferenceError, familiarString, isNameOnly, parseNormalizedNamed, referenceString, tagNameOnly,
} from '../../engine/util/reference';
import { JsonMessageRenderer } from '../jsonMessage';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';

/** Platforms the lab's registry serves: its data is linux/amd64 only. */
const SIMULATED_PLATFORMS = new Set(['linux', 'linux/amd64']);

/**
 * `docker pull [-q] NAME[:TAG|@DIGEST]` (docker/cli image/pull.go `runPull`):
 * `Using default tag: latest` when no tag is given, the daemon's progress
 * stream as jsonmessage draws it, then the full reference
 * (`docker.io/library/nginx:1.28.0`). `-q` prints only the reference.
 */
export const pull: CommandHandler = async (ctx) => {
  const { engine, io, flags } = ctx;
  const quiet = flags.bool('quiet');
  const allTags = flags.bool('all-tags');

  let reference: NamedReference;
  try {
    reference = parseNormalizedNamed(ctx.args[0] ?? '');
  } catch (e) {
    // The CLI prints the parser's error as it is, exit 1.
    if (e instanceof InvalidReferenceError) throw new StatusError(e.message, 1);
    throw e;
  }
  if (allTags && !isNameOnly(reference)) {
    throw new StatusError("tag can't be used with --all-tags/-a", 1);
  }
  if (allTags) {
    throw new StatusError('docker pull --all-tags is not simulated in Docker Lab: pull one tag at a time', 1);
  }
  if (flags.changed('platform') && !SIMULATED_PLATFORMS.has(flags.string('platform').toLowerCase())) {
    throw new StatusError(`docker pull --platform ${flags.string('platform')} is not simulated in Docker Lab: its registry holds linux/amd64 images only`, 1);
  }
  if (isNameOnly(reference)) {
    reference = tagNameOnly(reference);
    if (!quiet) io.stdout.write(`Using default tag: ${reference.tag}\n`);
  }

  // -q discards the progress stream (streams.NewOut(io.Discard)), not the final reference.
  const renderer = new JsonMessageRenderer(quiet ? { write: () => undefined } : io.stdout, io.isTTY, io.columns);
  try {
    // The client sends the familiar form (`nginx:latest`); the daemon normalizes it again.
    await engine.imagePull(familiarString(reference), (message) => renderer.write(message));
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    io.stderr.write(`Error response from daemon: ${e.message}\n`);
    io.stderr.write(`${registryHint(engine)}\n`);
    return 1;
  }
  renderer.end();
  io.stdout.write(`${referenceString(reference)}\n`);
  return 0;
};

/**
 * The lab's own line after docker's "not found" error: the real Docker Hub
 * has nearly every image, the lab's offline registry only a few, so the
 * learner is told which (this line is not docker's).
 */
export function registryHint(engine: Engine): string {
  return `Docker Lab: this lab is offline; its registry holds only ${engine.registry.catalog().join(', ')}`;
}
