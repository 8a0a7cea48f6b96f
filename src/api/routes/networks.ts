import type { Engine } from '../../engine/Engine';
import type { NetworkCreateRequest } from '../../engine/types';
import { parseFilters } from '../wire';
import type { Router } from '../wire';

/** Networks: list, create, inspect, remove, prune (moby's api/server/router/network). */
export function networkRoutes(route: Router, engine: Engine): void {
  route('GET', '/networks', ({ query }) => ({ json: engine.networkList(parseFilters(query.get('filters'))) }));
  route('POST', '/networks/create', ({ body }) => ({ status: 201, json: engine.networkCreate((body ?? { Name: '' }) as NetworkCreateRequest) }));
  route('POST', '/networks/prune', ({ query }) => ({ json: engine.networkPrune(parseFilters(query.get('filters'))) }));
  route('GET', '/networks/{id}', ({ params }) => ({ json: engine.networkInspect(params.id) }));
  route('DELETE', '/networks/{id}', ({ params }) => {
    engine.networkDelete(params.id);
    return { status: 204, empty: true };
  });
}
