import * as assert from 'node:assert';
import * as net from 'node:net';
import { Engine } from '../../../src/engine/Engine';
import type { EventMessage } from '../../../src/engine/types';
import { call, frames, hijack, json, serveLab } from '../helpers/apiClient';
import type { ServedLab } from '../helpers/apiClient';

// `docker run -it` and `docker exec -it` through the socket: the resize
// calls (moby daemon/resize.go and the routers' Uint32Value), and the
// hijacked stream with a TTY, where the client sends raw keystrokes and the
// terminal's line discipline echoes them and hands the process lines.

/** A hijacked connection kept open, as the CLI keeps it: keys go one way, the terminal's output comes the other. */
function terminal(socketPath: string, url: string, body: string) {
  let received = '';
  let closed = false;
  const connection = net.connect(socketPath, () => {
    connection.write(`POST ${url} HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  connection.on('data', (chunk: Buffer) => { received += chunk.toString('utf8'); });
  connection.on('close', () => { closed = true; });
  /** What came after the 101's headers. */
  const screen = () => (received.includes('\r\n\r\n') ? received.slice(received.indexOf('\r\n\r\n') + 4) : '');
  return {
    screen,
    get closed() { return closed; },
    type: (keys: string) => connection.write(keys),
    hangUp: () => connection.end(),
    /** Waits (in real time) until the screen ends with `text`. */
    async waitFor(text: string): Promise<void> {
      for (let tries = 0; tries < 400 && !screen().endsWith(text); tries++) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.ok(screen().endsWith(text), `${JSON.stringify(screen())} should end with ${JSON.stringify(text)}`);
    },
    async waitForClose(): Promise<void> {
      for (let tries = 0; tries < 400 && !closed; tries++) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.ok(closed, 'the server closed the connection');
    },
  };
}

suite('Engine API: terminals (resize, -it)', () => {
  let lab: ServedLab;
  let socket: string;
  let engine: Engine;
  let events: EventMessage[];

  setup(async () => {
    lab = await serveLab('tty');
    ({ socket, engine } = lab);
    events = [];
    engine.onEvent((event) => events.push(event));
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
  });

  teardown(async () => {
    await lab.close();
  });

  test('container resize: 200 with no body and a resize event; the daemon\'s 400, 404 and 409', async () => {
    const { Id } = json(await call(socket, 'POST', '/v1.50/containers/create?name=box', JSON.stringify({ Image: 'alpine', Cmd: ['sleep', '1000'] }))) as { Id: string };
    const stopped = await call(socket, 'POST', '/v1.50/containers/box/resize?h=40&w=120');
    assert.deepStrictEqual([stopped.status, json(stopped)], [409, { message: `container ${Id} is not running` }]);
    await call(socket, 'POST', '/v1.50/containers/box/start');
    const resized = await call(socket, 'POST', '/v1.50/containers/box/resize?h=40&w=120');
    assert.deepStrictEqual([resized.status, resized.body.length], [200, 0]);
    const last = events[events.length - 1];
    assert.deepStrictEqual([last.Action, last.Actor.Attributes.height, last.Actor.Attributes.width], ['resize', '40', '120']);
    const cases: [string, string][] = [
      ['h=x&w=1', 'invalid resize height "x": invalid syntax'],
      ['h=-1&w=1', 'invalid resize height "-1": value out of range'],
      ['h=4294967296&w=1', 'invalid resize height "4294967296": value out of range'],
      ['h=%2B1&w=1', 'invalid resize height "+1": invalid syntax'],
      ['h=1', 'invalid resize width "": invalid syntax'],
    ];
    for (const [query, message] of cases) {
      const answer = await call(socket, 'POST', `/v1.50/containers/box/resize?${query}`);
      assert.deepStrictEqual([query, answer.status, json(answer)], [query, 400, { message }]);
    }
    const unknown = await call(socket, 'POST', '/v1.50/containers/nosuch/resize?h=1&w=1');
    assert.deepStrictEqual([unknown.status, json(unknown)], [404, { message: 'No such container: nosuch' }]);
  });

  test('exec -it: keys echo, Backspace erases, Enter runs the line, Ctrl+C interrupts, output lines end in CRLF; resize works once started', async () => {
    await call(socket, 'POST', '/v1.50/containers/create?name=box', JSON.stringify({ Image: 'alpine', Cmd: ['sleep', '1000'] }));
    await call(socket, 'POST', '/v1.50/containers/box/start');
    const exec = json(await call(socket, 'POST', '/v1.50/containers/box/exec', JSON.stringify({ Cmd: ['sh'], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true }))) as { Id: string };
    const unknown = await call(socket, 'POST', '/v1.50/exec/nosuch/resize?h=1&w=1');
    assert.deepStrictEqual([unknown.status, json(unknown)], [404, { message: 'No such exec instance: nosuch' }]);
    const shell = terminal(socket, `/v1.50/exec/${exec.Id}/start`, JSON.stringify({ Detach: false, Tty: true }));
    await shell.waitFor('/ # ');
    assert.strictEqual((await call(socket, 'POST', `/v1.50/exec/${exec.Id}/resize?h=40&w=120`)).status, 200);
    shell.type('ech\x7f\x7fcho  one two\r');
    await shell.waitFor('one two\r\n/ # ');
    assert.strictEqual(shell.screen(), '/ # ech\b \b\b \bcho  one two\r\none two\r\n/ # ');
    shell.type('sleep 100\r');
    await shell.waitFor('sleep 100\r\n');
    shell.type('\x03');
    await shell.waitFor('^C\r\n/ # ');
    shell.type('exit\r');
    await shell.waitForClose();
    assert.strictEqual((json(await call(socket, 'GET', `/v1.50/exec/${exec.Id}/json`)) as { ExitCode: number }).ExitCode, 130, 'exit gives the interrupted sleep\'s status');
  });

  test('run -i without a TTY: stdin sent before the start waits for the process; the client\'s half-close ends it', async () => {
    const request = { Image: 'alpine', Cmd: ['sh'], OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true };
    const { Id } = json(await call(socket, 'POST', '/v1.50/containers/create', JSON.stringify(request))) as { Id: string };
    const attached = hijack(socket, `/v1.50/containers/${Id}/attach?stream=1&stdin=1&stdout=1&stderr=1`, '', 'echo piped\n');
    await attached.upgraded;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await call(socket, 'POST', `/v1.50/containers/${Id}/start`);
    assert.deepStrictEqual(frames(await attached.done), [[1, 'piped\n']]);
    assert.deepStrictEqual(await engine.containerWait(Id), { StatusCode: 0 });
  });

  test('run -it: attach with a TTY, then Ctrl+D ends the shell; a client that hangs up leaves a TTY container running', async () => {
    const request = { Image: 'alpine', Cmd: ['sh'], Tty: true, OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true };
    const { Id } = json(await call(socket, 'POST', '/v1.50/containers/create?name=it', JSON.stringify(request))) as { Id: string };
    const attached = terminal(socket, `/v1.50/containers/${Id}/attach?stream=1&stdin=1&stdout=1&stderr=1`, '');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await call(socket, 'POST', `/v1.50/containers/${Id}/start`);
    await attached.waitFor('/ # ');
    assert.strictEqual((await call(socket, 'POST', `/v1.50/containers/${Id}/resize?h=24&w=80`)).status, 200);
    attached.type('echo hi\r');
    await attached.waitFor('hi\r\n/ # ');
    assert.deepStrictEqual(events.filter((e) => e.Actor.ID === Id).map((e) => e.Action).filter((a) => ['create', 'attach', 'start', 'resize'].includes(a)), ['create', 'attach', 'start', 'resize']);
    attached.hangUp();
    await attached.waitForClose();
    assert.strictEqual(engine.isContainerRunning(Id), true, 'with a TTY, the client going away does not close the container\'s stdin');
    const again = terminal(socket, `/v1.50/containers/${Id}/attach?stream=1&stdin=1&stdout=1&stderr=1`, '');
    await new Promise((resolve) => setTimeout(resolve, 20));
    again.type('\x04');
    await again.waitForClose();
    assert.deepStrictEqual(await engine.containerWait(Id), { StatusCode: 0 });
  });
});
