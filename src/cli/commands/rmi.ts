import { EngineError, NotFoundError } from '../../engine/errors';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';

/**
 * `docker rmi` / `docker image rm [-f] IMAGE...` (docker/cli image/remove.go):
 * each image in turn, its `Untagged:` / `Deleted:` lines as the daemon
 * answers; an error does not stop the next image. The errors are printed
 * together at the end (errors.Join: one per line), exit 1. With `-f`, images
 * that were not found are only reported (exit 0) unless another error came.
 */
export const rmi: CommandHandler = async (ctx) => {
  const { engine, io, flags, args } = ctx;
  const force = flags.bool('force');
  if (flags.changed('platform')) {
    throw new StatusError('docker rmi --platform is not simulated in Docker Lab: its images have one platform (linux/amd64)', 1);
  }
  const errors: string[] = [];
  let fatal = false;
  for (const name of args) {
    try {
      let out = '';
      for (const item of engine.imageDelete(name, { force })) {
        out += 'Deleted' in item ? `Deleted: ${item.Deleted}\n` : `Untagged: ${item.Untagged}\n`;
      }
      io.stdout.write(out);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      if (!(e instanceof NotFoundError)) fatal = true;
      errors.push(`Error response from daemon: ${e.message}`);
    }
  }
  if (errors.length === 0) return 0;
  if (!force || fatal) throw new StatusError(errors.join('\n'), 1);
  io.stderr.write(`${errors.join('\n')}\n`);
  return 0;
};
