import type { Engine } from '../../engine/Engine';
import type { Router } from '../wire';

/** Container archives: GET/HEAD/PUT /containers/{id}/archive (docker cp) and GET /containers/{id}/export. */
export function archiveRoutes(route: Router, engine: Engine): void {
  void route;
  void engine;
}
