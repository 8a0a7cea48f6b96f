import type { Engine } from '../../engine/Engine';
import type { Router } from '../wire';

/** Networks: list, create, inspect, remove, prune. */
export function networkRoutes(route: Router, engine: Engine): void {
  void route;
  void engine;
}
