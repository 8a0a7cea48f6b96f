import { NotFoundError } from '../../engine/errors';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import type { InspectResult } from './inspectOutput';
import { writeInspect } from './inspectOutput';

const TYPES = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

/** `docker inspect [--type TYPE] NAME...`: containers first, then images, networks and volumes (docker/cli system/inspect.go). */
export const inspect: CommandHandler = async (ctx) => {
  const type = ctx.flags.string('type');
  if (ctx.flags.changed('type') && type === '') {
    throw new StatusError(`type is empty: must be one of "${TYPES.join('", "')}"`, 1);
  }
  if (type && !TYPES.includes(type)) {
    throw new StatusError(`unknown type: "${type}": must be one of "${TYPES.join('", "')}"`, 1);
  }
  const results: InspectResult[] = ctx.args.map((ref) => {
    if (type === '' || type === 'container') {
      try {
        return { ok: true, value: ctx.engine.containerInspect(ref) };
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        if (type === 'container') return { ok: false, error: `Error response from daemon: ${e.message}` };
      }
    }
    if (type === '' || type === 'image') {
      try {
        return { ok: true, value: ctx.engine.imageInspect(ref) };
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        if (type === 'image') return { ok: false, error: `Error response from daemon: ${e.message}` };
      }
    }
    if (type === '' || type === 'network') {
      try {
        return { ok: true, value: ctx.engine.networkInspect(ref) };
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        if (type === 'network') return { ok: false, error: `Error response from daemon: ${e.message}` };
      }
    }
    if (type === '' || type === 'volume') {
      try {
        return { ok: true, value: ctx.engine.volumeInspect(ref) };
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        if (type === 'volume') return { ok: false, error: `Error response from daemon: ${e.message}` };
      }
    }
    if (type && !['container', 'image', 'network', 'volume'].includes(type)) {
      return { ok: false, error: `Error: No such ${type}: ${ref}` };
    }
    return { ok: false, error: `Error: No such object: ${ref}` };
  });
  return writeInspect(ctx.io, results, ctx.flags.string('format'));
};

/** `docker container inspect [-f FORMAT] [-s] CONTAINER...` */
export const containerInspect: CommandHandler = async (ctx) => {
  const results: InspectResult[] = ctx.args.map((ref) => {
    try {
      return { ok: true, value: ctx.engine.containerInspect(ref) };
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      return { ok: false, error: `Error response from daemon: ${e.message}` };
    }
  });
  return writeInspect(ctx.io, results, ctx.flags.string('format'));
};
