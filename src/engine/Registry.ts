import imagesData from './data/images.json';
import type { ImageConfig } from './types';
import { sha256Hex } from './util/sha256';

/** One record of data/images.json (real metadata of an official image, linux/amd64). */
interface ImageRecord {
  repository: string;
  tag: string;
  indexDigest: string;
  manifestDigest: string;
  imageId: string;
  entrypoint: string[] | null;
  cmd: string[] | null;
  env: string[];
  exposedPorts: string[];
  workdir: string | null;
  stopSignal: string | null;
  user: string | null;
  volumes: string[];
  labels: Record<string, string>;
  history: { created: string; createdBy: string; emptyLayer: boolean }[];
  layers: { digest: string; compressedBytes: number }[];
}

/**
 * The root filesystem family an image is built on. It decides which programs
 * exist inside its containers (busybox applets on alpine, coreutils and bash
 * on debian, nothing but /hello on scratch) and what /etc/os-release says.
 */
export type BaseFamily = 'scratch' | 'alpine' | 'busybox' | 'debian' | 'ubuntu' | 'oraclelinux';

/** A layer as the registry serves it. */
export interface RemoteLayer {
  /** The compressed blob's digest: `docker pull` prints its first 12 hex digits. */
  digest: string;
  compressedSize: number;
  /**
   * Uncompressed size. Not simulated exactly: the source data has only
   * compressed sizes, so this is an estimate (compressed × 2.6, a typical
   * gzip ratio for root filesystems).
   */
  size: number;
  /**
   * The uncompressed digest (what RootFS.Layers lists). Not in the source
   * data either: derived deterministically from the blob digest.
   */
  diffId: string;
}

export interface HistoryEntry {
  created: string;
  createdBy: string;
  emptyLayer: boolean;
  comment?: string;
}

/** A tagged image the simulated registry can serve. */
export interface RemoteImage {
  /** Repository path on the registry, e.g. `library/nginx`. */
  path: string;
  tag: string;
  /** The multi-platform index digest, what `docker pull` prints as `Digest:`. */
  indexDigest: string;
  manifestDigest: string;
  /** The config digest, i.e. the image ID. */
  imageId: string;
  created: string;
  config: ImageConfig;
  history: HistoryEntry[];
  layers: RemoteLayer[];
  family: BaseFamily;
}

/** Docker's default PATH, which BuildKit puts first in the Env of images that never set it. */
export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const UNCOMPRESSED_RATIO = 2.6;

/**
 * The simulated Docker Hub: the official images of data/images.json with
 * their real digests, history and config. It answers by repository path and
 * tag or digest; everything else is "not found", as the real registry says.
 */
export class Registry {
  private readonly images: RemoteImage[];

  constructor(records: readonly ImageRecord[] = imagesData as unknown as ImageRecord[]) {
    this.images = records.map(toRemoteImage);
  }

  /** The image for `path:tag`, or for a digest (index or manifest). */
  resolve(path: string, tagOrDigest: string): RemoteImage | undefined {
    return this.images.find((image) => image.path === path
      && (image.tag === tagOrDigest || image.indexDigest === tagOrDigest || image.manifestDigest === tagOrDigest));
  }

  /** The image whose ID starts with `hex` (12 to 64 hex digits, `sha256:` optional). */
  byImageId(hex: string): RemoteImage | undefined {
    const digits = hex.replace(/^sha256:/, '');
    return this.images.find((image) => image.imageId.slice('sha256:'.length).startsWith(digits));
  }

  hasRepository(path: string): boolean {
    return this.images.some((image) => image.path === path);
  }

  /** Every `name:tag` the registry holds, in familiar form, for "what can I pull" hints. */
  catalog(): string[] {
    return this.images.map((image) => `${familiarPath(image.path)}:${image.tag}`);
  }

  all(): readonly RemoteImage[] {
    return this.images;
  }
}

/** The official images of data/images.json, for code that reads them without an engine at hand. */
export const OFFICIAL_IMAGES = new Registry();

/** `library/nginx` -> `nginx`; other paths stay as they are. */
export function familiarPath(path: string): string {
  return path.startsWith('library/') ? path.slice('library/'.length) : path;
}

function toRemoteImage(record: ImageRecord): RemoteImage {
  const env = record.env.some((e) => e.startsWith('PATH=')) ? [...record.env] : [DEFAULT_PATH, ...record.env];
  const config: ImageConfig = {
    User: record.user ?? '',
    ExposedPorts: record.exposedPorts.length ? Object.fromEntries(record.exposedPorts.map((p) => [p, {}])) : undefined,
    Env: env,
    Cmd: record.cmd,
    Entrypoint: record.entrypoint,
    WorkingDir: record.workdir ?? '',
    Labels: Object.keys(record.labels).length ? { ...record.labels } : null,
    StopSignal: record.stopSignal ?? undefined,
    Volumes: record.volumes.length ? Object.fromEntries(record.volumes.map((v) => [v, {}])) : null,
    OnBuild: null,
  };
  return {
    path: record.repository.includes('/') ? record.repository : `library/${record.repository}`,
    tag: record.tag,
    indexDigest: record.indexDigest,
    manifestDigest: record.manifestDigest,
    imageId: record.imageId,
    created: record.history[record.history.length - 1]?.created ?? '1970-01-01T00:00:00Z',
    config,
    history: record.history.map((h) => ({ ...h })),
    layers: record.layers.map((layer) => ({
      digest: layer.digest,
      compressedSize: layer.compressedBytes,
      size: Math.round(layer.compressedBytes * UNCOMPRESSED_RATIO),
      diffId: `sha256:${sha256Hex(`docker-lab diff-id ${layer.digest}`)}`,
    })),
    family: familyOf(record),
  };
}

function familyOf(record: ImageRecord): BaseFamily {
  const base = record.history[0]?.createdBy ?? '';
  if (record.repository === 'hello-world') return 'scratch';
  if (base.includes('alpine-minirootfs')) return 'alpine';
  if (base.includes('BusyBox')) return 'busybox';
  if (base.includes('oraclelinux')) return 'oraclelinux';
  if (record.repository === 'ubuntu') return 'ubuntu';
  return 'debian';
}
