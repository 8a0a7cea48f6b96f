import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import type { Engine, ExecCreateRequest } from '../engine/Engine';
import { ENGINE_VERSION } from '../engine/Engine';
import { EngineError, NotModifiedError } from '../engine/errors';
import type { ContainerCreateRequest, ProgressMessage } from '../engine/types';

/** The highest API version the lab's daemon speaks (moby v28.2.2). */
export const API_VERSION = '1.50';
/** The oldest version it accepts, as dockerd 28 does. */
const MIN_API_VERSION = '1.24';
/** Request bodies larger than this are refused (the lab's requests are small JSON). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

type Query = URLSearchParams;
type Handler = (request: RouteRequest) => Promise<Reply> | Reply;

interface RouteRequest {
  params: Record<string, string>;
  query: Query;
  body: unknown;
}

/** What a handler answers: JSON (most), plain text, a stream of JSON messages, or nothing. */
type Reply =
  | { status?: number; json: unknown }
  | { late: Promise<unknown> }
  | { raw: Buffer; contentType: string }
  | { follow: string; run: (write: (chunk: Buffer) => void) => Promise<void> }
  | { status?: number; text: string; contentType?: string }
  | { status: number; empty: true }
  | { stream: (write: (message: unknown) => void) => Promise<void> };

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/**
 * The Docker Engine API (v1.50) over a unix socket, on the lab's engine:
 * the real docker CLI (or any SDK) pointed at it with
 * `DOCKER_HOST=unix://PATH` drives the same containers and images the lab
 * terminal and views show. What it does not serve yet answers as dockerd
 * answers an unknown route: 404 `{"message":"page not found"}`.
 *
 * The socket sits in a directory only its owner can enter, with mode 0600,
 * and is removed on stop.
 */
export class ApiServer {
  private readonly server: http.Server;
  private readonly routes: Route[] = [];

  constructor(private readonly engine: Engine, readonly socketPath: string) {
    this.server = http.createServer((request, response) => void this.serve(request, response));
    this.server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
    this.defineRoutes();
  }

  /** Listens on the socket (its directory is made private; a stale socket file is replaced). */
  async start(): Promise<void> {
    fs.mkdirSync(path.dirname(this.socketPath), { recursive: true, mode: 0o700 });
    if (fs.existsSync(this.socketPath)) fs.unlinkSync(this.socketPath);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.socketPath, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    fs.chmodSync(this.socketPath, 0o600);
  }

  /** Stops listening, ends open connections and removes the socket file. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (fs.existsSync(this.socketPath)) fs.unlinkSync(this.socketPath);
  }

  private route(method: string, template: string, handler: Handler): void {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      // Names may hold slashes (image references: library/nginx:1.28.0).
      return name === 'name' ? '(.+?)' : '([^/]+)';
    })}$`);
    this.routes.push({ method, pattern, names, handler });
  }

  private defineRoutes(): void {
    const e = this.engine;
    const ping = (): Reply => ({ text: 'OK' });
    this.route('GET', '/_ping', ping);
    this.route('HEAD', '/_ping', ping);
    this.route('GET', '/version', () => ({ json: versionBody(e) }));
    this.route('GET', '/info', () => ({ json: e.info() }));
    this.route('GET', '/system/df', () => ({ json: e.systemDataUsage() }));
    this.route('GET', '/containers/json', ({ query }) => ({
      json: e.containerList({
        all: truthy(query.get('all')),
        limit: query.has('limit') ? Number(query.get('limit')) : undefined,
        size: truthy(query.get('size')),
        filters: parseFilters(query.get('filters')),
      }),
    }));
    this.route('POST', '/containers/create', ({ query, body }) => ({
      status: 201,
      json: e.containerCreate(body as ContainerCreateRequest, query.get('name') ?? undefined),
    }));
    this.route('GET', '/containers/{id}/json', ({ params }) => ({ json: e.containerInspect(params.id) }));
    this.route('POST', '/containers/{id}/start', ({ params }) => {
      e.containerStart(params.id);
      return { status: 204, empty: true };
    });
    this.route('POST', '/containers/{id}/stop', async ({ params, query }) => {
      await e.containerStop(params.id, { signal: query.get('signal') ?? undefined, timeout: query.has('t') ? Number(query.get('t')) : undefined });
      return { status: 204, empty: true };
    });
    this.route('POST', '/containers/{id}/kill', ({ params, query }) => {
      e.containerKill(params.id, query.get('signal') || 'SIGKILL');
      return { status: 204, empty: true };
    });
    this.route('DELETE', '/containers/{id}', async ({ params, query }) => {
      await e.containerDelete(params.id, { force: truthy(query.get('force')) });
      return { status: 204, empty: true };
    });
    this.route('GET', '/containers/{id}/changes', ({ params }) => ({ json: e.containerChanges(params.id) }));
    this.route('POST', '/containers/{id}/restart', async ({ params, query }) => {
      await e.containerRestart(params.id, { signal: query.get('signal') ?? undefined, timeout: query.has('t') ? Number(query.get('t')) : undefined });
      return { status: 204, empty: true };
    });
    this.route('POST', '/containers/{id}/pause', ({ params }) => {
      e.containerPause(params.id);
      return { status: 204, empty: true };
    });
    this.route('POST', '/containers/{id}/unpause', ({ params }) => {
      e.containerUnpause(params.id);
      return { status: 204, empty: true };
    });
    this.route('POST', '/containers/{id}/rename', ({ params, query }) => {
      e.containerRename(params.id, query.get('name') ?? '');
      return { status: 204, empty: true };
    });
    // dockerd answers wait's headers at once and its body when the container exits.
    this.route('POST', '/containers/{id}/wait', ({ params, query }) => {
      e.containerId(params.id);
      // `removed` (docker run --rm) ends with the exit too: the lab removes an --rm container as it exits.
      const condition = query.get('condition') === 'next-exit' || query.get('condition') === 'removed' ? 'next-exit' : 'not-running';
      return { late: e.containerWait(params.id, condition).then((result) => ({ StatusCode: result.StatusCode })) };
    });
    this.route('POST', '/commit', ({ query }) => ({
      status: 201,
      json: e.containerCommit(query.get('container') ?? '', {
        repo: query.get('repo') ?? undefined,
        tag: query.get('tag') ?? undefined,
        comment: query.get('comment') ?? undefined,
        author: query.get('author') ?? undefined,
        changes: query.getAll('changes').flatMap((change) => change.split('\n')).filter((change) => change.trim() !== ''),
      }),
    }));
    this.route('GET', '/containers/{id}/logs', ({ params, query }) => {
      const tty = !!e.containerInspect(params.id).Config?.Tty;
      const entries = e.containerLogs(params.id, {
        stdout: truthy(query.get('stdout')),
        stderr: truthy(query.get('stderr')),
        tail: query.get('tail') && query.get('tail') !== 'all' ? Number(query.get('tail')) : undefined,
      });
      const timestamps = truthy(query.get('timestamps'));
      const chunks = entries.map((entry) => {
        const text = timestamps ? `${new Date(entry.time).toISOString().replace('Z', '000000Z')} ${entry.text}` : entry.text;
        return tty ? Buffer.from(text) : frame(entry.stream, text);
      });
      const contentType = tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream';
      if (!truthy(query.get('follow')) || !e.isContainerRunning(params.id)) return { raw: Buffer.concat(chunks), contentType };
      // --follow: what was logged, then what the container prints until it stops.
      const id = e.containerId(params.id);
      const wanted = (stream: 'stdout' | 'stderr') => truthy(query.get(stream));
      return {
        follow: contentType,
        run: (write: (chunk: Buffer) => void) => {
          write(Buffer.concat(chunks));
          const subscription = e.onContainerOutput(({ id: from, entry }) => {
            if (from !== id || !wanted(entry.stream)) return;
            const text = timestamps ? `${new Date(entry.time).toISOString().replace('Z', '000000Z')} ${entry.text}` : entry.text;
            write(tty ? Buffer.from(text) : frame(entry.stream, text));
          });
          return e.containerWait(id, 'not-running').then(() => subscription.dispose(), () => subscription.dispose());
        },
      };
    });
    this.route('POST', '/containers/{id}/exec', ({ params, body }) => ({ status: 201, json: e.execCreate(params.id, body as ExecCreateRequest) }));
    this.route('GET', '/exec/{id}/json', ({ params }) => ({ json: e.execInspect(params.id) }));
    // Without Upgrade: a detached exec (`docker exec -d`); its output goes nowhere.
    this.route('POST', '/exec/{id}/start', ({ params }) => {
      e.execStart(params.id, () => undefined);
      return { status: 200, empty: true };
    });
    this.route('POST', '/images/{name}/tag', ({ params, query }) => {
      const repo = query.get('repo') ?? '';
      const tag = query.get('tag');
      e.imageTag(params.name, tag ? `${repo}:${tag}` : repo);
      return { status: 201, empty: true };
    });
    this.route('DELETE', '/images/{name}', ({ params, query }) => ({ json: e.imageDelete(params.name, { force: truthy(query.get('force')) }) }));
    this.route('GET', '/images/json', ({ query }) => ({ json: e.imageList({ all: truthy(query.get('all')) }) }));
    this.route('GET', '/images/{name}/json', ({ params }) => ({ json: e.imageInspect(params.name) }));
    this.route('GET', '/images/{name}/history', ({ params }) => ({ json: e.imageHistory(params.name) }));
    this.route('POST', '/images/create', ({ query }) => {
      const image = query.get('fromImage') ?? '';
      const tag = query.get('tag');
      const reference = tag ? (tag.startsWith('sha256:') ? `${image}@${tag}` : `${image}:${tag}`) : image;
      return { stream: (write) => e.imagePull(reference, (message: ProgressMessage) => write(message)) };
    });
  }

  /**
   * The hijacked calls (`Upgrade: tcp`): attach and exec start answer
   * `101 UPGRADED` and then carry the process's output on the raw
   * connection, framed by stream without a TTY, and its stdin the other way.
   */
  private upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://docker');
    const pathname = url.pathname.replace(/^\/v\d+\.\d+/, '');
    const attach = /^\/containers\/([^/]+)\/attach$/.exec(pathname);
    const execStart = /^\/exec\/([^/]+)\/start$/.exec(pathname);
    const fail = (status: number, message: string) => {
      const text = `${JSON.stringify({ message })}\n`;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
    };
    const upgraded = () => socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
    // What follows the headers is the request's body (Content-Length bytes), then the stdin stream.
    let bodyLeft = Number(request.headers['content-length'] ?? 0) || 0;
    const received: Buffer[] = [];
    let deliverLines: ((chunk: Buffer) => void) | undefined;
    const take = (chunk: Buffer) => {
      const skip = Math.min(bodyLeft, chunk.length);
      bodyLeft -= skip;
      const rest = chunk.subarray(skip);
      if (rest.length === 0) return;
      if (deliverLines) deliverLines(rest);
      else received.push(rest);
    };
    take(head);
    socket.on('data', take);
    const lines = (deliver: (line: string | null) => void) => {
      let buffer = '';
      deliverLines = (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
          deliver(buffer.slice(0, newline).replace(/\r$/, ''));
          buffer = buffer.slice(newline + 1);
        }
      };
      for (const chunk of received.splice(0)) deliverLines(chunk);
      // The CLI half-closes its side when its stdin ends; output may still flow.
      socket.on('end', () => deliver(null));
    };
    try {
      if (attach) {
        const id = this.engine.containerId(decodeURIComponent(attach[1]));
        const tty = !!this.engine.containerInspect(id).Config?.Tty;
        const query = url.searchParams;
        upgraded();
        const subscription = this.engine.onContainerOutput(({ id: from, entry }) => {
          if (from !== id || socket.destroyed) return;
          if (entry.stream === 'stdout' ? !truthy(query.get('stdout')) : !truthy(query.get('stderr'))) return;
          socket.write(tty ? entry.text : frame(entry.stream, entry.text));
        });
        if (truthy(query.get('stdin'))) lines((line) => { try { this.engine.containerWriteStdin(id, line); } catch { /* gone */ } });
        void this.engine.containerWait(id, 'next-exit').then(() => socket.end(), () => socket.end()).finally(() => subscription.dispose());
        socket.on('close', () => subscription.dispose());
        return;
      }
      if (execStart) {
        const execId = decodeURIComponent(execStart[1]);
        const tty = !!this.engine.execInspect(execId).ProcessConfig.tty;
        upgraded();
        const session = this.engine.execStart(execId, (stream, text) => {
          if (!socket.destroyed) socket.write(tty ? text : frame(stream, text));
        });
        lines((line) => session.writeStdin(line));
        void session.exited.then(() => socket.end(), () => socket.end());
        return;
      }
      fail(404, 'page not found');
    } catch (error) {
      if (error instanceof EngineError) fail(error.statusCode, error.message);
      else fail(500, errorText(error));
    }
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
    if (!match) return sendError(response, 404, 'page not found');
    let body: unknown;
    try {
      body = await readJson(request);
    } catch (error) {
      return sendError(response, error instanceof BodyTooLarge ? 413 : 400, error instanceof Error ? error.message : String(error));
    }
    const params = Object.fromEntries(match.route.names.map((name, index) => [name, decodeURIComponent(match.values[index + 1])]));
    try {
      const reply = await match.route.handler({ params, query: url.searchParams, body });
      await sendReply(response, method, reply);
    } catch (error) {
      if (error instanceof NotModifiedError) {
        response.writeHead(304).end();
        return;
      }
      if (error instanceof EngineError) return sendError(response, error.statusCode, error.message);
      sendError(response, 500, error instanceof Error ? error.message : String(error));
    }
  }
}

/** `GET /version`: the daemon's facts with its API versions, as dockerd answers them. */
function versionBody(engine: Engine): Record<string, unknown> {
  const version = engine.version();
  return { ...version, ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION };
}

class BodyTooLarge extends Error {}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function sendReply(response: http.ServerResponse, method: string, reply: Reply): Promise<void> {
  if ('stream' in reply) {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    try {
      await reply.stream((message) => response.write(`${JSON.stringify(message)}\r\n`));
    } catch (error) {
      // A stream that has begun reports its failure in the stream, as dockerd does.
      response.write(`${JSON.stringify({ errorDetail: { message: errorText(error) }, error: errorText(error) })}\r\n`);
    }
    response.end();
    return;
  }
  if ('late' in reply) {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.flushHeaders();
    try {
      response.end(`${JSON.stringify(await reply.late)}\n`);
    } catch (error) {
      response.end(`${JSON.stringify({ StatusCode: -1, Error: { Message: errorText(error) } })}\n`);
    }
    return;
  }
  if ('follow' in reply) {
    response.writeHead(200, { 'Content-Type': reply.follow });
    response.flushHeaders();
    let open = true;
    response.on('close', () => { open = false; });
    await reply.run((chunk) => { if (open) response.write(chunk); });
    response.end();
    return;
  }
  if ('raw' in reply) {
    response.writeHead(200, { 'Content-Type': reply.contentType });
    response.end(method === 'HEAD' ? undefined : reply.raw);
    return;
  }
  if ('empty' in reply) {
    response.writeHead(reply.status).end();
    return;
  }
  if ('json' in reply) {
    const text = `${JSON.stringify(reply.json)}\n`;
    response.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    response.end(method === 'HEAD' ? undefined : text);
    return;
  }
  response.writeHead(reply.status ?? 200, { 'Content-Type': reply.contentType ?? 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(reply.text) });
  response.end(method === 'HEAD' ? undefined : reply.text);
}

/** Errors as dockerd sends them: `{"message": ...}` with Content-Type application/json exactly. */
function sendError(response: http.ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const text = `${JSON.stringify({ message })}\n`;
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Docker's stream framing without a TTY: a byte for the stream (1 stdout, 2 stderr), three zeros, the length big-endian, then the bytes. */
function frame(stream: 'stdout' | 'stderr', text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream === 'stdout' ? 1 : 2;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** Go's strconv.ParseBool as the daemon reads boolean query values (`1`, `true`). */
function truthy(value: string | null): boolean {
  return value !== null && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value);
}

/** `filters={"status":["running"]}` (or the old `{"status":{"running":true}}` form). */
function parseFilters(value: string | null): Record<string, string[]> | undefined {
  if (!value) return undefined;
  const parsed = JSON.parse(value) as Record<string, string[] | Record<string, boolean>>;
  return Object.fromEntries(Object.entries(parsed).map(([key, values]) => [key, Array.isArray(values) ? values : Object.keys(values)]));
}

function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
