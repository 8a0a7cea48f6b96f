import type { Engine } from '../../engine/Engine';
import { ENGINE_PLATFORM } from '../../engine/Engine';
import { NotFoundError } from '../../engine/errors';
import { goQuote } from '../../engine/util/goQuote';
import type { Reply, Router } from '../wire';
import { API_VERSION, MIN_API_VERSION } from '../versions';

/** `_ping`, `version`, `info` and `system/df`. */
export function systemRoutes(route: Router, engine: Engine): void {
  const ping = (): Reply => ({ text: 'OK' });
  route('GET', '/_ping', ping);
  route('HEAD', '/_ping', ping);
  route('GET', '/version', () => ({ json: versionBody(engine) }));
  route('GET', '/info', () => ({ json: engine.info() }));
  route('GET', '/system/df', () => ({ json: engine.systemDataUsage() }));
  // The lab's daemon has no managed plugins (its built-in drivers are not
  // plugins): the list is empty, and every name is plugin/store.go's errNotFound,
  // which `docker inspect NAME` skips as it looks through the object types.
  route('GET', '/plugins', () => ({ json: [] }));
  const noSuchPlugin = ({ params }: { params: Record<string, string> }): Reply => {
    throw new NotFoundError(`plugin ${goQuote(params.name)} not found`);
  };
  route('GET', '/plugins/{name}/json', noSuchPlugin);
  route('DELETE', '/plugins/{name}', noSuchPlugin);
  for (const action of ['enable', 'disable', 'upgrade', 'push', 'set']) route('POST', `/plugins/{name}/${action}`, noSuchPlugin);
}

/** `GET /version` as dockerd answers it: the platform, each component with its details, then the engine's own facts. */
function versionBody(engine: Engine): Record<string, unknown> {
  const version = engine.version();
  return {
    Platform: { Name: ENGINE_PLATFORM },
    Components: [
      {
        Name: 'Engine',
        Version: version.Version,
        Details: {
          ApiVersion: API_VERSION,
          Arch: version.Arch,
          BuildTime: version.BuildTime,
          Experimental: 'false',
          GitCommit: version.GitCommit,
          GoVersion: version.GoVersion,
          KernelVersion: version.KernelVersion,
          MinAPIVersion: MIN_API_VERSION,
          Os: version.Os,
        },
      },
      { Name: 'containerd', Version: version.ContainerdVersion, Details: { GitCommit: version.ContainerdCommit } },
      { Name: 'runc', Version: version.RuncVersion, Details: { GitCommit: version.RuncCommit } },
      { Name: 'docker-init', Version: version.DockerInitVersion, Details: { GitCommit: version.DockerInitCommit } },
    ],
    Version: version.Version,
    ApiVersion: API_VERSION,
    MinAPIVersion: MIN_API_VERSION,
    GitCommit: version.GitCommit,
    GoVersion: version.GoVersion,
    Os: version.Os,
    Arch: version.Arch,
    KernelVersion: version.KernelVersion,
    BuildTime: version.BuildTime,
  };
}
