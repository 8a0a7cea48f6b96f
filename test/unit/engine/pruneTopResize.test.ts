import * as assert from 'node:assert';
import { ManualClock } from '../../../src/engine/Clock';
import { Engine } from '../../../src/engine/Engine';
import { ConflictError, InvalidParameterError, NotFoundError, NotImplementedError, SystemError } from '../../../src/engine/errors';
import type { EventMessage } from '../../../src/engine/types';
import { seededRandom } from '../../../src/engine/util/seededRandom';
import { runDocker } from '../../../src/cli/runDocker';

// The daemon's prunes (moby daemon/prune.go, daemon/images/image_prune.go),
// `docker top` (daemon/top_unix.go) and the terminal resizes
// (daemon/resize.go), on the engine itself.

async function lab(...images: string[]) {
  const clock = new ManualClock();
  const engine = new Engine({ clock, random: seededRandom(11), pullSecondsPerMegabyte: 0 });
  for (const image of images) await clock.settle(engine.imagePull(image));
  const events: EventMessage[] = [];
  engine.onEvent((event) => events.push(event));
  return { clock, engine, events };
}

/** Creates and starts a container, then lets it run to its end (or until it waits). */
async function started(clock: ManualClock, engine: Engine, name: string, cmd: string[], labels: Record<string, string> = {}, extra: Record<string, unknown> = {}): Promise<string> {
  const { Id } = engine.containerCreate({ Image: 'alpine', Cmd: cmd, Labels: labels, ...extra }, name);
  engine.containerStart(Id);
  await clock.advance(0);
  return Id;
}

const is = <T>(kind: new (...args: never[]) => T, message: string) => (error: unknown) => error instanceof kind && (error as Error).message === message;

suite('Engine: container prune', () => {
  test('removes every container that is not running, newest first, and adds up their writable layers', async () => {
    const { clock, engine, events } = await lab('alpine:latest');
    const created = engine.containerCreate({ Image: 'alpine', Cmd: ['true'] }, 'fresh').Id;
    await clock.advance(1000);
    const exited = await started(clock, engine, 'writer', ['sh', '-c', 'echo hello > /greeting']);
    await clock.settle(engine.containerWait(exited));
    const running = await started(clock, engine, 'sleeper', ['sleep', '1000']);
    const written = engine.containerList({ all: true, size: true }).find((c) => c.Id === exited)?.SizeRw;
    events.length = 0;
    const report = engine.containerPrune();
    assert.deepStrictEqual(report, { ContainersDeleted: [exited, created], SpaceReclaimed: written });
    assert.ok(written !== undefined && written > 0, 'the exited container wrote a file');
    assert.deepStrictEqual(engine.containerList({ all: true }).map((c) => c.Id), [running]);
    assert.deepStrictEqual(events.map((e) => [e.Type, e.Action, e.Actor.ID]), [['container', 'destroy', exited], ['container', 'destroy', created], ['container', 'prune', '']]);
    assert.deepStrictEqual(events[2].Actor.Attributes, { reclaimed: String(written) });
  });

  test('with nothing to remove: ContainersDeleted is null, and the prune event still comes', async () => {
    const { engine, events } = await lab('alpine:latest');
    assert.deepStrictEqual(engine.containerPrune(), { ContainersDeleted: null, SpaceReclaimed: 0 });
    assert.deepStrictEqual(events.map((e) => [e.Action, e.Actor.Attributes]), [['prune', { reclaimed: '0' }]]);
  });

  test('label, label! and until choose which go', async () => {
    const { clock, engine } = await lab('alpine:latest');
    const old = engine.containerCreate({ Image: 'alpine', Cmd: ['true'], Labels: { team: 'a' } }, 'old').Id;
    await clock.advance(3600_000);
    const recent = engine.containerCreate({ Image: 'alpine', Cmd: ['true'], Labels: { team: 'b' } }, 'recent').Id;
    const plain = engine.containerCreate({ Image: 'alpine', Cmd: ['true'] }, 'plain').Id;
    assert.deepStrictEqual(engine.containerPrune({ label: ['team=b'] }).ContainersDeleted, [recent]);
    assert.deepStrictEqual(engine.containerPrune({ until: ['30m'] }).ContainersDeleted, [old]);
    const again = engine.containerCreate({ Image: 'alpine', Cmd: ['true'], Labels: { team: 'c' } }, 'again').Id;
    assert.deepStrictEqual(engine.containerPrune({ 'label!': ['team'] }).ContainersDeleted, [plain]);
    assert.deepStrictEqual(engine.containerPrune({ label: ['team'] }).ContainersDeleted, [again]);
  });

  test('unknown filters and malformed until values are the client\'s errors', async () => {
    const { engine } = await lab('alpine:latest');
    assert.throws(() => engine.containerPrune({ status: ['exited'] }), is(InvalidParameterError, "invalid filter 'status'"));
    assert.throws(() => engine.containerPrune({ until: ['1h', '2h'] }), is(InvalidParameterError, 'more than one until filter specified'));
    assert.throws(() => engine.containerPrune({ until: ['soon'] }), is(InvalidParameterError, 'failed to parse value as time or duration: "soon"'));
  });
});

suite('Engine: image prune', () => {
  test('dangling (the default): only the images no tag names; a re-used tag leaves its old image dangling', async () => {
    const { clock, engine, events } = await lab('alpine:latest');
    const box = await started(clock, engine, 'box', ['sleep', '1000']);
    await clock.settle(engine.execStart(engine.execCreate(box, { Cmd: ['sh', '-c', 'echo one > /note'] }).Id, () => undefined).exited);
    const first = engine.containerCommit(box, { repo: 'mine', tag: 'v1' }).Id;
    await clock.settle(engine.execStart(engine.execCreate(box, { Cmd: ['sh', '-c', 'echo two two > /note'] }).Id, () => undefined).exited);
    const second = engine.containerCommit(box, { repo: 'mine', tag: 'v1' }).Id;
    const firstLayer = engine.imageInspect(first).RootFS.Layers.length;
    assert.strictEqual(firstLayer, 2);
    const layers = engine.imageLayers(first);
    const own = layers[layers.length - 1];
    events.length = 0;
    const report = engine.imagePrune();
    assert.deepStrictEqual(report, { ImagesDeleted: [{ Deleted: first }, { Deleted: own.chainId }], SpaceReclaimed: own.size });
    assert.deepStrictEqual(engine.imageList().map((i) => i.Id).sort(), [second, engine.imageInspect('alpine').Id].sort());
    assert.deepStrictEqual(events.map((e) => [e.Type, e.Action]), [['image', 'delete'], ['image', 'prune']]);
    assert.deepStrictEqual(events[1].Actor, { ID: '', Attributes: { reclaimed: String(own.size) } });
  });

  test('dangling=false: every image no container uses goes, untagged first; a used one keeps its tag', async () => {
    const { clock, engine } = await lab('alpine:latest', 'hello-world:latest');
    await started(clock, engine, 'box', ['true']);
    const hello = engine.imageInspect('hello-world').Id;
    const helloLayers = engine.imageLayers('hello-world');
    const report = engine.imagePrune({ dangling: ['false'] });
    assert.deepStrictEqual(report.ImagesDeleted, [
      { Untagged: 'hello-world:latest' },
      { Untagged: 'hello-world@sha256:5e23090353324d887c48ad5e5c56d294eab81588df9605b07d1afe895f9cc8f8' },
      { Deleted: hello },
      ...helloLayers.map((layer) => ({ Deleted: layer.chainId })).reverse(),
    ]);
    assert.strictEqual(report.SpaceReclaimed, helloLayers.reduce((sum, layer) => sum + layer.size, 0));
    assert.deepStrictEqual(engine.imageList().map((i) => i.RepoTags), [['alpine:latest']]);
    assert.deepStrictEqual(engine.imagePrune({ dangling: ['false'] }), { ImagesDeleted: null, SpaceReclaimed: 0 });
  });

  test('filters: dangling must say true or false, until and labels select, other keys are refused', async () => {
    const { engine } = await lab('alpine:latest');
    assert.throws(() => engine.imagePrune({ dangling: ['maybe'] }), is(InvalidParameterError, "invalid filter 'dangling=[maybe]'"));
    assert.throws(() => engine.imagePrune({ reference: ['alpine'] }), is(InvalidParameterError, "invalid filter 'reference'"));
    // Unlike the containers' prune, a bad until is a plain (500) error.
    assert.throws(() => engine.imagePrune({ until: ['soon'] }), is(SystemError, 'failed to parse value as time or duration: "soon"'));
    assert.deepStrictEqual(engine.imagePrune({ dangling: ['false'], label: ['nosuch'] }).ImagesDeleted, null);
    // alpine was built long before the lab's clock: an until of an hour ago still takes it.
    assert.deepStrictEqual(engine.imagePrune({ dangling: ['false'], until: ['1h'] }).ImagesDeleted?.[0], { Untagged: 'alpine:latest' });
  });
});

suite('Engine: top', () => {
  test('-ef (the default): host PIDs, the shim as the main process\'s parent, nginx workers as its children, and a top event', async () => {
    const { clock, engine, events } = await lab('nginx:1.28.0');
    const { Id } = engine.containerCreate({ Image: 'nginx:1.28.0' }, 'web');
    engine.containerStart(Id);
    await clock.advance(0);
    const pid = engine.containerInspect(Id).State?.Pid ?? 0;
    const top = engine.containerTop('web');
    assert.deepStrictEqual(top.Titles, ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    assert.deepStrictEqual(top.Processes[0], ['root', String(pid), String(pid - 21), '0', '09:00', '?', '00:00:00', 'nginx: master process nginx -g daemon off;']);
    assert.deepStrictEqual(top.Processes.slice(1).map((row) => [row[0], row[2], row[7]]), Array(4).fill(['101', String(pid), 'nginx: worker process']));
    assert.deepStrictEqual(events.slice(-1).map((e) => [e.Action, e.Actor.ID, e.Actor.Attributes.name]), [['top', Id, 'web']]);
    await clock.advance(24 * 3600_000);
    assert.strictEqual(engine.containerTop('web').Processes[0][4], 'Nov24', 'started on an earlier day');
  });

  test('an exec with a terminal shows with its own host PID and tty; -e lists PID TTY TIME CMD', async () => {
    const { clock, engine } = await lab('alpine:latest');
    const id = await started(clock, engine, 'box', ['sleep', '1000'], {}, { Tty: true });
    const exec = engine.execCreate(id, { Cmd: ['sleep', '500'], Tty: true });
    engine.execStart(exec.Id, () => undefined);
    await clock.advance(0);
    const execPid = engine.execInspect(exec.Id).Pid;
    const rows = engine.containerTop('box').Processes.map((row) => [row[1], row[5], row[7]]);
    assert.deepStrictEqual(rows.slice(1), [[String(execPid), 'pts/1', 'sleep 500']]);
    assert.strictEqual(rows[0][1], 'pts/0');
    assert.deepStrictEqual(engine.containerTop('box', '-e'), {
      Titles: ['PID', 'TTY', 'TIME', 'CMD'],
      Processes: [[rows[0][0], 'pts/0', '00:00:00', 'sleep'], [String(execPid), 'pts/1', '00:00:00', 'sleep']],
    });
  });

  test('a stopped container, a renamed PID column, and ps options the lab does not simulate', async () => {
    const { clock, engine } = await lab('alpine:latest');
    const id = await started(clock, engine, 'done', ['true']);
    await clock.settle(engine.containerWait(id));
    assert.throws(() => engine.containerTop('done'), is(ConflictError, `container ${id} is not running`));
    assert.throws(() => engine.containerTop('done', '-o user=PID'), is(SystemError, 'specifying "user=PID" is not allowed'));
    assert.throws(() => engine.containerTop('nosuch'), is(NotFoundError, 'No such container: nosuch'));
    await started(clock, engine, 'box', ['sleep', '1000']);
    assert.throws(() => engine.containerTop('box', 'aux'), (e: unknown) => e instanceof NotImplementedError && /"aux" is not simulated/.test((e as Error).message));
  });
});

suite('Engine: terminal resize', () => {
  test('a running container takes the size with a resize event; a stopped one is a conflict', async () => {
    const { clock, engine, events } = await lab('alpine:latest');
    const id = await started(clock, engine, 'box', ['sleep', '1000'], { team: 'a' });
    engine.containerResize('box', 40, 120);
    assert.deepStrictEqual(events.slice(-1).map((e) => [e.Action, e.Actor.ID, e.Actor.Attributes]), [['resize', id, { team: 'a', image: 'alpine', name: 'box', height: '40', width: '120' }]]);
    engine.containerKill('box');
    await clock.settle(engine.containerWait(id));
    assert.throws(() => engine.containerResize('box', 40, 120), is(ConflictError, `container ${id} is not running`));
    assert.throws(() => engine.containerResize('nosuch', 40, 120), is(NotFoundError, 'No such container: nosuch'));
  });

  test('an exec: unknown is 404, a started one resizes, one not started is waited for (10 s at most), one that never ran refuses', async () => {
    const { clock, engine } = await lab('alpine:latest');
    const id = await started(clock, engine, 'box', ['sleep', '1000']);
    await assert.rejects(engine.execResize('nosuch', 1, 1), is(NotFoundError, 'No such exec instance: nosuch'));
    const waiting = engine.execCreate(id, { Cmd: ['sleep', '100'], Tty: true }).Id;
    let resized = false;
    const resize = engine.execResize(waiting, 30, 100).then(() => { resized = true; });
    await clock.advance(2000);
    assert.strictEqual(resized, false, 'the resize waits for the start');
    engine.execStart(waiting, () => undefined);
    await clock.advance(100);
    assert.strictEqual(resized, true);
    await resize;
    const idle = engine.execCreate(id, { Cmd: ['true'] }).Id;
    await assert.rejects(clock.settle(engine.execResize(idle, 30, 100)), is(SystemError, 'timeout waiting for exec session ready'));
    const missing = engine.execCreate(id, { Cmd: ['nosuch'] }).Id;
    await clock.settle(engine.execStart(missing, () => undefined).exited);
    await assert.rejects(engine.execResize(missing, 30, 100), is(InvalidParameterError, 'exec process is not started'));
    engine.containerPause(id);
    await assert.rejects(engine.execResize(waiting, 30, 100), is(ConflictError, `Container ${id} is paused, unpause the container before exec`));
  });
});

suite('engine: the events it keeps', () => {
  test('the last 256, as dockerd keeps them for --since; older ones are gone, newer ones all there', async () => {
    const { engine, events } = await lab('alpine');
    for (let i = 0; i < 150; i++) engine.containerCreate({ Image: 'alpine', Cmd: ['true'] }, `c${i}`);
    for (let i = 0; i < 150; i++) engine.containerDelete(`c${i}`);
    const kept = engine.events();
    assert.strictEqual(kept.length, 256);
    assert.deepStrictEqual(kept, events.slice(-256), 'the newest, in order');
    assert.ok(events.length > 256);
  });

  test('docker run and docker start -a attach before they start, as the CLI does; run -d does not attach', async () => {
    const { clock, engine, events } = await lab('alpine');
    const actions = async (argv: string[]) => {
      events.length = 0;
      await clock.settle(runDocker(engine, argv));
      return events.filter((event) => event.Type === 'container').map((event) => event.Action);
    };
    assert.deepStrictEqual(await actions(['run', '--name', 'once', 'alpine', 'echo', 'hi']), ['create', 'attach', 'start', 'die']);
    assert.deepStrictEqual(await actions(['start', '-a', 'once']), ['attach', 'start', 'die']);
    assert.deepStrictEqual(await actions(['run', '-d', 'alpine', 'true']), ['create', 'start', 'die']);
  });
});
