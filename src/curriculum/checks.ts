import type { Engine } from '../engine/Engine';
import type { OperationName } from '../engine/operations';
import { OPERATIONS } from '../engine/operations';
import type { ContainerSummary } from '../engine/types';

/**
 * What an exercise asks of the lab, as facts about the engine's state: never
 * ids, times or the exact commands typed, so any way of getting there passes.
 * Declared in a lesson's front matter, one key per check:
 *
 *   - container: { name: web, image: nginx:1.28.0, state: running, publish: ["8080:80"] }
 *   - noContainer: { name: web }
 *   - containers: { image: nginx:1.28.0, state: running, min: 3 }
 *   - image: nginx:1.28.0
 *   - noImage: hello-world
 *   - sameImage: [myweb:v1, nginx:1.28.0]
 *   - sharedLayers: [alpine:latest, nginx:alpine]
 *   - logs: { container: web, contains: '"GET / HTTP/1.1" 200' }
 *   - api: { operation: SystemVersion }
 *   - changed: { container: web, path: /usr/share/nginx/html/index.html, kind: C }
 *
 * `logs.contains` may say `$kernel`: the host's kernel release, which every
 * container shares.
 */
export type Check =
  | { container: ContainerMatch }
  | { noContainer: ContainerMatch }
  | { containers: ContainerMatch & { min?: number; max?: number } }
  | { image: string }
  | { noImage: string }
  | { sameImage: [string, string] }
  | { sharedLayers: [string, string] }
  | { logs: { container: string; contains: string } }
  | { api: { operation: OperationName } }
  | { changed: { container: string; path: string; kind?: ChangeKind } };

/** A `docker diff` letter: Added, Changed, Deleted. */
export type ChangeKind = 'A' | 'C' | 'D';

/** The container states `docker ps --filter status=` knows. */
export const CONTAINER_STATES = ['created', 'running', 'paused', 'restarting', 'exited', 'dead'] as const;
export type ContainerState = (typeof CONTAINER_STATES)[number];

/** Facts a container must have; every one given must hold. */
export interface ContainerMatch {
  name?: string;
  /** An image reference (`nginx`, `nginx:1.28.0`): the container runs that image. */
  image?: string;
  state?: ContainerState;
  exitCode?: number;
  /** `HOST:CONTAINER[/proto]`, as `-p` takes it: each must be published. */
  publish?: string[];
}

/** What the checks read from the lab (an engine, or a test's stand-in). */
export interface LabView {
  containers(): ContainerSummary[];
  /** The image's id, or undefined when no local image has that reference. */
  imageId(reference: string): string | undefined;
  /** The image's layer digests, bottom first; [] when absent. */
  imageLayers(reference: string): string[];
  /** A container's log text (stdout and stderr); undefined for no such container. */
  logs(container: string): string | undefined;
  /** The host kernel release (`uname -r` in every container). */
  kernelRelease(): string;
  /** Whether the daemon answered this API operation since the lesson began. */
  sawApiCall(operation: OperationName): boolean;
  /** `docker diff` of a container as `C /path` lines; undefined for no such container. */
  changes(container: string): string[] | undefined;
}

/** Whether `check` holds in `lab`. Pure; never throws on a missing container or image. */
export function evaluateCheck(check: Check, lab: LabView): boolean {
  if ('container' in check) return lab.containers().some((c) => matches(c, check.container, lab));
  if ('noContainer' in check) return !lab.containers().some((c) => matches(c, check.noContainer, lab));
  if ('containers' in check) {
    const { min = 1, max = Number.POSITIVE_INFINITY, ...match } = check.containers;
    const count = lab.containers().filter((c) => matches(c, match, lab)).length;
    return count >= min && count <= max;
  }
  if ('image' in check) return lab.imageId(check.image) !== undefined;
  if ('noImage' in check) return lab.imageId(check.noImage) === undefined;
  if ('sameImage' in check) {
    const [a, b] = check.sameImage.map((ref) => lab.imageId(ref));
    return a !== undefined && a === b;
  }
  if ('sharedLayers' in check) {
    const [a, b] = check.sharedLayers.map((ref) => lab.imageLayers(ref));
    return a.some((layer) => b.includes(layer));
  }
  if ('logs' in check) {
    const text = lab.logs(check.logs.container);
    return text !== undefined && text.includes(expand(check.logs.contains, lab));
  }
  if ('changed' in check) {
    const { container, path, kind } = check.changed;
    return (lab.changes(container) ?? []).some((line) => line.slice(2) === path && (kind === undefined || line[0] === kind));
  }
  return lab.sawApiCall(check.api.operation);
}

function expand(text: string, lab: LabView): string {
  return text.replace(/\$kernel\b/g, () => lab.kernelRelease());
}

function matches(container: ContainerSummary, want: ContainerMatch, lab: LabView): boolean {
  if (want.name !== undefined && !container.Names.includes(`/${want.name}`)) return false;
  if (want.state !== undefined && container.State !== want.state) return false;
  if (want.exitCode !== undefined && exitCodeOf(container) !== want.exitCode) return false;
  if (want.image !== undefined) {
    const id = lab.imageId(want.image);
    const sameReference = normalizeReference(container.Image) === normalizeReference(want.image);
    if (!(id !== undefined ? container.ImageID === id || sameReference : sameReference)) return false;
  }
  for (const spec of want.publish ?? []) {
    const [hostPort, rest] = spec.split(':');
    const [privatePort, type = 'tcp'] = rest.split('/');
    const published = (container.Ports ?? []).some((port) => String(port.PublicPort) === hostPort
      && String(port.PrivatePort) === privatePort && port.Type === type);
    if (!published) return false;
  }
  return true;
}

/** `Exited (137) 3 seconds ago` -> 137; undefined for a container that has not exited. */
function exitCodeOf(container: ContainerSummary): number | undefined {
  const code = /^Exited \((-?\d+)\)/.exec(container.Status ?? '');
  return code ? Number(code[1]) : undefined;
}

/** `nginx` -> `nginx:latest`, `docker.io/library/nginx:1.28.0` -> `nginx:1.28.0`. */
export function normalizeReference(reference: string): string {
  let ref = reference.replace(/^docker\.io\//, '').replace(/^library\//, '');
  if (ref.includes('@')) return ref;
  const slash = ref.lastIndexOf('/');
  if (!ref.slice(slash + 1).includes(':')) ref += ':latest';
  return ref;
}

/**
 * A LabView over an engine. Reads go through `engine.observe`, so checking an
 * exercise is not reported as API calls; `sawApiCall` answers from the calls
 * recorded since `reset()` (the lesson's start).
 */
export class EngineLabView implements LabView {
  private readonly seen = new Set<OperationName>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly engine: Engine) {
    this.subscription = engine.onApiCall((call) => {
      if (call.statusCode < 400) this.seen.add(call.operation);
    });
  }

  /** Forgets the API calls seen so far: a lesson (re)starts. */
  reset(): void {
    this.seen.clear();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  containers(): ContainerSummary[] {
    return this.engine.observe(() => this.engine.containerList({ all: true }));
  }

  imageId(reference: string): string | undefined {
    return this.engine.observe(() => (this.engine.hasImage(reference) ? this.engine.imageInspect(reference).Id : undefined));
  }

  imageLayers(reference: string): string[] {
    return this.engine.observe(() => (this.engine.hasImage(reference) ? this.engine.imageLayers(reference).map((layer) => layer.digest) : []));
  }

  logs(container: string): string | undefined {
    return this.engine.observe(() => {
      try {
        return this.engine.containerLogs(container).map((entry) => entry.text).join('');
      } catch {
        return undefined;
      }
    });
  }

  kernelRelease(): string {
    return this.engine.observe(() => this.engine.version().KernelVersion);
  }

  sawApiCall(operation: OperationName): boolean {
    return this.seen.has(operation);
  }

  changes(container: string): string[] | undefined {
    return this.engine.observe(() => {
      try {
        return this.engine.containerChanges(container).map((change) => `${'CAD'[change.Kind]} ${change.Path}`);
      } catch {
        return undefined;
      }
    });
  }
}

/** `GET /version` for SystemVersion: how lessons show an API check. */
export function apiCallText(operation: OperationName): string {
  const { method, path } = OPERATIONS[operation];
  return `${method} ${path}`;
}
