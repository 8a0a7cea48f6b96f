import { NotFoundError } from '../../engine/errors';
import type { ContainerInspectResponse } from '../../engine/types';
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
  const size = ctx.flags.bool('size');
  // system/inspect.go: the size is the container's alone; for other objects the flag is noted and ignored.
  const sizeIgnored = (objectType: string, value: unknown): InspectResult => {
    if (size) ctx.io.stderr.write(`WARNING: --size ignored for ${objectType}\n`);
    return { ok: true, value };
  };
  // Tried in this order; a NotFound moves on to the next type unless --type names it.
  const inspectors: readonly (readonly [string, (ref: string) => InspectResult])[] = [
    ['container', (ref) => containerResult(ctx.engine.containerInspect(ref, { size }))],
    ['image', (ref) => sizeIgnored('image', ctx.engine.imageInspect(ref))],
    ['network', (ref) => sizeIgnored('network', ctx.engine.networkInspect(ref))],
    ['volume', (ref) => sizeIgnored('volume', ctx.engine.volumeInspect(ref))],
  ];
  const results: InspectResult[] = ctx.args.map((ref) => {
    for (const [objectType, inspectOne] of inspectors) {
      if (type !== '' && type !== objectType) continue;
      try {
        return inspectOne(ref);
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        if (type === objectType) return { ok: false, error: `Error response from daemon: ${e.message}` };
      }
    }
    if (type && !inspectors.some(([objectType]) => objectType === type)) {
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
      return containerResult(ctx.engine.containerInspect(ref, { size: ctx.flags.bool('size') }));
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      return { ok: false, error: `Error response from daemon: ${e.message}` };
    }
  });
  return writeInspect(ctx.io, results, ctx.flags.string('format'));
};

/** A container as the CLI decodes it: without `-s` the JSON has no sizes, the struct's pointers are nil. */
function containerResult(value: ContainerInspectResponse): InspectResult {
  return { ok: true, value, typed: { SizeRw: null, SizeRootFs: null, ...value } };
}
