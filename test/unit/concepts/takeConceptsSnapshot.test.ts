import * as assert from 'node:assert/strict';
import { ManualClock } from '../../../src/engine/Clock';
import { Engine } from '../../../src/engine/Engine';
import { seededRandom } from '../../../src/engine/util/seededRandom';
import { ApiCallLog, CALLS_SHOWN, takeConceptsSnapshot } from '../../../src/concepts/takeConceptsSnapshot';
import { runLines } from '../../../src/curriculum/runLines';

suite('concepts: the snapshot the panel draws', () => {
  function lab(pullSecondsPerMegabyte = 0) {
    const clock = new ManualClock();
    const engine = new Engine({ clock, random: seededRandom(11), pullSecondsPerMegabyte });
    const log = new ApiCallLog(engine);
    return { clock, engine, log, run: (...lines: string[]) => clock.settle(runLines(engine, lines)) };
  }

  test('an empty lab: no containers, no images, no calls; the host kernel and OS', () => {
    const { engine, log } = lab();
    const snapshot = takeConceptsSnapshot(engine, log.calls, 'en');
    assert.deepEqual(snapshot.containers, []);
    assert.deepEqual(snapshot.images, []);
    assert.deepEqual(snapshot.calls, []);
    assert.equal(snapshot.kernel, '6.8.0-79-generic');
    assert.match(snapshot.hostOs, /Ubuntu/);
    assert.deepEqual(log.calls, [], 'taking a snapshot is not an API call');
  });

  test('containers with their states and images with their sizes, names without the slash', async () => {
    const { engine, log, run } = lab();
    await run('docker run -d --name web nginx:1.28.0', 'docker run --name hello hello-world', 'docker create --name later alpine');
    const snapshot = takeConceptsSnapshot(engine, log.calls, 'ko');
    assert.deepEqual(snapshot.containers.map((c) => [c.name, c.image, c.state]).sort(), [
      ['hello', 'hello-world', 'exited'], ['later', 'alpine', 'created'], ['web', 'nginx:1.28.0', 'running'],
    ]);
    assert.deepEqual(snapshot.images.map((i) => i.reference).sort(), ['alpine:latest', 'hello-world:latest', 'nginx:1.28.0']);
    assert.ok(snapshot.images.every((i) => i.size > 0));
    assert.equal(snapshot.language, 'ko');
  });

  test('a call through the socket names its client by product; the lab\'s own calls name none', async () => {
    const { engine, log, run } = lab();
    let caller: string | undefined = 'Docker-Client/28.2.2 (linux)';
    engine.identifyCallers(() => caller);
    await run('docker ps');
    caller = '';
    await run('docker ps');
    caller = undefined;
    await run('docker ps');
    assert.deepEqual(log.calls.map((c) => c.client), ['Docker-Client/28.2.2', '', undefined]);
  });

  test('the calls of a sequence of commands, in order, as the daemon answered them', async () => {
    const { log, run } = lab();
    await run('docker ps');
    assert.deepEqual(log.calls.map((c) => `${c.method} ${c.path} ${c.status}`), ['GET /containers/json 200']);
    await run('docker run -d --name web nginx:1.28.0');
    const run1 = log.calls.slice(1).map((c) => `${c.method} ${c.path} ${c.status}`);
    // The CLI asks to create, is told the image is missing (404), pulls, creates again, starts.
    assert.equal(run1[0], 'POST /containers/create 404');
    assert.ok(run1.includes('POST /images/create 200'));
    assert.match(run1.at(-1)!, /^POST \/containers\/[0-9a-f]{64}\/start 204$/);
    await run('docker rm -f nonexistent');
    assert.match(`${log.calls.at(-1)!.method} ${log.calls.at(-1)!.status}`, /^DELETE 404$/);
  });

  test('keeps the last calls only', async () => {
    const { log, run } = lab();
    await run(...Array.from({ length: CALLS_SHOWN + 5 }, () => 'docker version'));
    assert.equal(log.calls.length, CALLS_SHOWN);
  });

  test('a pull in progress shows, and is gone when it finishes', async () => {
    const { clock, engine, log } = lab(0.5);
    const pulling = runLines(engine, ['docker pull nginx:1.28.0']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(takeConceptsSnapshot(engine, log.calls, 'en').pulling, ['nginx:1.28.0']);
    await clock.settle(pulling);
    assert.deepEqual(takeConceptsSnapshot(engine, log.calls, 'en').pulling, []);
  });
});
