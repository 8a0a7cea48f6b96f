import type { Engine } from '../../engine/Engine';
import type { ProgressMessage } from '../../engine/types';
import { parseFilters, truthy } from '../wire';
import type { Router } from '../wire';

/** Pull, list, inspect, history, tag and remove. */
export function imageRoutes(route: Router, engine: Engine): void {
  route('POST', '/images/{name}/tag', ({ params, query }) => {
    const repo = query.get('repo') ?? '';
    const tag = query.get('tag');
    engine.imageTag(params.name, tag ? `${repo}:${tag}` : repo);
    return { status: 201, empty: true };
  });
  route('DELETE', '/images/{name}', ({ params, query }) => ({ json: engine.imageDelete(params.name, { force: truthy(query.get('force')) }) }));
  route('GET', '/images/json', ({ query }) => ({ json: engine.imageList({ all: truthy(query.get('all')) }) }));
  route('GET', '/images/{name}/json', ({ params }) => ({ json: engine.imageInspect(params.name) }));
  route('GET', '/images/{name}/history', ({ params }) => ({ json: engine.imageHistory(params.name) }));
  route('POST', '/images/create', ({ query }) => {
    const image = query.get('fromImage') ?? '';
    const tag = query.get('tag');
    const reference = tag ? (tag.startsWith('sha256:') ? `${image}@${tag}` : `${image}:${tag}`) : image;
    return { stream: (write) => engine.imagePull(reference, (message: ProgressMessage) => write(message)) };
  });
  // `docker image prune` sends dangling=true, `-a` dangling=false.
  route('POST', '/images/prune', ({ query }) => ({ json: engine.imagePrune(parseFilters(query.get('filters')) ?? {}) }));
}
