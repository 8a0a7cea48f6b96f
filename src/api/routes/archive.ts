import type { ArchiveEntry, Engine, PathStat } from '../../engine/Engine';
import { InvalidParameterError, SystemError } from '../../engine/errors';
import { daemonEntries } from '../../engine/util/daemonEntries';
import { posixPath } from '../../engine/util/posixPath';
import { ArchiveBreakout, ArchiveError, MAX_ARCHIVE_BYTES, packArchive, unpackArchive } from '../tar';
import { goJson } from '../wire';
import type { Query, Router } from '../wire';

/** Go's os.FileMode bits for what the tar (and the lab) keep as unix mode bits. */
const GO_MODE_DIR = 0x80000000;
const GO_SETUID = 1 << 23;
const GO_SETGID = 1 << 22;
const GO_STICKY = 1 << 20;

/** Container archives: GET/HEAD/PUT /containers/{id}/archive (docker cp) and GET /containers/{id}/export. */
export function archiveRoutes(route: Router, engine: Engine): void {
  route('HEAD', '/containers/{id}/archive', ({ params, query }) => {
    const stat = engine.containerStatPath(params.id, archivePath(query));
    return { status: 200, empty: true, headers: statHeader(stat) };
  });

  route('GET', '/containers/{id}/archive', async ({ params, query }) => {
    const path = archivePath(query);
    const { stat, entries } = engine.containerArchive(params.id, path);
    const named = daemonEntries(entries, path, (stat.mode & GO_MODE_DIR) !== 0);
    return { raw: await packArchive(walkOrder(named), new Date(stat.mtime)), contentType: 'application/x-tar', headers: statHeader(stat) };
  });

  route('PUT', '/containers/{id}/archive', async ({ params, query, body }) => {
    const path = archivePath(query);
    let entries: ArchiveEntry[];
    try {
      entries = await unpackArchive(body as Buffer);
    } catch (error) {
      // go-archive's breakoutError: a system error (500), the archive is refused before anything is written.
      if (error instanceof ArchiveBreakout) throw new SystemError(`${JSON.stringify(error.entryName)} is outside of ${JSON.stringify(posixPath.clean(posixPath.join('/', path)))}`);
      if (error instanceof ArchiveError) throw new InvalidParameterError(error.message);
      throw error;
    }
    // Unpack joins every name below the extraction point: `/x` lands in DIR/x; `.` is DIR itself.
    const below = entries
      .map(([name, node]): ArchiveEntry => [posixPath.clean(name.replace(/^\/+/, '')), node])
      .filter(([name]) => name !== '.');
    engine.containerPutArchive(params.id, path, below);
    return { status: 200, empty: true };
  }, { body: 'raw', limit: MAX_ARCHIVE_BYTES });

  // docker export: the whole filesystem as the container sees it (its image's layers and its writable layer),
  // named from the root without `./` (the tarballer skips the source directory itself).
  route('GET', '/containers/{id}/export', async ({ params }) => {
    const { stat, entries } = engine.containerArchive(params.id, '/');
    const below = entries.filter(([name]) => name !== '');
    return { raw: await packArchive(walkOrder(below), new Date(stat.mtime)), contentType: 'application/x-tar' };
  });
}

/**
 * httputils.ArchiveFormValues: `path` is required. The message is
 * dockerd's, missing space included (`bad parameter: pathcannot be empty`).
 */
function archivePath(query: Query): string {
  const path = query.get('path');
  if (!path) throw new InvalidParameterError('bad parameter: pathcannot be empty');
  return path;
}

/** setContainerPathStatHeader: the stat as JSON, base64 (standard alphabet) in `X-Docker-Container-Path-Stat`. */
function statHeader(stat: PathStat): Record<string, string> {
  const json = goJson({ name: stat.name, size: stat.size, mode: goFileMode(stat.mode), mtime: stat.mtime, linkTarget: stat.linkTarget });
  return { 'X-Docker-Container-Path-Stat': Buffer.from(json).toString('base64') };
}

/**
 * A stat mode as Go's os.FileMode: unix's setuid, setgid and sticky bits
 * (04000, 02000, 01000: `/tmp` is 01777) are separate high bits there
 * (os.ModeSetuid, ModeSetgid, ModeSticky), the low nine the permissions.
 */
function goFileMode(mode: number): number {
  let out = (mode & ~0o7000) >>> 0;
  if (mode & 0o4000) out |= GO_SETUID;
  if (mode & 0o2000) out |= GO_SETGID;
  if (mode & 0o1000) out |= GO_STICKY;
  return out >>> 0;
}

/** filepath.WalkDir's order: a directory, then what is in it by name (bytewise), depth first. */
function walkOrder(entries: readonly ArchiveEntry[]): ArchiveEntry[] {
  const parts = new Map(entries.map(([name]) => [name, name.split('/')]));
  return [...entries].sort(([a], [b]) => {
    const left = parts.get(a) as string[];
    const right = parts.get(b) as string[];
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
    }
    return left.length - right.length;
  });
}
