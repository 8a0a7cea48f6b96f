import type { EngineState } from './Engine';

/** Bumped whenever EngineState changes shape; older snapshots are migrated, newer ones refused. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/** The engine's state as saved to disk (the extension's global storage, or `docker-lab --state FILE`). */
export interface EngineSnapshot {
  schemaVersion: number;
  /** Lab time of the save, ms since the epoch. */
  savedAt: number;
  state: EngineState;
}

/** Why a snapshot could not be restored: the caller keeps the file aside and tells the learner. */
export class SnapshotError extends Error {
  constructor(readonly reason: 'corrupt' | 'newer', message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** Checks a parsed snapshot's shape and version; returns its state or throws SnapshotError. */
export function validateSnapshot(json: unknown): EngineState {
  if (!isObject(json) || typeof json.schemaVersion !== 'number') {
    throw new SnapshotError('corrupt', 'not a Docker Lab state file');
  }
  if (json.schemaVersion > SNAPSHOT_SCHEMA_VERSION) {
    throw new SnapshotError('newer', `the state file was written by a newer Docker Lab (schema ${json.schemaVersion}, this one reads ${SNAPSHOT_SCHEMA_VERSION})`);
  }
  const state = json.state;
  if (!isObject(state) || !Array.isArray(state.images) || !Array.isArray(state.layers) || !Array.isArray(state.containers)
    || !Array.isArray(state.events) || typeof state.nextPid !== 'number') {
    throw new SnapshotError('corrupt', 'the state file is incomplete');
  }
  for (const container of state.containers) {
    if (!isObject(container) || typeof container.id !== 'string' || typeof container.name !== 'string'
      || !isObject(container.state) || !isObject(container.config) || !Array.isArray(container.logs)) {
      throw new SnapshotError('corrupt', 'a container in the state file is malformed');
    }
  }
  for (const image of state.images) {
    if (!isObject(image) || typeof image.id !== 'string' || !Array.isArray(image.tags) || !Array.isArray(image.layers)) {
      throw new SnapshotError('corrupt', 'an image in the state file is malformed');
    }
  }
  return state as unknown as EngineState;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
