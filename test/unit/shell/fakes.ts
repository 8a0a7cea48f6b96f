import type { CommandIO } from '../../../src/cli/CommandIO';
import type { CompletionSource, HostHttpRequest, HostHttpResponse, ShellHost } from '../../../src/shell/ShellHost';

/** A fake lab for completion: two running containers, one stopped, one paused, four image tags. */
export const FAKE_SOURCE: CompletionSource = {
  containers: () => [
    { name: 'web', state: 'running' },
    { name: 'web2', state: 'running' },
    { name: 'old', state: 'exited' },
    { name: 'frozen', state: 'paused' },
  ],
  imageReferences: () => ['nginx:1.28.0', 'nginx:latest', 'redis:7.4', 'hello-world:latest'],
  networkNames: () => ['bridge', 'host', 'none'],
};

export const NGINX_PAGE = '<h1>Welcome to nginx!</h1>\n';

/** What the fake docker does with one call. */
export type DockerBehaviour = (argv: readonly string[], io: CommandIO, environment: Readonly<Record<string, string>>) => number | Promise<number>;

/**
 * A ShellHost whose docker prints `docker <argv>` unless a test gives it a
 * behaviour, and whose host has nginx published on port 8080.
 */
export class FakeHost implements ShellHost {
  readonly calls: { argv: string[]; environment: Record<string, string>; isTTY: boolean; columns: number }[] = [];
  behaviour: DockerBehaviour = (argv, io) => {
    io.stdout.write(`docker ${argv.join(' ')}\n`);
    return 0;
  };
  readonly completions = FAKE_SOURCE;
  readonly requests: { port: number; request: HostHttpRequest }[] = [];

  runDocker(argv: readonly string[], io: CommandIO, environment: Readonly<Record<string, string>>): Promise<number> {
    this.calls.push({ argv: [...argv], environment: { ...environment }, isTTY: io.isTTY, columns: io.columns });
    return Promise.resolve(this.behaviour(argv, io, environment));
  }

  http(port: number, request: HostHttpRequest): HostHttpResponse | undefined {
    this.requests.push({ port, request });
    if (port !== 8080) return undefined;
    return { status: 200, statusText: 'OK', headers: { Server: 'nginx/1.28.0' }, body: NGINX_PAGE };
  }
}

/** Lets every pending promise callback run (no timers: the shell uses none). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

/** A promise with its resolve function, for commands a test finishes by hand. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}
