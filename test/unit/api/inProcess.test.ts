import * as assert from 'node:assert';
import { inProcessDaemonSocket } from '../../../src/api/inProcess';
import type { CommandIO } from '../../../src/cli/CommandIO';
import { Emitter } from '../../../src/engine/Emitter';
import { Engine } from '../../../src/engine/Engine';
import type { ApiCall } from '../../../src/engine/operations';
import { curl } from '../../../src/shell/curl';

// The lab shell's `curl --unix-socket /var/run/docker.sock`: the Engine API
// served inside the process over an in-memory connection, so a learner sees
// the requests the docker CLI sends and what the daemon answers.

function terminal() {
  const out = { stdout: '', stderr: '' };
  const interrupt = new Emitter<void>();
  const io: CommandIO = {
    stdout: { write: (text) => { out.stdout += text; } },
    stderr: { write: (text) => { out.stderr += text; } },
    stdin: { readLine: async () => null },
    isTTY: true,
    columns: 80,
    onInterrupt: interrupt.event,
  };
  return { io, out, interrupt };
}

suite('curl --unix-socket /var/run/docker.sock: the Engine API in process', () => {
  const noPorts = () => undefined;

  test('the containers the lab runs, as GET /containers/json answers them; -i shows the daemon\'s head; the call is curl\'s', async () => {
    const engine = new Engine({ pullSecondsPerMegabyte: 0 });
    await engine.imagePull('alpine:latest');
    engine.containerCreate({ Image: 'alpine', Cmd: ['true'] }, 'box');
    const calls: ApiCall[] = [];
    engine.onApiCall((call) => calls.push(call));
    const { io, out } = terminal();

    const status = await curl(['-i', '--unix-socket', '/var/run/docker.sock', 'http://localhost/v1.50/containers/json?all=1'], io, noPorts, inProcessDaemonSocket(engine));

    assert.strictEqual(status, 0);
    const [head, body] = out.stdout.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 200 OK\r\nApi-Version: 1\.50\r\n/);
    assert.match(head, /\r\nContent-Type: application\/json\r\n/);
    assert.deepStrictEqual((JSON.parse(body) as { Names: string[] }[]).map((c) => c.Names), [['/box']]);
    assert.deepStrictEqual(calls.map((call) => [call.operation, call.client]), [['ContainerList', 'curl/8.14.1']]);
  });

  test('a socket the host does not have: curl 8\'s exit 7; without sockets at all, the same', async () => {
    const engine = new Engine();
    for (const socket of [inProcessDaemonSocket(engine), undefined]) {
      const { io, out } = terminal();
      const status = await curl(['--unix-socket', '/tmp/other.sock', 'http://localhost/_ping'], io, noPorts, socket);
      assert.deepStrictEqual([status, out.stdout, out.stderr], [7, '', 'curl: (7) Failed to connect to localhost port 80 after 0 ms: Could not connect to server\n']);
    }
  });

  test('GET /events prints each event as it happens, until Ctrl+C (130)', async () => {
    const engine = new Engine({ pullSecondsPerMegabyte: 0 });
    await engine.imagePull('alpine:latest');
    const { io, out, interrupt } = terminal();
    const running = curl(['--unix-socket', '/var/run/docker.sock', 'http://localhost/events'], io, noPorts, inProcessDaemonSocket(engine));
    // The stream is open before anything happens: the create arrives while curl waits.
    await new Promise((resolve) => setTimeout(resolve, 50));
    engine.containerCreate({ Image: 'alpine', Cmd: ['true'] }, 'late');
    await waitFor(() => out.stdout.includes('"Action":"create"'));
    interrupt.fire();
    assert.strictEqual(await running, 130);
    const event = JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '') as { Type: string; Action: string; Actor: { Attributes: { name: string } } };
    assert.deepStrictEqual([event.Type, event.Action, event.Actor.Attributes.name], ['container', 'create', 'late']);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'timed out');
}
