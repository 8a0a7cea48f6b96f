import type { Engine } from '../../engine/Engine';
import type { Router } from '../wire';

/** Volumes: list, create, inspect, remove, prune. */
export function volumeRoutes(route: Router, engine: Engine): void {
  void route;
  void engine;
}
