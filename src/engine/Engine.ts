import type { Clock } from './Clock';
import { SystemClock, sleep } from './Clock';
import { Emitter } from './Emitter';
import type { Disposable, Event } from './Emitter';
import {
  ConflictError, EngineError, InvalidParameterError, NotFoundError, NotModifiedError, SystemError,
} from './errors';
import type { ContainerRecord } from './containers/Container';
import { isRunning } from './containers/Container';
import { ContainerFilesystems } from './containers/ContainerFilesystems';
import { BuildCache } from './build/BuildCache';
import type { BuildContext, BuildOptions, BuildResult } from './build/BuildContext';
import type { BuildEvent } from './build/BuildEvent';
import { ImageBuilder } from './build/ImageBuilder';
import { FS_ERROR_TEXT } from './fs/ContainerFs';
import type { FsNode, LayerChanges } from './fs/overlay';
import { isWithin, normalizePath, parentOf } from './fs/overlay';
import { ContainerProcess } from './containers/ContainerProcess';
import type { Layer, StoredImage } from './images/ImageStore';
import { ImageStore, chainIdOf } from './images/ImageStore';
import type { ApiCall, OperationName } from './operations';
import { OPERATIONS, pathOf } from './operations';
import type { ContainerProcessInfo, HostInfo, HttpRequest, HttpResponse } from './programs/Program';
import { findProgram } from './programs/ProgramTable';
import { resolvePath } from './programs/resolvePath';
import { Registry, familiarPath } from './Registry';
import type { EngineSnapshot } from './snapshot';
import { SNAPSHOT_SCHEMA_VERSION, validateSnapshot } from './snapshot';
import type { RemoteImage } from './Registry';
import type {
  ContainerCreateRequest, ContainerInspectResponse, ContainerSummary, EventMessage, HistoryResponseItem,
  ImageConfig, ImageDeleteResponseItem, ImageInspect, ImageSummary, LogEntry, PortMap, PortSummary, ProgressMessage,
  SystemDataUsageResponse,
} from './types';
import { SIGNALS } from './types';
import { containerStatus } from './util/containerStatus';
import { generateName } from './util/names';
import { goQuote } from './util/goQuote';
import { parseNormalizedNamed } from './util/reference';
import { sha256Hex } from './util/sha256';
import { generateId, lookupContainer, truncateId } from './util/stringid';
import { ANONYMOUS_LABEL, VolumeStore, volumeMountpoint } from './volumes/VolumeStore';
import type { VolumeRecord } from './volumes/VolumeStore';
import { NetworkStore } from './networks/NetworkStore';
import type { NetworkRecord } from './networks/NetworkStore';
import type {
  EndpointSettings, HostConfig, Mount, MountPoint, NetworkContainer, NetworkCreateRequest, NetworkCreateResponse, NetworkInspect,
  NetworkPruneResponse, Volume, VolumeCreateOptions, VolumeListResponse, VolumePruneResponse, VolumeUsageItem,
} from './types';
import { ForbiddenError } from './errors';
import { filterMatch } from './util/filterArgs';
import { filterBool, matchLabels, validateFilters } from './util/filterArgs';
import { NotImplementedError } from './errors';
import { getTimestamp, timestampToMilliseconds } from './util/getTimestamp';

/** The daemon's version facts, as `docker version` reports them for the server. */
export const ENGINE_VERSION = {
  Version: '28.2.2',
  ApiVersion: '1.50',
  MinAPIVersion: '1.24',
  GitCommit: '45873be',
  GoVersion: 'go1.24.3',
  Os: 'linux',
  Arch: 'amd64',
  KernelVersion: '',
  BuildTime: '2025-05-30T12:07:26.000000000+00:00',
  ContainerdVersion: '1.7.27',
  ContainerdCommit: '05044ec0a9a75232cad458027ca83437aae3f4da',
  RuncVersion: '1.2.5',
  RuncCommit: 'v1.2.5-0-g59923ef',
  DockerInitVersion: '0.19.0',
  DockerInitCommit: 'de40ad0',
} as const;

/** The server's platform name (`docker version`'s `Server:` line): the lab says what it is. */
export const ENGINE_PLATFORM = 'Docker Lab (simulated Docker Engine - Community)';

/** The simulated host every container shares a kernel with. */
export const DEFAULT_HOST: HostInfo = {
  kernelName: 'Linux',
  kernelRelease: '6.8.0-79-generic',
  kernelVersion: '#79-Ubuntu SMP PREEMPT_DYNAMIC Tue Aug 12 14:42:46 UTC 2025',
  machine: 'x86_64',
  hostname: 'docker-lab',
  operatingSystem: 'Ubuntu 24.04.3 LTS',
  cpus: 4,
  memoryBytes: 8_324_337_664,
};

/** A change the views redraw for; details are in the event. */
export type EngineChange = { kind: 'containers' | 'images'; event?: EventMessage };

export interface EngineOptions {
  clock?: Clock;
  /** Randomness for ids and names; tests pass a seeded one. */
  random?: () => number;
  registry?: Registry;
  host?: Partial<HostInfo>;
  /** Lab seconds a pull takes per compressed megabyte (0 = instant); the terminal shows real progress. */
  pullSecondsPerMegabyte?: number;
}

/** Options of `GET /containers/{id}/logs`. */
export interface LogsOptions {
  stdout?: boolean;
  stderr?: boolean;
  /** Number of lines from the end, or 'all'. */
  tail?: number | 'all';
  /** ms since the epoch; only entries at or after it. */
  since?: number;
  until?: number;
}

/** Output a container produced, as attach and `logs -f` stream it. */
export interface ContainerOutput {
  id: string;
  entry: LogEntry;
}

const MAX_LOG_ENTRIES = 5000;
/** The events the daemon keeps for `--since` (moby daemon/events eventsLimit); older ones are dropped. */
const MAX_EVENTS = 256;

/**
 * The Docker daemon of Docker Lab. Its operations and types follow the Docker
 * Engine API; each records the REST call that carries it (onApiCall), fires
 * `docker events` (onEvent) and a coarse change notice for views (onDidChange).
 * It throws only EngineError; anything else is a bug.
 */
export class Engine {
  readonly clock: Clock;
  readonly host: HostInfo;
  readonly registry: Registry;

  private readonly random: () => number;
  private readonly pullSecondsPerMegabyte: number;
  private readonly images = new ImageStore();
  /** Containers' root filesystems; a write is a change to save. */
  private readonly filesystems = new ContainerFilesystems(this.images, () => this.changed('containers'), (name) => this.volumes.files(name));
  /** The daemon's volumes: directories of their own, which containers mount and outlive. */
  private readonly volumes = new VolumeStore();
  /** The daemon's networks (bridge, host, none and the user's) and the addresses their containers hold. */
  private readonly networks: NetworkStore;
  /** The network each running container has its endpoint on (container ID to network ID). */
  private readonly attachments = new Map<string, string>();
  private readonly containers = new Map<string, ContainerRecord>();
  private readonly processes = new Map<string, ContainerProcess>();
  /** Containers by name (an index of `containers`). */
  private readonly names = new Map<string, ContainerRecord>();
  private readonly eventLog: EventMessage[] = [];
  private readonly execs = new Map<string, ExecRecord>();
  private nextPid = 2000;
  /** References being pulled (`docker pull`, or `docker run` of a missing image). */
  private readonly pulling: string[] = [];
  /** Depth of `observe` calls: reads inside are not reported as API calls. */
  private observing = 0;

  private readonly eventEmitter = new Emitter<EventMessage>();
  private readonly changeEmitter = new Emitter<EngineChange>();
  private readonly apiCallEmitter = new Emitter<ApiCall>();
  private readonly outputEmitter = new Emitter<ContainerOutput>();

  /** `docker events`: every container and image event, as the daemon sends them. */
  readonly onEvent: Event<EventMessage> = this.eventEmitter.event;
  /** Something the views show changed. */
  readonly onDidChange: Event<EngineChange> = this.changeEmitter.event;
  /** Each API call the engine served (method, path, status). */
  readonly onApiCall: Event<ApiCall> = this.apiCallEmitter.event;
  private readonly callerResolvers = new Set<() => string | undefined>();
  /** Container output as it is written (attach, `logs -f`). */
  readonly onContainerOutput: Event<ContainerOutput> = this.outputEmitter.event;

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.random = options.random ?? Math.random;
    this.registry = options.registry ?? new Registry();
    this.host = { ...DEFAULT_HOST, ...options.host };
    this.pullSecondsPerMegabyte = options.pullSecondsPerMegabyte ?? 0.02;
    this.networks = new NetworkStore(this.clock.now());
  }

  // ---------------------------------------------------------------- system

  /** `GET /_ping` */
  ping(): string {
    return this.call('SystemPing', {}, () => 'OK');
  }

  /** `GET /version` (server part). */
  version(): Omit<typeof ENGINE_VERSION, 'KernelVersion'> & { KernelVersion: string } {
    return this.call('SystemVersion', {}, () => ({ ...ENGINE_VERSION, KernelVersion: this.host.kernelRelease }));
  }

  /**
   * `GET /info`: counts, host facts, and the daemon's configuration as a
   * default dockerd 28 on Linux reports it (the fields `docker info` prints).
   */
  info(): Record<string, unknown> {
    return this.call('SystemInfo', {}, () => {
      const all = [...this.containers.values()];
      const runtimeStatus = { 'org.opencontainers.runtime-spec.features': '' };
      return {
        ID: '8d3f1c2e-6a4b-4f7e-9c1d-2b5a7e9f0c3d',
        Containers: all.length,
        ContainersRunning: all.filter((c) => c.state.status === 'running').length,
        ContainersPaused: all.filter((c) => c.state.status === 'paused').length,
        ContainersStopped: all.filter((c) => !isRunning(c)).length,
        Images: this.images.all().length,
        Driver: 'overlay2',
        DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
        Plugins: {
          Volume: ['local'],
          Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
          Authorization: null,
          Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'],
        },
        MemoryLimit: true,
        SwapLimit: true,
        CpuCfsPeriod: true,
        CpuCfsQuota: true,
        CPUShares: true,
        CPUSet: true,
        PidsLimit: true,
        IPv4Forwarding: true,
        Debug: false,
        NFd: 24,
        OomKillDisable: false,
        NGoroutines: 42,
        SystemTime: new Date(this.clock.now()).toISOString(),
        LoggingDriver: 'json-file',
        CgroupDriver: 'systemd',
        CgroupVersion: '2',
        NEventsListener: 0,
        KernelVersion: this.host.kernelRelease,
        OperatingSystem: this.host.operatingSystem,
        OSVersion: this.host.operatingSystem.replace(/^\D*([\d.]+).*$/, '$1'),
        OSType: 'linux',
        Architecture: this.host.machine,
        IndexServerAddress: 'https://index.docker.io/v1/',
        RegistryConfig: {
          InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8'],
          IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } },
          Mirrors: null,
        },
        NCPU: this.host.cpus,
        MemTotal: this.host.memoryBytes,
        GenericResources: null,
        DockerRootDir: '/var/lib/docker',
        HttpProxy: '',
        HttpsProxy: '',
        NoProxy: '',
        Name: this.host.hostname,
        Labels: [],
        ExperimentalBuild: false,
        ServerVersion: ENGINE_VERSION.Version,
        Runtimes: {
          'io.containerd.runc.v2': { path: 'runc', status: runtimeStatus },
          runc: { path: 'runc', status: runtimeStatus },
        },
        DefaultRuntime: 'runc',
        Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
        LiveRestoreEnabled: false,
        Isolation: '',
        InitBinary: 'docker-init',
        ContainerdCommit: { ID: ENGINE_VERSION.ContainerdCommit },
        RuncCommit: { ID: ENGINE_VERSION.RuncCommit },
        InitCommit: { ID: ENGINE_VERSION.DockerInitCommit },
        SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'],
        CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
        Containerd: { Address: '/run/containerd/containerd.sock', Namespaces: { Containers: 'moby', Plugins: 'plugins.moby' } },
        Warnings: null,
      };
    });
  }

  /** Events kept for `docker events --since`, oldest first. */
  events(since = 0, until = Number.POSITIVE_INFINITY): EventMessage[] {
    return this.call('SystemEvents', {}, () => this.eventLog.filter((e) => e.time * 1000 >= since && e.time * 1000 <= until));
  }

  /**
   * `GET /system/df`, as moby v28.2.2 computes it (daemon/disk_usage.go,
   * daemon/images/image_list.go and ImageService.ImageDiskUsage):
   * - LayersSize: every layer an image uses, counted once (an untagged
   *   parent image with children does not count, as in getLayerRefs);
   * - Images: the top-level images (no untagged parents), newest first, with
   *   SharedSize (bytes of the layers another image also uses) and
   *   Containers (how many containers, running or not, use the image);
   * - Containers: all of them, newest first, with SizeRw (their writable
   *   layer's bytes) and SizeRootFs;
   * - Volumes: every volume with the bytes it holds and how many containers
   *   use it (moby's LocalVolumesSize);
   * - BuildCache: the lab keeps none, so it is empty.
   */
  systemDataUsage(): SystemDataUsageResponse {
    return this.call('SystemDataUsage', {}, () => {
      const images = this.images.all();
      const containers = [...this.containers.values()];
      const isIntermediate = (image: StoredImage) => image.tags.length + image.digests.length === 0 && this.images.children(image).length > 0;
      const counted = new Set(images.filter((image) => !isIntermediate(image)).flatMap((image) => image.layers));
      const layerSize = (chainId: string) => this.images.layer(chainId)?.size ?? 0;
      const imageSummaries = images
        .filter((image) => !isIntermediate(image))
        .sort((a, b) => Date.parse(b.created) - Date.parse(a.created))
        // Shared: the bytes of layers another image (intermediate ones included) also uses (image_list.go layerRefs).
        .map((image) => this.imageSummary(image, containers, this.images.sharedSizeOf(image)));
      const resolved = new Map<string, string | undefined>();
      const containerSummaries = containers
        .sort((a, b) => b.created - a.created || (b.id < a.id ? -1 : 1))
        .map((record): ContainerSummary => ({ ...this.summary(record, resolved), ...this.containerSizes(record) }));
      return {
        LayersSize: [...counted].reduce((sum, chainId) => sum + layerSize(chainId), 0),
        Images: imageSummaries,
        Containers: containerSummaries,
        Volumes: this.volumeUsage(),
        BuildCache: [],
      };
    });
  }

  // ---------------------------------------------------------------- images

  /**
   * `POST /images/create?fromImage=...`: pulls from the simulated registry,
   * reporting progress as the daemon's JSON messages. Layers already present
   * are not downloaded again (`Already exists`).
   */
  async imagePull(reference: string, onProgress: (message: ProgressMessage) => void = () => undefined): Promise<void> {
    const started = this.clock.now();
    this.pulling.push(reference);
    this.changed('images');
    try {
      await this.pull(reference, onProgress);
      this.recordCall('ImageCreate', {}, 200, started);
    } catch (e) {
      this.recordCall('ImageCreate', {}, e instanceof EngineError ? e.statusCode : 500, started);
      throw e;
    } finally {
      this.pulling.splice(this.pulling.indexOf(reference), 1);
      this.changed('images');
    }
  }

  /** The references being pulled right now, in the order the pulls began (not an API call). */
  pullsInProgress(): string[] {
    return [...this.pulling];
  }

  private async pull(reference: string, onProgress: (message: ProgressMessage) => void): Promise<void> {
    const ref = this.parseReference(reference);
    const tagOrDigest = ref.digest ?? ref.tag ?? 'latest';
    const familiarName = familiarPath(ref.path);
    const displayRef = ref.digest ? `${familiarName}@${ref.digest}` : `${familiarName}:${tagOrDigest}`;
    const remote = ref.domain === 'docker.io' ? this.registry.resolve(ref.path, tagOrDigest) : undefined;
    if (!remote) {
      throw this.pullError(ref.domain, ref.path, tagOrDigest);
    }
    // moby names the repository by its path on the registry (`library/nginx`), not the familiar name.
    onProgress({ status: `Pulling from ${ref.path}`, id: tagOrDigest });

    const chain = chainIdOf(remote.layers.map((l) => l.diffId));
    const fullRef = ref.digest ? `${ref.domain}/${ref.path}@${ref.digest}` : `${ref.domain}/${ref.path}:${tagOrDigest}`;
    const existing = this.images.get(remote.imageId);
    const upToDate = existing !== undefined && (existing.tags.includes(fullRef) || existing.digests.includes(fullRef));

    if (!upToDate) {
      const missing = remote.layers.map((layer, i) => ({ layer, chainId: chain[i] })).filter(({ chainId }) => !this.images.hasLayer(chainId));
      for (const { layer, chainId } of remote.layers.map((layer, i) => ({ layer, chainId: chain[i] }))) {
        const id = shortDigest(layer.digest);
        onProgress(this.images.hasLayer(chainId)
          ? { status: 'Already exists', progressDetail: {}, id }
          : { status: 'Pulling fs layer', progressDetail: {}, id });
      }
      // Layers are extracted in order, each as soon as its own download is done, while later ones still download.
      const downloaded = this.download(missing.map((m) => m.layer), onProgress);
      for (const [i, { layer, chainId }] of missing.entries()) {
        await downloaded[i];
        await this.extract(layer, onProgress);
        this.images.addLayer({ digest: layer.digest, diffId: layer.diffId, chainId, size: layer.size, compressedSize: layer.compressedSize });
      }
      await Promise.all(downloaded);
    }

    onProgress({ status: `Digest: ${remote.indexDigest}` });
    const image = existing ?? this.storeRemoteImage(remote, chain);
    const tagRef = `${ref.domain}/${ref.path}:${remote.tag}`;
    const digestRef = `${ref.domain}/${ref.path}@${remote.indexDigest}`;
    if (!ref.digest || !image.tags.some((t) => t.startsWith(`${ref.domain}/${ref.path}:`))) {
      // Pulling by digest leaves the image untagged, as Docker does, unless it was tagged already.
      if (!ref.digest) this.images.tag(image, tagRef, this.clock.now());
    }
    this.images.tag(image, digestRef, this.clock.now());
    onProgress({ status: upToDate ? `Status: Image is up to date for ${displayRef}` : `Status: Downloaded newer image for ${displayRef}` });
    // moby's distribution.Pull logs every pull that succeeds, up to date or not: the actor is the
    // reference as pulled, its attributes the image's labels and the repository's familiar name.
    this.emit('image', 'pull', displayRef, { ...(image.config.Labels ?? {}), name: familiarName });
  }

  private pullError(domain: string, path: string, tagOrDigest: string): EngineError {
    const familiar = familiarPath(path);
    if (domain !== 'docker.io') {
      // The lab has no network: other registries cannot be reached.
      return new SystemError(`Get "https://${domain}/v2/": dial tcp: lookup ${domain.split(':')[0]}: no such host`);
    }
    if (!this.registry.hasRepository(path)) {
      return new NotFoundError(`pull access denied for ${familiar}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
    }
    // FamiliarString of the reference: `nginx:tag`, or `nginx@sha256:...` for a digest (tags have no ':').
    const separator = tagOrDigest.includes(':') ? '@' : ':';
    return new NotFoundError(`manifest for ${familiar}${separator}${tagOrDigest} not found: manifest unknown: manifest unknown`);
  }

  /** Starts the downloads, three at a time as the daemon does; one promise per layer, settled when it is downloaded. */
  private download(layers: RemoteImage['layers'], onProgress: (message: ProgressMessage) => void): Promise<void>[] {
    const concurrency = 3;
    for (const layer of layers.slice(concurrency)) {
      onProgress({ status: 'Waiting', progressDetail: {}, id: shortDigest(layer.digest) });
    }
    const done = layers.map(() => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => { resolve = r; });
      return { promise, resolve };
    });
    let next = 0;
    const worker = async () => {
      while (next < layers.length) {
        const index = next++;
        const layer = layers[index];
        const id = shortDigest(layer.digest);
        await this.progressSteps('Downloading', id, layer.compressedSize, onProgress);
        onProgress({ status: 'Verifying Checksum', progressDetail: {}, id });
        onProgress({ status: 'Download complete', progressDetail: {}, id });
        done[index].resolve();
      }
    };
    for (let i = 0; i < Math.min(concurrency, layers.length); i++) void worker();
    return done.map((d) => d.promise);
  }

  private async extract(layer: RemoteImage['layers'][number], onProgress: (message: ProgressMessage) => void): Promise<void> {
    const id = shortDigest(layer.digest);
    await this.progressSteps('Extracting', id, layer.size, onProgress, 0.25);
    onProgress({ status: 'Pull complete', progressDetail: {}, id });
  }

  private async progressSteps(status: string, id: string, total: number, onProgress: (message: ProgressMessage) => void, speedFactor = 1): Promise<void> {
    const seconds = (total / 1_000_000) * this.pullSecondsPerMegabyte * speedFactor;
    const steps = Math.max(1, Math.min(10, Math.ceil(seconds / 0.1)));
    for (let step = 1; step <= steps; step++) {
      if (seconds > 0) await sleep(this.clock, (seconds * 1000) / steps);
      const current = Math.round((total * step) / steps);
      onProgress({ status, progressDetail: { current, total }, id });
    }
  }

  private storeRemoteImage(remote: RemoteImage, chain: string[]): StoredImage {
    const image: StoredImage = {
      id: remote.imageId,
      tags: [],
      digests: [],
      created: remote.created,
      config: structuredClone(remote.config),
      history: remote.history.map((h) => ({ ...h })),
      layers: chain,
      family: remote.family,
      parent: '',
      lastTagTime: this.clock.now(),
      comment: 'buildkit.dockerfile.v0',
      author: '',
    };
    this.images.add(image);
    return image;
  }

  /** `GET /images/json` */
  imageList(options: { all?: boolean; reference?: string } = {}): ImageSummary[] {
    return this.call('ImageList', {}, () => {
      const containers = [...this.containers.values()];
      return this.images.all()
        .filter((image) => !options.reference || image.tags.some((t) => matchesReference(t, options.reference!)))
        .sort((a, b) => Date.parse(b.created) - Date.parse(a.created))
        // `docker images` does not ask for shared sizes: the daemon answers -1.
        .map((image) => this.imageSummary(image, containers, -1));
    });
  }

  /** An image as `GET /images/json` and `GET /system/df` list it. */
  private imageSummary(image: StoredImage, containers: readonly ContainerRecord[], sharedSize: number): ImageSummary {
    return {
      Id: image.id,
      ParentId: image.parent,
      RepoTags: image.tags.map(familiarReference),
      RepoDigests: image.digests.map(familiarReference),
      Created: Math.floor(Date.parse(image.created) / 1000),
      Size: this.images.sizeOf(image),
      SharedSize: sharedSize,
      Labels: image.config.Labels ?? null,
      Containers: containers.filter((c) => c.imageId === image.id).length,
    };
  }

  /** `GET /images/{name}/json` */
  imageInspect(name: string): ImageInspect {
    return this.call('ImageInspect', { name }, () => {
      const image = this.findImage(name);
      return {
        Id: image.id,
        RepoTags: image.tags.map(familiarReference),
        RepoDigests: image.digests.map(familiarReference),
        Parent: image.parent,
        Comment: image.comment,
        Created: image.created,
        DockerVersion: '',
        Author: image.author,
        Config: ociImageConfig(image.config),
        Architecture: 'amd64',
        Os: 'linux',
        Size: this.images.sizeOf(image),
        GraphDriver: { Data: this.graphDriverData(image.id), Name: 'overlay2' },
        RootFS: { Type: 'layers', Layers: image.layers.map((c) => this.images.layer(c)?.diffId ?? c) },
        // A Go time.Time in JSON: RFC3339Nano (trailing zeros of the fraction dropped); the zero time when never tagged.
        Metadata: { LastTagTime: image.lastTagTime ? isoNano(image.lastTagTime).replace(/\.?0+Z$/, 'Z') : '0001-01-01T00:00:00Z' },
      };
    });
  }

  /** `GET /images/{name}/history`, newest first. */
  imageHistory(name: string): HistoryResponseItem[] {
    return this.call('ImageHistory', { name }, () => {
      const image = this.findImage(name);
      const layers = [...image.layers];
      const items: HistoryResponseItem[] = image.history.map((h) => {
        const layer = h.emptyLayer ? undefined : this.images.layer(layers.shift() ?? '');
        return {
          Id: '<missing>',
          Created: Math.floor(Date.parse(h.created) / 1000),
          CreatedBy: h.createdBy,
          Tags: null,
          Size: layer?.size ?? 0,
          Comment: h.comment ?? (h.createdBy.includes('# buildkit') || h.createdBy.startsWith('RUN ') ? 'buildkit.dockerfile.v0' : ''),
        };
      }).reverse();
      if (items.length) {
        items[0].Id = image.id;
        items[0].Tags = image.tags.length ? image.tags.map(familiarReference) : null;
      }
      return items;
    });
  }

  /** `POST /images/{name}/tag` */
  imageTag(source: string, target: string): void {
    this.call('ImageTag', { name: source }, () => {
      const image = this.findImage(source);
      const ref = this.parseReference(target);
      if (ref.digest) throw new InvalidParameterError('refusing to create a tag with a digest reference');
      const full = `${ref.domain}/${ref.path}:${ref.tag ?? 'latest'}`;
      this.images.tag(image, full, this.clock.now());
      this.emit('image', 'tag', image.id, { ...(image.config.Labels ?? {}), name: familiarReference(full) });
    });
  }

  /** `DELETE /images/{name}`, following moby's ImageDelete (untag, conflicts, layers released). */
  imageDelete(name: string, options: { force?: boolean } = {}): ImageDeleteResponseItem[] {
    return this.call('ImageDelete', { name }, () => this.deleteImage(name, !!options.force));
  }

  private deleteImage(name: string, force: boolean): ImageDeleteResponseItem[] {
    const image = this.findImage(name);
    const records: ImageDeleteResponseItem[] = [];
    const containers = [...this.containers.values()];
    const user = containers.find((c) => c.imageId === image.id);
    const refs = [...image.tags, ...image.digests];
    const isIdPrefix = image.id.startsWith(name) || image.id.slice(7).startsWith(name);

    if (!isIdPrefix) {
      const ref = this.parseReference(name);
      const full = ref.digest ? `${ref.domain}/${ref.path}@${ref.digest}` : `${ref.domain}/${ref.path}:${ref.tag ?? 'latest'}`;
      if (!force && isSingleReference(refs) && user) {
        throw new ConflictError(`conflict: unable to remove repository reference "${name}" (must force) - container ${truncateId(user.id)} is using its referenced image ${truncateId(image.id)}`);
      }
      this.images.untag(image, full);
      this.emit('image', 'untag', image.id, { ...(image.config.Labels ?? {}), name: image.id });
      records.push({ Untagged: familiarReference(full) });
      // Once no tag of that repository is left, its digest references go too.
      const repo = full.split(/[:@](?=[^/]*$)/)[0];
      if (!full.includes('@') && !image.tags.some((t) => repositoryOf(t) === repo)) {
        for (const digest of image.digests.filter((d) => repositoryOf(d) === repo)) {
          this.images.untag(image, digest);
          records.push({ Untagged: familiarReference(digest) });
        }
      }
      if (image.tags.length + image.digests.length > 0) {
        this.changed('images');
        return records;
      }
      this.deleteImageHelper(image, records, force, true);
      return records;
    }

    if (isSingleReference(refs)) {
      this.checkDeleteConflict(image, force ? 'hard' : 'soft-no-reference');
      for (const ref of refs) {
        this.images.untag(image, ref);
        this.emit('image', 'untag', image.id, { ...(image.config.Labels ?? {}), name: image.id });
        records.push({ Untagged: familiarReference(ref) });
      }
    }
    this.deleteImageHelper(image, records, force, false);
    return records;
  }

  private deleteImageHelper(image: StoredImage, records: ImageDeleteResponseItem[], force: boolean, afterUntag: boolean): void {
    const conflict = this.deleteConflict(image, force ? 'hard' : 'all');
    if (conflict) {
      if (afterUntag && !conflict.used) {
        // moby deletes quietly here; a conflict only matters if the image is in use.
        return;
      }
      if (afterUntag && conflict.used) {
        // The reference is gone but a container still uses the image: it stays, dangling,
        // even with force (moby imageDeleteHelper ignores conflicts after an untag when the image is used).
        this.changed('images');
        return;
      }
      throw conflict.error;
    }
    for (const ref of [...image.tags, ...image.digests]) {
      this.images.untag(image, ref);
      records.push({ Untagged: familiarReference(ref) });
    }
    // A container's files keep resting on its image's layers after `rmi -f` (moby's layer store holds them for its RW layer).
    const inUse = new Set([...this.containers.values()].flatMap((record) => record.layers ?? []));
    const released = this.images.delete(image, inUse);
    this.emit('image', 'delete', image.id, { name: image.id });
    records.push({ Deleted: image.id });
    for (const layer of released) records.push({ Deleted: layer.chainId });
  }

  private checkDeleteConflict(image: StoredImage, mode: 'hard' | 'soft-no-reference' | 'all'): void {
    const conflict = this.deleteConflict(image, mode);
    if (conflict) throw conflict.error;
  }

  private deleteConflict(image: StoredImage, mode: 'hard' | 'soft-no-reference' | 'all'): { error: ConflictError; used: boolean } | undefined {
    const short = truncateId(image.id);
    const conflict = (hard: boolean, message: string, used: boolean) => ({
      error: new ConflictError(`conflict: unable to delete ${short} (${hard ? 'cannot be forced' : 'must be forced'}) - ${message}`),
      used,
    });
    if (this.images.children(image).length) return conflict(true, 'image has dependent child images', false);
    const containers = [...this.containers.values()];
    const running = containers.find((c) => c.imageId === image.id && isRunning(c));
    if (running) return conflict(true, `image is being used by running container ${truncateId(running.id)}`, true);
    if (mode === 'hard') return undefined;
    if (mode === 'all' && image.tags.length + image.digests.length > 0) {
      return conflict(false, 'image is referenced in multiple repositories', false);
    }
    const stopped = containers.find((c) => c.imageId === image.id);
    if (stopped) return conflict(false, `image is being used by stopped container ${truncateId(stopped.id)}`, true);
    return undefined;
  }

  /** Resolves an image by reference, ID or ID prefix, as the daemon's GetImage does. */
  private findImage(name: string): StoredImage {
    const byId = /^(sha256:)?[0-9a-f]{1,64}$/.test(name) ? this.images.byIdPrefix(name) : [];
    if (byId.length === 1 && (name.startsWith('sha256:') || name.length >= 1)) {
      // A full reference that also looks like hex (e.g. `abc`) is tried as a name first.
      const asRef = this.tryReference(name);
      const named = asRef ? this.images.byReference(asRef) : undefined;
      return named ?? byId[0];
    }
    const full = this.tryReference(name);
    const image = full ? this.images.byReference(full) : undefined;
    if (!image) {
      const shown = full ? familiarReference(full) : name;
      throw new NotFoundError(`No such image: ${shown}`);
    }
    return image;
  }

  private tryReference(name: string): string | undefined {
    try {
      const ref = parseNormalizedNamed(name);
      return ref.digest ? `${ref.domain}/${ref.path}@${ref.digest}` : `${ref.domain}/${ref.path}:${ref.tag ?? 'latest'}`;
    } catch {
      return undefined;
    }
  }

  private parseReference(name: string): { domain: string; path: string; tag?: string; digest?: string } {
    try {
      return parseNormalizedNamed(name);
    } catch (e) {
      throw new InvalidParameterError(e instanceof Error ? e.message : 'invalid reference format');
    }
  }

  /** True when `name` names a local image (for the CLI's implicit pull on run/create). */
  hasImage(name: string): boolean {
    try {
      this.findImage(name);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The layers of an image, bottom first, each with the history entry that
   * made it (for the Images view and the layer inspector). Not an API call:
   * the daemon has no endpoint for this pairing; `docker history` shows it.
   */
  imageLayers(name: string): ImageLayer[] {
    const image = this.findImage(name);
    const makers = image.history.filter((h) => !h.emptyLayer);
    return image.layers.flatMap((chainId, index) => {
      const layer = this.images.layer(chainId);
      if (layer === undefined) return [];
      const maker = makers[index];
      return [{ ...layer, createdBy: maker?.createdBy ?? '', created: maker?.created ?? image.created }];
    });
  }

  // ---------------------------------------------------------------- containers

  /** `POST /containers/create` */
  containerCreate(request: ContainerCreateRequest, name?: string): { Id: string; Warnings: string[] } {
    return this.call('ContainerCreate', {}, () => {
      const image = this.findImage(request.Image);
      if (name !== undefined && name !== '') {
        const bare = name.startsWith('/') ? name.slice(1) : name;
        if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(bare)) {
          throw new InvalidParameterError(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
        }
        const holder = this.byName(bare);
        if (holder) {
          throw new ConflictError(`Conflict. The container name "/${bare}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.`);
        }
      }
      const id = this.uniqueId();
      const config = image.config;
      const entrypoint = request.Entrypoint !== undefined && request.Entrypoint !== null ? request.Entrypoint : config.Entrypoint;
      // A new entrypoint resets the image's CMD, as in Docker.
      const cmd = request.Cmd && request.Cmd.length ? request.Cmd : (request.Entrypoint ? null : config.Cmd);
      const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
      if (argv.length === 0) {
        throw new InvalidParameterError('no command specified');
      }
      const env = mergeEnv(config.Env, request.Env ?? []);
      const exposed = { ...(config.ExposedPorts ?? {}), ...(request.ExposedPorts ?? {}) };
      for (const port of Object.keys(request.HostConfig?.PortBindings ?? {})) exposed[port] = {};
      // dockerd's router stores the default network's name for "default" (container_routes.go).
      const networkMode = !request.HostConfig?.NetworkMode || request.HostConfig.NetworkMode === 'default' ? 'bridge' : request.HostConfig.NetworkMode;
      if (networkMode.startsWith('container:')) throw new NotImplementedError(`sharing another container's network (--network ${networkMode}) is not simulated in Docker Lab`);
      const warnings = networkMode === 'host' && Object.keys(request.HostConfig?.PortBindings ?? {}).length ? ['Published ports are discarded when using host network mode'] : [];
      // The image's VOLUME lines and the client's anonymous volumes (`-v /data`), merged as moby's merge() does.
      const volumes = { ...(config.Volumes ?? {}), ...(request.Volumes ?? {}) };
      const plannedMounts = planMounts(request.HostConfig ?? {}, Object.keys(volumes));
      const record: ContainerRecord = {
        id,
        name: name ? name.replace(/^\//, '') : this.newName(),
        created: this.clock.now(),
        image: request.Image,
        imageId: image.id,
        family: image.family,
        layers: [...image.layers],
        ...(image.origin ? { origin: image.origin } : {}),
        config: {
          ...request,
          // A container on the host's network has the host's name (daemon.initializeNetworking).
          Hostname: request.Hostname || (networkMode === 'host' ? this.host.hostname : id.slice(0, 12)),
          Domainname: request.Domainname ?? '',
          User: request.User ?? config.User,
          Env: env,
          Cmd: cmd,
          Entrypoint: entrypoint,
          WorkingDir: request.WorkingDir || config.WorkingDir,
          ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
          Labels: { ...(config.Labels ?? {}), ...(request.Labels ?? {}) },
          StopSignal: request.StopSignal ?? config.StopSignal,
          Volumes: Object.keys(volumes).length ? volumes : null,
        },
        hostConfig: { RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, ...request.HostConfig, NetworkMode: networkMode },
        path: argv[0],
        args: argv.slice(1),
        state: { status: 'created', pid: 0, exitCode: 0, error: '', startedAt: 0, finishedAt: 0, oomKilled: false },
        restartCount: 0,
        startCount: 0,
        ipAddress: '',
        macAddress: '',
        boundPorts: {},
        endpointId: '',
        sandboxKey: '',
        logs: [],
        partial: { stdout: '', stderr: '' },
      };
      delete (record.config as { HostConfig?: unknown }).HostConfig;
      const mountPoints = this.createMounts(record, plannedMounts);
      if (mountPoints.length) record.mountPoints = mountPoints;
      this.containers.set(id, record);
      this.names.set(record.name, record);
      this.emit('container', 'create', id, this.containerAttributes(record));
      return { Id: id, Warnings: warnings };
    }, 201);
  }

  /** `POST /containers/{id}/start` */
  containerStart(idOrName: string): void {
    this.call('ContainerStart', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      if (record.state.status === 'paused') throw new ConflictError('cannot start a paused container, try unpause instead');
      if (isRunning(record)) throw new NotModifiedError('container is already running');
      try {
        this.startProcess(record, false);
      } catch (e) {
        // moby's containerStart cleans up a failed start: an AutoRemove container is removed.
        if (record.hostConfig.AutoRemove && this.containers.has(record.id)) this.removeRecord(record, true);
        throw e;
      }
    }, 204);
  }

  private startProcess(record: ContainerRecord, resumed: boolean): void {
    // Networking comes first (daemon.initializeNetworking): a network that is gone fails the start as dockerd does.
    const network = this.startNetwork(record);
    const argv = [record.path, ...record.args];
    const pathEnv = (record.config.Env.find((e) => e.startsWith('PATH=')) ?? 'PATH=').slice(5);
    // Programs know an image by its ID, so a re-tagged image (`docker tag nginx:1.28.0 web:v1`) runs the same programs.
    // Looked up in the container's files too: a program the container removed is gone, one it installed is there.
    const files = this.filesystems.of(record);
    const program = findProgram(record.family, programImage(record), record.path, pathEnv, files);
    if (!program) {
      const reason = record.path.includes('/')
        ? `exec: "${record.path}": stat ${record.path}: no such file or directory`
        : `exec: "${record.path}": executable file not found in $PATH`;
      const message = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${reason}: unknown`;
      record.state.error = message;
      record.state.exitCode = 127;
      this.changed('containers');
      throw new SystemError(message, 127);
    }
    if (!resumed && network.driver === 'bridge') {
      // Ports are published from bridge networks only: host and none have no NAT to program.
      this.bindPorts(record);
    }
    const lease = this.networks.lease(network.id, resumed ? record.ipAddress : '');
    record.ipAddress = lease?.ip ?? '';
    record.macAddress = lease ? macFromIp(lease.ip) : '';
    record.endpointId = this.hex(64);
    record.sandboxKey = network.driver === 'host' ? '/var/run/docker/netns/default' : `/var/run/docker/netns/${this.hex(12)}`;
    this.attachments.set(record.id, network.id);
    if (!resumed) this.emitAttachEvents(record, network);
    record.state = {
      ...record.state,
      status: 'running',
      pid: resumed && record.state.pid ? record.state.pid : this.nextPid++,
      exitCode: 0,
      error: '',
      startedAt: resumed ? record.state.startedAt : this.clock.now(),
      finishedAt: resumed ? record.state.finishedAt : record.state.finishedAt,
    };
    const previousStarts = record.startCount;
    if (!resumed) record.startCount++;
    this.filesystems.refreshMounts(record);
    const process = new ContainerProcess(program, {
      argv,
      env: [...record.config.Env, `HOSTNAME=${record.config.Hostname}`, 'HOME=/root'].filter(uniqueKeys()),
      hostname: record.config.Hostname,
      cwd: record.config.WorkingDir || '/',
      tty: !!record.config.Tty,
      interactive: !!record.config.OpenStdin,
      host: this.host,
      family: record.family,
      imageReference: programImage(record),
      previousStarts,
      resumed,
      startedAt: record.state.startedAt,
      clock: this.clock,
      write: (stream, text) => this.appendOutput(record, stream, text),
      files,
      processes: () => this.containerProcesses(record),
      resolveProgram: (name) => findProgram(record.family, programImage(record), name, pathEnv, files),
    });
    this.processes.set(record.id, process);
    if (!resumed) this.emit('container', 'start', record.id, this.containerAttributes(record));
    else this.changed('containers');
    process.exited.then((code) => this.onProcessExit(record, process, code));
    process.start();
  }

  private onProcessExit(record: ContainerRecord, process: ContainerProcess, code: number): void {
    if (this.processes.get(record.id) !== process) return;
    this.processes.delete(record.id);
    // Exec'd processes die with the container's main process.
    for (const exec of this.execs.values()) if (exec.containerId === record.id) exec.process?.signal('SIGKILL');
    this.flushPartial(record);
    record.state = { ...record.state, status: 'exited', pid: 0, exitCode: code, finishedAt: this.clock.now() };
    const network = this.detach(record);
    record.ipAddress = '';
    record.macAddress = '';
    record.boundPorts = {};
    record.endpointId = '';
    this.emit('container', 'die', record.id, { ...this.containerAttributes(record), execDuration: String(Math.round((record.state.finishedAt - record.state.startedAt) / 1000)), exitCode: String(code) });
    // After the die: the endpoint leaves the network, then the volumes are unmounted (daemon.Cleanup).
    if (network) this.emitDetachEvents(record, network);
    if (record.hostConfig.AutoRemove && this.containers.has(record.id)) {
      // --rm takes the container's anonymous volumes with it (RemoveVolume: true).
      this.removeRecord(record, true);
    }
    const waiters = this.exitWaiters.get(record.id) ?? [];
    this.exitWaiters.delete(record.id);
    for (const resolve of waiters) resolve(code);
  }

  private readonly exitWaiters = new Map<string, ((code: number) => void)[]>();

  /**
   * `POST /containers/{id}/wait`: settles with the exit code once the
   * container is not running (`not-running`, what `docker wait` asks), or at
   * its next exit even if it has not started yet (`next-exit`, what `docker
   * run` and `docker start -a` ask before they start it).
   */
  containerWait(idOrName: string, condition: 'not-running' | 'next-exit' = 'not-running'): Promise<{ StatusCode: number }> {
    const started = this.clock.now();
    let record: ContainerRecord;
    try {
      record = this.findContainer(idOrName);
    } catch (e) {
      this.recordCall('ContainerWait', { id: idOrName }, e instanceof EngineError ? e.statusCode : 500, started);
      return Promise.reject(e);
    }
    if (condition === 'not-running' && !isRunning(record)) {
      this.recordCall('ContainerWait', { id: idOrName }, 200, started);
      return Promise.resolve({ StatusCode: record.state.exitCode });
    }
    return new Promise((resolve) => {
      const list = this.exitWaiters.get(record.id) ?? [];
      list.push((code) => {
        this.recordCall('ContainerWait', { id: idOrName }, 200, started);
        resolve({ StatusCode: code });
      });
      this.exitWaiters.set(record.id, list);
    });
  }

  /**
   * `POST /containers/{id}/stop`: the stop signal, then SIGKILL after the
   * grace period (10 s unless the container or the caller says otherwise).
   */
  async containerStop(idOrName: string, options: { signal?: string; timeout?: number } = {}): Promise<void> {
    const started = this.clock.now();
    try {
      const record = this.findContainer(idOrName);
      if (!isRunning(record)) {
        this.recordCall('ContainerStop', { id: idOrName }, 304, started);
        return;
      }
      try {
        await this.stopRecord(record, options);
      } catch (e) {
        // moby's ContainerStop wraps what the stop itself fails with.
        throw prefixMessage(e, `cannot stop container: ${idOrName}: `);
      }
      this.recordCall('ContainerStop', { id: idOrName }, 204, started);
    } catch (e) {
      this.recordCall('ContainerStop', { id: idOrName }, e instanceof EngineError ? e.statusCode : 500, started);
      throw e;
    }
  }

  private async stopRecord(record: ContainerRecord, options: { signal?: string; timeout?: number }): Promise<void> {
    const signal = parseSignal(options.signal || record.config.StopSignal || 'SIGTERM').name;
    const timeout = options.timeout ?? record.config.StopTimeout ?? 10;
    const process = this.processes.get(record.id);
    if (!process) return;
    if (record.state.status === 'paused') {
      // A frozen process cannot take the signal; moby thaws it for the stop.
      record.state.status = 'running';
      process.unpause();
    }
    this.deliver(record, process, signal);
    // The grace period's timer goes when the process exits first: nothing is left waiting.
    const grace = new AbortController();
    const exited = await Promise.race([
      process.exited.then(() => true),
      timeout < 0 ? new Promise<boolean>(() => undefined) : sleep(this.clock, timeout * 1000, grace.signal).then(() => false),
    ]);
    grace.abort();
    if (!exited && !process.isDead) {
      this.deliver(record, process, 'SIGKILL');
      await process.exited;
    }
    await Promise.resolve();
    this.emit('container', 'stop', record.id, this.containerAttributes(record));
  }

  private deliver(record: ContainerRecord, process: ContainerProcess, signal: string): void {
    this.emit('container', 'kill', record.id, { ...this.containerAttributes(record), signal: String(SIGNALS[signal] ?? signal) });
    process.signal(signal);
  }

  /** `POST /containers/{id}/kill` */
  containerKill(idOrName: string, signal = 'SIGKILL'): void {
    this.call('ContainerKill', { id: idOrName }, () => {
      try {
        // moby parses the signal before it looks the container up.
        const { name, number } = parseSignal(signal);
        if (!isLinuxSignal(number)) throw new InvalidParameterError(`the linux daemon does not support signal ${number}`);
        const record = this.findContainer(idOrName);
        const process = this.processes.get(record.id);
        if (!process || !isRunning(record)) {
          throw new ConflictError(`container ${record.id} is not running`);
        }
        if (record.state.status === 'paused' && name === 'SIGKILL') {
          record.state.status = 'running';
          process.unpause();
        }
        this.deliver(record, process, name);
      } catch (e) {
        // The API route wraps every error of a kill (moby's postContainersKill).
        throw prefixMessage(e, `cannot kill container: ${idOrName}: `);
      }
    }, 204);
  }

  /** `POST /containers/{id}/restart` */
  async containerRestart(idOrName: string, options: { signal?: string; timeout?: number } = {}): Promise<void> {
    const started = this.clock.now();
    try {
      const record = this.findContainer(idOrName);
      try {
        if (isRunning(record)) await this.stopRecord(record, options);
        this.startProcess(record, false);
      } catch (e) {
        // moby's ContainerRestart wraps what the stop or the start fails with.
        if (e instanceof EngineError) throw new SystemError(`Cannot restart container ${idOrName}: ${e.message}`);
        throw e;
      }
      this.emit('container', 'restart', record.id, this.containerAttributes(record));
      this.recordCall('ContainerRestart', { id: idOrName }, 204, started);
    } catch (e) {
      this.recordCall('ContainerRestart', { id: idOrName }, e instanceof EngineError ? e.statusCode : 500, started);
      throw e;
    }
  }

  /** `POST /containers/{id}/pause` */
  containerPause(idOrName: string): void {
    this.call('ContainerPause', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      if (!isRunning(record)) throw new ConflictError(`container ${record.id} is not running`);
      if (record.state.status === 'paused') throw new ConflictError(`Container ${record.id} is already paused`);
      this.processes.get(record.id)?.pause();
      record.state.status = 'paused';
      this.emit('container', 'pause', record.id, this.containerAttributes(record));
    }, 204);
  }

  /** `POST /containers/{id}/unpause` */
  containerUnpause(idOrName: string): void {
    this.call('ContainerUnpause', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      if (record.state.status !== 'paused') throw new ConflictError(`Container ${record.id} is not paused`);
      record.state.status = 'running';
      this.processes.get(record.id)?.unpause();
      this.emit('container', 'unpause', record.id, this.containerAttributes(record));
    }, 204);
  }

  /** `POST /containers/{id}/rename` */
  containerRename(idOrName: string, newName: string): void {
    this.call('ContainerRename', { id: idOrName }, () => {
      if (!idOrName || !newName) throw new InvalidParameterError('Neither old nor new names may be empty');
      const record = this.findContainer(idOrName);
      // moby's ContainerRename compares the canonical `/name` first, then reserves it.
      const bare = newName.replace(/^\//, '');
      if (bare === record.name) throw new InvalidParameterError('Renaming a container with the same name as its current name');
      if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(bare)) {
        throw new InvalidParameterError(`Error when allocating new name: Invalid container name (/${bare}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
      }
      const holder = this.byName(bare);
      if (holder) {
        throw new ConflictError(`Error when allocating new name: Conflict. The container name "/${bare}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.`);
      }
      const oldName = record.name;
      this.names.delete(record.name);
      record.name = bare;
      this.names.set(bare, record);
      this.emit('container', 'rename', record.id, { ...this.containerAttributes(record), oldName: `/${oldName}` });
    }, 204);
  }

  /** `DELETE /containers/{id}` */
  /** `DELETE /containers/{id}`; `removeVolumes` (`docker rm -v`, `?v=1`) takes the container's anonymous volumes too. */
  async containerDelete(idOrName: string, options: { force?: boolean; removeVolumes?: boolean } = {}): Promise<void> {
    const started = this.clock.now();
    try {
      const record = this.findContainer(idOrName);
      if (isRunning(record)) {
        if (!options.force) {
          const why = record.state.status === 'paused'
            ? 'container is paused and must be unpaused first'
            : `container is ${record.state.status}: stop the container before removing or force remove`;
          throw new ConflictError(`cannot remove container "${idOrName}": ${why}`);
        }
        const process = this.processes.get(record.id);
        if (process) {
          if (record.state.status === 'paused') {
            record.state.status = 'running';
            process.unpause();
          }
          this.deliver(record, process, 'SIGKILL');
          await process.exited;
          await Promise.resolve();
        }
      }
      if (this.containers.has(record.id)) this.removeRecord(record, !!options.removeVolumes);
      this.recordCall('ContainerDelete', { id: idOrName }, 204, started);
    } catch (e) {
      this.recordCall('ContainerDelete', { id: idOrName }, e instanceof EngineError ? e.statusCode : 500, started);
      throw e;
    }
  }

  private removeRecord(record: ContainerRecord, removeVolumes = false): void {
    this.containers.delete(record.id);
    for (const [id, exec] of this.execs) if (exec.containerId === record.id) this.execs.delete(id);
    this.filesystems.forget(record.id);
    this.names.delete(record.name);
    this.detach(record);
    this.emit('container', 'destroy', record.id, this.containerAttributes(record));
    if (removeVolumes) this.removeAnonymousVolumes(record);
    // A wait on a container that goes without exiting (a failed start with --rm) ends with its removal.
    const waiters = this.exitWaiters.get(record.id) ?? [];
    this.exitWaiters.delete(record.id);
    for (const resolve of waiters) resolve(record.state.exitCode);
  }

  /** `GET /containers/json` */
  containerList(options: { all?: boolean; limit?: number; filters?: Record<string, string[]>; size?: boolean } = {}): ContainerSummary[] {
    return this.call('ContainerList', {}, () => {
      let list = [...this.containers.values()]
        .filter((c) => options.all || isRunning(c))
        .sort((a, b) => b.created - a.created || (b.id < a.id ? -1 : 1));
      if (options.filters) list = list.filter((c) => this.matchesFilters(c, options.filters!));
      if (options.limit !== undefined && options.limit > 0) list = list.slice(0, options.limit);
      const resolved = new Map<string, string | undefined>();
      return list.map((c) => (options.size ? { ...this.summary(c, resolved), ...this.containerSizes(c) } : this.summary(c, resolved)));
    });
  }

  /** SizeRw (the writable layer's bytes) and SizeRootFs (those plus the image's), as `?size=1` adds them. */
  private containerSizes(record: ContainerRecord): { SizeRw: number; SizeRootFs: number } {
    const sizeRw = (record.rw ?? []).reduce((sum, [, entry]) => sum + (entry.kind === 'file' ? entry.size : 0), 0);
    const layers = record.layers ?? this.images.get(record.imageId)?.layers ?? [];
    const imageSize = layers.reduce((sum, chainId) => sum + (this.images.layer(chainId)?.size ?? 0), 0);
    return { SizeRw: sizeRw, SizeRootFs: sizeRw + imageSize };
  }

  private matchesFilters(record: ContainerRecord, filters: Record<string, string[]>): boolean {
    for (const [key, values] of Object.entries(filters)) {
      if (!values.length) continue;
      const ok = values.some((value) => {
        switch (key) {
          case 'name': return new RegExp(value).test(`/${record.name}`);
          case 'id': return record.id.startsWith(value);
          case 'status': return record.state.status === value;
          case 'ancestor': {
            const image = this.tryFindImage(value);
            return image ? record.imageId === image.id : record.image === value;
          }
          case 'exited': return record.state.status === 'exited' && String(record.state.exitCode) === value;
          case 'label': {
            const [k, v] = value.split('=', 2);
            const labels = record.config.Labels ?? {};
            return v === undefined ? k in labels : labels[k] === v;
          }
          case 'publish': return Object.entries(record.boundPorts).some(([p, b]) => p.startsWith(value) || (b ?? []).some((x) => x.HostPort === value.split('/')[0]));
          case 'expose': return Object.keys(record.config.ExposedPorts ?? {}).some((p) => p === value || p.split('/')[0] === value);
          // daemon/list.go: a volume by name or mount point; a network by name or ID prefix.
          case 'volume': return (record.mountPoints ?? []).some((point) => point.Name === value || point.Destination === value);
          case 'network': return Object.entries(this.endpoints(record)).some(([network, endpoint]) => network === value || (endpoint.NetworkID !== '' && endpoint.NetworkID.startsWith(value)));
          default: throw new InvalidParameterError(`invalid filter '${key}'`);
        }
      });
      if (!ok) return false;
    }
    return true;
  }

  private tryFindImage(name: string): StoredImage | undefined {
    try {
      return this.findImage(name);
    } catch {
      return undefined;
    }
  }

  /**
   * The IMAGE a container list shows: the reference it was created from
   * while that still names its image; its image ID once the reference is
   * gone or names another image (moby's refreshImage, daemon/list.go).
   * `resolved` caches lookups over one listing.
   */
  private currentImageName(record: ContainerRecord, resolved: Map<string, string | undefined>): string {
    if (record.image === record.imageId) return record.image;
    if (!resolved.has(record.image)) resolved.set(record.image, this.tryFindImage(record.image)?.id);
    return resolved.get(record.image) === record.imageId ? record.image : record.imageId;
  }

  private summary(record: ContainerRecord, resolved = new Map<string, string | undefined>()): ContainerSummary {
    const ports: PortSummary[] = [];
    // Host and none have no port map: their containers list no ports (NetworkSettings.Ports stays empty).
    const mode = record.hostConfig.NetworkMode ?? 'bridge';
    const running = isRunning(record) && mode !== 'host' && mode !== 'none';
    if (running) {
      const bound = record.boundPorts;
      for (const port of Object.keys(record.config.ExposedPorts ?? {})) {
        const [num, proto] = port.split('/');
        const bindings = bound[port];
        if (bindings && bindings.length) {
          for (const b of bindings) ports.push({ IP: b.HostIp, PrivatePort: Number(num), PublicPort: Number(b.HostPort), Type: proto as PortSummary['Type'] });
        } else {
          ports.push({ PrivatePort: Number(num), Type: proto as PortSummary['Type'] });
        }
      }
    }
    return {
      Id: record.id,
      Names: [`/${record.name}`],
      Image: this.currentImageName(record, resolved),
      ImageID: record.imageId,
      Command: commandString(record.path, record.args),
      Created: Math.floor(record.created / 1000),
      Ports: ports,
      Labels: { ...(record.config.Labels ?? {}) },
      State: record.state.status,
      Status: containerStatus(record.state, this.clock.now()),
      HostConfig: { NetworkMode: record.hostConfig.NetworkMode ?? 'bridge' },
      NetworkSettings: { Networks: this.endpoints(record) },
      Mounts: this.mountPointsOf(record),
    };
  }

  /**
   * NetworkSettings.Networks: the container's endpoint, keyed by its
   * network's name. Addresses only while it runs; DNS names (its name,
   * short ID and hostname) on user-defined networks, where docker's
   * embedded DNS answers for them.
   */
  private endpoints(record: ContainerRecord): Record<string, EndpointSettings> {
    const mode = record.hostConfig.NetworkMode ?? 'bridge';
    const attached = this.attachments.get(record.id);
    const network = attached !== undefined ? this.networks.all().find((candidate) => candidate.id === attached) : this.tryNetwork(mode);
    const up = record.endpointId !== '';
    const lease = up && record.ipAddress !== '' && network ? { gateway: network.gateway, prefixLength: Number(network.subnet.split('/')[1]) } : undefined;
    const userDefined = network !== undefined && !NetworkStore.isPredefined(network.name);
    const dnsNames = userDefined ? [...new Set([record.name, record.id.slice(0, 12), record.config.Hostname].filter((name) => name !== ''))] : null;
    return {
      [network?.name ?? mode]: {
        IPAMConfig: null,
        Links: null,
        Aliases: null,
        MacAddress: record.macAddress,
        DriverOpts: null,
        GwPriority: 0,
        NetworkID: network?.id ?? '',
        EndpointID: record.endpointId,
        Gateway: lease?.gateway ?? '',
        IPAddress: record.ipAddress,
        IPPrefixLen: lease?.prefixLength ?? 0,
        IPv6Gateway: '',
        GlobalIPv6Address: '',
        GlobalIPv6PrefixLen: 0,
        DNSNames: dnsNames,
      },
    };
  }

  /** `GET /containers/{id}/json`; `size` adds SizeRw and SizeRootFs, as `docker inspect -s` asks. */
  containerInspect(idOrName: string, options: { size?: boolean } = {}): ContainerInspectResponse {
    return this.call('ContainerInspect', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      const s = record.state;
      const dir = `/var/lib/docker/containers/${record.id}`;
      const config = record.config;
      const networks = this.endpoints(record);
      const bridge = networks.bridge as EndpointSettings | undefined;
      const hostConfig = record.hostConfig;
      return {
        Id: record.id,
        Created: isoNano(record.created),
        Path: record.path,
        Args: record.args,
        State: {
          Status: s.status,
          Running: isRunning(record),
          Paused: s.status === 'paused',
          Restarting: s.status === 'restarting',
          OOMKilled: s.oomKilled,
          Dead: s.status === 'dead',
          Pid: s.pid,
          ExitCode: s.exitCode,
          Error: s.error,
          StartedAt: s.startedAt ? isoNano(s.startedAt) : '0001-01-01T00:00:00Z',
          FinishedAt: s.finishedAt ? isoNano(s.finishedAt) : '0001-01-01T00:00:00Z',
        },
        Image: record.imageId,
        ResolvConfPath: `${dir}/resolv.conf`,
        HostnamePath: `${dir}/hostname`,
        HostsPath: `${dir}/hosts`,
        LogPath: `${dir}/${record.id}-json.log`,
        Name: `/${record.name}`,
        RestartCount: record.restartCount,
        Driver: 'overlay2',
        Platform: 'linux',
        MountLabel: '',
        ProcessLabel: '',
        AppArmorProfile: 'docker-default',
        ExecIDs: null,
        HostConfig: {
          Binds: record.hostConfig.Binds ?? null,
          ContainerIDFile: '',
          LogConfig: { Type: 'json-file', Config: {} },
          NetworkMode: record.hostConfig.NetworkMode ?? 'bridge',
          PortBindings: record.hostConfig.PortBindings ?? {},
          RestartPolicy: record.hostConfig.RestartPolicy ?? { Name: 'no', MaximumRetryCount: 0 },
          AutoRemove: !!record.hostConfig.AutoRemove,
          VolumeDriver: '',
          VolumesFrom: null,
          ConsoleSize: [0, 0],
          CapAdd: null,
          CapDrop: null,
          CgroupnsMode: 'private',
          Dns: [],
          DnsOptions: [],
          DnsSearch: [],
          ExtraHosts: null,
          GroupAdd: null,
          IpcMode: 'private',
          Cgroup: '',
          Links: null,
          OomScoreAdj: 0,
          PidMode: '',
          Privileged: false,
          PublishAllPorts: !!record.hostConfig.PublishAllPorts,
          ReadonlyRootfs: false,
          SecurityOpt: null,
          UTSMode: '',
          UsernsMode: '',
          ShmSize: 67108864,
          Runtime: 'runc',
          Isolation: '',
          CpuShares: 0,
          Memory: 0,
          NanoCpus: 0,
          CgroupParent: '',
          BlkioWeight: 0,
          BlkioWeightDevice: hostConfig.BlkioWeightDevice ?? null,
          BlkioDeviceReadBps: hostConfig.BlkioDeviceReadBps ?? null,
          BlkioDeviceWriteBps: hostConfig.BlkioDeviceWriteBps ?? null,
          BlkioDeviceReadIOps: hostConfig.BlkioDeviceReadIOps ?? null,
          BlkioDeviceWriteIOps: hostConfig.BlkioDeviceWriteIOps ?? null,
          CpuPeriod: 0,
          CpuQuota: 0,
          CpuRealtimePeriod: 0,
          CpuRealtimeRuntime: 0,
          CpusetCpus: '',
          CpusetMems: '',
          Devices: hostConfig.Devices ?? null,
          DeviceCgroupRules: hostConfig.DeviceCgroupRules ?? null,
          DeviceRequests: hostConfig.DeviceRequests ?? null,
          MemoryReservation: 0,
          MemorySwap: 0,
          // cgroup v2 has no swappiness: dockerd drops it (verifyPlatformContainerResources).
          MemorySwappiness: null,
          // Dropped as unsupported on cgroup v2, then defaulted to false (adaptContainerSettings).
          OomKillDisable: false,
          // The create route reads 0 and below as "unlimited", stored as null.
          PidsLimit: (hostConfig.PidsLimit ?? 0) > 0 ? hostConfig.PidsLimit : null,
          Ulimits: hostConfig.Ulimits ?? null,
          CpuCount: 0,
          CpuPercent: 0,
          IOMaximumIOps: 0,
          IOMaximumBandwidth: 0,
          ...(record.hostConfig.Mounts?.length ? { Mounts: record.hostConfig.Mounts } : {}),
          MaskedPaths: ['/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap'],
          ReadonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
        },
        GraphDriver: { Data: this.graphDriverData(record.id), Name: 'overlay2' },
        ...(options.size ? this.containerSizes(record) : {}),
        Mounts: this.mountPointsOf(record),
        Config: {
          Hostname: config.Hostname,
          Domainname: config.Domainname ?? '',
          User: config.User ?? '',
          AttachStdin: !!config.AttachStdin,
          AttachStdout: !!config.AttachStdout,
          AttachStderr: !!config.AttachStderr,
          ...(config.ExposedPorts ? { ExposedPorts: config.ExposedPorts } : {}),
          Tty: !!config.Tty,
          OpenStdin: !!config.OpenStdin,
          StdinOnce: !!config.StdinOnce,
          Env: config.Env,
          Cmd: config.Cmd,
          Image: record.image,
          Volumes: config.Volumes ?? null,
          WorkingDir: config.WorkingDir,
          Entrypoint: config.Entrypoint,
          OnBuild: null,
          Labels: config.Labels ?? {},
          ...(config.StopSignal ? { StopSignal: config.StopSignal } : {}),
        },
        NetworkSettings: {
          Bridge: '',
          SandboxID: record.sandboxKey ? sha256Hex(record.sandboxKey) : '',
          SandboxKey: record.sandboxKey,
          Ports: this.inspectPorts(record),
          HairpinMode: false,
          LinkLocalIPv6Address: '',
          LinkLocalIPv6PrefixLen: 0,
          SecondaryIPAddresses: null,
          SecondaryIPv6Addresses: null,
          // The deprecated top-level fields tell of the default bridge only (getDefaultNetworkSettings).
          EndpointID: bridge?.EndpointID ?? '',
          Gateway: bridge?.Gateway ?? '',
          GlobalIPv6Address: '',
          GlobalIPv6PrefixLen: 0,
          IPAddress: bridge?.IPAddress ?? '',
          IPPrefixLen: bridge?.IPPrefixLen ?? 0,
          IPv6Gateway: '',
          MacAddress: bridge?.MacAddress ?? '',
          Networks: networks,
        },
      };
    });
  }

  private inspectPorts(record: ContainerRecord): PortMap {
    if (!isRunning(record)) return {};
    // Host and none have no port mapping to show.
    if ((record.hostConfig.NetworkMode ?? 'bridge') === 'host' || record.hostConfig.NetworkMode === 'none') return {};
    const ports: PortMap = {};
    for (const port of Object.keys(record.config.ExposedPorts ?? {})) {
      ports[port] = record.boundPorts[port] ?? null;
    }
    return ports;
  }

  /** `GET /containers/{id}/logs` (the entries so far; follow with onContainerOutput). */
  containerLogs(idOrName: string, options: LogsOptions = {}): LogEntry[] {
    return this.call('ContainerLogs', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      const wantOut = options.stdout ?? true;
      const wantErr = options.stderr ?? true;
      let entries = [...record.logs, ...partialEntries(record, this.clock.now())];
      // The json-file reader takes the last lines of the file first, then filters them by time and stream.
      if (options.tail !== undefined && options.tail !== 'all' && options.tail >= 0) {
        entries = options.tail === 0 ? [] : entries.slice(-options.tail);
      }
      return entries.filter((e) => (e.stream === 'stdout' ? wantOut : wantErr)
        && (options.since === undefined || e.time >= options.since)
        && (options.until === undefined || e.time <= options.until));
    });
  }

  /** `POST /containers/{id}/attach` for stdin: a line to the container's process, or null to close stdin. */
  containerWriteStdin(idOrName: string, line: string | null): void {
    const record = this.findContainer(idOrName);
    this.processes.get(record.id)?.writeStdin(line);
  }

  /** Resolves a container reference to its full id (throws Docker's not-found error). */
  containerId(idOrName: string): string {
    return this.findContainer(idOrName).id;
  }

  /** True while the container's process runs (running or paused). */
  isContainerRunning(idOrName: string): boolean {
    return isRunning(this.findContainer(idOrName));
  }

  // ---------------------------------------------------------------- prune, top, resize

  /**
   * `POST /containers/prune`, as moby v28.2.2's ContainersPrune
   * (daemon/prune.go): every container that is not running goes, newest
   * first, unless the filters (`until`, `label`, `label!`) keep it.
   * SpaceReclaimed adds up their writable layers. A `prune` event tells the
   * total, even when nothing went.
   */
  containerPrune(filters: Record<string, string[]> = {}): ContainerPruneResponse {
    return this.call('ContainerPrune', {}, () => {
      validateFilters(filters, ['label', 'label!', 'until']);
      // The containers' prune answers a malformed `until` as the client's error (errdefs.InvalidParameter).
      const until = pruneUntil(filters, this.clock.now(), (message) => new InvalidParameterError(message));
      const deleted: string[] = [];
      let reclaimed = 0;
      // Newest first; containers made in the same millisecond, the later one first.
      for (const record of [...this.containers.values()].reverse().sort((a, b) => b.created - a.created)) {
        if (isRunning(record)) continue;
        if (until !== undefined && record.created > until) continue;
        if (!matchesPruneLabels(filters, record.config.Labels ?? {})) continue;
        reclaimed += this.containerSizes(record).SizeRw;
        this.removeRecord(record);
        deleted.push(record.id);
      }
      this.emit('container', 'prune', '', { reclaimed: String(reclaimed) });
      return { ContainersDeleted: deleted.length ? deleted : null, SpaceReclaimed: reclaimed };
    });
  }

  /**
   * `POST /images/prune`, as moby v28.2.2's ImagesPrune
   * (daemon/images/image_prune.go): with `dangling=true` (the default) the
   * images nothing is built on and no tag names (an image known only by
   * digest is dangling too); with `dangling=false` every image, untagged
   * intermediate ones aside. Each goes through the usual delete, so an
   * image a container uses stays. SpaceReclaimed adds up the layers the
   * deletes released; a `prune` event tells the total.
   */
  imagePrune(filters: Record<string, string[]> = {}): ImagePruneResponse {
    return this.call('ImagePrune', {}, () => {
      validateFilters(filters, ['dangling', 'label', 'label!', 'until']);
      const danglingOnly = filterBool(filters, 'dangling', true);
      // Unlike the containers', the images' prune returns a malformed `until` as a plain error: a 500.
      const until = pruneUntil(filters, this.clock.now(), (message) => new SystemError(message));
      const layerSizes = new Map(this.images.allLayers().map((layer) => [layer.chainId, layer.size]));
      const candidates = this.images.all().filter((image) => {
        const hasChildren = this.images.children(image).length > 0;
        if (danglingOnly && hasChildren) return false;
        if (image.tags.length + image.digests.length === 0 && hasChildren) return false;
        if (until !== undefined && Date.parse(image.created) > until) return false;
        return matchesPruneLabels(filters, image.config.Labels ?? {});
      });
      const records: ImageDeleteResponseItem[] = [];
      for (const image of candidates) {
        // The reference store lists an image's references sorted, tags before digests of the same name.
        const references = [...image.tags, ...image.digests].sort();
        const targets = references.length === 0 ? [image.id.slice('sha256:'.length)]
          : !danglingOnly || image.tags.length === 0 ? references : [];
        for (const target of targets) {
          try {
            records.push(...this.deleteImage(target, false));
          } catch (e) {
            // moby's imageDeleteFailed: an image in use (or already gone with an earlier reference) is skipped.
            if (!(e instanceof EngineError)) throw e;
          }
        }
      }
      const reclaimed = records.reduce((sum, record) => sum + ('Deleted' in record ? layerSizes.get(record.Deleted) ?? 0 : 0), 0);
      this.emit('image', 'prune', '', { reclaimed: String(reclaimed) });
      return { ImagesDeleted: records.length ? records : null, SpaceReclaimed: reclaimed };
    });
  }

  /**
   * `GET /containers/{id}/top`: what dockerd's `ps` on the host prints for
   * the container's processes (moby daemon/top_unix.go), `-ef` unless
   * `psArgs` says otherwise; host PIDs, as `docker inspect` shows State.Pid.
   * A `top` event follows.
   */
  containerTop(idOrName: string, psArgs = ''): ContainerTopResponse {
    return this.call('ContainerTop', { id: idOrName }, () => {
      const args = psArgs || '-ef';
      // moby's validatePSArgs: a column may be renamed to PID only as `pid=PID`.
      for (const [, column, title] of args.matchAll(/\s+([^\s]*)=\s*(PID[^\s]*)/g)) {
        if (column !== 'pid') throw new SystemError(`specifying "${column}=${title}" is not allowed`);
      }
      const record = this.findContainer(idOrName);
      if (!isRunning(record)) throw new ConflictError(`container ${record.id} is not running`);
      if (record.state.status === 'restarting') throw new ConflictError(`Container ${record.id} is restarting, wait until the container is running`);
      const table = psTable(args, this.hostProcesses(record), this.clock.now());
      this.emit('container', 'top', record.id, this.containerAttributes(record));
      return table;
    });
  }

  /**
   * The container's processes as the host sees them: the main process has
   * the PID `docker inspect` shows and the containerd shim as its parent;
   * an exec's process has its own host PID and the same parent; others
   * (nginx's workers) are children of the main process.
   */
  private hostProcesses(record: ContainerRecord): HostProcess[] {
    const main = record.state.pid;
    // The shim starts runc, which starts the container's init: on a host its PID is a little lower.
    const shim = main - 21;
    let terminals = 0;
    return this.containerProcesses(record).map((process) => {
      const exec = process.pid === 1 ? undefined
        : [...this.execs.values()].find((candidate) => candidate.containerId === record.id && candidate.running && candidate.containerPid === process.pid);
      // Each `-t` process has a terminal of its own: the container's is pts/0, an exec's the next one.
      const tty = process.tty ? `pts/${exec ? ++terminals : 0}` : '?';
      return {
        pid: process.pid === 1 ? main : exec ? exec.pid : main + process.pid - 1,
        parent: process.pid === 1 || exec ? shim : main,
        user: process.user ?? 'root',
        tty,
        startedAt: exec?.startedAt ?? record.state.startedAt,
        argv: process.argv,
      };
    });
  }

  /** `POST /containers/{id}/resize`: the container's terminal takes the new size; a `resize` event says so. */
  containerResize(idOrName: string, height: number, width: number): void {
    this.call('ContainerResize', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      // moby's GetRunningTask.
      if (!isRunning(record)) throw new ConflictError(`container ${record.id} is not running`);
      this.emit('container', 'resize', record.id, { ...this.containerAttributes(record), height: String(height), width: String(width) });
    });
  }

  /**
   * `POST /exec/{id}/resize` (moby ContainerExecResize): the exec must be
   * in a running container; one not started yet is waited for (up to 10
   * seconds), and one whose process never started cannot be resized.
   */
  async execResize(execId: string, _height: number, _width: number): Promise<void> {
    const started = this.clock.now();
    try {
      const exec = this.execs.get(execId);
      if (!exec) throw new NotFoundError(`No such exec instance: ${execId}`);
      // moby's getExecConfig.
      const record = this.findContainer(exec.containerId);
      if (!isRunning(record)) throw new ConflictError(`container ${record.id} is not running`);
      if (record.state.status === 'paused') throw new ConflictError(`Container ${record.id} is paused, unpause the container before exec`);
      if (record.state.status === 'restarting') throw new ConflictError(`Container ${record.id} is restarting, wait until the container is running`);
      for (let waited = 0; !exec.running && exec.exitCode === null; waited += 50) {
        if (waited >= 10_000) throw new SystemError('timeout waiting for exec session ready');
        await sleep(this.clock, 50);
      }
      // An exec whose program could not start never had a process. (The lab's programs draw for a fixed width: the size is not kept.)
      if (exec.pid === 0) throw new InvalidParameterError('exec process is not started');
      this.recordCall('ExecResize', { id: execId }, 200, started);
    } catch (e) {
      this.recordCall('ExecResize', { id: execId }, e instanceof EngineError ? e.statusCode : 500, started);
      throw e;
    }
  }

  /**
   * `POST /containers/{id}/attach` with `stream=1`: the client is now
   * attached (moby containerAttach logs an `attach` event); the output
   * itself comes through onContainerOutput. Returns the container's id.
   */
  containerAttach(idOrName: string): string {
    return this.call('ContainerAttach', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      this.emit('container', 'attach', record.id, this.containerAttributes(record));
      return record.id;
    }, 101);
  }

  /**
   * A key the terminal's line discipline turns into a signal for the
   * container's process (Ctrl+C is SIGINT with `-t`): the kernel's doing,
   * not an API call, so no `kill` event as `docker kill` has.
   */
  containerTerminalSignal(idOrName: string, signal: string): void {
    const record = this.findContainer(idOrName);
    this.processes.get(record.id)?.signal(signal);
  }

  // ---------------------------------------------------------------- files: diff, exec, commit, cp

  /** `GET /containers/{id}/changes`: what `docker diff` prints, sorted by path. */
  containerChanges(idOrName: string): FilesystemChange[] {
    return this.call('ContainerChanges', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      return this.filesystems.of(record).changes().map((change) => ({ Path: change.path, Kind: CHANGE_KINDS[change.kind] }));
    });
  }

  /** `POST /containers/{id}/exec`: prepares a process to run in a running container. */
  execCreate(idOrName: string, config: ExecCreateRequest): { Id: string } {
    return this.call('ContainerExec', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      if (!isRunning(record)) throw new ConflictError(`container ${record.id} is not running`);
      // moby's errExecPaused names the container as the client did.
      if (record.state.status === 'paused') throw new ConflictError(`Container ${idOrName} is paused, unpause the container before exec`);
      if (record.state.status === 'restarting') throw new ConflictError(`Container ${record.id} is restarting, wait until the container is running`);
      if (!config.Cmd || config.Cmd.length === 0) throw new InvalidParameterError('No exec command specified');
      const id = this.hex(64);
      this.execs.set(id, { id, containerId: record.id, config: { ...config, Cmd: [...config.Cmd] }, running: false, exitCode: null, pid: 0, containerPid: 0, process: undefined });
      // moby names the action after the entrypoint and its arguments, a space between even when there are none (`exec_create: sh `).
      this.emit('container', `exec_create: ${config.Cmd[0]} ${config.Cmd.slice(1).join(' ')}`, record.id, { ...this.containerAttributes(record), execID: id });
      return { Id: id };
    }, 201);
  }

  /**
   * `POST /exec/{id}/start`: runs the exec's program beside the container's
   * main process, on the same files. Its output goes to `write`, not to the
   * container's logs. A program the image does not have fails as runc says.
   */
  execStart(execId: string, write: (stream: 'stdout' | 'stderr', text: string) => void): ExecSession {
    return this.call('ExecStart', { id: execId }, () => {
      const exec = this.execs.get(execId);
      if (!exec) throw new NotFoundError(`No such exec instance: ${execId}`);
      if (exec.running || exec.exitCode !== null) throw new ConflictError(`Error: Exec command ${execId} has already run`);
      const record = this.findContainer(exec.containerId);
      if (!isRunning(record) || !this.processes.has(record.id)) throw new ConflictError(`container ${record.id} is not running`);
      const env = execEnvironment(record.config.Env, record.config.Hostname, !!exec.config.Tty, exec.config.Env ?? []);
      const pathEnv = (env.find((e) => e.startsWith('PATH=')) ?? 'PATH=').slice(5);
      const argv = exec.config.Cmd;
      const files = this.filesystems.of(record);
      const program = findProgram(record.family, programImage(record), argv[0], pathEnv, files);
      const cwd = exec.config.WorkingDir || record.config.WorkingDir || '/';
      this.emit('container', `exec_start: ${argv[0]} ${argv.slice(1).join(' ')}`, record.id, { ...this.containerAttributes(record), execID: exec.id });
      // runc creates a missing working directory for a container's process, not for an exec's.
      const cwdMissing = !!exec.config.WorkingDir && this.filesystems.of(record).node(cwd) === undefined;
      if (!program || cwdMissing) {
        let reason = argv[0].includes('/') ? `exec: "${argv[0]}": stat ${argv[0]}: no such file or directory` : `exec: "${argv[0]}": executable file not found in $PATH`;
        if (cwdMissing) reason = `chdir to cwd (${JSON.stringify(cwd)}) set in config.json failed: no such file or directory`;
        exec.exitCode = 127;
        write('stdout', `OCI runtime exec failed: exec failed: unable to start container process: ${reason}: unknown\r\n`);
        this.emit('container', 'exec_die', record.id, { ...this.containerAttributes(record), execID: exec.id, exitCode: '127' });
        return { exited: Promise.resolve(127), writeStdin: () => undefined, signal: () => undefined };
      }
      const process = new ContainerProcess(program, {
        argv,
        env,
        hostname: record.config.Hostname,
        cwd,
        tty: !!exec.config.Tty,
        interactive: !!exec.config.AttachStdin,
        host: this.host,
        family: record.family,
        imageReference: programImage(record),
        previousStarts: record.startCount,
        resumed: false,
        startedAt: this.clock.now(),
        clock: this.clock,
        write,
        files,
        processes: () => this.containerProcesses(record),
        resolveProgram: (name) => findProgram(record.family, programImage(record), name, pathEnv, files),
        initProcess: false,
      });
      exec.running = true;
      exec.pid = this.nextPid++;
      exec.startedAt = this.clock.now();
      // Inside the container's PID namespace: runc and the shim take a few numbers between execs.
      const before = [...this.execs.values()].filter((other) => other.containerId === record.id && other !== exec).map((other) => other.containerPid);
      exec.containerPid = Math.max(1, ...before, ...this.containerProcesses(record).map((info) => info.pid)) + 6;
      exec.process = process;
      const exited = process.exited.then((code) => {
        exec.running = false;
        exec.exitCode = code;
        exec.process = undefined;
        this.emit('container', 'exec_die', record.id, { ...this.containerAttributes(record), execID: exec.id, exitCode: String(code) });
        return code;
      });
      process.start();
      return {
        exited,
        writeStdin: (line: string | null) => process.writeStdin(line),
        signal: (name: string) => process.signal(name),
      };
    });
  }

  /** What `ps` inside a container lists: its main process as PID 1, then its running execs. */
  private containerProcesses(record: ContainerRecord): ContainerProcessInfo[] {
    const list: ContainerProcessInfo[] = [];
    if (this.processes.has(record.id)) {
      // The images' entrypoint scripts end with `exec "$@"`: PID 1 is then the command they were given.
      let argv = [record.path, ...record.args];
      if (/(^|\/)docker-entrypoint\.sh$/.test(argv[0]) && argv.length > 1) argv = argv.slice(1);
      const tty = !!record.config.Tty;
      if (argv[0] === 'nginx' || argv[0] === 'nginx-debug') {
        // nginx renames its processes: a master and, with worker_processes auto, one worker per CPU.
        list.push({ pid: 1, argv: ['nginx: master process', ...argv], tty });
        for (let worker = 0; worker < this.host.cpus; worker++) list.push({ pid: 29 + worker, argv: ['nginx: worker process'], tty, user: 'nginx' });
      } else {
        list.push({ pid: 1, argv, tty });
      }
    }
    for (const exec of this.execs.values()) {
      if (exec.containerId === record.id && exec.running) list.push({ pid: exec.containerPid, argv: exec.config.Cmd, tty: !!exec.config.Tty });
    }
    return list;
  }

  /** `GET /exec/{id}/json` */
  execInspect(execId: string): ExecInspectResponse {
    return this.call('ExecInspect', { id: execId }, () => {
      const exec = this.execs.get(execId);
      if (!exec) throw new NotFoundError(`No such exec instance: ${execId}`);
      return {
        CanRemove: false,
        ContainerID: exec.containerId,
        DetachKeys: exec.config.DetachKeys ?? '',
        // null until the process has exited, as dockerd's *int.
        ExitCode: exec.exitCode ?? null,
        ID: exec.id,
        OpenStderr: !!exec.config.AttachStderr,
        OpenStdin: !!exec.config.AttachStdin,
        OpenStdout: !!exec.config.AttachStdout,
        ProcessConfig: {
          arguments: exec.config.Cmd.slice(1),
          entrypoint: exec.config.Cmd[0],
          privileged: !!exec.config.Privileged,
          tty: !!exec.config.Tty,
          ...(exec.config.User ? { user: exec.config.User } : {}),
        },
        Running: exec.running,
        Pid: exec.pid,
      };
    });
  }

  /**
   * `POST /commit`: the container's writable layer becomes a new image
   * layer on top of its image's, with the container's config (and the
   * `changes`, Dockerfile instructions such as `CMD ["nginx"]`) as the new
   * image's config. Its history line is the container's command, as moby
   * writes it.
   */
  containerCommit(idOrName: string, options: CommitOptions = {}): { Id: string } {
    return this.call('ImageCommit', {}, () => {
      const record = this.findContainer(idOrName);
      let target: string | undefined;
      if (options.repo) {
        const full = this.tryReference(options.tag ? `${options.repo}:${options.tag}` : options.repo);
        if (full === undefined || full.includes('@')) throw new InvalidParameterError(`invalid reference format`);
        target = full;
      }
      const files = [...this.filesystems.of(record).layer.changes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const source = this.images.get(record.imageId);
      const below = (record.layers ?? source?.layers ?? []).map((chainId) => this.images.layer(chainId)).filter((layer): layer is Layer => layer !== undefined);
      const diffId = files.length === 0 ? EMPTY_LAYER_DIFF_ID : `sha256:${sha256Hex(`docker-lab layer ${JSON.stringify(files)}`)}`;
      const chain = chainIdOf([...below.map((layer) => layer.diffId), diffId]);
      const chainId = chain[chain.length - 1];
      const size = files.reduce((sum, [, entry]) => sum + (entry.kind === 'file' ? entry.size : 0), 0);
      this.images.addLayer({ digest: `sha256:${sha256Hex(`docker-lab blob ${diffId}`)}`, diffId, chainId, size, compressedSize: Math.round(size / 2.6), files });
      const config = applyChanges(imageConfigOf(record, source?.config.Volumes ?? null), options.changes ?? []);
      const created = new Date(this.clock.now()).toISOString();
      const history = [...(source?.history ?? []), {
        created,
        createdBy: (record.config.Cmd ?? []).join(' '),
        emptyLayer: false,
        ...(options.comment ? { comment: options.comment } : {}),
      }];
      const layers = [...below.map((layer) => layer.chainId), chainId];
      const id = `sha256:${sha256Hex(`docker-lab image ${JSON.stringify({ config, history, layers, created, author: options.author ?? '' })}`)}`;
      const image: StoredImage = {
        id,
        tags: [],
        digests: [],
        created,
        config,
        history,
        layers,
        family: record.family,
        parent: source?.id ?? '',
        lastTagTime: this.clock.now(),
        comment: options.comment ?? '',
        author: options.author ?? '',
        origin: programImage(record),
      };
      // The same commit again within the same millisecond is the same image: it keeps the tags it has.
      const stored = this.images.get(id) ?? image;
      if (stored === image) this.images.add(image);
      if (target) this.images.tag(stored, target, this.clock.now());
      this.emit('container', 'commit', record.id, { ...this.containerAttributes(record), comment: options.comment ?? '', imageID: id, imageRef: target ? familiarReference(target) : '' });
      this.changed('images');
      return { Id: id };
    }, 201);
  }

  /** BuildKit's cache of build steps: kept apart from images, emptied by a lab reset. */
  private readonly buildCache = new BuildCache();

  /**
   * `POST /build` (BuildKit): builds `context` by its Dockerfile, streaming
   * BuildKit's progress to `onProgress`, and stores the image with its tags.
   * Throws BuildError (`failed to solve: ...` on the client) when it fails.
   */
  async imageBuild(context: BuildContext, options: BuildOptions = {}, onProgress: (event: BuildEvent) => void = () => undefined): Promise<BuildResult> {
    const started = this.clock.now();
    try {
      const result = await new ImageBuilder({
        clock: this.clock,
        host: this.host,
        registry: this.registry,
        images: this.images,
        cache: this.buildCache,
        pullSecondsPerMegabyte: this.pullSecondsPerMegabyte,
        layerFiles: (chainId) => this.filesystems.layerFiles(chainId),
        emitImageEvent: (action, id, attributes) => this.emit('image', action, id, attributes),
        imagesChanged: () => this.changed('images'),
      }).build(context, options, onProgress);
      this.recordCall('ImageBuild', {}, 200, started);
      return result;
    } catch (e) {
      // The build's own failure travels in the (200) progress stream; only a bug is a 500.
      this.recordCall('ImageBuild', {}, e instanceof EngineError ? 200 : 500, started);
      throw e;
    }
  }

  /** `HEAD /containers/{id}/archive`: what `path` is in the container (for `docker cp`). */
  containerStatPath(idOrName: string, path: string): PathStat {
    return this.call('ContainerArchiveInfo', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      const node = this.filesystems.of(record).node(path);
      if (!node) throw new NotFoundError(`Could not find the file ${path} in container ${idOrName}`);
      // lstat(2) of `file/`: the daemon's error is a system error, not "could not find".
      if (node.kind !== 'dir' && /\/\.?$/.test(path)) throw new SystemError(`lstat ${path}: not a directory`);
      return pathStat(path, node, this.clock.now());
    });
  }

  /** `GET /containers/{id}/archive`: `path` and everything below it, paths relative to `path`'s parent. */
  containerArchive(idOrName: string, path: string): { stat: PathStat; entries: ArchiveEntry[] } {
    return this.call('ContainerArchive', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      const fs = this.filesystems.of(record);
      const node = fs.node(path);
      if (!node) throw new NotFoundError(`Could not find the file ${path} in container ${idOrName}`);
      if (node.kind !== 'dir' && /\/\.?$/.test(path)) throw new SystemError(`lstat ${path.startsWith('/') ? path : `/${path}`}: not a directory`);
      const normalized = normalizePath(path);
      const parent = parentOf(normalized);
      const entries = fs.subtree(normalized).map(([full, entry]): ArchiveEntry => [parent === '/' ? full.slice(1) : full.slice(parent.length + 1), entry]);
      return { stat: pathStat(path, node, this.clock.now()), entries };
    });
  }

  /**
   * `PUT /containers/{id}/archive`: unpacks `entries` (paths relative to
   * `path`, parents first) into the directory `path`, through the
   * container's writable layer.
   */
  containerPutArchive(idOrName: string, path: string, entries: readonly ArchiveEntry[]): void {
    this.call('PutContainerArchive', { id: idOrName }, () => {
      const record = this.findContainer(idOrName);
      const fs = this.filesystems.of(record);
      // The extraction point is resolved with every symlink followed, the last one too (filepath.EvalSymlinks).
      let directory = normalizePath(path);
      for (let links = 0; links < 40; links++) {
        const link = fs.node(directory);
        if (link?.kind !== 'symlink') break;
        directory = resolvePath(parentOf(directory), link.target);
      }
      const node = fs.node(directory);
      if (!node) throw new NotFoundError(`Could not find the file ${path} in container ${idOrName}`);
      if (node.kind !== 'dir') throw new InvalidParameterError('extraction point is not a directory');
      for (const [relative, entry] of entries) {
        const target = normalizePath(`${directory}/${relative}`);
        if (!isWithin(target, directory)) throw new InvalidParameterError(`file ${relative} is outside the extraction point`);
        // The client always asks for noOverwriteDirNonDir: a directory and a non-directory never replace each other.
        const existing = fs.node(target);
        if (existing?.kind === 'dir' && entry.kind !== 'dir') throw new SystemError(`cannot overwrite directory ${goQuote(target)} with non-directory ${goQuote(directory)}`);
        if (existing && existing.kind !== 'dir' && entry.kind === 'dir') throw new SystemError(`cannot overwrite non-directory ${goQuote(target)} with directory ${goQuote(directory)}`);
        const error = fs.put(target, entry);
        if (error) throw new SystemError(`${target}: ${FS_ERROR_TEXT[error]}`);
      }
    });
  }

  /** A layer's files (official layers' generated, lab-made ones stored): for the layer inspector. Not an API call. */
  layerFiles(chainId: string): LayerChanges {
    return this.filesystems.layerFiles(chainId);
  }

  /** A container's layers for the layer inspector: its image's chain and its writable layer. Not an API call. */
  containerLayers(idOrName: string): { layers: string[]; writable: LayerChanges; changes: FilesystemChange[] } {
    const record = this.findContainer(idOrName);
    const fs = this.filesystems.of(record);
    return {
      layers: [...(record.layers ?? this.images.get(record.imageId)?.layers ?? [])],
      writable: fs.layer.changes,
      changes: fs.changes().map((change) => ({ Path: change.path, Kind: CHANGE_KINDS[change.kind] })),
    };
  }

  // ---------------------------------------------------------------- volumes

  /** `GET /volumes`, by name; filters `dangling`, `name`, `driver` and `label` (moby's VolumesService.List). */
  volumeList(filters: Record<string, string[]> = {}): VolumeListResponse {
    return this.call('VolumeList', {}, () => {
      validateFilters(filters, ['dangling', 'name', 'driver', 'label']);
      const dangling = filters.dangling !== undefined ? filterBool(filters, 'dangling', false) : undefined;
      const volumes = this.volumes.all().filter((volume) => (!filters.driver?.length || filters.driver.includes(volume.driver))
        && (!filters.name?.length || filterMatch(filters.name, volume.name))
        && matchLabels(filters.label ?? [], volume.labels)
        && (dangling === undefined || (this.volumeUsers(volume.name).length === 0) === dangling));
      // dockerd's list has no warnings to give: a nil slice, sent as null.
      return { Volumes: volumes.map((volume) => VolumeStore.toApi(volume)), Warnings: null };
    });
  }

  /**
   * `POST /volumes/create`: a `local` volume, named or (no name) anonymous
   * with a generated 64-hex name. A volume that exists is answered as it is.
   * The local driver's mount options (`-o type=tmpfs`) are not simulated.
   */
  volumeCreate(options: VolumeCreateOptions = {}): Volume {
    return this.call('VolumeCreate', {}, () => {
      const anonymous = !options.Name;
      const name = options.Name || this.hex(64);
      const driver = options.Driver || 'local';
      if (driver !== 'local') throw new NotFoundError(`create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`);
      if (Object.keys(options.DriverOpts ?? {}).length) {
        throw new NotImplementedError('volume driver options (-o type=..., device=...) are not simulated in Docker Lab: the lab\'s volumes are plain directories');
      }
      // An anonymous volume is labelled as one (VolumesService.Create), beside what the client asked for.
      const labels = anonymous ? { ...(options.Labels ?? {}), [ANONYMOUS_LABEL]: '' } : options.Labels;
      const { volume, created } = this.volumes.create(name, { labels, options: options.DriverOpts, createdAt: this.clock.now() });
      if (created) this.emit('volume', 'create', name, { driver: volume.driver });
      return VolumeStore.toApi(volume);
    }, 201);
  }

  /** `GET /volumes/{name}` */
  volumeInspect(name: string): Volume {
    return this.call('VolumeInspect', { name }, () => VolumeStore.toApi(this.findVolume(name)));
  }

  /**
   * `DELETE /volumes/{name}`: refused while any container (running or not)
   * mounts it, even with `force`, which only makes a missing volume no error.
   */
  volumeDelete(name: string, options: { force?: boolean } = {}): void {
    this.call('VolumeDelete', { name }, () => {
      const volume = this.volumes.get(name);
      if (!volume) {
        if (options.force) return;
        throw new NotFoundError(`get ${name}: no such volume`);
      }
      const users = this.volumeUsers(name);
      if (users.length) throw new ConflictError(`remove ${name}: volume is in use - [${users.join(', ')}]`);
      this.deleteVolume(volume);
    }, 204);
  }

  /**
   * `POST /volumes/prune`: the volumes no container uses, anonymous ones
   * only unless the `all` filter says true (docker 23 and later); `label`
   * and `label!` filters narrow it. SpaceReclaimed adds up their bytes.
   */
  volumePrune(filters: Record<string, string[]> = {}): VolumePruneResponse {
    return this.call('VolumePrune', {}, () => {
      validateFilters(filters, ['label', 'label!', 'all']);
      const all = filters.all ?? [];
      if (all.length > 1) throw new InvalidParameterError(`invalid filter 'all=[${all.join(' ')}]': only one value is expected`);
      let everything = false;
      if (all.length === 1) {
        const parsed = parseGoBool(all[0]);
        if (parsed === undefined) throw new InvalidParameterError(`invalid filter 'all': strconv.ParseBool: parsing ${goQuote(all[0])}: invalid syntax`);
        everything = parsed;
      }
      const deleted: string[] = [];
      let reclaimed = 0;
      for (const volume of this.volumes.all()) {
        if (!everything && !VolumeStore.isAnonymous(volume)) continue;
        if (this.volumeUsers(volume.name).length) continue;
        if (!matchesPruneLabels(filters, volume.labels ?? {})) continue;
        reclaimed += this.volumes.size(volume.name);
        this.deleteVolume(volume);
        deleted.push(volume.name);
      }
      this.emit('volume', 'prune', '', { reclaimed: String(reclaimed) });
      return { VolumesDeleted: deleted, SpaceReclaimed: reclaimed };
    });
  }

  private findVolume(name: string): VolumeRecord {
    const volume = this.volumes.get(name);
    if (!volume) throw new NotFoundError(`get ${name}: no such volume`);
    return volume;
  }

  private deleteVolume(volume: VolumeRecord): void {
    this.volumes.remove(volume.name);
    this.emit('volume', 'destroy', volume.name, { driver: volume.driver });
  }

  /** The IDs of the containers that mount a volume, oldest first (the volume store's references). */
  private volumeUsers(name: string): string[] {
    return [...this.containers.values()]
      .filter((record) => (record.mountPoints ?? []).some((point) => point.Type === 'volume' && point.Name === name))
      .sort((a, b) => a.created - b.created)
      .map((record) => record.id);
  }

  /** `GET /system/df`'s volumes: each with its bytes and how many containers use it. */
  private volumeUsage(): VolumeUsageItem[] {
    return this.volumes.all().map((volume) => ({
      ...VolumeStore.toApi(volume),
      UsageData: { Size: this.volumes.size(volume.name), RefCount: this.volumeUsers(volume.name).length },
    }));
  }

  /**
   * A new container's volumes, as moby's registerMountPoints and
   * createContainerOSSpecificSettings make them: each named volume is
   * created if missing, each anonymous one made with a generated name; an
   * empty volume is filled with what the image has at the mount point
   * (populateVolumes), unless the mount says `nocopy`.
   */
  private createMounts(record: ContainerRecord, planned: readonly PlannedMount[]): MountPoint[] {
    return planned.map((plan) => {
      const name = plan.name || this.hex(64);
      const labels = plan.name ? plan.labels ?? null : { ...(plan.labels ?? {}), [ANONYMOUS_LABEL]: '' };
      const { volume, created } = this.volumes.create(name, { labels, createdAt: this.clock.now() });
      if (created) this.emit('volume', 'create', name, { driver: volume.driver });
      if (plan.copyData && this.volumes.isEmpty(name)) {
        const files = this.volumes.files(name);
        for (const [path, node] of this.filesystems.imageTree(record, plan.destination)) {
          if (path !== '/') files?.put(path, node);
        }
      }
      return { Type: 'volume', Name: name, Source: volumeMountpoint(name), Destination: plan.destination, Driver: volume.driver, Mode: plan.mode, RW: plan.readWrite, Propagation: '' };
    });
  }

  /** `docker rm -v` and `--rm`: the container's anonymous volumes go too, unless another container uses them. */
  private removeAnonymousVolumes(record: ContainerRecord): void {
    for (const point of record.mountPoints ?? []) {
      const volume = point.Type === 'volume' && point.Name ? this.volumes.get(point.Name) : undefined;
      if (volume && VolumeStore.isAnonymous(volume) && this.volumeUsers(volume.name).length === 0) this.deleteVolume(volume);
    }
  }

  private mountPointsOf(record: ContainerRecord): MountPoint[] {
    return (record.mountPoints ?? []).map((point) => ({ ...point }));
  }

  // ---------------------------------------------------------------- networks

  /**
   * `GET /networks`: every network, without its containers (as dockerd
   * lists them); filters `name`, `id`, `driver`, `label`, `scope`, `type`
   * (custom or builtin) and `dangling`.
   */
  networkList(filters: Record<string, string[]> = {}): NetworkInspect[] {
    return this.call('NetworkList', {}, () => {
      validateFilters(filters, ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type']);
      let list = this.networks.all().filter((network) => (!filters.driver?.length || filters.driver.includes(network.driver))
        && (!filters.name?.length || filterMatch(filters.name, network.name))
        && (!filters.id?.length || filterMatch(filters.id, network.id))
        && matchLabels(filters.label ?? [], network.labels)
        && (!filters.scope?.length || filters.scope.includes('local')));
      const dangling = filters.dangling;
      if (dangling !== undefined && dangling.length > 0) {
        if (dangling.length > 1) throw new InvalidParameterError('got more than one value for filter key "dangling"');
        if (!['0', 'false', '1', 'true'].includes(dangling[0])) throw new InvalidParameterError('invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")');
        const danglingOnly = dangling[0] === '1' || dangling[0] === 'true';
        // moby filters the list before it adds the containers (daemon.GetNetworks): every user-defined network counts as dangling here.
        list = list.filter((network) => NetworkStore.isPredefined(network.name) !== danglingOnly);
      }
      if (filters.type !== undefined) {
        const kept: NetworkRecord[] = [];
        for (const type of filters.type) {
          if (type !== 'custom' && type !== 'builtin') throw new SystemError(`invalid filter: 'type'='${type}'`);
          kept.push(...list.filter((network) => NetworkStore.isPredefined(network.name) === (type === 'builtin')));
        }
        list = kept;
      }
      return list.map((network) => this.networkResource(network, false));
    });
  }

  /**
   * `GET /networks/{id}`: by full ID, name, or unique ID prefix, with the
   * running containers attached (their endpoint and address).
   */
  networkInspect(term: string): NetworkInspect {
    return this.call('NetworkInspect', { id: term }, () => {
      const all = this.networks.all();
      const network = all.find((candidate) => candidate.id === term) ?? all.find((candidate) => candidate.name === term);
      if (network) return this.networkResource(network, true);
      const prefixed = all.filter((candidate) => candidate.id.startsWith(term));
      // The router words this one its own way (network_routes.go getNetwork).
      if (prefixed.length > 1) throw new InvalidParameterError(`${prefixed.length} matches found based on ID prefix: network ${term} is ambiguous`);
      if (prefixed.length === 0) throw new NotFoundError(`network ${term} not found`);
      return this.networkResource(prefixed[0], true);
    });
  }

  /** `POST /networks/create`: a user-defined bridge on the next free address pool (172.18.0.0/16, 172.19.0.0/16, ...). */
  networkCreate(request: NetworkCreateRequest): NetworkCreateResponse {
    return this.call('NetworkCreate', {}, () => {
      const network = this.networks.create(request ?? { Name: '' }, this.hex(64), this.clock.now());
      this.emit('network', 'create', network.id, { name: network.name, type: network.driver });
      return { Id: network.id, Warning: '' };
    }, 201);
  }

  /**
   * `DELETE /networks/{id}`: refused for the predefined networks, and for a
   * network a running container is attached to. A stopped container does
   * not keep its network: it fails to start once the network is gone.
   */
  networkDelete(term: string): void {
    this.call('NetworkDelete', { id: term }, () => {
      const network = this.findUniqueNetwork(term);
      this.deleteNetwork(network);
    }, 204);
  }

  /** `POST /networks/prune`: the user-defined networks no running container is attached to (filters `until`, `label`, `label!`). */
  networkPrune(filters: Record<string, string[]> = {}): NetworkPruneResponse {
    return this.call('NetworkPrune', {}, () => {
      validateFilters(filters, ['label', 'label!', 'until']);
      const until = pruneUntil(filters, this.clock.now(), (message) => new InvalidParameterError(message));
      const deleted: string[] = [];
      for (const network of this.networks.all()) {
        if (NetworkStore.isPredefined(network.name)) continue;
        if (until !== undefined && network.created > until) continue;
        if (!matchesPruneLabels(filters, network.labels)) continue;
        if (this.networkEndpoints(network).length) continue;
        this.deleteNetwork(network);
        deleted.push(network.name);
      }
      this.emit('network', 'prune', '', { reclaimed: '0' });
      // A nil slice when nothing went: null on the wire.
      return { NetworksDeleted: deleted.length ? deleted : null };
    });
  }

  /** The router's findUniqueNetwork: full ID, then name, then a unique ID prefix. */
  private findUniqueNetwork(term: string): NetworkRecord {
    const all = this.networks.all();
    const network = all.find((candidate) => candidate.id === term) ?? all.find((candidate) => candidate.name === term);
    if (network) return network;
    const prefixed = term === '' ? [] : all.filter((candidate) => candidate.id.startsWith(term));
    if (prefixed.length > 1) throw new InvalidParameterError(`network ${term} is ambiguous (${prefixed.length} matches found based on ID prefix)`);
    if (prefixed.length === 0) throw new NotFoundError(`network ${term} not found`);
    return prefixed[0];
  }

  /** moby's deleteNetwork: the predefined ones stay; one with endpoints is refused with libnetwork's list of them. */
  private deleteNetwork(network: NetworkRecord): void {
    if (NetworkStore.isPredefined(network.name)) throw new ForbiddenError(`${network.name} is a pre-defined network and cannot be removed`);
    const endpoints = this.networkEndpoints(network);
    if (endpoints.length) {
      const listed = endpoints.map((record) => `name:"${record.name}" id:"${record.endpointId.slice(0, 12)}"`).join(', ');
      throw new ForbiddenError(`error while removing network: network ${network.name} has active endpoints (${listed})`);
    }
    this.networks.remove(network.id);
    this.emit('network', 'destroy', network.id, { name: network.name, type: network.driver });
  }

  /** The containers with an endpoint on the network (the running ones attached to it), by name. */
  private networkEndpoints(network: NetworkRecord): ContainerRecord[] {
    return [...this.containers.values()]
      .filter((record) => this.attachments.get(record.id) === network.id)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** A network as the API shows it (moby's buildNetworkResource); `detailed` adds its containers. */
  private networkResource(network: NetworkRecord, detailed: boolean): NetworkInspect {
    const containers: Record<string, NetworkContainer> = {};
    if (detailed) {
      const prefix = network.subnet ? `/${network.subnet.split('/')[1]}` : '';
      for (const record of this.networkEndpoints(network)) {
        containers[record.id] = {
          Name: record.name,
          EndpointID: record.endpointId,
          MacAddress: record.macAddress,
          IPv4Address: record.ipAddress ? `${record.ipAddress}${prefix}` : '',
          IPv6Address: '',
        };
      }
    }
    return {
      Name: network.name,
      Id: network.id,
      Created: isoNano(network.created),
      Scope: 'local',
      Driver: network.driver,
      EnableIPv4: true,
      EnableIPv6: false,
      IPAM: {
        Driver: network.ipamDriver,
        Options: network.ipamOptions === null ? null : { ...network.ipamOptions },
        // What the client configured, else what IPAM allocated; host and none have no pool (buildIPAMResources).
        Config: network.ipamConfig ? [{ ...network.ipamConfig }] : network.subnet ? [{ Subnet: network.subnet, Gateway: network.gateway }] : null,
      },
      Internal: network.internal,
      Attachable: network.attachable,
      Ingress: false,
      ConfigFrom: { Network: '' },
      ConfigOnly: false,
      Containers: containers,
      Options: { ...network.options },
      Labels: { ...network.labels },
    };
  }

  private tryNetwork(term: string): NetworkRecord | undefined {
    try {
      return this.networks.find(term);
    } catch {
      return undefined;
    }
  }

  /**
   * The network a container starts on, by its NetworkMode (a name, ID or ID
   * prefix). A network that is gone fails the start with dockerd's
   * `network X not found`, kept as the container's error with exit code
   * 128 as moby's containerStart does.
   */
  private startNetwork(record: ContainerRecord): NetworkRecord {
    try {
      return this.networks.find(record.hostConfig.NetworkMode ?? 'bridge');
    } catch (e) {
      if (e instanceof EngineError) {
        record.state.error = e.message;
        if (record.state.exitCode === 0) record.state.exitCode = 128;
        this.changed('containers');
      }
      throw e;
    }
  }

  /** Ends a container's endpoint: its address goes back to the network. Answers the network it was on, if any. */
  private detach(record: ContainerRecord): NetworkRecord | undefined {
    const id = this.attachments.get(record.id);
    if (id === undefined) return undefined;
    this.attachments.delete(record.id);
    this.networks.release(id, record.ipAddress);
    return this.networks.all().find((network) => network.id === id);
  }

  /** At a start: the endpoint joins the network, then the volumes are mounted (`docker events` order). */
  private emitAttachEvents(record: ContainerRecord, network: NetworkRecord): void {
    this.emit('network', 'connect', network.id, { container: record.id, name: network.name, type: network.driver });
    for (const point of record.mountPoints ?? []) {
      if (point.Type !== 'volume' || !point.Name) continue;
      this.emit('volume', 'mount', point.Name, {
        container: record.id, destination: point.Destination, driver: point.Driver ?? 'local', propagation: point.Propagation, 'read/write': String(point.RW),
      });
    }
  }

  /** At an exit: the endpoint leaves the network, then the volumes are unmounted. */
  private emitDetachEvents(record: ContainerRecord, network: NetworkRecord): void {
    this.emit('network', 'disconnect', network.id, { container: record.id, name: network.name, type: network.driver });
    for (const point of record.mountPoints ?? []) {
      if (point.Type === 'volume' && point.Name) this.emit('volume', 'unmount', point.Name, { container: record.id, driver: point.Driver ?? 'local' });
    }
  }

  // ---------------------------------------------------------------- host

  /**
   * A request to a host port (`curl localhost:8080`): reaches the container
   * that published it, or undefined when nothing listens there.
   */
  hostHttpRequest(hostPort: number, request: { method: string; path: string; headers: Record<string, string> }): HttpResponse | undefined {
    for (const record of this.containers.values()) {
      if (record.state.status !== 'running') continue;
      for (const [port, bindings] of Object.entries(record.boundPorts)) {
        if (!(bindings ?? []).some((b) => Number(b.HostPort) === hostPort) || !port.endsWith('/tcp')) continue;
        const handler = this.processes.get(record.id)?.http.get(Number(port.split('/')[0]));
        if (!handler) return undefined;
        const full: HttpRequest = { ...request, clientIp: '172.17.0.1' };
        return handler(full);
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------- internals

  private appendOutput(record: ContainerRecord, stream: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    const now = this.clock.now();
    const pending = record.partial[stream] + text;
    const lines = pending.split('\n');
    record.partial[stream] = lines.pop() ?? '';
    for (const line of lines) {
      const entry: LogEntry = { stream, time: now, text: `${line}\n` };
      record.logs.push(entry);
      this.outputEmitter.fire({ id: record.id, entry });
    }
    if (record.partial[stream] && record.config.Tty) {
      // A TTY shows a prompt without its newline at once (`/ # `).
      const entry: LogEntry = { stream, time: now, text: record.partial[stream] };
      record.partial[stream] = '';
      record.logs.push(entry);
      this.outputEmitter.fire({ id: record.id, entry });
    }
    if (record.logs.length > MAX_LOG_ENTRIES) record.logs.splice(0, record.logs.length - MAX_LOG_ENTRIES);
  }

  private flushPartial(record: ContainerRecord): void {
    for (const entry of partialEntries(record, this.clock.now())) {
      record.logs.push(entry);
      this.outputEmitter.fire({ id: record.id, entry });
    }
    record.partial = { stdout: '', stderr: '' };
  }

  private bindPorts(record: ContainerRecord): void {
    const wanted = record.hostConfig.PortBindings ?? {};
    const bound: PortMap = {};
    const inUse = this.allocatedHostPorts();
    const exposed = Object.keys(record.config.ExposedPorts ?? {});
    const requests: [string, { HostIp: string; HostPort: string }[]][] = Object.entries(wanted).map(([p, b]) => [p, b ?? []]);
    if (record.hostConfig.PublishAllPorts) {
      for (const port of exposed) if (!(port in wanted)) requests.push([port, [{ HostIp: '', HostPort: '' }]]);
    }
    for (const [port, bindings] of requests) {
      const proto = port.split('/')[1] ?? 'tcp';
      const result: { HostIp: string; HostPort: string }[] = [];
      for (const binding of bindings) {
        let hostPort = binding.HostPort ? Number(binding.HostPort.split('-')[0]) : 0;
        if (!hostPort) {
          hostPort = 32768;
          while (inUse.has(`${proto}/${hostPort}`)) hostPort++;
        } else if (inUse.has(`${proto}/${hostPort}`)) {
          const ip = binding.HostIp || '0.0.0.0';
          throw new SystemError(`failed to set up container networking: driver failed programming external connectivity on endpoint ${record.name} (${this.hex(64)}): Bind for ${ip}:${hostPort} failed: port is already allocated`);
        }
        inUse.add(`${proto}/${hostPort}`);
        if (binding.HostIp) {
          result.push({ HostIp: binding.HostIp, HostPort: String(hostPort) });
        } else {
          // An unqualified publish binds IPv4 and IPv6.
          result.push({ HostIp: '0.0.0.0', HostPort: String(hostPort) }, { HostIp: '::', HostPort: String(hostPort) });
        }
      }
      bound[port] = result;
    }
    record.boundPorts = bound;
  }

  private allocatedHostPorts(): Set<string> {
    const used = new Set<string>();
    for (const record of this.containers.values()) {
      if (!isRunning(record)) continue;
      for (const [port, bindings] of Object.entries(record.boundPorts)) {
        const proto = port.split('/')[1] ?? 'tcp';
        for (const b of bindings ?? []) used.add(`${proto}/${b.HostPort}`);
      }
    }
    return used;
  }

  /** The lowest free bridge address, as libnetwork's IPAM hands them out (a stopped container's address is reused). */




  private findContainer(idOrName: string): ContainerRecord {
    const found = lookupContainer(idOrName, this.containers.values(), (c) => c);
    switch (found.kind) {
      case 'found': return found.item;
      case 'not-found': throw new NotFoundError(found.message);
      case 'invalid':
      case 'ambiguous': throw new InvalidParameterError(found.message);
    }
  }

  private byName(name: string): ContainerRecord | undefined {
    return this.names.get(name);
  }

  private newName(): string {
    for (let retry = 0; ; retry++) {
      const name = generateName(this.random, retry);
      if (!this.byName(name)) return name;
    }
  }

  private uniqueId(): string {
    for (;;) {
      const id = generateId(this.random);
      if (!this.containers.has(id)) return id;
    }
  }

  private hex(length: number): string {
    let s = '';
    while (s.length < length) s += Math.floor(this.random() * 16).toString(16);
    return s;
  }

  private graphDriverData(id: string): Record<string, string> {
    const dir = `/var/lib/docker/overlay2/${sha256Hex(`overlay ${id}`)}`;
    return { MergedDir: `${dir}/merged`, UpperDir: `${dir}/diff`, WorkDir: `${dir}/work` };
  }

  private containerAttributes(record: ContainerRecord): Record<string, string> {
    return { ...(record.config.Labels ?? {}), image: record.image, name: record.name };
  }

  private emit(type: EventMessage['Type'], action: string, id: string, attributes: Record<string, string>): void {
    const now = this.clock.now();
    const event: EventMessage = {
      Type: type,
      Action: action,
      Actor: { ID: id, Attributes: attributes },
      scope: 'local',
      time: Math.floor(now / 1000),
      timeNano: now * 1_000_000,
    };
    this.eventLog.push(event);
    if (this.eventLog.length > MAX_EVENTS) this.eventLog.shift();
    this.eventEmitter.fire(event);
    this.changeEmitter.fire({ kind: type === 'image' ? 'images' : 'containers', event });
  }

  private changed(kind: EngineChange['kind']): void {
    this.changeEmitter.fire({ kind });
  }

  private call<T>(operation: OperationName, params: Record<string, string>, fn: () => T, okStatus = 200): T {
    const started = this.clock.now();
    try {
      const result = fn();
      this.recordCall(operation, params, okStatus, started);
      return result;
    } catch (e) {
      this.recordCall(operation, params, e instanceof EngineError ? e.statusCode : 500, started);
      throw e;
    }
  }

  /**
   * Runs `read` (synchronous engine reads) without reporting them on
   * `onApiCall`: the sidebar redrawing is not a call the learner made, and
   * must not flood the architecture diagram with `GET /containers/json`.
   */
  observe<T>(read: () => T): T {
    this.observing++;
    try {
      return read();
    } finally {
      this.observing--;
    }
  }

  private recordCall(operation: OperationName, params: Record<string, string>, statusCode: number, time: number): void {
    if (!this.apiCallEmitter.hasListeners || this.observing > 0) return;
    const client = this.callerOf();
    this.apiCallEmitter.fire({ operation, method: OPERATIONS[operation].method, path: pathOf(operation, params), statusCode, time, ...(client === undefined ? {} : { client }) });
  }

  /**
   * Lets a server say who is calling (ApiCall.client): `callerOf` is asked
   * as each call is recorded, in the caller's own context (the API socket
   * keeps each request's User-Agent in an AsyncLocalStorage). Until the
   * returned handle is disposed; several servers may ask at once.
   */
  identifyCallers(callerOf: () => string | undefined): Disposable {
    this.callerResolvers.add(callerOf);
    return { dispose: () => this.callerResolvers.delete(callerOf) };
  }

  /** Who is calling, if a server knows (see identifyCallers). */
  private callerOf(): string | undefined {
    for (const resolve of this.callerResolvers) {
      const client = resolve();
      if (client !== undefined) return client;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- snapshot

  /** A versioned snapshot of the whole engine, ready for JSON.stringify. */
  snapshot(): EngineSnapshot {
    return { schemaVersion: SNAPSHOT_SCHEMA_VERSION, savedAt: this.clock.now(), state: this.exportState() };
  }

  /** A new engine holding a snapshot's state; throws SnapshotError for a corrupt or newer snapshot. */
  static restore(json: unknown, options: EngineOptions = {}): Engine {
    const state = validateSnapshot(json);
    const engine = new Engine(options);
    engine.importState(state);
    return engine;
  }

  /**
   * Empties the lab: every container is killed and removed, every image
   * deleted, the event log cleared. Not an API call (Docker has none); what
   * "Reset Lab" does.
   */
  reset(): void {
    this.importState({ images: [], layers: [], containers: [], events: [], nextPid: 2000 });
  }

  /** The engine's whole state as plain JSON (see snapshot.ts for the schema). */
  exportState(): EngineState {
    return {
      images: this.images.all().map((i) => structuredClone(i)),
      layers: this.images.allLayers().map((l) => ({ ...l })),
      containers: [...this.containers.values()].map((c) => structuredClone(c)),
      events: this.eventLog.map((e) => structuredClone(e)),
      nextPid: this.nextPid,
      volumes: this.volumes.export(),
      networks: this.networks.export(),
    };
  }

  /**
   * Replaces the state with `state`. Containers that were running keep
   * running: their programs resume without replaying their start-up output.
   */
  importState(state: EngineState): void {
    for (const process of this.processes.values()) process.signal('SIGKILL');
    this.processes.clear();
    this.containers.clear();
    this.filesystems.clear();
    this.buildCache.clear();
    this.names.clear();
    this.attachments.clear();
    // Older state files have neither: the lab then has no volumes and only the predefined networks.
    this.volumes.import(state.volumes ?? []);
    this.networks.import(state.networks ?? []);
    for (const image of this.images.all()) this.images.delete(image);
    for (const layer of state.layers) this.images.addLayer({ ...layer });
    for (const image of state.images) this.images.add(structuredClone(image));
    this.eventLog.splice(0, this.eventLog.length, ...state.events.map((e) => structuredClone(e)));
    this.nextPid = state.nextPid;
    for (const container of state.containers) {
      const record = structuredClone(container);
      this.containers.set(record.id, record);
      this.names.set(record.name, record);
    }
    for (const record of this.containers.values()) {
      if (!isRunning(record)) continue;
      const wasPaused = record.state.status === 'paused';
      try {
        this.startProcess(record, true);
        if (wasPaused) {
          record.state.status = 'paused';
          this.processes.get(record.id)?.pause();
        }
      } catch {
        record.state = { ...record.state, status: 'exited', pid: 0, exitCode: 255, finishedAt: this.clock.now() };
        record.boundPorts = {};
      }
    }
    this.changed('containers');
    this.changed('images');
  }
}

/** A layer of an image with the history entry that made it. */
export interface ImageLayer extends Layer {
  /** The instruction, as `docker history --no-trunc` shows it (`RUN /bin/sh -c apt-get ...`). */
  createdBy: string;
  /** ISO time the layer was made. */
  created: string;
}

/** The engine's state in plain data. */
export interface EngineState {
  images: StoredImage[];
  layers: Layer[];
  containers: ContainerRecord[];
  events: EventMessage[];
  nextPid: number;
  /** The volumes and their files (absent in state files from before the lab had volumes). */
  volumes?: VolumeRecord[];
  /** The user-defined networks (absent in state files from before the lab had networks). */
  networks?: NetworkRecord[];
}

/**
 * The image config as `GET /images/{name}/json` sends it since API 1.50
 * (moby's DockerOCIImageConfig): the OCI image config's fields in its order,
 * empty ones left out (omitempty), map keys sorted as Go encodes them.
 */
function ociImageConfig(config: ImageConfig): Partial<ImageConfig> {
  const sorted = <T>(map: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const oci: Partial<ImageConfig> = {};
  if (config.User) oci.User = config.User;
  if (config.ExposedPorts && Object.keys(config.ExposedPorts).length) oci.ExposedPorts = sorted(config.ExposedPorts);
  if (config.Env.length) oci.Env = [...config.Env];
  if (config.Entrypoint?.length) oci.Entrypoint = [...config.Entrypoint];
  if (config.Cmd?.length) oci.Cmd = [...config.Cmd];
  if (config.Volumes && Object.keys(config.Volumes).length) oci.Volumes = sorted(config.Volumes);
  if (config.WorkingDir) oci.WorkingDir = config.WorkingDir;
  if (config.Labels && Object.keys(config.Labels).length) oci.Labels = sorted(config.Labels);
  if (config.StopSignal) oci.StopSignal = config.StopSignal;
  if (config.OnBuild?.length) oci.OnBuild = [...config.OnBuild];
  return oci;
}

function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** `docker.io/library/nginx:1.28.0` -> `nginx:1.28.0`, as the daemon answers. */
export function familiarReference(full: string): string {
  return full.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}

function repositoryOf(full: string): string {
  const at = full.indexOf('@');
  if (at >= 0) return full.slice(0, at);
  const colon = full.lastIndexOf(':');
  return colon > full.lastIndexOf('/') ? full.slice(0, colon) : full;
}

function matchesReference(full: string, pattern: string): boolean {
  const familiar = familiarReference(full);
  const repo = repositoryOf(familiar);
  return familiar === pattern || repo === pattern || globMatch(pattern, pattern.includes(':') ? familiar : repo);
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

/** moby's isSingleReference: at most one tag, and digests only of that repository. */
function isSingleReference(refs: readonly string[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  const tags = refs.filter((r) => !r.includes('@'));
  if (tags.length > 1) return false;
  const canonicalRepos = new Set(refs.filter((r) => r.includes('@')).map(repositoryOf));
  const single = tags[0] ?? refs[0];
  return canonicalRepos.size === 1 && canonicalRepos.has(repositoryOf(single));
}

/** ContainerSummary.Command: the path and args, args with spaces in single quotes (moby's view.go). */
function commandString(path: string, args: readonly string[]): string {
  if (!args.length) return path;
  return `${path} ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

/** Linux's signal names as moby/sys/signal's SignalMap has them beyond SIGNALS: aliases and real-time signals. */
const SIGNAL_ALIASES: Readonly<Record<string, number>> = {
  IOT: 6, CLD: 17, POLL: 29, RTMIN: 34, RTMAX: 64,
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`RTMIN+${i + 1}`, 35 + i])),
  ...Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`RTMAX-${i + 1}`, 63 - i])),
};

/**
 * moby/sys/signal's ParseSignal: a number, or a name with or without `SIG` in
 * any case. Returns the lab's name (`SIGQUIT`; a bare number for signals the
 * lab has no name for) and the number.
 */
function parseSignal(raw: string): { name: string; number: number } {
  let number: number | undefined;
  if (/^[+-]?\d+$/.test(raw)) {
    number = Number(raw);
    if (number === 0) number = undefined;
  } else {
    const key = raw.toUpperCase().replace(/^SIG/, '');
    number = SIGNALS[`SIG${key}`] ?? SIGNAL_ALIASES[key];
  }
  if (number === undefined) throw new InvalidParameterError(`invalid signal: ${raw}`);
  const known = Object.entries(SIGNALS).find(([, n]) => n === number);
  return { name: known ? known[0] : String(number), number };
}

/** moby/sys/signal's ValidSignalForPlatform on Linux: 1-31 and the real-time signals 34-64. */
function isLinuxSignal(number: number): boolean {
  return (number >= 1 && number <= 31) || (number >= 34 && number <= 64);
}

/** Go's errors.Wrap for an engine error: the same kind of error, its message prefixed. */
function prefixMessage(e: unknown, prefix: string): unknown {
  if (e instanceof EngineError) e.message = `${prefix}${e.message}`;
  return e;
}

function mergeEnv(base: readonly string[], extra: readonly string[]): string[] {
  const result = [...base];
  for (const entry of extra) {
    const key = entry.split('=')[0];
    const i = result.findIndex((e) => e.split('=')[0] === key);
    if (i >= 0) result[i] = entry;
    else result.push(entry);
  }
  return result;
}

/**
 * An exec's environment as moby builds it (CreateDaemonEnvironment, then
 * ReplaceOrAppendEnvValues with the exec's `-e`): PATH, HOSTNAME and, with a
 * TTY, TERM=xterm first, the container's variables replacing or following
 * them, then the exec's (a bare NAME unsets); runc adds HOME last when unset.
 */
function execEnvironment(containerEnv: readonly string[], hostname: string, tty: boolean, execEnv: readonly string[]): string[] {
  const defaults = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `HOSTNAME=${hostname}`, ...(tty ? ['TERM=xterm'] : [])];
  const env = replaceOrAppendEnv(replaceOrAppendEnv(defaults, containerEnv), execEnv);
  if (!env.some((entry) => entry.startsWith('HOME='))) env.push('HOME=/root');
  return env;
}

/** moby container.ReplaceOrAppendEnvValues: same key replaced in place, new keys appended, a bare `NAME` removed. */
function replaceOrAppendEnv(defaults: readonly string[], overrides: readonly string[]): string[] {
  const env: (string | undefined)[] = [...defaults];
  const index = new Map(env.map((entry, i) => [(entry as string).split('=')[0], i]));
  for (const value of overrides) {
    const equals = value.indexOf('=');
    const key = equals < 0 ? value : value.slice(0, equals);
    const at = index.get(key);
    if (equals < 0) {
      if (at !== undefined) env[at] = undefined;
    } else if (at !== undefined) {
      env[at] = value;
    } else {
      index.set(key, env.length);
      env.push(value);
    }
  }
  return env.filter((entry): entry is string => entry !== undefined);
}

function uniqueKeys(): (entry: string) => boolean {
  const seen = new Set<string>();
  return (entry) => {
    const key = entry.split('=')[0];
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

function macFromIp(ip: string): string {
  const parts = ip.split('.').map((n) => Number(n).toString(16).padStart(2, '0'));
  return `02:42:${parts.join(':')}`;
}

function isoNano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}${String(Math.floor(ms * 7919) % 1_000_000).padStart(6, '0')}Z`;
}

function partialEntries(record: ContainerRecord, now: number): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    if (record.partial[stream]) entries.push({ stream, time: now, text: record.partial[stream] });
  }
  return entries;
}

/** The image whose programs a container runs: its image, or the official image a committed or built one came from. */
function programImage(record: ContainerRecord): string {
  return record.origin ?? record.imageId;
}

/** A volume a new container is to mount, before its volume is made. */
interface PlannedMount {
  destination: string;
  /** '' for an anonymous volume (its name is generated). */
  name: string;
  readWrite: boolean;
  /** As inspect reports it: what the client gave (`z` by default for `-v` and `--mount`), '' for VOLUME paths. */
  mode: string;
  /** Whether an empty volume is filled from the image (false with `nocopy`). */
  copyData: boolean;
  labels?: Record<string, string> | null;
}

/**
 * The mounts of `POST /containers/create`, checked as moby's Linux parser
 * and registerMountPoints check them: HostConfig.Binds (`name:/path[:mode]`),
 * HostConfig.Mounts (`type=volume`), then the anonymous volumes of
 * Config.Volumes and the image's VOLUME lines where nothing else is mounted.
 * Host bind mounts and tmpfs mounts are refused plainly: the lab has no
 * host filesystem to share.
 */
function planMounts(hostConfig: HostConfig, volumePaths: readonly string[]): PlannedMount[] {
  const planned = new Map<string, PlannedMount>();
  for (const raw of hostConfig.Binds ?? []) {
    const mount = parseBind(raw);
    if (planned.has(mount.destination)) throw new InvalidParameterError(`Duplicate mount point: ${mount.destination}`);
    planned.set(mount.destination, mount);
  }
  for (const spec of hostConfig.Mounts ?? []) {
    const mount = parseMountSpec(spec);
    if (planned.has(mount.destination)) throw new InvalidParameterError(`Duplicate mount point: ${spec.Target ?? ''}`);
    planned.set(mount.destination, mount);
  }
  for (const path of volumePaths) {
    const destination = normalizePath(path);
    if (destination === '/' || planned.has(destination)) continue;
    planned.set(destination, { destination, name: '', readWrite: true, mode: '', copyData: true });
  }
  return [...planned.values()];
}

const RW_MODES = ['rw', 'ro'];
const LABEL_MODES = ['z', 'Z'];
const PROPAGATION_MODES = ['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared'];
const CONSISTENCY_MODES = ['consistent', 'cached', 'delegated'];

/** moby's linuxValidMountMode: comma-separated options, at most one of each kind. */
function validMountMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = [0, 0, 0, 0, 0];
  for (const option of mode.split(',')) {
    const kind = [RW_MODES, LABEL_MODES, PROPAGATION_MODES, ['nocopy'], CONSISTENCY_MODES].findIndex((modes) => modes.includes(option));
    if (kind < 0) return false;
    counts[kind]++;
  }
  return counts.every((count) => count <= 1);
}

/** moby's ParseMountRaw for one `-v` value, as the daemon reads HostConfig.Binds. */
function parseBind(raw: string): PlannedMount {
  const invalidSpec = `invalid volume specification: '${raw}'`;
  const parts = splitN(raw, ':', 4);
  if (parts[0] === '') throw new InvalidParameterError(invalidSpec);
  let source = '';
  let target: string;
  let mode = '';
  switch (parts.length) {
    case 1:
      target = parts[0];
      break;
    case 2:
      // `/data:ro` is a target and a mode with no source: not a spec Linux reads.
      if (validMountMode(parts[1])) throw new InvalidParameterError(invalidSpec);
      [source, target] = parts;
      break;
    case 3:
      [source, target, mode] = parts;
      break;
    default:
      throw new InvalidParameterError(invalidSpec);
  }
  if (!validMountMode(mode)) throw new InvalidParameterError(`invalid mode: ${mode}`);
  // Only an absolute source reaches dockerd as a bind (the CLI makes `./dir` absolute); the lab CLI passes `./dir` and `~/dir` as given.
  if (source.startsWith('/') || source.startsWith('.') || source.startsWith('~')) {
    throw new InvalidParameterError(`bind mounts are not simulated in Docker Lab: ${raw} would share the host's ${source}; use a volume instead (-v NAME:${target})`);
  }
  const readOnly = mode.split(',').includes('ro');
  const invalid = (reason: string) => new InvalidParameterError(`${invalidSpec}: invalid mount config for type "volume": ${reason}`);
  checkTarget(target, invalid);
  if (readOnly && source === '') throw invalid('must not set ReadOnly mode when using anonymous volumes');
  return {
    destination: normalizePath(target),
    name: source,
    readWrite: !readOnly,
    // setBindModeIfNull: a volume's mode reads `z` when the client gave none.
    mode: mode || 'z',
    copyData: !mode.split(',').includes('nocopy'),
  };
}

/** moby's ParseMountSpec for one HostConfig.Mounts entry (`--mount`). */
function parseMountSpec(spec: Mount): PlannedMount {
  const type = spec.Type ?? '';
  const invalid = (reason: string) => new InvalidParameterError(`invalid mount config for type "${type}": ${reason}`);
  checkTarget(spec.Target ?? '', invalid);
  switch (type) {
    case 'volume': break;
    case 'bind':
      throw new InvalidParameterError(`bind mounts are not simulated in Docker Lab: --mount type=bind would share the host's ${spec.Source ?? ''}; use type=volume instead`);
    case 'tmpfs':
    case 'image':
    case 'npipe':
    case 'cluster':
      throw new NotImplementedError(`${type} mounts are not simulated in Docker Lab; use type=volume`);
    default:
      throw invalid('mount type unknown');
  }
  if (spec.BindOptions) throw invalid('field BindOptions must not be specified');
  if (spec.ImageOptions) throw invalid('field ImageOptions must not be specified');
  const anonymous = !spec.Source;
  if (spec.VolumeOptions?.Subpath) throw new NotImplementedError('volume subpaths are not simulated in Docker Lab');
  if (spec.ReadOnly && anonymous) throw invalid('must not set ReadOnly mode when using anonymous volumes');
  const driver = spec.VolumeOptions?.DriverConfig?.Name;
  if (driver && driver !== 'local') throw new NotImplementedError(`volume plugins are not simulated in Docker Lab: only the local driver is (not ${driver})`);
  if (Object.keys(spec.VolumeOptions?.DriverConfig?.Options ?? {}).length) {
    throw new NotImplementedError('volume driver options are not simulated in Docker Lab: the lab\'s volumes are plain directories');
  }
  return {
    destination: normalizePath(spec.Target ?? ''),
    name: spec.Source ?? '',
    readWrite: !spec.ReadOnly,
    mode: 'z',
    copyData: !spec.VolumeOptions?.NoCopy,
    labels: spec.VolumeOptions?.Labels ?? undefined,
  };
}

/** The mount target checks of validateMountConfigImpl: present, not `/`, absolute. */
function checkTarget(target: string, invalid: (reason: string) => EngineError): void {
  if (target === '') throw invalid('field Target must not be empty');
  if (normalizePath(target) === '/') throw invalid('invalid specification: destination can\'t be \'/\'');
  if (!target.startsWith('/')) throw invalid(`invalid mount path: '${target}' mount path must be absolute`);
}

/** Go's strings.SplitN. */
function splitN(text: string, separator: string, count: number): string[] {
  const parts = text.split(separator);
  return parts.length <= count ? parts : [...parts.slice(0, count - 1), parts.slice(count - 1).join(separator)];
}

/** Go's strconv.ParseBool; undefined for what it refuses. */
function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  return undefined;
}


/** An exec instance: created by `POST /containers/{id}/exec`, run once by `POST /exec/{id}/start`. */
interface ExecRecord {
  id: string;
  containerId: string;
  config: ExecCreateRequest & { Cmd: string[] };
  running: boolean;
  exitCode: number | null;
  pid: number;
  /** The PID inside the container (the main process is 1). */
  containerPid: number;
  process: ContainerProcess | undefined;
  /** When its process started (ms since the epoch): `docker top`'s STIME. */
  startedAt?: number;
}

/** A started exec: its exit code when it ends, its stdin, and signals (Ctrl+C with a TTY). */
export interface ExecSession {
  exited: Promise<number>;
  writeStdin(line: string | null): void;
  signal(name: string): void;
}

/** The answer of `POST /containers/prune` (container.PruneReport): null, not [], when nothing went. */
export interface ContainerPruneResponse {
  ContainersDeleted: string[] | null;
  SpaceReclaimed: number;
}

/** The answer of `POST /images/prune` (image.PruneReport). */
export interface ImagePruneResponse {
  ImagesDeleted: ImageDeleteResponseItem[] | null;
  SpaceReclaimed: number;
}

/** The answer of `GET /containers/{id}/top`: ps's column titles and one row of fields per process. */
export interface ContainerTopResponse {
  Titles: string[];
  Processes: string[][];
}

/** A container's process as `ps` on the host lists it. */
interface HostProcess {
  pid: number;
  parent: number;
  user: string;
  tty: string;
  startedAt: number;
  argv: readonly string[];
}

/**
 * A prune's `until` filter (moby getUntilFromPruneFilters): a duration,
 * date or Unix time as `docker events --until` takes it, as ms since the
 * epoch; undefined without one. `fail` makes the error, whose kind differs
 * between the containers' prune and the images'.
 */
function pruneUntil(filters: Record<string, string[]>, now: number, fail: (message: string) => EngineError): number | undefined {
  const values = filters.until;
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw fail('more than one until filter specified');
  let timestamp: string;
  try {
    timestamp = getTimestamp(values[0], now);
  } catch (e) {
    throw fail(e instanceof Error ? e.message : String(e));
  }
  const until = timestampToMilliseconds(timestamp, 'down');
  if (Number.isNaN(until)) throw fail(`strconv.ParseInt: parsing ${goQuote(timestamp)}: invalid syntax`);
  return until;
}

/** moby's matchLabels for prunes: every `label` present, and no `label!` (even an empty one) matching. */
function matchesPruneLabels(filters: Record<string, string[]>, labels: Record<string, string>): boolean {
  if (!matchLabels(filters.label ?? [], labels)) return false;
  return filters['label!'] === undefined || !matchLabels(filters['label!'], labels);
}

/** The users ps on the lab's host names: it has no account for the images' own users, so their UIDs show. */
const HOST_UIDS: Record<string, string> = { root: 'root', nginx: '101', redis: '999' };

/**
 * What procps's `ps` prints for the processes, as dockerd splits it into
 * titles and fields: `-ef` (and other spellings of `-e`, `-f`, `-A`) with
 * UID PID PPID C STIME TTY TIME CMD, or PID TTY TIME CMD without `-f`.
 * The lab keeps no CPU time: C is 0 and TIME 00:00:00.
 */
function psTable(args: string, processes: readonly HostProcess[], now: number): ContainerTopResponse {
  const options = args.split(' ').filter((option) => option !== '');
  if (!options.every((option) => /^-[efA]+$/.test(option))) {
    throw new NotImplementedError(`Docker Lab: docker top with the ps options "${args}" is not simulated in this lab (try -ef, the default)`);
  }
  const full = options.some((option) => option.includes('f'));
  const command = (process: HostProcess) => {
    // The program's name (comm): nginx retitles its processes, not its name.
    const name = process.argv[0] ?? '';
    return (name.startsWith('nginx:') ? 'nginx' : name.slice(name.lastIndexOf('/') + 1)).slice(0, 15);
  };
  if (!full) {
    return { Titles: ['PID', 'TTY', 'TIME', 'CMD'], Processes: processes.map((process) => [String(process.pid), process.tty, '00:00:00', command(process)]) };
  }
  return {
    Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
    Processes: processes.map((process) => [
      HOST_UIDS[process.user] ?? process.user, String(process.pid), String(process.parent), '0',
      psStartTime(process.startedAt, now), process.tty, '00:00:00', process.argv.join(' '),
    ]),
  };
}

/** procps's STIME: `HH:MM` today, `MonDD` earlier this year, else the year (the lab's host runs on UTC). */
function psStartTime(started: number, now: number): string {
  const start = new Date(started);
  const today = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  if (start.getUTCFullYear() !== today.getUTCFullYear()) return String(start.getUTCFullYear());
  if (start.toISOString().slice(0, 10) !== today.toISOString().slice(0, 10)) {
    return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][start.getUTCMonth()]}${two(start.getUTCDate())}`;
  }
  return `${two(start.getUTCHours())}:${two(start.getUTCMinutes())}`;
}

/** The body of `POST /containers/{id}/exec` (ExecConfig). */
export interface ExecCreateRequest {
  Cmd: string[];
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Tty?: boolean;
  Env?: string[];
  WorkingDir?: string;
  User?: string;
  Privileged?: boolean;
  DetachKeys?: string;
}

/** `GET /exec/{id}/json` */
export interface ExecInspectResponse {
  CanRemove: boolean;
  ContainerID: string;
  DetachKeys: string;
  ExitCode: number | null;
  ID: string;
  OpenStderr: boolean;
  OpenStdin: boolean;
  OpenStdout: boolean;
  ProcessConfig: { arguments: string[]; entrypoint: string; privileged: boolean; tty: boolean; user?: string };
  Running: boolean;
  Pid: number;
}

/** One line of `docker diff` as the API sends it (Kind 0 = C, 1 = A, 2 = D). */
export interface FilesystemChange {
  Path: string;
  Kind: 0 | 1 | 2;
}

const CHANGE_KINDS = { C: 0, A: 1, D: 2 } as const;

/** The query of `POST /commit`. */
export interface CommitOptions {
  repo?: string;
  tag?: string;
  comment?: string;
  author?: string;
  /** Dockerfile instructions applied to the new image's config (`--change 'CMD ["nginx"]'`). */
  changes?: string[];
  pause?: boolean;
}

/** What `HEAD /containers/{id}/archive` says of a path (the X-Docker-Container-Path-Stat header, decoded). */
export interface PathStat {
  name: string;
  size: number;
  /** Go's os.FileMode bits: 0x80000000 for a directory, 0x8000000 for a symlink, then the permissions. */
  mode: number;
  mtime: string;
  linkTarget: string;
}

/** One entry of a copied tree: its path relative to the copy's parent, and what it is. */
export type ArchiveEntry = [string, FsNode];

/** The diff id of an empty layer (the 1,024-byte empty tar every commit without changes makes). */
const EMPTY_LAYER_DIFF_ID = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

function pathStat(path: string, node: FsNode, now: number): PathStat {
  const name = normalizePath(path).split('/').pop() || '/';
  const permissions = node.kind === 'symlink' ? 0o777 : node.mode;
  const type = node.kind === 'dir' ? 0x80000000 : node.kind === 'symlink' ? 0x8000000 : 0;
  return {
    name,
    size: node.kind === 'file' ? node.size : node.kind === 'symlink' ? node.target.length : 4096,
    mode: (type | permissions) >>> 0,
    mtime: new Date(now).toISOString(),
    linkTarget: node.kind === 'symlink' ? node.target : '',
  };
}

/** The image config a commit starts from: the container's own config. */
function imageConfigOf(record: ContainerRecord, volumes: ImageConfig['Volumes']): ImageConfig {
  return {
    User: record.config.User ?? '',
    ExposedPorts: record.config.ExposedPorts,
    Env: [...record.config.Env],
    Cmd: record.config.Cmd ? [...record.config.Cmd] : null,
    Entrypoint: record.config.Entrypoint ? [...record.config.Entrypoint] : null,
    WorkingDir: record.config.WorkingDir,
    Labels: record.config.Labels && Object.keys(record.config.Labels).length ? { ...record.config.Labels } : null,
    StopSignal: record.config.StopSignal,
    Volumes: volumes,
    OnBuild: null,
  };
}

/**
 * `docker commit --change`: the Dockerfile instructions moby allows there
 * (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR,
 * STOPSIGNAL), applied to the config.
 */
function applyChanges(config: ImageConfig, changes: readonly string[]): ImageConfig {
  const next: ImageConfig = structuredClone(config);
  const commandForm = (rest: string): string[] => {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
    } catch {
      // Not JSON: the shell form.
    }
    return ['/bin/sh', '-c', rest];
  };
  for (const change of changes) {
    const match = /^\s*(\w+)\s+([\s\S]*?)\s*$/.exec(change);
    if (!match) throw new InvalidParameterError(`dockerfile parse error on line 1: unknown instruction: ${change.trim().toUpperCase()}`);
    const instruction = match[1].toUpperCase();
    const rest = match[2];
    switch (instruction) {
      case 'CMD': next.Cmd = commandForm(rest); break;
      case 'ENTRYPOINT': next.Entrypoint = commandForm(rest); break;
      case 'WORKDIR': next.WorkingDir = rest; break;
      case 'USER': next.User = rest; break;
      case 'STOPSIGNAL': next.StopSignal = rest; break;
      case 'ENV': {
        const pairs = rest.includes('=') ? rest.split(/\s+/).map((pair) => pair.split(/=(.*)/s).slice(0, 2) as [string, string]) : [[rest.split(/\s+/)[0], rest.split(/\s+/).slice(1).join(' ')] as [string, string]];
        next.Env = mergeEnv(next.Env, pairs.map(([key, value]) => `${key}=${value.replace(/^"(.*)"$/, '$1')}`));
        break;
      }
      case 'EXPOSE':
        next.ExposedPorts = { ...(next.ExposedPorts ?? {}) };
        for (const port of rest.split(/\s+/)) next.ExposedPorts[port.includes('/') ? port : `${port}/tcp`] = {};
        break;
      case 'LABEL':
        next.Labels = { ...(next.Labels ?? {}) };
        for (const pair of rest.split(/\s+/)) {
          const [key, value = ''] = pair.split(/=(.*)/s);
          next.Labels[key] = value.replace(/^"(.*)"$/, '$1');
        }
        break;
      case 'VOLUME':
        next.Volumes = { ...(next.Volumes ?? {}) };
        for (const volume of commandForm(rest)[0] === '/bin/sh' ? rest.split(/\s+/) : commandForm(rest)) next.Volumes[volume] = {};
        break;
      default:
        throw new InvalidParameterError(`${instruction.toLowerCase()} is not a valid change command`);
    }
  }
  return next;
}
