import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiServer } from '../../../src/api/ApiServer';
import { Engine } from '../../../src/engine/Engine';

// A client for the lab's Engine API socket in tests, speaking as the docker
// CLI speaks: plain requests, and hijacked ones (`Upgrade: tcp`).

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request; `body` is sent as JSON when a string, as bytes (a tar) when a Buffer. */
export function call(socketPath: string, method: string, url: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const contentType: Record<string, string> = body === undefined ? {} : { 'Content-Type': typeof body === 'string' ? 'application/json' : 'application/x-tar' };
    const request = http.request({ socketPath, method, path: url, headers: { ...contentType, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

export const json = (answer: Answer): unknown => JSON.parse(answer.body.toString('utf8'));

/** `/v1.50` + url: the paths the docker CLI 28 calls. */
export const v = (url: string): string => `/v1.50${url}`;

/** A POST to a versioned path, with `body` as JSON when given. */
export const post = (socketPath: string, url: string, body?: unknown): Promise<Answer> =>
  call(socketPath, 'POST', v(url), body === undefined ? undefined : JSON.stringify(body));

/** A `filters` query value, as the CLI encodes filters.Args. */
export const filters = (value: unknown): string => encodeURIComponent(JSON.stringify(value));

/**
 * A hijacked call as the CLI makes it (`Upgrade: tcp`): `upgraded` settles
 * when the 101 arrives, `done` with everything the server sent until it closed.
 */
export function hijack(socketPath: string, url: string, body: string, stdin?: string): { upgraded: Promise<void>; done: Promise<Buffer> } {
  let upgraded!: () => void;
  const upgradedPromise = new Promise<void>((resolve) => { upgraded = resolve; });
  const done = new Promise<Buffer>((resolve, reject) => {
    const connection = net.connect(socketPath, () => {
      connection.write(`POST ${url} HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      if (stdin !== undefined) {
        connection.write(stdin);
        connection.end();
      }
    });
    const chunks: Buffer[] = [];
    connection.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) upgraded();
    });
    connection.on('close', () => resolve(Buffer.concat(chunks)));
    connection.on('error', reject);
  });
  return { upgraded: upgradedPromise, done };
}

/** The frames after the 101 response's headers: [stream, text]. */
export function frames(raw: Buffer): [number, string][] {
  let offset = raw.indexOf('\r\n\r\n') + 4;
  const out: [number, string][] = [];
  while (offset + 8 <= raw.length) {
    const length = raw.readUInt32BE(offset + 4);
    out.push([raw[offset], raw.subarray(offset + 8, offset + 8 + length).toString('utf8')]);
    offset += 8 + length;
  }
  return out;
}

/** An engine served on a socket in a private temporary directory, for one test. */
export interface ServedLab {
  readonly directory: string;
  readonly socket: string;
  readonly engine: Engine;
  readonly server: ApiServer;
  /** Removes every container (their timers would keep mocha from exiting), stops the server, deletes the directory. */
  close(): Promise<void>;
}

/** Serves `engine` (by default one whose pulls take no time) in a new private directory under the system temp folder. */
export async function serveLab(name: string, engine = new Engine({ pullSecondsPerMegabyte: 0 })): Promise<ServedLab> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `docker-lab-${name}-`));
  const socket = path.join(directory, 'run', 'docker.sock');
  const server = new ApiServer(engine, socket);
  await server.start();
  return {
    directory,
    socket,
    engine,
    server,
    async close() {
      for (const container of engine.containerList({ all: true })) await engine.containerDelete(container.Id, { force: true });
      await server.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
