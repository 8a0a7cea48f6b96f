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
  Binds?: string[] | null;
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
  Mounts: unknown[];
  SizeRw?: number;
  SizeRootFs?: number;
}

export interface EndpointSettings {
  IPAMConfig: null;
  Links: null;
  Aliases: null;
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
  Mounts: unknown[];
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
 * A volume as `GET /system/df` lists it (the API's Volume, the fields the
 * CLI reads). The lab has no volumes yet: the list is always empty.
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
