import * as assert from 'node:assert';
import { logs } from '../../../../src/cli/commands/logs';
import { FakeTerminal, Lab } from './lab';

// One line a second, alternating streams, then a long sleep: 09:00:00 one, :01 two (stderr), :02 three.
const TALKER = { Image: 'alpine:latest', Cmd: ['sh', '-c', 'echo one; sleep 1; echo two >&2; sleep 1; echo three; sleep 1000'] };
const DEFAULTS = { tail: 'all' };

async function talking(): Promise<Lab> {
  const lab = await Lab.with('alpine:latest');
  lab.create('talker', TALKER);
  await lab.clock.advance(5000);
  return lab;
}

suite('docker logs', () => {
  test('stdout entries go to stdout and stderr entries to stderr', async () => {
    const lab = await talking();

    const result = await lab.run(logs, ['talker'], {}, DEFAULTS);

    assert.deepStrictEqual(result, { status: 0, stdout: 'one\nthree\n', stderr: 'two\n' });
  });

  test('--tail 2 -t: the last two lines, each after its RFC 3339 time with nine fraction digits', async () => {
    const lab = await talking();

    const result = await lab.run(logs, ['talker'], { tail: '2', timestamps: true }, DEFAULTS);

    assert.deepStrictEqual(result, {
      status: 0,
      stdout: '2026-11-24T09:00:02.000000000Z three\n',
      stderr: '2026-11-24T09:00:01.000000000Z two\n',
    });
  });

  test('--tail 0 shows nothing; a negative or unreadable --tail shows everything', async () => {
    const lab = await talking();

    assert.deepStrictEqual(await lab.run(logs, ['talker'], { tail: '0' }, DEFAULTS), { status: 0, stdout: '', stderr: '' });
    assert.strictEqual((await lab.run(logs, ['talker'], { tail: '-1' }, DEFAULTS)).stdout, 'one\nthree\n');
    assert.strictEqual((await lab.run(logs, ['talker'], { tail: 'lots' }, DEFAULTS)).stdout, 'one\nthree\n');
  });

  test('--since takes a duration back from now or a timestamp; --until ends the window', async () => {
    const lab = await talking();
    // Now is 09:00:05.

    assert.deepStrictEqual(await lab.run(logs, ['talker'], { since: '4s' }, DEFAULTS), { status: 0, stdout: 'three\n', stderr: 'two\n' });
    assert.deepStrictEqual(await lab.run(logs, ['talker'], { since: '2026-11-24T09:00:02Z' }, DEFAULTS), { status: 0, stdout: 'three\n', stderr: '' });
    assert.deepStrictEqual(await lab.run(logs, ['talker'], { until: '2026-11-24T09:00:01' }, DEFAULTS), { status: 0, stdout: 'one\n', stderr: 'two\n' });
    assert.deepStrictEqual(await lab.run(logs, ['talker'], { since: '1795510801', until: '1795510801.5' }, DEFAULTS), { status: 0, stdout: '', stderr: 'two\n' });
  });

  test('--tail is taken before --until, as the json-file reader does: the last line is past the window', async () => {
    const lab = await talking();

    const result = await lab.run(logs, ['talker'], { tail: '1', until: '2026-11-24T09:00:01Z' }, DEFAULTS);

    assert.deepStrictEqual(result, { status: 0, stdout: '', stderr: '' });
  });

  test('a --since the client cannot read is its own error, exit 1', async () => {
    const lab = await talking();

    const result = await lab.run(logs, ['talker'], { since: 'yesterday' }, DEFAULTS);

    assert.deepStrictEqual(result, { status: 1, stdout: '', stderr: 'invalid value for "since": failed to parse value as time or duration: "yesterday"\n' });
  });

  test('--details puts a space (the empty attributes) before each line', async () => {
    const lab = await talking();

    const result = await lab.run(logs, ['talker'], { details: true, timestamps: true, tail: '1' }, DEFAULTS);

    assert.strictEqual(result.stdout, '2026-11-24T09:00:02.000000000Z  three\n');
  });

  test('a missing container is the daemon\'s 404', async () => {
    const lab = await Lab.with('alpine:latest');
    assert.deepStrictEqual(await lab.run(logs, ['nope'], {}, DEFAULTS), { status: 1, stdout: '', stderr: 'Error response from daemon: No such container: nope\n' });
  });

  test('-f follows new output until the container exits, then ends with 0', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('counter', { Image: 'alpine:latest', Cmd: ['sh', '-c', 'echo a; sleep 2; echo b; sleep 2; echo c >&2'] });
    await lab.idle();
    const terminal = new FakeTerminal();

    const following = lab.start(logs, ['counter'], { follow: true, timestamps: true }, DEFAULTS, terminal);
    await lab.idle();
    assert.strictEqual(terminal.stdoutText, '2026-11-24T09:00:00.000000000Z a\n', 'what was there already');
    const status = await lab.clock.settle(following);

    assert.strictEqual(status, 0);
    assert.strictEqual(terminal.stdoutText, '2026-11-24T09:00:00.000000000Z a\n2026-11-24T09:00:02.000000000Z b\n');
    assert.strictEqual(terminal.stderrText, '2026-11-24T09:00:04.000000000Z c\n');
  });

  test('-f ends on Ctrl+C with 130 and no message; the container runs on', async () => {
    const lab = await talking();
    const terminal = new FakeTerminal();

    const following = lab.start(logs, ['talker'], { follow: true, tail: '1' }, DEFAULTS, terminal);
    await lab.idle();
    terminal.interrupt();
    const status = await lab.clock.settle(following);

    assert.strictEqual(status, 130);
    assert.deepStrictEqual([terminal.stdoutText, terminal.stderrText], ['three\n', '']);
    assert.match(lab.status('talker'), /^Up /);
  });

  test('-f of a stopped container prints its log and returns', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('done', { Image: 'alpine:latest', Cmd: ['sh', '-c', 'echo bye'] });
    await lab.idle();

    assert.deepStrictEqual(await lab.run(logs, ['done'], { follow: true }, DEFAULTS), { status: 0, stdout: 'bye\n', stderr: '' });
  });

  test('a TTY container\'s log is one stream, all on stdout', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('tty', { Image: 'alpine:latest', Tty: true, Cmd: ['sh', '-c', 'echo out; echo err >&2'] });
    await lab.idle();

    const result = await lab.run(logs, ['tty'], {}, DEFAULTS);

    assert.strictEqual(result.stderr, '');
    assert.match(result.stdout, /^out\r?\nerr\r?\n$/);
  });
});
