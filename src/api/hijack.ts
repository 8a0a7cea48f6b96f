import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Engine } from '../engine/Engine';
import { EngineError } from '../engine/errors';
import { errorText, frame, truthy } from './wire';

/**
 * The hijacked calls (`Upgrade: tcp`): attach and exec start answer
 * `101 UPGRADED` and then carry the process's output on the raw
 * connection, framed by stream without a TTY, and its stdin the other way.
 * With a TTY (`-t`) the client sends raw keystrokes: the terminal's line
 * discipline (echo, erase, Ctrl+C, Ctrl+D) stands between them and the
 * process, which reads lines, and output lines end in CRLF.
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
  const send = (data: string | Buffer) => {
    if (!socket.destroyed && socket.writable) socket.write(data);
  };
  // What follows the headers is the request's body (Content-Length bytes), then the stdin stream.
  let bodyLeft = Number(request.headers['content-length'] ?? 0) || 0;
  const received: Buffer[] = [];
  let deliverInput: ((chunk: Buffer) => void) | undefined;
  const take = (chunk: Buffer) => {
    const skip = Math.min(bodyLeft, chunk.length);
    bodyLeft -= skip;
    const rest = chunk.subarray(skip);
    if (rest.length === 0) return;
    if (deliverInput) deliverInput(rest);
    else received.push(rest);
  };
  take(head);
  socket.on('data', take);
  socket.on('error', () => socket.destroy());
  /**
   * The client's stdin to the process. Without a TTY it comes in lines and
   * the client's half-close (its stdin ended) closes the process's stdin.
   * With one, the client going away only ends the attach: moby's
   * CopyStreams closes the process's stdin on EOF only without a TTY.
   */
  const carryStdin = (tty: boolean, deliver: (line: string | null) => void, signal: (name: string) => void) => {
    if (tty) {
      const discipline = new LineDiscipline(send, deliver, signal);
      deliverInput = (chunk) => discipline.input(chunk);
      socket.on('end', () => socket.end());
    } else {
      let buffer = '';
      deliverInput = (chunk) => {
        buffer += chunk.toString('utf8');
        for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
          deliver(buffer.slice(0, newline).replace(/\r$/, ''));
          buffer = buffer.slice(newline + 1);
        }
      };
      socket.on('end', () => deliver(null));
    }
    for (const chunk of received.splice(0)) deliverInput(chunk);
  };
  // The terminal's output processing (ONLCR): a line ends in CRLF.
  const output = (tty: boolean, stream: 'stdout' | 'stderr', text: string) => (tty ? text.replace(/\r?\n/g, '\r\n') : frame(stream, text));
  try {
    if (attach) {
      const config = engine.containerInspect(decodeURIComponent(attach[1])).Config;
      const tty = !!config?.Tty;
      upgraded();
      const id = engine.containerAttach(decodeURIComponent(attach[1]));
      const subscription = engine.onContainerOutput(({ id: from, entry }) => {
        if (from !== id || !truthy(query.get(entry.stream))) return;
        send(output(tty, entry.stream, entry.text));
      });
      // dockerd attaches stdin only to a container opened with it (`-i`).
      if (truthy(query.get('stdin')) && config?.OpenStdin) {
        // `docker run -i` attaches before it starts the container: what it sends first waits in
        // the container's stdin pipe, as dockerd's does, until there is a process to read it.
        const waiting: (string | null)[] = [];
        const write = (line: string | null) => {
          try {
            engine.containerWriteStdin(id, line);
          } catch {
            // The container is gone.
          }
        };
        const started = engine.isContainerRunning(id) ? undefined : engine.onEvent((event) => {
          if (event.Type !== 'container' || event.Action !== 'start' || event.Actor.ID !== id) return;
          started?.dispose();
          for (const line of waiting.splice(0)) write(line);
        });
        socket.on('close', () => started?.dispose());
        carryStdin(tty, (line) => {
          if (engine.isContainerRunning(id)) write(line);
          else waiting.push(line);
        }, (signal) => {
          try {
            engine.containerTerminalSignal(id, signal);
          } catch {
            // The container is gone.
          }
        });
      }
      void engine.containerWait(id, 'next-exit').then(() => socket.end(), () => socket.end()).finally(() => subscription.dispose());
      socket.on('close', () => subscription.dispose());
      return;
    }
    if (execStart) {
      const execId = decodeURIComponent(execStart[1]);
      const inspect = engine.execInspect(execId);
      const tty = !!inspect.ProcessConfig.tty;
      upgraded();
      const session = engine.execStart(execId, (stream, text) => send(output(tty, stream, text)));
      if (inspect.OpenStdin) carryStdin(tty, (line) => session.writeStdin(line), (signal) => session.signal(signal));
      void session.exited.then(() => socket.end(), () => socket.end());
      return;
    }
    fail(404, 'page not found');
  } catch (error) {
    if (error instanceof EngineError) fail(error.statusCode, error.message);
    else fail(500, errorText(error));
  }
}

/**
 * The canonical mode of the terminal dockerd gives a `-t` process, with a
 * Linux pty's defaults (ICRNL, ICANON, ECHO, ECHOE, ECHOK, ECHOCTL, ISIG):
 * the keys a client in raw mode sends become the lines the process reads.
 * Enter ends a line, Backspace and Ctrl+U erase, Ctrl+C and Ctrl+\ signal
 * (the line is thrown away), Ctrl+D on an empty line is end of input.
 * Escape sequences (arrow keys) are dropped: the lab's shells keep no
 * history to move through.
 */
class LineDiscipline {
  private line = '';
  private escape: 'none' | 'start' | 'sequence' = 'none';
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly echo: (text: string) => void,
    private readonly deliver: (line: string | null) => void,
    private readonly signal: (name: string) => void,
  ) {}

  input(chunk: Buffer): void {
    for (const character of this.decoder.write(chunk)) this.key(character);
  }

  private key(character: string): void {
    if (this.escape !== 'none') {
      // ESC [ or ESC O, then parameters up to a final byte in @..~.
      if (this.escape === 'start') this.escape = character === '[' || character === 'O' ? 'sequence' : 'none';
      else if (character >= '@' && character <= '~') this.escape = 'none';
      return;
    }
    switch (character) {
      case '\x1b':
        this.escape = 'start';
        return;
      case '\r':
      case '\n': {
        const line = this.line;
        this.line = '';
        this.echo('\r\n');
        this.deliver(line);
        return;
      }
      case '\x7f':
      case '\b':
        if (this.line) {
          this.line = [...this.line].slice(0, -1).join('');
          this.echo('\b \b');
        }
        return;
      case '\x15':
        this.echo('\b \b'.repeat([...this.line].length));
        this.line = '';
        return;
      case '\x03':
      case '\x1c':
        this.line = '';
        this.echo(character === '\x03' ? '^C' : '^\\');
        this.signal(character === '\x03' ? 'SIGINT' : 'SIGQUIT');
        return;
      case '\x04':
        // Ctrl+D hands over what was typed; on an empty line that is nothing: end of input.
        if (this.line === '') this.deliver(null);
        return;
      default:
        if (character < ' ' && character !== '\t') return;
        this.line += character;
        this.echo(character);
    }
  }
}
