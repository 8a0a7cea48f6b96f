import type { Engine } from '../../engine/Engine';
import type { Reply, Router } from '../wire';
import { API_VERSION, MIN_API_VERSION } from '../versions';

/** `_ping`, `version`, `info` and `system/df`. */
export function systemRoutes(route: Router, engine: Engine): void {
  const ping = (): Reply => ({ text: 'OK' });
  route('GET', '/_ping', ping);
  route('HEAD', '/_ping', ping);
  // dockerd answers the daemon's facts with its API versions.
  route('GET', '/version', () => ({ json: { ...engine.version(), ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION } }));
  route('GET', '/info', () => ({ json: engine.info() }));
  route('GET', '/system/df', () => ({ json: engine.systemDataUsage() }));
}
