import type { Engine } from '../../engine/Engine';
import type { ContainerCreateRequest } from '../../engine/types';
import { frame, numberParam, parseFilters, truthy } from '../wire';
import type { Router } from '../wire';
import { terminalSize } from './exec';

/** The container routes answered with plain HTTP (attach is hijacked: see hijack.ts). */
export function containerRoutes(route: Router, engine: Engine): void {
  route('GET', '/containers/json', ({ query }) => ({
    json: engine.containerList({
      all: truthy(query.get('all')),
      limit: numberParam(query, 'limit'),
      size: truthy(query.get('size')),
      filters: parseFilters(query.get('filters')),
    }),
  }));
  route('POST', '/containers/create', ({ query, body }) => {
    const request = (body ?? {}) as ContainerCreateRequest;
    // The CLI sends NetworkMode "default"; dockerd's router stores the default network's name.
    if (request.HostConfig && (!request.HostConfig.NetworkMode || request.HostConfig.NetworkMode === 'default')) {
      request.HostConfig = { ...request.HostConfig, NetworkMode: 'bridge' };
    }
    return { status: 201, json: engine.containerCreate(request, query.get('name') ?? undefined) };
  });
  route('GET', '/containers/{id}/json', ({ params, query }) => ({ json: engine.containerInspect(params.id, { size: truthy(query.get('size')) }) }));
  route('POST', '/containers/{id}/start', ({ params }) => {
    engine.containerStart(params.id);
    return { status: 204, empty: true };
  });
  route('POST', '/containers/{id}/stop', async ({ params, query }) => {
    // moby's ContainerStop answers 304 Not Modified when the container is not running (daemon/stop.go).
    const running = engine.isContainerRunning(params.id);
    await engine.containerStop(params.id, { signal: query.get('signal') ?? undefined, timeout: numberParam(query, 't') });
    return { status: running ? 204 : 304, empty: true };
  });
  route('POST', '/containers/{id}/kill', ({ params, query }) => {
    engine.containerKill(params.id, query.get('signal') || 'SIGKILL');
    return { status: 204, empty: true };
  });
  route('DELETE', '/containers/{id}', async ({ params, query }) => {
    await engine.containerDelete(params.id, { force: truthy(query.get('force')), removeVolumes: truthy(query.get('v')) });
    return { status: 204, empty: true };
  });
  route('GET', '/containers/{id}/changes', ({ params }) => ({ json: engine.containerChanges(params.id) }));
  route('POST', '/containers/{id}/restart', async ({ params, query }) => {
    await engine.containerRestart(params.id, { signal: query.get('signal') ?? undefined, timeout: numberParam(query, 't') });
    return { status: 204, empty: true };
  });
  route('POST', '/containers/{id}/pause', ({ params }) => {
    engine.containerPause(params.id);
    return { status: 204, empty: true };
  });
  route('POST', '/containers/{id}/unpause', ({ params }) => {
    engine.containerUnpause(params.id);
    return { status: 204, empty: true };
  });
  route('POST', '/containers/{id}/rename', ({ params, query }) => {
    engine.containerRename(params.id, query.get('name') ?? '');
    return { status: 204, empty: true };
  });
  // dockerd answers wait's headers at once and its body when the container exits.
  route('POST', '/containers/{id}/wait', ({ params, query }) => {
    engine.containerId(params.id);
    // `removed` (docker run --rm) ends with the exit too: the lab removes an --rm container as it exits.
    const condition = query.get('condition') === 'next-exit' || query.get('condition') === 'removed' ? 'next-exit' : 'not-running';
    return { late: engine.containerWait(params.id, condition).then((result) => ({ StatusCode: result.StatusCode })) };
  });
  route('POST', '/commit', ({ query }) => ({
    status: 201,
    json: engine.containerCommit(query.get('container') ?? '', {
      repo: query.get('repo') ?? undefined,
      tag: query.get('tag') ?? undefined,
      comment: query.get('comment') ?? undefined,
      author: query.get('author') ?? undefined,
      changes: query.getAll('changes').flatMap((change) => change.split('\n')).filter((change) => change.trim() !== ''),
    }),
  }));
  route('GET', '/containers/{id}/logs', ({ params, query }) => {
    const tty = !!engine.containerInspect(params.id).Config?.Tty;
    const timestamps = truthy(query.get('timestamps'));
    const encode = (entry: { stream: 'stdout' | 'stderr'; text: string; time: number }) => {
      const text = timestamps ? `${new Date(entry.time).toISOString().replace('Z', '000000Z')} ${entry.text}` : entry.text;
      return tty ? Buffer.from(text) : frame(entry.stream, text);
    };
    const tail = query.get('tail');
    const entries = engine.containerLogs(params.id, {
      stdout: truthy(query.get('stdout')),
      stderr: truthy(query.get('stderr')),
      tail: tail && tail !== 'all' ? Number(tail) : undefined,
    });
    const logged = Buffer.concat(entries.map(encode));
    const contentType = tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream';
    if (!truthy(query.get('follow')) || !engine.isContainerRunning(params.id)) return { raw: logged, contentType };
    // --follow: what was logged, then what the container prints until it stops.
    const id = engine.containerId(params.id);
    return {
      follow: contentType,
      run: (write) => {
        write(logged);
        const subscription = engine.onContainerOutput(({ id: from, entry }) => {
          if (from === id && truthy(query.get(entry.stream))) write(encode(entry));
        });
        return engine.containerWait(id, 'not-running').then(() => subscription.dispose(), () => subscription.dispose());
      },
    };
  });
  route('POST', '/containers/prune', ({ query }) => ({ json: engine.containerPrune(parseFilters(query.get('filters')) ?? {}) }));
  // `docker top`: dockerd runs `ps -ef` unless ps_args says otherwise.
  route('GET', '/containers/{id}/top', ({ params, query }) => ({ json: engine.containerTop(params.id, query.get('ps_args') ?? '') }));
  // `docker run -it` and `docker attach` send the terminal's size, and again on each change; dockerd answers 200 with no body.
  route('POST', '/containers/{id}/resize', ({ params, query }) => {
    const { height, width } = terminalSize(query);
    engine.containerResize(params.id, height, width);
    return { status: 200, empty: true };
  });
}
