import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Engine } from '../engine/Engine';
import { EngineError } from '../engine/errors';
import { errorText, frame, truthy } from './wire';

/**
 * The hijacked calls (`Upgrade: tcp`): attach and exec start answer
 * `101 UPGRADED` and then carry the process's output on the raw
 * connection, framed by stream without a TTY, and its stdin the other way.
 * `pathname` has had its version prefix taken off.
 */
export function hijack(engine: Engine, request: http.IncomingMessage, socket: Duplex, head: Buffer, pathname: string, query: URLSearchParams): void {
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
  socket.on('error', () => socket.destroy());
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
      const id = engine.containerId(decodeURIComponent(attach[1]));
      const tty = !!engine.containerInspect(id).Config?.Tty;
      upgraded();
      const subscription = engine.onContainerOutput(({ id: from, entry }) => {
        if (from !== id || socket.destroyed) return;
        if (!truthy(query.get(entry.stream))) return;
        socket.write(tty ? entry.text : frame(entry.stream, entry.text));
      });
      if (truthy(query.get('stdin'))) lines((line) => { try { engine.containerWriteStdin(id, line); } catch { /* the container is gone */ } });
      void engine.containerWait(id, 'next-exit').then(() => socket.end(), () => socket.end()).finally(() => subscription.dispose());
      socket.on('close', () => subscription.dispose());
      return;
    }
    if (execStart) {
      const execId = decodeURIComponent(execStart[1]);
      const tty = !!engine.execInspect(execId).ProcessConfig.tty;
      upgraded();
      const session = engine.execStart(execId, (stream, text) => {
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
