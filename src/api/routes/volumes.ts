import type { Engine } from '../../engine/Engine';
import type { VolumeCreateOptions } from '../../engine/types';
import { parseFilters, truthy } from '../wire';
import type { Router } from '../wire';

/** Volumes: list, create, inspect, remove, prune (moby's api/server/router/volume). */
export function volumeRoutes(route: Router, engine: Engine): void {
  route('GET', '/volumes', ({ query }) => ({ json: engine.volumeList(parseFilters(query.get('filters'))) }));
  route('POST', '/volumes/create', ({ body }) => ({ status: 201, json: engine.volumeCreate((body ?? {}) as VolumeCreateOptions) }));
  route('POST', '/volumes/prune', ({ query }) => ({ json: engine.volumePrune(parseFilters(query.get('filters'))) }));
  route('GET', '/volumes/{name}', ({ params }) => ({ json: engine.volumeInspect(params.name) }));
  route('DELETE', '/volumes/{name}', ({ params, query }) => {
    engine.volumeDelete(params.name, { force: truthy(query.get('force')) });
    return { status: 204, empty: true };
  });
}
