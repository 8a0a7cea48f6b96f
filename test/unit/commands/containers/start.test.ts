import * as assert from 'node:assert';
import { start } from '../../../../src/cli/commands/start';
import { wait } from '../../../../src/cli/commands/wait';
import { FakeTerminal, Lab } from './lab';

const SLEEPER = { Image: 'alpine:latest', Cmd: ['sleep', '1000'] };

suite('docker start', () => {
  test('prints each name as given and starts the container', async () => {
    const lab = await Lab.with('alpine:latest');
    const id = lab.create('sleeper', SLEEPER, false);

    const result = await lab.run(start, [id.slice(0, 6)]);

    assert.deepStrictEqual(result, { status: 0, stdout: `${id.slice(0, 6)}\n`, stderr: '' });
    assert.match(lab.status('sleeper'), /^Up /);
  });

  test('a running container: the name again, no error (the daemon answers 304)', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('sleeper', SLEEPER);

    assert.deepStrictEqual(await lab.run(start, ['sleeper']), { status: 0, stdout: 'sleeper\n', stderr: '' });
  });

  test('failures are printed as they happen, then listed; the others still start', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('one', SLEEPER, false);
    lab.create('two', SLEEPER, false);
    lab.engine.containerPause(lab.create('frozen', SLEEPER));

    const result = await lab.run(start, ['one', 'nope', 'frozen', 'two']);

    assert.deepStrictEqual(result, {
      status: 1,
      stdout: 'one\ntwo\n',
      stderr: 'Error response from daemon: No such container: nope\n'
        + 'Error response from daemon: cannot start a paused container, try unpause instead\n'
        + 'Error: failed to start containers: nope, frozen\n',
    });
    assert.match(lab.status('two'), /^Up /);
  });

  test('a command that is not in the image: the runtime\'s error, exit 1', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('broken', { Image: 'alpine:latest', Cmd: ['nosuchcommand'] }, false);

    const result = await lab.run(start, ['broken']);

    assert.strictEqual(result.status, 1);
    assert.match(result.stderr, /^Error response from daemon: failed to create task for container: .*exec: "nosuchcommand": executable file not found in \$PATH: unknown\nError: failed to start containers: broken\n$/);
  });

  test('-a streams the output until the container exits and exits with its code', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('job', { Image: 'alpine:latest', Cmd: ['sh', '-c', 'echo out; echo err >&2; sleep 2; exit 3'] }, false);
    const before = lab.clock.now();

    const result = await lab.run(start, ['job'], { attach: true });

    assert.deepStrictEqual(result, { status: 3, stdout: 'out\n', stderr: 'err\n' });
    assert.strictEqual(lab.clock.now() - before, 2000);
  });

  test('-a cannot attach to several containers', async () => {
    const lab = await Lab.with('alpine:latest');
    const result = await lab.run(start, ['a', 'b'], { attach: true });
    assert.deepStrictEqual(result, { status: 1, stdout: '', stderr: 'you cannot start and attach multiple containers at once\n' });
  });

  test('-a of a missing container is the daemon\'s 404 from the inspect', async () => {
    const lab = await Lab.with('alpine:latest');
    const result = await lab.run(start, ['nope'], { attach: true });
    assert.deepStrictEqual(result, { status: 1, stdout: '', stderr: 'Error response from daemon: No such container: nope\n' });
  });

  test('-a and Ctrl+C: SIGINT is forwarded to the container and the command ends at once with 0', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('sleeper', SLEEPER, false);
    const terminal = new FakeTerminal();
    const kills: string[] = [];
    lab.engine.onEvent((e) => { if (e.Action === 'kill') kills.push(e.Actor.Attributes.signal); });

    const running = lab.start(start, ['sleeper'], { attach: true }, {}, terminal);
    await lab.idle();
    terminal.interrupt();
    const status = await lab.clock.settle(running);

    assert.strictEqual(status, 0);
    assert.deepStrictEqual(kills, ['2']);
    // sleep ignores SIGINT as PID 1: it runs on without the client.
    assert.match(lab.status('sleeper'), /^Up /);
  });

  test('-ai sends typed lines to the container; end of input closes its stdin when it was created with -i', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('cat', { Image: 'alpine:latest', Cmd: ['cat'], OpenStdin: true, StdinOnce: true, AttachStdin: true }, false);
    const terminal = new FakeTerminal();

    const running = lab.start(start, ['cat'], { attach: true, interactive: true }, {}, terminal);
    terminal.type('hello');
    terminal.type('world');
    terminal.type(null);
    const status = await lab.clock.settle(running);

    assert.strictEqual(status, 0);
    assert.strictEqual(terminal.stdoutText, 'hello\nworld\n');
  });
});

suite('docker wait', () => {
  test('prints each exit code once the container stops, one after the other; a missing one fails the command', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('quick', { Image: 'alpine:latest', Cmd: ['sh', '-c', 'sleep 1; exit 4'] });
    lab.create('done', { Image: 'alpine:latest', Cmd: ['sh', '-c', 'exit 2'] });
    await lab.idle();
    const before = lab.clock.now();

    const result = await lab.run(wait, ['quick', 'nope', 'done']);

    assert.deepStrictEqual(result, { status: 1, stdout: '4\n2\n', stderr: 'Error response from daemon: No such container: nope\n' });
    assert.strictEqual(lab.clock.now() - before, 1000);
  });
});
