import { AsyncLocalStorage } from 'node:async_hooks';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Duplex } from 'node:stream';
import type { Disposable } from '../engine/Emitter';
import type { Engine } from '../engine/Engine';
import { ENGINE_VERSION } from '../engine/Engine';
import { EngineError, NotModifiedError } from '../engine/errors';
import { hijack } from './hijack';
import { unservedAnswer } from './unserved';
import { archiveRoutes } from './routes/archive';
import { buildRoutes } from './routes/build';
import { containerRoutes } from './routes/containers';
import { eventRoutes } from './routes/events';
import { execRoutes } from './routes/exec';
import { imageRoutes } from './routes/images';
import { networkRoutes } from './routes/networks';
import { systemRoutes } from './routes/system';
import { volumeRoutes } from './routes/volumes';
import { API_VERSION, MIN_API_VERSION, compareVersions } from './versions';
import { BodyTooLarge, MAX_JSON_BODY_BYTES, errorText, parseJsonBody, readBody, sendError, sendReply, templatePattern } from './wire';
import type { Handler, RouteOptions, Router } from './wire';

export { API_VERSION } from './versions';

/** The User-Agent of the request being served, through its awaits: the engine's ApiCall.client. */
const caller = new AsyncLocalStorage<string>();

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
  options: RouteOptions;
}

/**
 * The Docker Engine API (v1.50) over a unix socket, on the lab's engine:
 * the real docker CLI (or any SDK) pointed at it with
 * `DOCKER_HOST=unix://PATH` drives the same containers and images the lab
 * terminal and views show. A route dockerd has and the lab does not serve
 * says so (unserved.ts); a path dockerd does not know either answers as
 * dockerd does: 404 `{"message":"page not found"}`.
 *
 * The socket sits in a directory only its owner can enter, with mode 0600,
 * and is removed on stop. TCP is only for a learner who asks for it
 * (`tcpPort`), and then only on 127.0.0.1: no one else can reach the lab.
 */
export class ApiServer {
  private readonly servers: http.Server[] = [];
  private readonly routes: Route[] = [];
  /** Hijacked connections (attach, exec): the http server no longer closes them itself. */
  private readonly hijacked = new Set<Duplex>();
  private identifying: Disposable | undefined;

  constructor(private readonly engine: Engine, readonly socketPath: string, private readonly options: { tcpPort?: number } = {}) {
    this.servers.push(this.createServer());
    if (options.tcpPort !== undefined) this.servers.push(this.createServer());
    this.defineRoutes();
  }

  /** Where the TCP listener is (`tcp://127.0.0.1:PORT`), once started with a tcpPort. */
  get tcpAddress(): string | undefined {
    const address = this.servers[1]?.address();
    return address && typeof address === 'object' ? `tcp://${address.address}:${address.port}` : undefined;
  }

  /**
   * Listens on the socket (its directory is made private; a stale socket is
   * replaced, anything else at that path is refused), and on 127.0.0.1 when asked.
   */
  async start(): Promise<void> {
    fs.mkdirSync(path.dirname(this.socketPath), { recursive: true, mode: 0o700 });
    const existing = fs.lstatSync(this.socketPath, { throwIfNoEntry: false });
    if (existing && !existing.isSocket()) throw new Error(`${this.socketPath} exists and is not a socket`);
    if (existing) fs.unlinkSync(this.socketPath);
    await listen(this.servers[0], (server, done) => server.listen(this.socketPath, done));
    fs.chmodSync(this.socketPath, 0o600);
    const tcp = this.servers[1];
    if (tcp) await listen(tcp, (server, done) => server.listen(this.options.tcpPort, '127.0.0.1', done));
    this.identifyCallers();
  }

  /** Stops listening, ends open connections and removes the socket file. */
  async stop(): Promise<void> {
    this.identifying?.dispose();
    this.identifying = undefined;
    for (const socket of this.hijacked) socket.destroy();
    await Promise.all(this.servers.filter((server) => server.listening).map((server) => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }));
    if (fs.lstatSync(this.socketPath, { throwIfNoEntry: false })?.isSocket()) fs.unlinkSync(this.socketPath);
  }

  /**
   * A connection to this server inside the process, without a socket file:
   * the lab's own `curl --unix-socket /var/run/docker.sock` speaks HTTP over
   * it to the same routes the socket serves. Callers are named as on the
   * socket (the request's User-Agent).
   */
  connectInProcess(): Duplex {
    const [client, server] = duplexPair();
    this.identifyCallers();
    this.servers[0].emit('connection', server);
    return client;
  }

  /** Lets the engine ask who is calling (ApiCall.client), until stop. */
  private identifyCallers(): void {
    this.identifying ??= this.engine.identifyCallers(() => caller.getStore());
  }

  private createServer(): http.Server {
    const server = http.createServer((request, response) => caller.run(request.headers['user-agent'] ?? '', () => void this.serve(request, response)));
    server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) =>
      caller.run(request.headers['user-agent'] ?? '', () => this.upgrade(request, socket, head)));
    return server;
  }

  private readonly route: Router = (method, template, handler, options = {}) => {
    const names: string[] = [];
    const pattern = templatePattern(template, names);
    this.routes.push({ method, pattern, names, handler, options });
  };

  private defineRoutes(): void {
    systemRoutes(this.route, this.engine);
    containerRoutes(this.route, this.engine);
    execRoutes(this.route, this.engine);
    imageRoutes(this.route, this.engine);
    archiveRoutes(this.route, this.engine);
    buildRoutes(this.route, this.engine);
    eventRoutes(this.route, this.engine);
    volumeRoutes(this.route, this.engine);
    networkRoutes(this.route, this.engine);
  }

  private upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    this.hijacked.add(socket);
    socket.on('close', () => this.hijacked.delete(socket));
    const url = new URL(request.url ?? '/', 'http://docker');
    hijack(this.engine, request, socket, head, url.pathname.replace(/^\/v\d+\.\d+/, ''), url.searchParams);
  }

  private async serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    response.setHeader('Api-Version', API_VERSION);
    response.setHeader('Docker-Experimental', 'false');
    response.setHeader('Ostype', 'linux');
    response.setHeader('Server', `Docker/${ENGINE_VERSION.Version} (linux)`);
    const url = new URL(request.url ?? '/', 'http://docker');
    let pathname = url.pathname;
    const versioned = /^\/v(\d+\.\d+)(\/.*)$/.exec(pathname);
    if (versioned) {
      if (compareVersions(versioned[1], MIN_API_VERSION) < 0) {
        return sendError(response, 400, `client version ${versioned[1]} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`);
      }
      if (compareVersions(versioned[1], API_VERSION) > 0) {
        return sendError(response, 400, `client version ${versioned[1]} is too new. Maximum supported API version is ${API_VERSION}`);
      }
      pathname = versioned[2];
    }
    if (pathname === '/_ping') {
      response.setHeader('Builder-Version', '2');
      response.setHeader('Cache-Control', 'no-cache, no-store, must-revalidate');
      response.setHeader('Pragma', 'no-cache');
    }
    const method = request.method ?? 'GET';
    let match: { route: Route; values: RegExpExecArray } | undefined;
    for (const route of this.routes) {
      const values = route.pattern.exec(pathname);
      if (values && route.method === method) {
        match = { route, values };
        break;
      }
    }
    if (!match) {
      const unserved = unservedAnswer(method, pathname);
      return unserved ? sendError(response, unserved.status, unserved.message) : sendError(response, 404, 'page not found');
    }
    const options = match.route.options;
    let body: unknown;
    try {
      const bytes = await readBody(request, options.limit ?? MAX_JSON_BODY_BYTES);
      body = options.body === 'raw' ? bytes : parseJsonBody(bytes);
    } catch (error) {
      return sendError(response, error instanceof BodyTooLarge ? 413 : 400, errorText(error));
    }
    const params = Object.fromEntries(match.route.names.map((name, index) => [name, decodeURIComponent(match.values[index + 1])]));
    try {
      const reply = await match.route.handler({ params, query: url.searchParams, body, headers: request.headers });
      await sendReply(response, method, reply);
    } catch (error) {
      if (error instanceof NotModifiedError) {
        response.writeHead(304).end();
        return;
      }
      if (error instanceof EngineError) return sendError(response, error.statusCode, error.message);
      sendError(response, 500, errorText(error));
    }
  }
}

function listen(server: http.Server, start: (server: http.Server, done: () => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    start(server, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Two connected in-memory stream ends: what one writes, the other reads. */
function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const end = (other: () => Duplex) => new Duplex({
    read() { /* pushed by the other end */ },
    write(chunk: Buffer, _encoding, done) {
      other().push(chunk);
      done();
    },
    final(done) {
      other().push(null);
      done();
    },
    destroy(error, done) {
      const peer = other();
      if (!peer.destroyed) peer.destroy();
      done(error);
    },
  });
  ends.push(end(() => ends[1]), end(() => ends[0]));
  return [ends[0], ends[1]];
}
