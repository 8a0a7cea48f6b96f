import { DockerCli } from '../cli/DockerCli';
import type { HostFiles } from '../cli/HostFiles';
import type { Engine } from '../engine/Engine';
import type { ShellHost } from './ShellHost';

/**
 * Wires the lab shell to an engine: `docker` runs the lab's docker CLI
 * against it, `curl` reaches its published ports, Tab completes its
 * containers (names without Docker's leading slash) and image tags.
 * `hostFiles` are the learner's files `docker cp` copies to and from;
 * `unixSocket` (node only: the Engine API served in process) answers
 * `curl --unix-socket /var/run/docker.sock`.
 */
export function createShellHost(engine: Engine, hostFiles?: HostFiles, unixSocket?: ShellHost['unixSocket']): ShellHost {
  return {
    ...(unixSocket ? { unixSocket } : {}),
    runDocker: (argv, io, environment) => new DockerCli(engine, { ...environment }, { hostFiles }).run(argv, io),
    completions: {
      containers: () => engine.containerList({ all: true }).map((container) => ({
        name: (container.Names[0] ?? '').replace(/^\//, ''),
        state: container.State,
      })),
      // Untagged images list as `<none>:<none>`, which no command accepts.
      imageReferences: () => engine.imageList().flatMap((image) => image.RepoTags).filter((tag) => tag !== '<none>:<none>'),
    },
    http: (hostPort, request) => engine.hostHttpRequest(hostPort, request),
  };
}
