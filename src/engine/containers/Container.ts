import type { LayerEntry } from '../fs/overlay';
import type { BaseFamily } from '../Registry';
import type { ContainerConfig, ContainerStateStatus, HostConfig, LogEntry, MountPoint, PortMap } from '../types';

/** The lifecycle state, as moby's container.State keeps it. Times in ms since the epoch; 0 = never. */
export interface ContainerStateRecord {
  status: ContainerStateStatus;
  pid: number;
  exitCode: number;
  error: string;
  startedAt: number;
  finishedAt: number;
  oomKilled: boolean;
}

/**
 * A container as the daemon keeps it: everything here is plain data, so a
 * snapshot is just this record. Its running process lives in the engine.
 */
export interface ContainerRecord {
  id: string;
  /** Without the leading slash. */
  name: string;
  created: number;
  /** The image as the client named it (`nginx:1.28.0`), what `docker ps` shows. */
  image: string;
  imageId: string;
  family: BaseFamily;
  /** Effective config: the request merged over the image's config. */
  config: ContainerConfig & { Env: string[]; Cmd: string[] | null; Entrypoint: string[] | null; Hostname: string; WorkingDir: string };
  hostConfig: HostConfig;
  /** argv[0] and the rest, as the runtime execs them. */
  path: string;
  args: string[];
  state: ContainerStateRecord;
  restartCount: number;
  /** How many times the container's process was started (nginx's entrypoint notices a restart). */
  startCount: number;
  /** Bridge address while running, e.g. `172.17.0.2`; '' when stopped. */
  ipAddress: string;
  macAddress: string;
  /** Ports bound on the host while running (ephemeral ports resolved). */
  boundPorts: PortMap;
  endpointId: string;
  sandboxKey: string;
  logs: LogEntry[];
  /** A partial line each stream has written without its newline yet. */
  partial: { stdout: string; stderr: string };
  /**
   * The image's layer chain ids when the container was created, bottom
   * first (kept so the container's files survive `docker rmi -f` of its
   * image, as the layers do on Docker). Absent in snapshots from before
   * containers had files: then the image's layers.
   */
  layers?: string[];
  /** The writable layer's changes (path, entry), when the container has written anything. */
  rw?: [string, LayerEntry][];
  /** The official image whose programs the container runs (a committed or built image's origin). */
  origin?: string;
  /** The volumes mounted into the container (`-v`, `--mount`, the image's VOLUME lines), as inspect lists them. Absent: none. */
  mountPoints?: MountPoint[];
}

/** Whether the container counts as running (moby: Running is also true while paused or restarting). */
export function isRunning(record: ContainerRecord): boolean {
  return record.state.status === 'running' || record.state.status === 'paused' || record.state.status === 'restarting';
}
