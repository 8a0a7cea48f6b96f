import type { ContainerSummary } from '../../engine/types';
import { displayablePorts } from '../../engine/util/ports';
import { parseNormalizedNamed, familiarString } from '../../engine/util/reference';
import { truncateId } from '../../engine/util/stringid';
import { humanDuration, humanSizeWithPrecision } from '../../engine/util/units';
import { renderFormat } from '../template/renderFormat';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { ellipsis, goTimeString } from './formatHelpers';

/** docker/cli formatter/container.go defaultContainerTableFormat. */
export const DEFAULT_CONTAINER_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

/** The column headers of formatter.ContainerContext (also `docker system df -v`'s containers). */
export const CONTAINER_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Names: 'NAMES',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
  Label: 'LABEL',
};

/** `docker ps` / `docker container ls` (docker/cli container/list.go). */
export const ps: CommandHandler = async (ctx) => {
  const { engine, io, flags } = ctx;
  const filters: Record<string, string[]> = {};
  for (const filter of flags.list('filter')) {
    const eq = filter.indexOf('=');
    if (eq < 0) throw new StatusError(`invalid argument "${filter}" for "-f, --filter" flag: bad format of filter (expected name=value)`, 125);
    const key = filter.slice(0, eq).toLowerCase();
    (filters[key] ??= []).push(filter.slice(eq + 1));
  }
  const latest = flags.bool('latest');
  const last = flags.changed('last') ? flags.int('last') : -1;
  const all = flags.bool('all') || latest || last > 0;
  const list = engine.containerList({ all, filters, limit: latest ? 1 : last > 0 ? last : undefined, size: flags.bool('size') });
  const trunc = !flags.bool('no-trunc');
  const now = engine.clock.now();
  const quiet = flags.bool('quiet');
  let format = flags.string('format');
  if (quiet && !format) format = '{{.ID}}';
  else if (!format) format = flags.bool('size') ? `${DEFAULT_CONTAINER_TABLE}\t{{.Size}}` : 'table';
  if (format === 'table' && flags.bool('size')) format = `${DEFAULT_CONTAINER_TABLE}\t{{.Size}}`;
  const images = new Map<string, string>();
  const rows = list.map((c) => containerContext(c, trunc, now, images));
  io.stdout.write(renderFormat(format, CONTAINER_HEADERS, rows, DEFAULT_CONTAINER_TABLE));
  return 0;
};

/**
 * The fields `--format` templates see for a container (formatter.ContainerContext).
 * Getters, like the context's methods in docker: a template computes only the
 * columns it shows.
 */
export function containerContext(c: ContainerSummary, trunc: boolean, now: number, images = new Map<string, string>()): Record<string, unknown> {
  return {
    get ID() { return trunc ? truncateId(c.Id) : c.Id; },
    get Names() {
      const names = c.Names.map((n) => n.slice(1));
      return (trunc ? [names.find((n) => !n.includes('/')) ?? names[0]] : names).join(',');
    },
    get Image() {
      const key = `${trunc}\u0000${c.Image}\u0000${c.ImageID}`;
      let column = images.get(key);
      if (column === undefined) images.set(key, column = imageColumn(c, trunc));
      return column;
    },
    get Command() { return JSON.stringify(trunc ? ellipsis(c.Command, 20) : c.Command); },
    get CreatedAt() { return goTimeString(c.Created * 1000); },
    get RunningFor() { return `${humanDuration(now - c.Created * 1000)} ago`; },
    get Ports() { return displayablePorts(c.Ports); },
    get State() { return c.State; },
    get Status() { return c.Status; },
    get Size() {
      return c.SizeRootFs && c.SizeRootFs > 0
        ? `${humanSizeWithPrecision(c.SizeRw ?? 0, 3)} (virtual ${humanSizeWithPrecision(c.SizeRootFs, 3)})`
        : humanSizeWithPrecision(c.SizeRw ?? 0, 3);
    },
    get Labels() { return Object.entries(c.Labels ?? {}).map(([k, v]) => `${k}=${v}`).sort().join(','); },
    Label: (name: string) => c.Labels?.[name] ?? '',
    // Each mount's volume name (its source when it has none), cut to 15 columns unless --no-trunc.
    get Mounts() { return (c.Mounts ?? []).map((m) => (trunc ? ellipsis(m.Name || m.Source, 15) : m.Name || m.Source)).join(','); },
    get LocalVolumes() { return String((c.Mounts ?? []).filter((m) => m.Driver === 'local').length); },
    get Networks() { return Object.keys(c.NetworkSettings?.Networks ?? {}).join(','); },
    get Platform() { return null; },
  };
}

function imageColumn(c: ContainerSummary, trunc: boolean): string {
  if (!c.Image) return '<no image>';
  if (!trunc) return c.Image;
  if (truncateId(c.ImageID) === truncateId(c.Image)) return truncateId(c.Image);
  try {
    const ref = parseNormalizedNamed(c.Image);
    // A digest is dropped from the column when there is a tag (formatter.ContainerContext.Image).
    return familiarString(ref.tag ? { ...ref, digest: undefined } : ref);
  } catch {
    return c.Image;
  }
}
