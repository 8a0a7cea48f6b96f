import type { BuildCacheRecord, ContainerSummary, ImageSummary, SystemDataUsageResponse, VolumeUsageItem } from '../../engine/types';
import { familiarName, parseNormalizedNamed } from '../../engine/util/reference';
import { truncateId } from '../../engine/util/stringid';
import { humanDuration, humanSize, humanSizeWithPrecision } from '../../engine/util/units';
import { GO_MARSHAL_JSON, goJson, goMap, goType, parseTemplate } from '../template/GoTemplate';
import { renderFormat } from '../template/renderFormat';
import { TemplateError } from '../template/TemplateError';
import type { CommandIO } from '../CommandIO';
import type { CommandHandler } from './Command';
import { StatusError } from './Command';
import { goTimeString } from './formatHelpers';
import { IMAGE_HEADERS, render } from './images';
import { CONTAINER_HEADERS, containerContext } from './ps';
import { VOLUME_HEADERS } from './volumeCommands';

/** docker/cli formatter/disk_usage.go defaultDiskUsageTableFormat: the summary table. */
export const DEFAULT_DISK_USAGE_TABLE = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
/** defaultDiskUsageImageTableFormat (`-v`, first section). */
const DISK_USAGE_IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}';
/** defaultDiskUsageContainerTableFormat. */
const DISK_USAGE_CONTAINER_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
/** defaultDiskUsageVolumeTableFormat. */
const DISK_USAGE_VOLUME_TABLE = 'table {{.Name}}\t{{.Links}}\t{{.Size}}';
/** defaultDiskUsageBuildCacheTableFormat. */
const DISK_USAGE_BUILD_CACHE_TABLE = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';

/** NewDiskUsageFormat's `raw` format without -v. */
const RAW_SUMMARY_FORMAT = 'type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n';
/**
 * NewDiskUsageFormat's `raw` format with -v: each section's raw format
 * (NewImageFormat with digests, NewContainerFormat with size, ...) in a range.
 */
const RAW_VERBOSE_FORMAT = [
  '{{range .Images}}type: Image\n',
  'repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n',
  '\n{{end -}}\n{{range .Containers}}type: Container\n',
  'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\nsize: {{.Size}}\\n',
  '\n{{end -}}\n{{range .Volumes}}type: Volume\n',
  'name: {{.Name}}\\ndriver: {{.Driver}}\\n',
  '\n{{end -}}\n{{range .BuildCache}}type: Build Cache\n',
  'build_cache_id: {{.ID}}\nparent_id: {{.Parent}}\nbuild_cache_type: {{.CacheType}}\ndescription: {{.Description}}\ncreated_at: {{.CreatedAt}}\ncreated_since: {{.CreatedSince}}\nlast_used_at: {{.LastUsedAt}}\nlast_used_since: {{.LastUsedSince}}\nusage_count: {{.UsageCount}}\nin_use: {{.InUse}}\nshared: {{.Shared}}\n',
  '\n{{end -}}',
].join('');

/** The summary table's header (the SubHeaderContext disk_usage.go Write gives it). */
const SUMMARY_HEADERS: Record<string, string> = {
  Type: 'TYPE',
  TotalCount: 'TOTAL',
  Active: 'ACTIVE',
  Size: 'SIZE',
  Reclaimable: 'RECLAIMABLE',
};

/** newBuildCacheContext's header. */
const BUILD_CACHE_HEADERS: Record<string, string> = {
  ID: 'CACHE ID',
  Parent: 'PARENT',
  CacheType: 'CACHE TYPE',
  Size: 'SIZE',
  CreatedSince: 'CREATED',
  LastUsedSince: 'LAST USED',
  UsageCount: 'USAGE',
  InUse: 'IN USE',
  Shared: 'SHARED',
  Description: 'DESCRIPTION',
};

/**
 * `docker system df [-v] [--format]` (docker/cli v28.2.2 system/df.go and
 * formatter/disk_usage.go): what the daemon's `GET /system/df` adds up,
 * as four rows (images, containers, local volumes, build cache), or with
 * -v one table per kind.
 */
export const df: CommandHandler = async (ctx) => {
  const { engine, io, flags } = ctx;
  const usage = engine.systemDataUsage();
  const format = flags.string('format') || 'table';
  const now = engine.clock.now();
  if (flags.bool('verbose')) {
    io.stdout.write(verboseOutput(usage, format, now, io));
    return 0;
  }
  // NewDiskUsageFormat without -v: `table` is the summary table, `raw` its raw form.
  const source = format === 'raw' ? RAW_SUMMARY_FORMAT : format;
  io.stdout.write(render(() => renderFormat(source, SUMMARY_HEADERS, summaryRows(usage), DEFAULT_DISK_USAGE_TABLE)));
  return 0;
};

/** `units.HumanSize(part)`, with `(N%)` of the total when the total is positive; Go's integer division. */
function withPercentage(part: number, total: number): string {
  return total > 0 ? `${humanSize(part)} (${Math.trunc((part * 100) / total)}%)` : humanSize(part);
}

/** Running, paused and restarting containers hold their writable layer (diskUsageContainersContext.isActive). */
function isActive(container: ContainerSummary): boolean {
  return container.State === 'running' || container.State === 'paused' || container.State === 'restarting';
}

/** The build cache's size: records not shared with other records (system/df.go). */
function builderSize(records: readonly BuildCacheRecord[]): number {
  return records.filter((r) => !r.Shared).reduce((sum, r) => sum + r.Size, 0);
}

/**
 * The summary's four rows: diskUsageImagesContext, diskUsageContainersContext,
 * diskUsageVolumesContext and diskUsageBuilderContext.
 */
function summaryRows(usage: SystemDataUsageResponse): object[] {
  const { Images: images, Containers: containers, Volumes: volumes, BuildCache: cache } = usage;

  // Images: reclaimable is what no container's image holds alone (its unique size).
  let imagesUsed = 0;
  for (const image of images) {
    if (image.Containers !== 0 && image.Size !== -1 && image.SharedSize !== -1) imagesUsed += image.Size - image.SharedSize;
  }
  const imagesRow = {
    Type: 'Images',
    TotalCount: String(images.length),
    Active: String(images.filter((i) => i.Containers > 0).length),
    Size: humanSize(usage.LayersSize),
    Reclaimable: withPercentage(usage.LayersSize - imagesUsed, usage.LayersSize),
  };

  const containersSize = containers.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0);
  const containersReclaimable = containers.filter((c) => !isActive(c)).reduce((sum, c) => sum + (c.SizeRw ?? 0), 0);
  const containersRow = {
    Type: 'Containers',
    TotalCount: String(containers.length),
    Active: String(containers.filter(isActive).length),
    Size: humanSize(containersSize),
    Reclaimable: withPercentage(containersReclaimable, containersSize),
  };

  // Volumes whose size is unknown (-1) count in neither total.
  const sized = volumes.filter((v) => v.UsageData !== null && v.UsageData.Size !== -1);
  const volumesSize = sized.reduce((sum, v) => sum + v.UsageData!.Size, 0);
  const volumesReclaimable = sized.filter((v) => v.UsageData!.RefCount === 0).reduce((sum, v) => sum + v.UsageData!.Size, 0);
  const volumesRow = {
    Type: 'Local Volumes',
    TotalCount: String(volumes.length),
    Active: String(volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length),
    Size: humanSize(volumesSize),
    Reclaimable: withPercentage(volumesReclaimable, volumesSize),
  };

  // The build cache's reclaimable space has no percentage in docker 28.
  const cacheSize = builderSize(cache);
  const inUse = cache.filter((r) => r.InUse && !r.Shared).reduce((sum, r) => sum + r.Size, 0);
  const cacheRow = {
    Type: 'Build Cache',
    TotalCount: String(cache.length),
    Active: String(cache.filter((r) => r.InUse).length),
    Size: humanSize(cacheSize),
    Reclaimable: humanSize(cacheSize - inUse),
  };

  return [
    goType(imagesRow, '*formatter.diskUsageImagesContext'),
    goType(containersRow, '*formatter.diskUsageContainersContext'),
    goType(volumesRow, '*formatter.diskUsageVolumesContext'),
    goType(cacheRow, '*formatter.diskUsageBuilderContext'),
  ];
}

/**
 * DiskUsageContext.verboseWrite: with the default format, four titled
 * tables; with any other format, the template runs once on the whole
 * (Images, Containers, Volumes, BuildCache) and, as in docker, no newline
 * is added. Only the `table` format truncates IDs.
 */
function verboseOutput(usage: SystemDataUsageResponse, format: string, now: number, io: CommandIO): string {
  const source = format === 'raw' ? RAW_VERBOSE_FORMAT : format;
  const trunc = source.startsWith('table');
  const images = usage.Images.flatMap((image) => imageContext(image, trunc, now));
  // "Don't display the virtual size."
  const containers = usage.Containers.map((c) => goType(containerContext({ ...c, SizeRootFs: 0 }, trunc, now), '*formatter.ContainerContext'));
  const volumes = usage.Volumes.map(volumeContext);
  const cache = sortBuildCache(usage.BuildCache).map((record) => buildCacheContext(record, trunc, now));

  if (source === 'table') {
    const section = (table: string, headers: Record<string, string>, rows: object[], rowType: string) =>
      render(() => renderFormat(table, headers, rows, '', { rowType }));
    return [
      'Images space usage:\n\n',
      section(DISK_USAGE_IMAGE_TABLE, IMAGE_HEADERS, images, '*formatter.imageContext'),
      '\nContainers space usage:\n\n',
      section(DISK_USAGE_CONTAINER_TABLE, CONTAINER_HEADERS, containers, '*formatter.ContainerContext'),
      '\nLocal Volumes space usage:\n\n',
      section(DISK_USAGE_VOLUME_TABLE, VOLUME_HEADERS, volumes, '*formatter.volumeContext'),
      `\nBuild cache usage: ${humanSize(builderSize(usage.BuildCache))}\n\n`,
      section(DISK_USAGE_BUILD_CACHE_TABLE, BUILD_CACHE_HEADERS, cache, '*formatter.buildCacheContext'),
    ].join('');
  }

  // Context.preFormat: a `table` prefix is dropped (and prints no header here), `json` is `{{json .}}`.
  let text = source.startsWith('table') ? source.slice('table'.length) : source === 'json' ? '{{json .}}' : source;
  text = text.replace(/^ +| +$/g, '').replace(/\\t|\\n/g, (escape) => (escape === '\\t' ? '\t' : '\n'));
  let template;
  try {
    template = parseTemplate(text);
  } catch (e) {
    if (e instanceof TemplateError) throw new StatusError(`template parsing error: ${e.message}`, 1);
    throw e;
  }
  const whole = goType({
    Images: images.map(withMarshalJson),
    Containers: containers.map(withMarshalJson),
    Volumes: volumes.map(withMarshalJson),
    BuildCache: cache.map(withMarshalJson),
  }, '*formatter.diskUsageContext');
  try {
    return template.execute(whole);
  } catch (e) {
    // tmpl.Execute writes straight to the output: what it printed before
    // failing stays, and its error is not wrapped as the tables' are.
    if (e instanceof TemplateError) {
      io.stdout.write(e.partialOutput);
      throw new StatusError(e.message, 1);
    }
    throw e;
  }
}

/**
 * The row contexts marshal as docker's formatter.MarshalJSON does: their
 * upper-case, argument-less members, as a map (keys sorted), through
 * json.Marshal (so `<` is `\u003c`).
 */
function withMarshalJson<T extends object>(row: T): T {
  Object.defineProperty(row, GO_MARSHAL_JSON, {
    value: () => {
      const fields: Record<string, unknown> = {};
      for (const name of Object.keys(row)) {
        if (!/^\p{Lu}/u.test(name)) continue;
        const value = (row as Record<string, unknown>)[name];
        if (typeof value !== 'function') fields[name] = value;
        else if (value.length === 0) fields[name] = (value as () => unknown).call(row);
      }
      return goJson(goMap(fields), { escapeHTML: true });
    },
    enumerable: false,
    configurable: true,
  });
  return row;
}

/** isDangling in formatter/image.go: no references, or only the `<none>` placeholders. */
function isDangling(image: ImageSummary): boolean {
  if (image.RepoTags.length === 0 && image.RepoDigests.length === 0) return true;
  return image.RepoTags.length === 1 && image.RepoTags[0] === '<none>:<none>' && image.RepoDigests.length === 1 && image.RepoDigests[0] === '<none>@<none>';
}

/**
 * formatter.imageContext as verboseWrite makes it: one row per image, under
 * its first tag only (`<none>` when it has none); no digest. An image whose
 * first tag does not parse is left out.
 */
function imageContext(image: ImageSummary, trunc: boolean, now: number): object[] {
  let repository = '<none>';
  let tag = '<none>';
  if (image.RepoTags.length > 0 && !isDangling(image)) {
    let ref;
    try {
      ref = parseNormalizedNamed(image.RepoTags[0]);
    } catch {
      return [];
    }
    if (ref.tag !== undefined) {
      repository = familiarName(ref);
      tag = ref.tag;
    }
  }
  const createdMs = image.Created * 1000;
  return [goType({
    get Containers() { return image.Containers === -1 ? 'N/A' : String(image.Containers); },
    get CreatedAt() { return goTimeString(createdMs); },
    get CreatedSince() { return `${humanDuration(now - createdMs)} ago`; },
    Digest: '',
    get ID() { return trunc ? truncateId(image.Id) : image.Id; },
    Repository: repository,
    get SharedSize() { return image.SharedSize === -1 ? 'N/A' : humanSize(image.SharedSize); },
    get Size() { return humanSizeWithPrecision(image.Size, 3); },
    Tag: tag,
    get UniqueSize() { return image.Size === -1 || image.SharedSize === -1 ? 'N/A' : humanSize(image.Size - image.SharedSize); },
    get VirtualSize() { return humanSize(image.Size); },
  }, '*formatter.imageContext')];
}

/** formatter.volumeContext: the fields a local volume has (the lab's volumes are not cluster volumes). */
function volumeContext(volume: VolumeUsageItem): object {
  return goType({
    get Name() { return volume.Name; },
    get Driver() { return volume.Driver; },
    get Scope() { return volume.Scope; },
    get Mountpoint() { return volume.Mountpoint; },
    get Labels() { return Object.entries(volume.Labels ?? {}).map(([k, v]) => `${k}=${v}`).join(','); },
    Label: (name: string) => volume.Labels?.[name] ?? '',
    get Links() { return volume.UsageData === null ? 'N/A' : String(volume.UsageData.RefCount); },
    get Size() { return volume.UsageData === null ? 'N/A' : humanSize(volume.UsageData.Size); },
    get Group() { return 'N/A'; },
    get Availability() { return 'N/A'; },
    get Status() { return 'N/A'; },
  }, '*formatter.volumeContext');
}

/** buildCacheSort: least recently used first (never used before all), then by ID. */
function sortBuildCache(records: readonly BuildCacheRecord[]): BuildCacheRecord[] {
  return [...records].sort((a, b) => {
    if (a.LastUsedAt === b.LastUsedAt || (a.LastUsedAt !== null && b.LastUsedAt !== null && Date.parse(a.LastUsedAt) === Date.parse(b.LastUsedAt))) {
      return a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0;
    }
    if (a.LastUsedAt === null) return -1;
    if (b.LastUsedAt === null) return 1;
    return Date.parse(a.LastUsedAt) - Date.parse(b.LastUsedAt);
  });
}

/** formatter.buildCacheContext: an in-use record's ID is marked with `*`. */
function buildCacheContext(record: BuildCacheRecord, trunc: boolean, now: number): object {
  const created = Date.parse(record.CreatedAt);
  const lastUsed = record.LastUsedAt === null ? undefined : Date.parse(record.LastUsedAt);
  return goType({
    get ID() { return (trunc ? truncateId(record.ID) : record.ID) + (record.InUse ? '*' : ''); },
    get Parent() {
      const parent = (record.Parents ?? []).join(', ');
      return trunc ? truncateId(parent) : parent;
    },
    get CacheType() { return record.Type; },
    get Description() { return record.Description; },
    get Size() { return humanSizeWithPrecision(record.Size, 3); },
    get CreatedAt() { return goTimeString(created); },
    get CreatedSince() { return `${humanDuration(now - created)} ago`; },
    get LastUsedAt() { return lastUsed === undefined ? '' : goTimeString(lastUsed); },
    get LastUsedSince() { return lastUsed === undefined ? '' : `${humanDuration(now - lastUsed)} ago`; },
    get UsageCount() { return String(record.UsageCount); },
    get InUse() { return String(record.InUse); },
    get Shared() { return String(record.Shared); },
  }, '*formatter.buildCacheContext');
}
