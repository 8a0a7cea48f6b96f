import type { Engine } from '../../engine/Engine';
import type { Router } from '../wire';

/** GET /events: the daemon's events, past and live. */
export function eventRoutes(route: Router, engine: Engine): void {
  void route;
  void engine;
}
