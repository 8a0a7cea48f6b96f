import type { Engine, ExecCreateRequest } from '../../engine/Engine';
import type { Router } from '../wire';

/** Exec create and inspect, and a detached start (an attached start is hijacked: see hijack.ts). */
export function execRoutes(route: Router, engine: Engine): void {
  route('POST', '/containers/{id}/exec', ({ params, body }) => ({ status: 201, json: engine.execCreate(params.id, body as ExecCreateRequest) }));
  route('GET', '/exec/{id}/json', ({ params }) => ({ json: engine.execInspect(params.id) }));
  // Without Upgrade: a detached exec (`docker exec -d`); its output goes nowhere.
  route('POST', '/exec/{id}/start', ({ params }) => {
    engine.execStart(params.id, () => undefined);
    return { status: 200, empty: true };
  });
}
