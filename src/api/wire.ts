import type * as http from 'node:http';
import { InvalidParameterError } from '../engine/errors';
import { escapeLikeGo } from '../engine/util/goJsonEscape';

/**
 * The Engine API's wire forms, shared by the routes: what a handler answers
 * and how it goes out, dockerd's error body, the 8-byte stream frames, and
 * the way the daemon reads query values.
 */

export type Query = URLSearchParams;

export interface RouteRequest {
  params: Record<string, string>;
  query: Query;
  /** The parsed JSON body (`body: 'json'` routes, the default) or its bytes (`body: 'raw'`). */
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

/** What a handler answers: JSON (most), plain text, bytes, a stream, or nothing. */
export type Reply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { late: Promise<unknown> }
  | { raw: Buffer; contentType: string; headers?: Record<string, string> }
  /** A long answer: `run` writes until it settles, or until `closed` (the client went away) settles. */
  | { follow: string; run: (write: (chunk: Buffer) => void, closed: Promise<void>) => Promise<void> }
  | { status?: number; text: string; contentType?: string }
  | { status: number; empty: true; headers?: Record<string, string> }
  | { stream: (write: (message: unknown) => void) => Promise<void> };

export type Handler = (request: RouteRequest) => Promise<Reply> | Reply;

export interface RouteOptions {
  /** How the body is read: parsed as JSON (the default) or kept as bytes (tar archives). */
  body?: 'json' | 'raw';
  /** The largest body accepted, in bytes (default 4 MB). */
  limit?: number;
}

/** Where route modules put their routes. `{name}` may hold slashes (image references); other parameters may not. */
export type Router = (method: string, template: string, handler: Handler, options?: RouteOptions) => void;

export const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Reads a request's body, refusing more than `limit` bytes. */
export async function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge(`request body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A JSON body, or undefined for none; malformed JSON is the client's error. */
export function parseJsonBody(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`invalid JSON: ${errorText(error)}`);
  }
}

export async function sendReply(response: http.ServerResponse, method: string, reply: Reply): Promise<void> {
  if ('stream' in reply) {
    // Headers go out with the first message: a stream that fails before it
    // has written anything answers a plain error, as dockerd's pull does
    // (`if !output.Flushed() { return err }`), so the CLI says "Error response from daemon".
    const begin = () => {
      if (!response.headersSent) response.writeHead(200, { 'Content-Type': 'application/json' });
    };
    try {
      await reply.stream((message) => {
        begin();
        response.write(`${goJson(message)}\r\n`);
      });
      begin();
    } catch (error) {
      if (!response.headersSent) throw error;
      // A stream that has begun reports its failure in the stream.
      response.write(`${goJson({ errorDetail: { message: errorText(error) }, error: errorText(error) })}\r\n`);
    }
    response.end();
    return;
  }
  if ('late' in reply) {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.flushHeaders();
    try {
      response.end(`${goJson(await reply.late)}\n`);
    } catch (error) {
      response.end(`${JSON.stringify({ StatusCode: -1, Error: { Message: errorText(error) } })}\n`);
    }
    return;
  }
  if ('follow' in reply) {
    response.writeHead(200, { 'Content-Type': reply.follow });
    response.flushHeaders();
    let open = true;
    const closed = new Promise<void>((resolve) => response.on('close', () => {
      open = false;
      resolve();
    }));
    await reply.run((chunk) => { if (open) response.write(chunk); }, closed);
    response.end();
    return;
  }
  if ('raw' in reply) {
    response.writeHead(200, { 'Content-Type': reply.contentType, ...reply.headers });
    response.end(method === 'HEAD' ? undefined : reply.raw);
    return;
  }
  if ('empty' in reply) {
    response.writeHead(reply.status, reply.headers).end();
    return;
  }
  if ('json' in reply) {
    const text = `${goJson(reply.json)}\n`;
    response.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...reply.headers });
    response.end(method === 'HEAD' ? undefined : text);
    return;
  }
  response.writeHead(reply.status ?? 200, { 'Content-Type': reply.contentType ?? 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(reply.text) });
  response.end(method === 'HEAD' ? undefined : reply.text);
}

/** Errors as dockerd sends them: `{"message": ...}` with Content-Type application/json exactly. */
export function sendError(response: http.ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const text = `${goJson({ message })}\n`;
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** JSON as Go's encoding/json writes it (see escapeLikeGo). */
export function goJson(value: unknown): string {
  return escapeLikeGo(JSON.stringify(value));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Docker's stream framing without a TTY: a byte for the stream (1 stdout, 2 stderr), three zeros, the length big-endian, then the bytes. */
export function frame(stream: 'stdout' | 'stderr', text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream === 'stdout' ? 1 : 2;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** Go's strconv.ParseBool as the daemon reads boolean query values (`1`, `true`). */
export function truthy(value: string | null): boolean {
  return value !== null && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value);
}

/** `filters={"status":["running"]}` (or the old `{"status":{"running":true}}` form). */
export function parseFilters(value: string | null): Record<string, string[]> | undefined {
  if (!value) return undefined;
  let parsed: Record<string, string[] | Record<string, boolean>>;
  try {
    parsed = JSON.parse(value) as Record<string, string[] | Record<string, boolean>>;
  } catch {
    // filters.FromJSON's invalidFilter: no detail from the parser.
    throw new InvalidParameterError('invalid filter');
  }
  return Object.fromEntries(Object.entries(parsed).map(([key, values]) => [key, Array.isArray(values) ? values : Object.keys(values)]));
}

/** `t=10` and friends: a number, or undefined when absent. */
export function numberParam(query: Query, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new InvalidParameterError(`invalid value for ${name}: ${value}`);
  return parsed;
}

/**
 * A route's path template as a regular expression: `{id}` is one path
 * element, `{name}` may hold slashes (image references: library/nginx:1.28.0).
 * Each parameter is a capture group; `names` receives their names in order.
 */
export function templatePattern(template: string, names: string[] = []): RegExp {
  return new RegExp(`^${template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return name === 'name' ? '(.+?)' : '([^/]+)';
  })}$`);
}
