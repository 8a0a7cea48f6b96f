/**
 * The human-readable container status (`docker ps` STATUS, the `Status` field
 * of `GET /containers/json`), as moby v28.2.2 `container/state.go`
 * `State.String()` builds it, and the CREATED column (`createdSince`).
 */
import { humanDuration } from './units';

/** The container states moby reports (`container.ContainerState`). */
export type ContainerStatusName = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** The parts of a container's state the status text is made from. */
export interface ContainerStatusInput {
  status: ContainerStatusName;
  exitCode: number;
  /** ms since the epoch; 0 when the container never started (Go's zero time). */
  startedAt: number;
  /** ms since the epoch; 0 when the container never finished. */
  finishedAt: number;
  /**
   * Present only when the container has a healthcheck. An empty status means
   * the monitor has not set one yet, which moby reports as `unhealthy`.
   */
  health?: { status: string } | null;
}

/**
 * moby's `State.String()`:
 * - running: `Up 5 minutes`, with `(healthy)`, `(unhealthy)` or
 *   `(health: starting)` when there is a healthcheck;
 * - paused: `Up 5 minutes (Paused)` (no health suffix);
 * - restarting: `Restarting (1) 3 seconds ago`, counted from `finishedAt`;
 * - removing: `Removal In Progress`; dead: `Dead`;
 * - never started: `Created` (also for a container whose start failed,
 *   which keeps a zero `startedAt`);
 * - otherwise `Exited (0) 3 seconds ago`, or the empty string when
 *   `finishedAt` is zero.
 *
 * Moby decides from its flags, not from the state name: a container that is
 * not running, removing or dead is "Created" exactly when `startedAt` is 0.
 */
export function containerStatus(state: ContainerStatusInput, now: number): string {
  const running = state.status === 'running' || state.status === 'paused' || state.status === 'restarting';
  if (running) {
    if (state.status === 'paused') return `Up ${humanDuration(now - state.startedAt)} (Paused)`;
    if (state.status === 'restarting') {
      return `Restarting (${state.exitCode}) ${humanDuration(now - state.finishedAt)} ago`;
    }
    if (state.health) return `Up ${humanDuration(now - state.startedAt)} (${healthText(state.health.status)})`;
    return `Up ${humanDuration(now - state.startedAt)}`;
  }
  if (state.status === 'removing') return 'Removal In Progress';
  if (state.status === 'dead') return 'Dead';
  if (state.startedAt === 0) return 'Created';
  if (state.finishedAt === 0) return '';
  return `Exited (${state.exitCode}) ${humanDuration(now - state.finishedAt)} ago`;
}

/** moby `Health.String()`: "starting" reads `health: starting`; "" is reported as unhealthy. */
function healthText(status: string): string {
  if (status === '') return 'unhealthy';
  if (status === 'starting') return 'health: starting';
  return status;
}

/**
 * docker/cli's CREATED column (`RunningFor` for containers, `CreatedSince` for
 * images): `units.HumanDuration(time.Now().UTC().Sub(time.Unix(created, 0))) + " ago"`,
 * e.g. `5 minutes ago`, `Less than a second ago`.
 *
 * `created` is in ms since the epoch; like the API's `Created` field (whole
 * seconds), it is truncated to the second before the difference is taken.
 */
export function createdSince(now: number, created: number): string {
  const createdSecond = Math.floor(created / 1000) * 1000;
  return `${humanDuration(now - createdSecond)} ago`;
}
