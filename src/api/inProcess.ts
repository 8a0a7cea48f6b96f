import * as http from 'node:http';
import type { Engine } from '../engine/Engine';
import type { HostHttpRequest, ShellHost, StreamedHttpResponse } from '../shell/ShellHost';
import { ApiServer } from './ApiServer';

/** Where the lab's host has its daemon's socket (`/var/run` is a link to `/run` on Ubuntu). */
const DAEMON_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);

/**
 * The lab shell's unix sockets (ShellHost.unixSocket): `/var/run/docker.sock`
 * is the engine's Engine API, served inside the process over an in-memory
 * connection to the same routes `Start Engine API` serves, so `curl
 * --unix-socket /var/run/docker.sock http://localhost/containers/json`
 * shows what the docker CLI itself sends and gets. No file, no port.
 */
export function inProcessDaemonSocket(engine: Engine): NonNullable<ShellHost['unixSocket']> {
  let server: ApiServer | undefined;
  return (path, request, signal) => {
    if (!DAEMON_SOCKETS.has(path)) return Promise.resolve(undefined);
    server ??= new ApiServer(engine, '/var/run/docker.sock');
    return send(server, request, signal);
  };
}

function send(server: ApiServer, request: HostHttpRequest, signal: AbortSignal): Promise<StreamedHttpResponse> {
  return new Promise((resolve, reject) => {
    // A ClientRequest of its own, not http.request: VS Code's extension host wraps
    // http.request to route requests through its proxy agent, which would open a
    // TCP connection to localhost:80 instead of this in-memory one.
    const outgoing = new http.ClientRequest({
      method: request.method,
      path: request.path,
      headers: request.headers,
      createConnection: () => server.connectInProcess(),
      signal,
    }, (response) => {
      const headers: Record<string, string> = {};
      // As the server wrote them: `Api-Version`, not Node's lower-cased names.
      for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) headers[response.rawHeaders[i]] = response.rawHeaders[i + 1];
      response.setEncoding('utf8');
      resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers, body: bodyOf(response) });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The body as it arrives; an aborted request just ends it. */
async function* bodyOf(response: http.IncomingMessage): AsyncIterable<string> {
  try {
    for await (const chunk of response) yield chunk as string;
  } catch {
    // Aborted (Ctrl+C): what arrived has been given.
  }
}
