import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiServer } from '../../../src/api/ApiServer';
import { ManualClock } from '../../../src/engine/Clock';
import { Engine } from '../../../src/engine/Engine';
import type { Disposable, Event } from '../../../src/engine/Emitter';
import type { EventMessage } from '../../../src/engine/types';
import { seededRandom } from '../../../src/engine/util/seededRandom';
import { call, json } from '../helpers/apiClient';

// GET /events as moby v28.2.2's getEvents serves `docker events`: JSON
// lines, the kept events between since and until, then live ones until
// `until` or until the client leaves; daemon/events/filter.go's filters.

interface Followed {
  lines: Record<string, unknown>[];
  ended: Promise<void>;
  close(): void;
  status: Promise<{ status: number; contentType: string | undefined }>;
}

/** A long GET, its JSON lines collected as they come. */
function follow(socketPath: string, url: string): Followed {
  const lines: Record<string, unknown>[] = [];
  let resolveStatus!: (value: { status: number; contentType: string | undefined }) => void;
  const status = new Promise<{ status: number; contentType: string | undefined }>((resolve) => { resolveStatus = resolve; });
  let request!: http.ClientRequest;
  const ended = new Promise<void>((resolve) => {
    request = http.get({ socketPath, path: url }, (response) => {
      resolveStatus({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] });
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
          lines.push(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
          buffer = buffer.slice(newline + 1);
        }
      });
      response.on('end', () => resolve());
      response.on('close', () => resolve());
    });
    request.on('error', () => resolve());
  });
  return { lines, ended, status, close: () => request.destroy() };
}

/** Waits (in real time: the socket is real) until `condition` holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const lines = (body: Buffer) => body.toString().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
const actions = (events: Record<string, unknown>[]) => events.map((event) => event.Action);
const filtersParam = (filters: unknown) => encodeURIComponent(JSON.stringify(filters));

suite('Engine API: events', () => {
  let directory: string;
  let socket: string;
  let server: ApiServer;
  let clock: ManualClock;
  let engine: Engine;
  let subscribed: number;
  /** Unix seconds of the events made in setup (the clock stands still). */
  let t0: number;

  setup(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-lab-events-'));
    socket = path.join(directory, 'docker.sock');
    clock = new ManualClock();
    engine = new Engine({ clock, random: seededRandom(3), pullSecondsPerMegabyte: 0 });
    // Counts the route's live subscriptions, to see them go when the client does.
    subscribed = 0;
    const onEvent = engine.onEvent;
    (engine as { onEvent: Event<EventMessage> }).onEvent = (listener): Disposable => {
      subscribed++;
      const subscription = onEvent(listener);
      return { dispose: () => { subscribed--; subscription.dispose(); } };
    };
    t0 = clock.now() / 1000;
    await clock.settle(engine.imagePull('alpine:latest'));
    engine.containerCreate({ Image: 'alpine', Cmd: ['sleep', '1000'], Labels: { team: 'a' } }, 'box');
    engine.imageTag('alpine', 'mine:1');
    await clock.advance(2000);
    server = new ApiServer(engine, socket);
    await server.start();
  });

  teardown(async () => {
    await server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  test('since and until in the past: the kept events, oldest first, as dockerd encodes them; then the stream ends', async () => {
    const answer = await call(socket, 'GET', `/v1.50/events?since=0&until=${t0 + 1}`);
    assert.deepStrictEqual([answer.status, answer.headers['content-type']], [200, 'application/json']);
    const events = lines(answer.body);
    assert.deepStrictEqual(actions(events), ['pull', 'create', 'tag']);
    const imageId = engine.imageInspect('alpine').Id;
    const boxId = engine.containerId('box');
    // Go's field order, with the deprecated status/id/from of container and image events first.
    assert.strictEqual(answer.body.toString().split('\n')[1], JSON.stringify({
      status: 'create', id: boxId, from: 'alpine', Type: 'container', Action: 'create',
      Actor: { ID: boxId, Attributes: { image: 'alpine', name: 'box', team: 'a' } },
      scope: 'local', time: t0, timeNano: t0 * 1e9,
    }));
    assert.deepStrictEqual(Object.keys(events[0]), ['status', 'id', 'Type', 'Action', 'Actor', 'scope', 'time', 'timeNano']);
    assert.deepStrictEqual(events[2], {
      status: 'tag', id: imageId, Type: 'image', Action: 'tag', Actor: { ID: imageId, Attributes: { name: 'mine:1' } },
      scope: 'local', time: t0, timeNano: t0 * 1e9,
    });
    assert.strictEqual(subscribed, 0, 'an until already past subscribes to nothing');
  });

  test('since alone, until alone, and fractional seconds bound the kept events to the nanosecond', async () => {
    assert.deepStrictEqual(actions(lines((await call(socket, 'GET', `/v1.50/events?until=${t0}.000000000`)).body)), ['pull', 'create', 'tag']);
    assert.deepStrictEqual(actions(lines((await call(socket, 'GET', `/v1.50/events?since=${t0}.000000001&until=${t0 + 1}`)).body)), []);
    assert.deepStrictEqual(actions(lines((await call(socket, 'GET', `/v1.50/events?since=${t0 - 1}.5&until=${t0}`)).body)), ['pull', 'create', 'tag']);
  });

  test('filters: container and other named types by ID or name prefix, event, type, image with or without its tag, label', async () => {
    const kept = async (filters: unknown) => actions(lines((await call(socket, 'GET', `/v1.50/events?since=0&until=${t0 + 1}&filters=${filtersParam(filters)}`)).body));
    assert.deepStrictEqual(await kept({ container: ['bo'] }), ['create']);
    assert.deepStrictEqual(await kept({ container: [engine.containerId('box').slice(0, 6)] }), ['create']);
    assert.deepStrictEqual(await kept({ container: ['other'] }), []);
    assert.deepStrictEqual(await kept({ event: ['tag', 'pull'] }), ['pull', 'tag']);
    assert.deepStrictEqual(await kept({ type: ['image'] }), ['pull', 'tag']);
    // The tag event names mine:1, so an alpine filter does not take it; the container's image is alpine.
    assert.deepStrictEqual(await kept({ image: ['alpine'] }), ['pull', 'create']);
    assert.deepStrictEqual(await kept({ image: ['mine'] }), ['tag']);
    assert.deepStrictEqual(await kept({ label: ['team=a'] }), ['create']);
    assert.deepStrictEqual(await kept({ label: ['team=b'] }), []);
    // The old `{"key":{"value":true}}` form, and keys the daemon does not know (they select nothing out).
    assert.deepStrictEqual(await kept({ type: { container: true } }), ['create']);
    assert.deepStrictEqual(await kept({ nonsense: ['x'] }), ['pull', 'create', 'tag']);
  });

  test('event=exec_create matches `exec_create: <command>`; exec events carry the exec\'s ID', async () => {
    engine.containerStart('box');
    const exec = engine.execCreate('box', { Cmd: ['ls', '-l'] });
    await clock.advance(1000);
    const events = lines((await call(socket, 'GET', `/v1.50/events?since=0&until=${t0 + 2}&filters=${filtersParam({ event: ['exec_create'] })}`)).body);
    assert.deepStrictEqual(events.map((event) => [event.Action, (event.Actor as { Attributes: Record<string, string> }).Attributes.execID]), [['exec_create: ls -l', exec.Id]]);
  });

  test('until in the future: the kept events (until alone keeps the past ones), then live ones until it comes', async () => {
    const live = follow(socket, `/v1.50/events?until=${t0 + 7}`);
    assert.deepStrictEqual(await live.status, { status: 200, contentType: 'application/json' });
    await until(() => subscribed === 1 && live.lines.length === 3, 'the kept events');
    engine.containerStart('box');
    await until(() => live.lines.length > 3, 'the start event');
    assert.deepStrictEqual(actions(live.lines).slice(3).filter((action) => action === 'start'), ['start']);
    await clock.advance(4999);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.strictEqual(subscribed, 1, 'still following a millisecond before until');
    await clock.advance(1);
    await live.ended;
    await until(() => subscribed === 0, 'the subscription to go');
  });

  test('live without bounds: only new events, filtered; the subscription goes when the client does', async () => {
    const live = follow(socket, `/v1.50/events?filters=${filtersParam({ type: ['container'] })}`);
    await live.status;
    await until(() => subscribed === 1, 'the subscription');
    engine.imageTag('alpine', 'mine:2');
    engine.containerRename('box', 'crate');
    await until(() => live.lines.length === 1, 'the rename event');
    assert.deepStrictEqual(actions(live.lines), ['rename']);
    assert.strictEqual((live.lines[0].Actor as { Attributes: Record<string, string> }).Attributes.oldName, '/box');
    live.close();
    await live.ended;
    await until(() => subscribed === 0, 'the subscription to go');
  });

  test('errors: since after until is 400, a malformed time 500 with Go\'s message, a malformed filter 400', async () => {
    const backwards = await call(socket, 'GET', '/v1.50/events?since=10&until=5');
    assert.deepStrictEqual([backwards.status, json(backwards)], [400, { message: '`since` time (10) cannot be after `until` time (5)' }]);
    const malformed = await call(socket, 'GET', '/v1.50/events?since=soon');
    assert.deepStrictEqual([malformed.status, json(malformed)], [500, { message: 'strconv.ParseInt: parsing "soon": invalid syntax' }]);
    const filters = await call(socket, 'GET', '/v1.50/events?filters=nope');
    assert.deepStrictEqual([filters.status, json(filters)], [400, { message: 'invalid filter' }]);
  });
});
