import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../../src/engine/Engine';
import { loadStateFile, saveStateFile, StateSaver } from '../../../src/persistence/stateFile';
import { ManualTimers } from '../helpers/ManualTimers';

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'docker-lab-state-'));
}

suite('state file: load and save', () => {
  const now = new Date(Date.UTC(2026, 10, 24, 9, 30, 0));

  test('a missing file is a fresh lab', () => {
    const file = path.join(temporaryDirectory(), 'lab.json');
    assert.deepStrictEqual(loadStateFile(file, () => 'restored'), { kind: 'missing' });
  });

  test('a saved snapshot comes back through restore, and saving leaves no temporary file', () => {
    const directory = temporaryDirectory();
    const file = path.join(directory, 'lab.json');
    saveStateFile(file, { schemaVersion: 1, state: { containers: [] } });
    assert.deepStrictEqual(fs.readdirSync(directory), ['lab.json']);
    assert.deepStrictEqual(loadStateFile(file, (json) => json), { kind: 'loaded', value: { schemaVersion: 1, state: { containers: [] } } });
  });

  test('a file that is not JSON is moved aside untouched, with the reason', () => {
    const directory = temporaryDirectory();
    const file = path.join(directory, 'lab.json');
    fs.writeFileSync(file, '{ half a file');
    const result = loadStateFile(file, () => 'restored', now);
    const aside = `${file}.corrupt-2026-11-24T09-30-00-000Z`;
    assert.deepStrictEqual(result, { kind: 'set-aside', aside, reason: 'it is not valid JSON' });
    assert.deepStrictEqual(fs.readdirSync(directory), [path.basename(aside)]);
    assert.strictEqual(fs.readFileSync(aside, 'utf8'), '{ half a file');
  });

  test('a snapshot the engine refuses (a newer schema) is moved aside with the engine\'s reason', () => {
    const file = path.join(temporaryDirectory(), 'lab.json');
    fs.writeFileSync(file, '{"schemaVersion": 99, "savedAt": 0, "state": {}}');
    const result = loadStateFile(file, (json) => Engine.restore(json), now);
    assert.strictEqual(result.kind, 'set-aside');
    assert.match((result as { reason: string }).reason, /newer/);
    assert.ok(fs.existsSync(`${file}.corrupt-2026-11-24T09-30-00-000Z`));
  });

  test('a save that cannot rename (the target is a directory) leaves the old state and no temporary file', () => {
    const directory = temporaryDirectory();
    const file = path.join(directory, 'lab.json');
    fs.mkdirSync(file);
    assert.throws(() => saveStateFile(file, { a: 1 }));
    assert.deepStrictEqual(fs.readdirSync(directory), ['lab.json']);
  });

  test('an engine round-trips through the file: containers and images come back', async () => {
    const file = path.join(temporaryDirectory(), 'lab.json');
    const engine = new Engine({ pullSecondsPerMegabyte: 0 });
    await engine.imagePull('alpine:3.21');
    engine.containerCreate({ Image: 'alpine:3.21', Cmd: ['true'] }, 'first');
    saveStateFile(file, engine.snapshot());
    const loaded = loadStateFile(file, (json) => Engine.restore(json));
    assert.strictEqual(loaded.kind, 'loaded');
    const restored = (loaded as { value: Engine }).value;
    assert.deepStrictEqual(restored.containerList({ all: true }).map((c) => c.Names[0]), ['/first']);
    assert.deepStrictEqual(restored.imageList().map((i) => i.RepoTags), [['alpine:3.21']]);
  });
});

suite('state file: StateSaver', () => {
  function setup(options: { delay?: number; maxDelay?: number } = {}) {
    const file = path.join(temporaryDirectory(), 'lab.json');
    const timers = new ManualTimers();
    let version = 0;
    const errors: unknown[] = [];
    const saver = new StateSaver(file, () => ({ version }), { ...options, timers, onError: (e) => errors.push(e) }, () => timers.now);
    const saved = () => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number }).version : undefined);
    return { file, timers, saver, errors, saved, change: () => { version++; saver.schedule(); } };
  }

  test('saves once, after the changes have been quiet for the delay', () => {
    const { timers, saved, change, saver } = setup({ delay: 500 });
    change();
    timers.advance(300);
    change();
    timers.advance(300);
    assert.strictEqual(saved(), undefined, 'not yet: the second change restarted the wait');
    timers.advance(200);
    assert.strictEqual(saved(), 2);
    assert.strictEqual(saver.isDirty, false);
  });

  test('a burst that never goes quiet is still saved by maxDelay after its first change', () => {
    const { timers, saved, change } = setup({ delay: 500, maxDelay: 2000 });
    for (let i = 0; i < 10; i++) {
      change();
      timers.advance(300);
    }
    assert.ok(saved() !== undefined && saved()! >= 6, `saved mid-burst (got ${saved()})`);
  });

  test('flush saves at once, and only when something changed', () => {
    const { file, saved, change, saver } = setup();
    assert.strictEqual(saver.flush(), true);
    assert.strictEqual(fs.existsSync(file), false, 'nothing changed, nothing written');
    change();
    saver.flush();
    assert.strictEqual(saved(), 1);
  });

  test('a failing save is reported once, stays dirty, and succeeds on a later flush', () => {
    const { file, saved, change, saver, errors } = setup();
    fs.mkdirSync(file);
    change();
    assert.strictEqual(saver.flush(), false);
    change();
    assert.strictEqual(saver.flush(), false);
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(saver.isDirty, true);
    fs.rmdirSync(file);
    assert.strictEqual(saver.flush(), true);
    assert.strictEqual(saved(), 2);
  });
});
