import type { LessonLanguage } from '../curriculum/lesson';

/** One API call the daemon answered, as the architecture view lists it. */
export interface ConceptsCall {
  /** Engine API operation name (`ContainerCreate`), see src/engine/operations.ts. */
  readonly operation: string;
  readonly method: string;
  /** The path with its parameters (`/containers/web/start`). */
  readonly path: string;
  readonly status: number;
  /** Set when the call came through the Engine API socket: the client's product (`Docker-Client/28.2.2`), `''` when it gave none. */
  readonly client?: string;
}

/**
 * What the concepts panel draws, as plain data taken from the engine at one
 * moment (see takeConceptsSnapshot): no engine objects, so the drawing is a
 * pure function of it and can be tested without a browser.
 */
export interface ConceptsSnapshot {
  readonly language: LessonLanguage;
  /** Every container, newest first, with its name (no leading slash), image as given, and state. */
  readonly containers: readonly { readonly name: string; readonly image: string; readonly state: string }[];
  /** Every tagged image (`nginx:1.28.0`) and its size in bytes, as `docker images` lists them. */
  readonly images: readonly { readonly reference: string; readonly size: number }[];
  /** References being pulled right now. */
  readonly pulling: readonly string[];
  /** The host kernel release every container shares (`6.8.0-79-generic`). */
  readonly kernel: string;
  /** The host's operating system (`Ubuntu 24.04.3 LTS`). */
  readonly hostOs: string;
  /** The last API calls, oldest first (at most 12). */
  readonly calls: readonly ConceptsCall[];
}
