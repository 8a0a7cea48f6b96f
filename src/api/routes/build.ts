import type { Engine } from '../../engine/Engine';
import type { Router } from '../wire';

/** POST /build: the classic builder (DOCKER_BUILDKIT=0) on a tar context. */
export function buildRoutes(route: Router, engine: Engine): void {
  void route;
  void engine;
}
