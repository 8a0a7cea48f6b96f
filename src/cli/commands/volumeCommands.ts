import { EngineError } from '../../engine/errors';
import type { Volume } from '../../engine/types';
import { humanSize } from '../../engine/util/units';
import { goType } from '../template/goValue';
import type { CommandContext, CommandHandler, FlagValues } from './Command';
import { StatusError } from './Command';
import { render } from './images';
import type { InspectResult } from './inspectOutput';
import { writeInspect } from './inspectOutput';
import { naturalOrder } from './naturalLess';
import { renderFormat } from '../template/renderFormat';

/** formatter/volume.go defaultVolumeTableFormat. */
const DEFAULT_VOLUME_TABLE = 'table {{.Driver}}\t{{.Name}}';

/** newVolumeContext's header (also `system df -v`'s volume table). */
export const VOLUME_HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'VOLUME NAME',
  Group: 'GROUP',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  Availability: 'AVAILABILITY',
  Mountpoint: 'MOUNTPOINT',
  Labels: 'LABELS',
  Links: 'LINKS',
  Size: 'SIZE',
  Status: 'STATUS',
};

/** volume/prune.go's prompts. */
const ANONYMOUS_WARNING = 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

/**
 * `docker volume ls`: the volumes sorted by name (sortorder.NaturalLess),
 * `DRIVER    VOLUME NAME`; `-q` names only; `--filter`, `--format`.
 */
const volumeLs: CommandHandler = async (ctx) => {
  const { Volumes: volumes } = ctx.engine.volumeList(filterMap(ctx.flags));
  const sorted = [...volumes].sort((a, b) => naturalOrder(a.Name, b.Name));
  const quiet = ctx.flags.bool('quiet');
  const format = ctx.flags.string('format') || 'table';
  // NewVolumeFormat: `table` is the default table, or just the names with -q.
  const resolved = format === 'table' ? (quiet ? '{{.Name}}' : DEFAULT_VOLUME_TABLE) : format;
  ctx.io.stdout.write(render(() => renderFormat(resolved, VOLUME_HEADERS, sorted.map(volumeContext), DEFAULT_VOLUME_TABLE, { rowType: '*formatter.volumeContext' })));
  return 0;
};

/** `docker volume create [VOLUME]`: prints the volume's name (a generated one when none is given). */
const volumeCreate: CommandHandler = async (ctx) => {
  const name = ctx.args[0] ?? '';
  // volume/create.go: the argument and (hidden) --name are the same thing: not both.
  const flagName = ctx.flags.string('name');
  if (flagName && ctx.args.length) {
    throw new StatusError(`conflicting options: cannot specify a volume-name through both --name and as a positional arg`, 1);
  }
  const created = ctx.engine.volumeCreate({
    Name: name || flagName || undefined,
    Driver: ctx.flags.string('driver') || 'local',
    ...(ctx.flags.changed('opt') ? { DriverOpts: mapFlag(ctx.flags, 'opt') } : {}),
    ...(ctx.flags.changed('label') ? { Labels: labelMap(ctx.flags.list('label')) } : {}),
  });
  ctx.io.stdout.write(`${created.Name}\n`);
  return 0;
};

/** `docker volume inspect VOLUME...` */
const volumeInspect: CommandHandler = async (ctx) => {
  const results: InspectResult[] = ctx.args.map((name) => {
    try {
      return { ok: true, value: ctx.engine.volumeInspect(name) };
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      return { ok: false, error: `Error response from daemon: ${e.message.trim()}` };
    }
  });
  return writeInspect(ctx.io, results, ctx.flags.string('format'));
};

/** `docker volume rm [-f] VOLUME...`: each name printed as it goes; the errors joined, exit 1 (volume/remove.go). */
const volumeRm: CommandHandler = async (ctx) => {
  const errors: string[] = [];
  for (const name of ctx.args) {
    try {
      ctx.engine.volumeDelete(name, { force: ctx.flags.bool('force') });
      ctx.io.stdout.write(`${name}\n`);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      errors.push(`Error response from daemon: ${e.message.trim()}`);
    }
  }
  if (errors.length) throw new StatusError(errors.join('\n'), 1);
  return 0;
};

/**
 * `docker volume prune [-a] [-f] [--filter]`: asks first unless `-f`, then
 * lists what went and the space reclaimed (volume/prune.go).
 */
const volumePrune: CommandHandler = async (ctx) => {
  const filters = filterMap(ctx.flags);
  const all = ctx.flags.bool('all');
  if (all) {
    if (filters.all) throw new StatusError('conflicting options: cannot specify both --all and --filter all=1', 1);
    filters.all = ['true'];
  }
  if (!ctx.flags.bool('force') && !(await confirm(ctx, all ? ALL_WARNING : ANONYMOUS_WARNING))) return 0;
  const report = ctx.engine.volumePrune(filters);
  let output = '';
  if (report.VolumesDeleted.length) output = `Deleted Volumes:\n${report.VolumesDeleted.map((name) => `${name}\n`).join('')}\n`;
  const reclaimed = report.VolumesDeleted.length ? report.SpaceReclaimed : 0;
  ctx.io.stdout.write(`${output}Total reclaimed space: ${humanSize(reclaimed)}\n`);
  return 0;
};

/** The `docker volume` commands, by their path in the CLI's command tree. */
export const VOLUME_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  'volume ls': volumeLs,
  'volume create': volumeCreate,
  'volume inspect': volumeInspect,
  'volume rm': volumeRm,
  'volume prune': volumePrune,
};

/** formatter.volumeContext for a volume of the list (no UsageData there: Links and Size are N/A). */
function volumeContext(volume: Volume): object {
  return goType({
    get Name() { return volume.Name; },
    get Driver() { return volume.Driver; },
    get Scope() { return volume.Scope; },
    get Mountpoint() { return volume.Mountpoint; },
    get Labels() { return Object.entries(volume.Labels ?? {}).map(([key, value]) => `${key}=${value}`).join(','); },
    Label: (name: string) => volume.Labels?.[name] ?? '',
    get Links() { return 'N/A'; },
    get Size() { return 'N/A'; },
    get Group() { return 'N/A'; },
    get Availability() { return 'N/A'; },
    get Status() { return 'N/A'; },
  }, '*formatter.volumeContext');
}

/** `--filter key=value` flags as the API's filters map. */
export function filterMap(flags: FlagValues): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const value of flags.list('filter')) {
    // The flag parser (opts.FilterOpt) has checked the `key=value` shape.
    const equals = value.indexOf('=');
    const key = value.slice(0, equals);
    (filters[key] ??= []).push(value.slice(equals + 1));
  }
  return filters;
}

/** opts.ConvertKVStringsToMap: `key=value`, or `key` alone for an empty value. */
export function labelMap(values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf('=');
    if (equals < 0) labels[value] = '';
    else labels[value.slice(0, equals)] = value.slice(equals + 1);
  }
  return labels;
}

/** A `map` flag's values (`-o key=value`); the parsed flags keep them as a map. */
export function mapFlag(flags: FlagValues, name: string): Record<string, string> {
  const withMaps = flags as FlagValues & { map?: (long: string) => Readonly<Record<string, string>> };
  return { ...(withMaps.map?.(name) ?? {}) };
}

/**
 * internal/prompt.Confirm: the question with ` [y/N] `, then a line; only
 * `y` (any case, spaces trimmed) goes on. A declined prune ends quietly with
 * status 0 (its error is a cancellation, which the CLI does not print).
 */
export async function confirm(ctx: CommandContext, question: string): Promise<boolean> {
  ctx.io.stdout.write(`${question} [y/N] `);
  const answer = await ctx.io.stdin.readLine();
  return answer !== null && answer.trim().toLowerCase() === 'y';
}
