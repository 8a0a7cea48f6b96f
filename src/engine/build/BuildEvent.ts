import type { SourceLines } from './BuildError';

/**
 * The progress of a build as BuildKit streams it to the client (its
 * SolveStatus): vertices (the steps the progress lists), their statuses
 * (`transferring context: 2B`, `naming to ...`), their logs (RUN output) and
 * warnings (build checks). Times are lab ms since the epoch. The client
 * numbers the vertices (`#5`) in the order it first prints them.
 */
export type BuildEvent = BuildVertexEvent | BuildStatusEvent | BuildLogEvent | BuildWarningEvent;

/** A vertex started, finished, was found in the cache, or failed. */
export interface BuildVertexEvent {
  type: 'vertex';
  /** Identifies the vertex across events (BuildKit's digest). */
  vertex: string;
  /** `[internal] load build definition from Dockerfile`, `[2/3] RUN apk add curl`, `exporting to image`. */
  name: string;
  started?: number;
  completed?: number;
  cached?: boolean;
  error?: string;
}

/** A sub-task of a vertex: `transferring context`, a layer download, `writing image sha256:...`. */
export interface BuildStatusEvent {
  type: 'status';
  vertex: string;
  id: string;
  current?: number;
  total?: number;
  started?: number;
  completed?: number;
}

/** Output of a vertex's process (RUN), as written. */
export interface BuildLogEvent {
  type: 'log';
  vertex: string;
  stream: 'stdout' | 'stderr';
  data: string;
  time: number;
}

/** A build check warning, attached to the vertex that loaded the Dockerfile. */
export interface BuildWarningEvent {
  type: 'warning';
  vertex: string;
  warning: BuildWarning;
}

/** A build check finding as the client lists it at the end (`- JSONArgsRecommended: ... (line 4)`). */
export interface BuildWarning {
  /** `JSONArgsRecommended: JSON arguments recommended for CMD to prevent ... (line 4)`. */
  short: string;
  rule: string;
  url: string;
  location?: SourceLines;
}
