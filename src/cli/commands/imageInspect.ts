import { EngineError } from '../../engine/errors';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import type { InspectResult } from './inspectOutput';
import { writeInspect } from './inspectOutput';

/**
 * `docker image inspect [-f FORMAT] IMAGE...` (docker/cli image/inspect.go,
 * inspect/inspector.go): the images as an indented JSON array, or each
 * through the `-f` template; images that are not found are reported after
 * the output, one error per line, exit 1.
 */
export const imageInspect: CommandHandler = async (ctx) => {
  if (ctx.flags.changed('platform')) {
    throw new StatusError('docker image inspect --platform is not simulated in Docker Lab: its images have one platform (linux/amd64)', 1);
  }
  const results: InspectResult[] = ctx.args.map((ref) => {
    if (ref === '') {
      // The client refuses an empty name itself (moby client objectNotFoundError).
      return { ok: false, error: 'Error: No such image: ' };
    }
    try {
      return { ok: true, value: ctx.engine.imageInspect(ref) };
    } catch (e) {
      // Every error the daemon answers is collected, not only "not found" (inspect.Inspect).
      if (!(e instanceof EngineError)) throw e;
      return { ok: false, error: `Error response from daemon: ${e.message}` };
    }
  });
  return writeInspect(ctx.io, results, ctx.flags.string('format'));
};
