import { InvalidParameterError } from '../errors';
import type { FsNode, LayerEntry } from '../fs/overlay';
import { WritableLayer } from '../fs/overlay';
import type { Volume } from '../types';

/** The label moby's volume service puts on the volumes it names itself (volume/service.AnonymousLabel). */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

/** Where the local driver keeps a volume's data on the host. */
export function volumeMountpoint(name: string): string {
  return `/var/lib/docker/volumes/${name}/_data`;
}

/**
 * A volume as the daemon keeps it: plain data, so a snapshot is just this
 * record. Its files are paths inside the volume (`/x` is `_data/x`).
 */
export interface VolumeRecord {
  name: string;
  /** Always `local`: the lab has no volume plugins. */
  driver: string;
  /** ms since the epoch. */
  createdAt: number;
  labels: Record<string, string> | null;
  options: Record<string, string> | null;
  /** The volume's files (path, entry), when anything was written. */
  files?: [string, LayerEntry][];
}

/** What lies below a volume's files: its empty `_data` directory (0755, as the local driver makes it). */
const EMPTY_VOLUME: ReadonlyMap<string, FsNode> = new Map<string, FsNode>([['/', { kind: 'dir', mode: 0o755 }]]);

/** The local driver's volume names (names.RestrictedNamePattern). */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

interface StoredVolume {
  record: VolumeRecord;
  files: WritableLayer;
}

/**
 * The daemon's volumes (moby's volume service with the `local` driver): each
 * volume is a directory of its own, outside every container's layers, so
 * what one container writes under its mount point another one mounting the
 * same volume reads, and it outlives the containers. Which containers use a
 * volume is the engine's to know (their mount points); the store only keeps
 * the volumes and their files.
 */
export class VolumeStore {
  private readonly volumes = new Map<string, StoredVolume>();

  /**
   * Creates a volume, or answers the one of that name (moby's VolumeStore.create
   * returns an existing volume as it is). Throws the local driver's refusal of
   * a malformed name, as `create NAME: ...`.
   */
  create(name: string, options: { labels?: Record<string, string> | null; options?: Record<string, string> | null; createdAt: number }): { volume: VolumeRecord; created: boolean } {
    const existing = this.volumes.get(name);
    if (existing) return { volume: existing.record, created: false };
    if (name.length === 1) {
      throw new InvalidParameterError(`create ${name}: volume name is too short, names should be at least two alphanumeric characters`);
    }
    if (!VOLUME_NAME.test(name)) {
      throw new InvalidParameterError(`create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`);
    }
    const record: VolumeRecord = {
      name,
      driver: 'local',
      createdAt: options.createdAt,
      labels: options.labels === undefined ? null : options.labels === null ? null : { ...options.labels },
      options: options.options === undefined ? null : options.options === null ? null : { ...options.options },
    };
    this.volumes.set(name, { record, files: new WritableLayer(EMPTY_VOLUME) });
    return { volume: record, created: true };
  }

  /** The volume of that name, or undefined. */
  get(name: string): VolumeRecord | undefined {
    return this.volumes.get(name)?.record;
  }

  /** Every volume, by name. */
  all(): VolumeRecord[] {
    return [...this.volumes.values()].map((stored) => stored.record).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The volume's files, a layer of its own that containers mount (undefined when there is no such volume). */
  files(name: string): WritableLayer | undefined {
    return this.volumes.get(name)?.files;
  }

  /** Whether nothing was ever put in the volume (docker copies the image's files only into an empty volume). */
  isEmpty(name: string): boolean {
    return (this.volumes.get(name)?.files.list('/') ?? []).length === 0;
  }

  /** Bytes of the files the volume holds. */
  size(name: string): number {
    return this.volumes.get(name)?.files.size() ?? 0;
  }

  /** Forgets the volume and its files. */
  remove(name: string): void {
    this.volumes.delete(name);
  }

  /** The API's Volume for a record. */
  static toApi(record: VolumeRecord): Volume {
    return {
      CreatedAt: rfc3339Seconds(record.createdAt),
      Driver: record.driver,
      Labels: record.labels === null ? null : { ...record.labels },
      Mountpoint: volumeMountpoint(record.name),
      Name: record.name,
      Options: record.options === null ? null : { ...record.options },
      Scope: 'local',
    };
  }

  /** Whether moby would call the volume anonymous (it carries the anonymous label). */
  static isAnonymous(record: VolumeRecord): boolean {
    return record.labels !== null && ANONYMOUS_LABEL in record.labels;
  }

  /** Every volume with its files, as plain data. */
  export(): VolumeRecord[] {
    return this.all().map((record) => {
      const files = [...(this.volumes.get(record.name)?.files.changes ?? [])];
      return { ...structuredClone(record), ...(files.length ? { files: structuredClone(files) } : {}) };
    });
  }

  /** Replaces every volume with `records`. */
  import(records: readonly VolumeRecord[]): void {
    this.volumes.clear();
    for (const saved of records) {
      const record = structuredClone(saved);
      const files = record.files;
      delete record.files;
      this.volumes.set(record.name, { record, files: new WritableLayer(EMPTY_VOLUME, files) });
    }
  }
}

/** Go's time.RFC3339 of a UTC time: no fraction of a second. */
function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
