/**
 * Engine types, shaped like the Docker Engine API v1.50 (moby v28.2.2 swagger).
 * Field names are the API's own, so the API socket can send these as they are.
 */

export type ContainerStateStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** Signals the lab knows by name; numbers as on Linux x86_64. */
export const SIGNALS: Readonly<Record<string, number>> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22,
  SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
};

/** `{ "80/tcp": {} }` */
export type PortSet = Record<string, Record<string, never>>;

/** One host binding of a container port. */
export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** `{ "80/tcp": [{ HostIp: "", HostPort: "8080" }] }` */
export type PortMap = Record<string, PortBinding[] | null>;

/** The image's config (ImageConfig in the API). */
export interface ImageConfig {
  User: string;
  ExposedPorts?: PortSet;
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  WorkingDir: string;
  Labels: Record<string, string> | null;
  StopSignal?: string;
  Volumes?: Record<string, Record<string, never>> | null;
  OnBuild?: string[] | null;
}

/** What a client asks for in `POST /containers/create` (ContainerConfig). */
export interface ContainerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: PortSet;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Image: string;
  WorkingDir?: string;
  Entrypoint?: string[] | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  StopTimeout?: number;
  /** Anonymous volumes to make (`-v /data` on the CLI), as the image's VOLUME lines are: `{ "/data": {} }`. */
  Volumes?: Record<string, Record<string, never>> | null;
}

export interface RestartPolicy {
  Name: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure';
  MaximumRetryCount?: number;
}

/** The subset of HostConfig the lab acts on. */
export interface HostConfig {
  PortBindings?: PortMap;
  AutoRemove?: boolean;
  PublishAllPorts?: boolean;
  RestartPolicy?: RestartPolicy;
  NetworkMode?: string;
  /** `-v name:/path[:ro]` (a volume) or `-v /host:/path` (a bind mount, which the lab refuses). */
  Binds?: string[] | null;
  /** `--mount type=volume,source=name,target=/path`. */
  Mounts?: Mount[] | null;
  // Resources the lab does not enforce; inspect reports them as given (the
  // docker CLI sends empty lists, an SDK often nothing, which reads null).
  BlkioWeightDevice?: unknown[] | null;
  BlkioDeviceReadBps?: unknown[] | null;
  BlkioDeviceWriteBps?: unknown[] | null;
  BlkioDeviceReadIOps?: unknown[] | null;
  BlkioDeviceWriteIOps?: unknown[] | null;
  Devices?: unknown[] | null;
  DeviceCgroupRules?: string[] | null;
  DeviceRequests?: unknown[] | null;
  Ulimits?: unknown[] | null;
  MemorySwappiness?: number | null;
  OomKillDisable?: boolean | null;
  PidsLimit?: number | null;
}

/** A mount a client asks for in HostConfig.Mounts (the API's Mount). */
export interface Mount {
  Target?: string;
  Source?: string;
  Type?: 'bind' | 'volume' | 'image' | 'tmpfs' | 'npipe' | 'cluster';
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: Record<string, unknown> | null;
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string> | null;
    DriverConfig?: { Name?: string; Options?: Record<string, string> | null } | null;
    Subpath?: string;
  } | null;
  TmpfsOptions?: Record<string, unknown> | null;
  ImageOptions?: Record<string, unknown> | null;
}

/** A container's mount as inspect and the container list report it (the API's MountPoint). */
export interface MountPoint {
  Type: 'bind' | 'volume' | 'image' | 'tmpfs' | 'npipe' | 'cluster';
  /** The volume's name. */
  Name?: string;
  /** Where the volume's data lives on the host (`/var/lib/docker/volumes/NAME/_data`). */
  Source: string;
  Destination: string;
  Driver?: string;
  /** What the client asked for after the paths (`ro`, `z`, ...); `z` by default for a named volume. */
  Mode: string;
  RW: boolean;
  Propagation: string;
}

export interface ContainerCreateRequest extends ContainerConfig {
  HostConfig?: HostConfig;
}

/** A port as `GET /containers/json` lists it. */
export interface PortSummary {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: 'tcp' | 'udp' | 'sctp';
}

/** `GET /containers/json` item. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  Ports: PortSummary[];
  Labels: Record<string, string>;
  State: ContainerStateStatus;
  Status: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, EndpointSettings> };
  Mounts: MountPoint[];
  SizeRw?: number;
  SizeRootFs?: number;
}

export interface EndpointSettings {
  IPAMConfig: null;
  Links: null;
  Aliases: string[] | null;
  MacAddress: string;
  DriverOpts: null;
  GwPriority: number;
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  DNSNames: string[] | null;
}

export interface ContainerState {
  Status: ContainerStateStatus;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
}

/** `GET /containers/{id}/json`. */
export interface ContainerInspectResponse {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  State: ContainerState;
  Image: string;
  ResolvConfPath: string;
  HostnamePath: string;
  HostsPath: string;
  LogPath: string;
  Name: string;
  RestartCount: number;
  Driver: string;
  Platform: string;
  MountLabel: string;
  ProcessLabel: string;
  AppArmorProfile: string;
  ExecIDs: string[] | null;
  HostConfig: Record<string, unknown>;
  GraphDriver: { Data: Record<string, string> | null; Name: string };
  /** With `?size=1`: the writable layer's bytes, and those plus the image's. */
  SizeRw?: number;
  SizeRootFs?: number;
  Mounts: MountPoint[];
  Config: Record<string, unknown>;
  NetworkSettings: Record<string, unknown>;
}

/** `GET /images/json` item. */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[];
  RepoDigests: string[];
  Created: number;
  Size: number;
  SharedSize: number;
  Labels: Record<string, string> | null;
  Containers: number;
}

/**
 * A volume as `GET /system/df` lists it (the API's Volume with its
 * UsageData: the bytes it holds and how many containers use it).
 */
export interface VolumeUsageItem {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Labels: Record<string, string> | null;
  Scope: 'local' | 'global';
  /** Size in bytes (-1: not available) and the number of containers using it; null outside `/system/df`. */
  UsageData: { Size: number; RefCount: number } | null;
}

/**
 * A build cache record (the API's BuildCache). The lab has no builder yet:
 * `GET /system/df` always answers an empty list.
 */
export interface BuildCacheRecord {
  ID: string;
  Parents: string[] | null;
  Type: string;
  Description: string;
  InUse: boolean;
  Shared: boolean;
  Size: number;
  /** RFC 3339 times. */
  CreatedAt: string;
  LastUsedAt: string | null;
  UsageCount: number;
}

/**
 * `GET /system/df` (SystemDataUsageResponse, API 1.50): what `docker
 * system df` adds up. Images carry SharedSize and Containers counts;
 * containers carry SizeRw and SizeRootFs.
 */
export interface SystemDataUsageResponse {
  /** Bytes of the distinct layers the images use, each counted once. */
  LayersSize: number;
  Images: ImageSummary[];
  Containers: ContainerSummary[];
  Volumes: VolumeUsageItem[];
  BuildCache: BuildCacheRecord[];
}

/** `GET /images/{name}/json`. */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  DockerVersion: string;
  Author: string;
  /** The OCI image config: fields in the OCI order, empty ones left out (omitempty, API 1.50). */
  Config: Partial<ImageConfig>;
  Architecture: string;
  Os: string;
  Size: number;
  GraphDriver: { Data: Record<string, string> | null; Name: string };
  RootFS: { Type: 'layers'; Layers: string[] };
  Metadata: { LastTagTime: string };
}

/** `GET /images/{name}/history` item. */
export interface HistoryResponseItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** `DELETE /images/{name}` item. */
export type ImageDeleteResponseItem = { Untagged: string } | { Deleted: string };

export type EventType = 'container' | 'image' | 'network' | 'volume' | 'daemon' | 'builder';

/** `GET /events` item, the shape `docker events --format '{{json .}}'` prints. */
export interface EventMessage {
  Type: EventType;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local';
  time: number;
  timeNano: number;
}

/**
 * One message of a pull's progress stream (`POST /images/create`), the JSON
 * messages the CLI's jsonmessage renderer draws.
 */
export interface ProgressMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  error?: string;
  errorDetail?: { message: string };
}

/** One line of a container's log, as the json-file driver keeps it. */
export interface LogEntry {
  stream: 'stdout' | 'stderr';
  /** Milliseconds since the epoch. */
  time: number;
  /** The text, ending with "\n" unless the program wrote a partial line. */
  text: string;
}

/** `GET /volumes/{name}` and a `GET /volumes` item (the API's Volume; the local driver's fields). */
export interface Volume {
  /** RFC 3339, seconds, as the local driver reports it. */
  CreatedAt: string;
  Driver: string;
  /** What the client set; an anonymous volume carries `com.docker.volume.anonymous`. */
  Labels: Record<string, string> | null;
  Mountpoint: string;
  Name: string;
  Options: Record<string, string> | null;
  Scope: 'local' | 'global';
}

/** The body of `POST /volumes/create` (VolumeCreateOptions). */
export interface VolumeCreateOptions {
  Name?: string;
  Driver?: string;
  DriverOpts?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** `GET /volumes` (VolumeListResponse). */
export interface VolumeListResponse {
  Volumes: Volume[];
  /** null when there is nothing to warn about, as dockerd sends it. */
  Warnings: string[] | null;
}

/** `POST /volumes/prune`. */
export interface VolumePruneResponse {
  VolumesDeleted: string[];
  SpaceReclaimed: number;
}

/** One IPAM pool of a network (the API's IPAMConfig; empty fields are left out). */
export interface IPAMConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

/** A network's address management (the API's IPAM). */
export interface IPAM {
  Driver: string;
  Options: Record<string, string> | null;
  Config: IPAMConfig[] | null;
}

/** A container attached to a network, as `GET /networks/{id}` lists it (NetworkContainer / EndpointResource). */
export interface NetworkContainer {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  /** `172.18.0.2/16`; empty on the host and none networks. */
  IPv4Address: string;
  IPv6Address: string;
}

/** `GET /networks/{id}` (the API's Network, moby's network.Inspect). */
export interface NetworkInspect {
  Name: string;
  Id: string;
  /** RFC 3339 with nanoseconds. */
  Created: string;
  Scope: 'local' | 'global' | 'swarm';
  Driver: string;
  EnableIPv4: boolean;
  EnableIPv6: boolean;
  IPAM: IPAM;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  /** The running containers attached, by container ID (empty in `GET /networks`). */
  Containers: Record<string, NetworkContainer>;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

/** A `GET /networks` item: the same shape as inspect, without its containers (moby's network.Summary). */
export type NetworkSummary = NetworkInspect;

/** The body of `POST /networks/create` (NetworkCreateRequest). */
export interface NetworkCreateRequest {
  Name: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network: string } | null;
  EnableIPv4?: boolean;
  EnableIPv6?: boolean;
  IPAM?: { Driver?: string; Config?: IPAMConfig[] | null; Options?: Record<string, string> | null } | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** `POST /networks/create` (NetworkCreateResponse). */
export interface NetworkCreateResponse {
  Id: string;
  Warning: string;
}

/** `POST /networks/prune`. */
export interface NetworkPruneResponse {
  /** null when nothing went (a nil slice in dockerd). */
  NetworksDeleted: string[] | null;
}
