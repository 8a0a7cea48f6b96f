import * as assert from 'node:assert';
import { kill } from '../../../../src/cli/commands/kill';
import { restart } from '../../../../src/cli/commands/restart';
import { stop } from '../../../../src/cli/commands/stop';
import { Lab } from './lab';

const NGINX = { Image: 'nginx:1.28.0' };
const SLEEPER = { Image: 'alpine:latest', Cmd: ['sleep', '1000'] };

function logText(lab: Lab, name: string, stream: 'stdout' | 'stderr'): string {
  return lab.engine.containerLogs(name).filter((e) => e.stream === stream).map((e) => e.text).join('');
}

suite('docker stop', () => {
  test('nginx gets its STOPSIGNAL (SIGQUIT), shuts down gracefully at once and exits 0', async () => {
    const lab = await Lab.with('nginx:1.28.0');
    lab.create('web', NGINX);
    await lab.idle();
    const before = lab.clock.now();

    const result = await lab.run(stop, ['web']);

    assert.deepStrictEqual(result, { status: 0, stdout: 'web\n', stderr: '' });
    assert.strictEqual(lab.clock.now(), before, 'no grace period was needed');
    const stderr = logText(lab, 'web', 'stderr');
    assert.match(stderr, /\[notice\] 1#1: signal 3 \(SIGQUIT\) received, shutting down\n/);
    assert.match(stderr, /\[notice\] 1#1: exit\n$/);
    assert.strictEqual(lab.engine.containerInspect('web').State.ExitCode, 0);
    assert.match(lab.status('web'), /^Exited \(0\) /);
  });

  test('a process that ignores SIGTERM is killed after the 10 s grace period: Exited (137)', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('sleeper', SLEEPER);
    await lab.idle();
    const before = lab.clock.now();

    const result = await lab.run(stop, ['sleeper']);

    assert.deepStrictEqual(result, { status: 0, stdout: 'sleeper\n', stderr: '' });
    assert.strictEqual(lab.clock.now() - before, 10_000);
    assert.strictEqual(lab.engine.containerInspect('sleeper').State.ExitCode, 137);
    assert.match(lab.status('sleeper'), /^Exited \(137\) /);
  });

  test('-t 0 kills at once', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('sleeper', SLEEPER);
    await lab.idle();
    const before = lab.clock.now();

    const result = await lab.run(stop, ['sleeper'], { timeout: 0 });

    assert.deepStrictEqual(result, { status: 0, stdout: 'sleeper\n', stderr: '' });
    assert.strictEqual(lab.clock.now(), before);
    assert.strictEqual(lab.engine.containerInspect('sleeper').State.ExitCode, 137);
  });

  test('the deprecated --time works as --timeout; both together are refused before any stop', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('sleeper', SLEEPER);
    await lab.idle();
    const before = lab.clock.now();

    const both = await lab.run(stop, ['sleeper'], { time: 1, timeout: 2 });
    assert.deepStrictEqual(both, { status: 1, stdout: '', stderr: 'conflicting options: cannot specify both --timeout and --time\n' });
    assert.strictEqual(lab.engine.containerInspect('sleeper').State.Running, true);

    const time = await lab.run(stop, ['sleeper'], { time: 3 });
    assert.deepStrictEqual(time, { status: 0, stdout: 'sleeper\n', stderr: '' });
    assert.strictEqual(lab.clock.now() - before, 3000);
  });

  test('-s sends another signal first; a name the daemon does not know is its error', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('sleeper', SLEEPER);
    await lab.idle();

    const bad = await lab.run(stop, ['sleeper'], { signal: 'FOO' });
    assert.deepStrictEqual(bad, {
      status: 1,
      stdout: '',
      stderr: 'Error response from daemon: cannot stop container: sleeper: invalid signal: FOO\n',
    });

    const killed = await lab.run(stop, ['sleeper'], { signal: 'kill' });
    assert.deepStrictEqual(killed, { status: 0, stdout: 'sleeper\n', stderr: '' });
    assert.strictEqual(lab.engine.containerInspect('sleeper').State.ExitCode, 137);
  });

  test('stopping a stopped container is no error (304)', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('idle', SLEEPER, false);

    assert.deepStrictEqual(await lab.run(stop, ['idle']), { status: 0, stdout: 'idle\n', stderr: '' });
  });

  test('several containers: all stop at once, names in argument order, a missing one fails the command', async () => {
    const lab = await Lab.with('alpine:latest', 'nginx:1.28.0');
    lab.create('slow', SLEEPER);
    lab.create('web', NGINX);
    lab.create('slower', SLEEPER);
    await lab.idle();
    const before = lab.clock.now();

    const result = await lab.run(stop, ['slow', 'nope', 'web', 'gone', 'slower']);

    assert.deepStrictEqual(result, {
      status: 1,
      stdout: 'slow\nweb\nslower\n',
      stderr: 'Error response from daemon: No such container: nope\nError response from daemon: No such container: gone\n',
    });
    // In parallel: the whole command took one grace period, not one per sleeper.
    assert.strictEqual(lab.clock.now() - before, 10_000);
    assert.strictEqual(lab.engine.containerInspect('web').State.Running, false);
  });

  test('an empty name is refused by the client', async () => {
    const lab = await Lab.with('alpine:latest');
    assert.deepStrictEqual(await lab.run(stop, [' ']), { status: 1, stdout: '', stderr: 'invalid container name or ID: value is empty\n' });
  });
});

suite('docker restart', () => {
  test('stops (grace period) and starts again, one container after the other', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('one', SLEEPER);
    lab.create('two', SLEEPER);
    await lab.idle();
    const before = lab.clock.now();

    const result = await lab.run(restart, ['one', 'two'], { timeout: 2 });

    assert.deepStrictEqual(result, { status: 0, stdout: 'one\ntwo\n', stderr: '' });
    // Sequential, unlike stop: two grace periods.
    assert.strictEqual(lab.clock.now() - before, 4000);
    assert.strictEqual(lab.engine.containerInspect('one').State.Running, true);
    assert.match(lab.status('two'), /^Up /);
  });

  test('a created container is just started; a missing one is the daemon\'s error', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('fresh', SLEEPER, false);

    const result = await lab.run(restart, ['fresh', 'nope']);

    assert.deepStrictEqual(result, { status: 1, stdout: 'fresh\n', stderr: 'Error response from daemon: No such container: nope\n' });
    assert.strictEqual(lab.engine.containerInspect('fresh').State.Running, true);
  });

  test('a bad signal is wrapped as the daemon wraps restart errors', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('one', SLEEPER);
    await lab.idle();

    const result = await lab.run(restart, ['one'], { signal: 'NOPE' });

    assert.deepStrictEqual(result, { status: 1, stdout: '', stderr: 'Error response from daemon: Cannot restart container one: invalid signal: NOPE\n' });
  });
});

suite('docker kill', () => {
  test('SIGKILL by default: Exited (137) at once', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('sleeper', SLEEPER);
    await lab.idle();

    const result = await lab.run(kill, ['sleeper']);
    await lab.idle();

    assert.deepStrictEqual(result, { status: 0, stdout: 'sleeper\n', stderr: '' });
    assert.match(lab.status('sleeper'), /^Exited \(137\) /);
  });

  test('-s QUIT reaches nginx, which shuts down gracefully (exit 0)', async () => {
    const lab = await Lab.with('nginx:1.28.0');
    lab.create('web', NGINX);
    await lab.idle();

    const result = await lab.run(kill, ['web'], { signal: 'QUIT' });
    await lab.idle();

    assert.deepStrictEqual(result, { status: 0, stdout: 'web\n', stderr: '' });
    assert.match(logText(lab, 'web', 'stderr'), /signal 3 \(SIGQUIT\) received, shutting down\n/);
    assert.match(lab.status('web'), /^Exited \(0\) /);
  });

  test('-s TERM to a PID 1 that does not handle it changes nothing', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('sleeper', SLEEPER);
    await lab.idle();

    const result = await lab.run(kill, ['sleeper'], { signal: 'SIGTERM' });
    await lab.idle();

    assert.deepStrictEqual(result, { status: 0, stdout: 'sleeper\n', stderr: '' });
    assert.match(lab.status('sleeper'), /^Up /);
  });

  test('errors are wrapped by the kill route: not running, no such container, bad signal', async () => {
    const lab = await Lab.with('alpine:latest');
    const id = lab.create('idle', SLEEPER, false);
    lab.create('up', SLEEPER);
    await lab.idle();

    const result = await lab.run(kill, ['idle', 'nope', 'up']);
    await lab.idle();

    assert.deepStrictEqual(result, {
      status: 1,
      stdout: 'up\n',
      stderr: `Error response from daemon: cannot kill container: idle: container ${id} is not running\n`
        + 'Error response from daemon: cannot kill container: nope: No such container: nope\n',
    });
    const signals = await lab.run(kill, ['idle'], { signal: 'SIGWHAT' });
    assert.strictEqual(signals.stderr, 'Error response from daemon: cannot kill container: idle: invalid signal: SIGWHAT\n');
    const number = await lab.run(kill, ['idle'], { signal: '99' });
    assert.strictEqual(number.stderr, 'Error response from daemon: cannot kill container: idle: the linux daemon does not support signal 99\n');
  });
});
