import imagesData from '../data/images.json';
import type { BaseFamily } from '../Registry';

/** The parts of an images.json record the simulated programs read. */
interface ImageRecordFacts {
  repository: string;
  tag: string;
  indexDigest: string;
  manifestDigest: string;
  imageId: string;
  env: string[];
  labels: Record<string, string>;
  history: { created: string; createdBy: string }[];
}

/** The distribution an image's root filesystem comes from (what /etc/os-release describes). */
export type Distribution =
  | { id: 'alpine'; version: string }
  | { id: 'debian'; codename: 'bookworm' | 'trixie' }
  | { id: 'ubuntu'; version: '24.04' | '26.04' }
  | { id: 'busybox'; version: string }
  | { id: 'oraclelinux'; version: string }
  | { id: 'scratch' };

/** What the programs of a container may know about its image. */
export interface ImageFacts {
  /**
   * The familiar repository name (`nginx`, `redis`, ...), or '' when the
   * reference is not one of the official images the lab knows (then only the
   * family decides what exists).
   */
  repository: string;
  tag: string;
  /** The image's own ENV (not the container's), e.g. `NGINX_VERSION` → `1.28.0`. */
  env: ReadonlyMap<string, string>;
  /** When the image's last layer was made (ISO-8601), for file dates. */
  created: string;
  /** When the layer that installs the image's main software was made (its last RUN), for file dates. */
  installed: string;
  distribution: Distribution;
}

const records = imagesData as unknown as ImageRecordFacts[];

/**
 * Facts about the image a container runs, from the real metadata in
 * data/images.json. `imageReference` is what the container was created from:
 * `nginx`, `nginx:1.28.0`, `docker.io/library/nginx:latest`, an image id or a
 * digest. Unknown references fall back to what the family implies.
 */
export function imageFacts(family: BaseFamily, imageReference: string): ImageFacts {
  const record = findRecord(imageReference);
  if (!record) {
    return {
      repository: '',
      tag: '',
      env: new Map(),
      created: '1970-01-01T00:00:00Z',
      installed: '1970-01-01T00:00:00Z',
      distribution: defaultDistribution(family),
    };
  }
  const env = new Map<string, string>();
  for (const entry of record.env) {
    const equals = entry.indexOf('=');
    if (equals > 0) env.set(entry.slice(0, equals), entry.slice(equals + 1));
  }
  const created = record.history[record.history.length - 1]?.created ?? '1970-01-01T00:00:00Z';
  const runs = record.history.filter((entry) => /^(# ARGS:[^\n]*\n)?RUN /.test(entry.createdBy));
  const installed = runs[runs.length - 1]?.created ?? created;
  return {
    repository: record.repository,
    tag: record.tag,
    env,
    created,
    installed,
    distribution: distributionOf(family, record),
  };
}

function findRecord(imageReference: string): ImageRecordFacts | undefined {
  const text = imageReference.trim();
  // An image id (full, short, with or without `sha256:`) or a digest.
  const hex = /^(?:sha256:)?([0-9a-f]{12,64})$/.exec(text)?.[1];
  if (hex) {
    const byId = records.find((r) => r.imageId.slice('sha256:'.length).startsWith(hex));
    if (byId) return byId;
  }
  let name = text;
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag = '';
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  name = name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  const candidates = records.filter((r) => r.repository === name);
  if (digest) return candidates.find((r) => r.indexDigest === digest || r.manifestDigest === digest);
  return candidates.find((r) => r.tag === (tag || 'latest'));
}

function distributionOf(family: BaseFamily, record: ImageRecordFacts): Distribution {
  const base = record.history[0]?.createdBy ?? '';
  switch (family) {
    case 'alpine': {
      const version = /alpine-minirootfs-(\d+\.\d+\.\d+)/.exec(base)?.[1];
      return { id: 'alpine', version: version ?? '3.24.2' };
    }
    case 'debian':
      return { id: 'debian', codename: base.includes("'bookworm'") ? 'bookworm' : 'trixie' };
    case 'ubuntu': {
      const labelled = record.labels['org.opencontainers.image.version'] ?? record.tag;
      return { id: 'ubuntu', version: labelled.startsWith('24.04') ? '24.04' : '26.04' };
    }
    case 'busybox':
      return { id: 'busybox', version: /BusyBox (\d+\.\d+\.\d+)/.exec(base)?.[1] ?? '1.38.0' };
    case 'oraclelinux':
      return { id: 'oraclelinux', version: /oraclelinux-(\d+)/.exec(base)?.[1] ?? '9' };
    case 'scratch':
      return { id: 'scratch' };
  }
}

function defaultDistribution(family: BaseFamily): Distribution {
  switch (family) {
    case 'alpine': return { id: 'alpine', version: '3.24.2' };
    case 'debian': return { id: 'debian', codename: 'trixie' };
    case 'ubuntu': return { id: 'ubuntu', version: '26.04' };
    case 'busybox': return { id: 'busybox', version: '1.38.0' };
    case 'oraclelinux': return { id: 'oraclelinux', version: '9' };
    case 'scratch': return { id: 'scratch' };
  }
}
