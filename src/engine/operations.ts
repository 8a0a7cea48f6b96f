/**
 * Every engine operation and the REST call that carries it in the Docker
 * Engine API (v1.50). The concepts panel animates these and the API socket
 * routes by them: one table, not two.
 */
export const OPERATIONS = {
  SystemPing: { method: 'GET', path: '/_ping' },
  SystemVersion: { method: 'GET', path: '/version' },
  SystemInfo: { method: 'GET', path: '/info' },
  SystemEvents: { method: 'GET', path: '/events' },
  SystemDataUsage: { method: 'GET', path: '/system/df' },
  ContainerList: { method: 'GET', path: '/containers/json' },
  ContainerCreate: { method: 'POST', path: '/containers/create' },
  ContainerInspect: { method: 'GET', path: '/containers/{id}/json' },
  ContainerLogs: { method: 'GET', path: '/containers/{id}/logs' },
  ContainerStart: { method: 'POST', path: '/containers/{id}/start' },
  ContainerStop: { method: 'POST', path: '/containers/{id}/stop' },
  ContainerRestart: { method: 'POST', path: '/containers/{id}/restart' },
  ContainerKill: { method: 'POST', path: '/containers/{id}/kill' },
  ContainerPause: { method: 'POST', path: '/containers/{id}/pause' },
  ContainerUnpause: { method: 'POST', path: '/containers/{id}/unpause' },
  ContainerRename: { method: 'POST', path: '/containers/{id}/rename' },
  ContainerWait: { method: 'POST', path: '/containers/{id}/wait' },
  ContainerAttach: { method: 'POST', path: '/containers/{id}/attach' },
  ContainerTop: { method: 'GET', path: '/containers/{id}/top' },
  ContainerDelete: { method: 'DELETE', path: '/containers/{id}' },
  ContainerChanges: { method: 'GET', path: '/containers/{id}/changes' },
  ContainerResize: { method: 'POST', path: '/containers/{id}/resize' },
  ContainerPrune: { method: 'POST', path: '/containers/prune' },
  ContainerExec: { method: 'POST', path: '/containers/{id}/exec' },
  ExecStart: { method: 'POST', path: '/exec/{id}/start' },
  ExecInspect: { method: 'GET', path: '/exec/{id}/json' },
  ExecResize: { method: 'POST', path: '/exec/{id}/resize' },
  ContainerArchiveInfo: { method: 'HEAD', path: '/containers/{id}/archive' },
  ContainerArchive: { method: 'GET', path: '/containers/{id}/archive' },
  PutContainerArchive: { method: 'PUT', path: '/containers/{id}/archive' },
  ImageCommit: { method: 'POST', path: '/commit' },
  ImageBuild: { method: 'POST', path: '/build' },
  ImageList: { method: 'GET', path: '/images/json' },
  ImageCreate: { method: 'POST', path: '/images/create' },
  ImageInspect: { method: 'GET', path: '/images/{name}/json' },
  ImageHistory: { method: 'GET', path: '/images/{name}/history' },
  ImageTag: { method: 'POST', path: '/images/{name}/tag' },
  ImageDelete: { method: 'DELETE', path: '/images/{name}' },
  ImagePrune: { method: 'POST', path: '/images/prune' },
  VolumeList: { method: 'GET', path: '/volumes' },
  VolumeCreate: { method: 'POST', path: '/volumes/create' },
  VolumeInspect: { method: 'GET', path: '/volumes/{name}' },
  VolumeDelete: { method: 'DELETE', path: '/volumes/{name}' },
  VolumePrune: { method: 'POST', path: '/volumes/prune' },
  NetworkList: { method: 'GET', path: '/networks' },
  NetworkInspect: { method: 'GET', path: '/networks/{id}' },
  NetworkCreate: { method: 'POST', path: '/networks/create' },
  NetworkDelete: { method: 'DELETE', path: '/networks/{id}' },
  NetworkPrune: { method: 'POST', path: '/networks/prune' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'HEAD'; path: string }>;

export type OperationName = keyof typeof OPERATIONS;

/** One API call the engine served: what the concepts panel draws and `docker` users never see. */
export interface ApiCall {
  operation: OperationName;
  method: string;
  /** The path with its parameters filled in, e.g. `/containers/web/start`. */
  path: string;
  /** The HTTP status the API would have answered. */
  statusCode: number;
  /** Lab time, ms since the epoch. */
  time: number;
  /**
   * Who asked, when the call came through the Engine API socket: the
   * client's User-Agent (`Docker-Client/28.2.2 (linux)`), or `''` without
   * one. Absent for the lab's own terminal and views.
   */
  client?: string;
}

/** Fills `{id}`/`{name}` in an operation's path. */
export function pathOf(operation: OperationName, params: Record<string, string> = {}): string {
  return OPERATIONS[operation].path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key] ?? `{${key}}`));
}
