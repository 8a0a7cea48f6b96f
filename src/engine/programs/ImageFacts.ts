import { OFFICIAL_IMAGES, familiarPath } from '../Registry';
import type { BaseFamily, RemoteImage } from '../Registry';
import { parseNormalizedNamed } from '../util/reference';

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

/**
 * Facts about the image a container runs, from the real metadata in
 * data/images.json. `imageReference` is what the container was created from:
 * `nginx`, `nginx:1.28.0`, `docker.io/library/nginx:latest`, an image id or a
 * digest. Unknown references fall back to what the family implies.
 */
export function imageFacts(family: BaseFamily, imageReference: string): ImageFacts {
  const record = officialImage(imageReference);
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
  for (const entry of record.config.Env) {
    const equals = entry.indexOf('=');
    if (equals > 0) env.set(entry.slice(0, equals), entry.slice(equals + 1));
  }
  const created = record.history[record.history.length - 1]?.created ?? '1970-01-01T00:00:00Z';
  const runs = record.history.filter((entry) => /^(# ARGS:[^\n]*\n)?RUN /.test(entry.createdBy));
  const installed = runs[runs.length - 1]?.created ?? created;
  return {
    repository: familiarPath(record.path),
    tag: record.tag,
    env,
    created,
    installed,
    distribution: distributionOf(family, record),
  };
}

/** The official image a reference names: an image ID (full or short), or a name with a tag or digest. */
export function officialImage(imageReference: string): RemoteImage | undefined {
  const text = imageReference.trim();
  if (/^(?:sha256:)?[0-9a-f]{12,64}$/.test(text)) {
    const byId = OFFICIAL_IMAGES.byImageId(text);
    if (byId) return byId;
  }
  try {
    const ref = parseNormalizedNamed(text);
    return ref.domain === 'docker.io' ? OFFICIAL_IMAGES.resolve(ref.path, ref.digest ?? ref.tag ?? 'latest') : undefined;
  } catch {
    return undefined;
  }
}

function distributionOf(family: BaseFamily, record: RemoteImage): Distribution {
  const base = record.history[0]?.createdBy ?? '';
  switch (family) {
    case 'alpine': {
      const version = /alpine-minirootfs-(\d+\.\d+\.\d+)/.exec(base)?.[1];
      return { id: 'alpine', version: version ?? '3.24.2' };
    }
    case 'debian':
      return { id: 'debian', codename: base.includes("'bookworm'") ? 'bookworm' : 'trixie' };
    case 'ubuntu': {
      const labelled = record.config.Labels?.['org.opencontainers.image.version'] ?? record.tag;
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
