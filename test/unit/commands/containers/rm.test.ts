import * as assert from 'node:assert';
import { pause } from '../../../../src/cli/commands/pause';
import { rename } from '../../../../src/cli/commands/rename';
import { rm } from '../../../../src/cli/commands/rm';
import { unpause } from '../../../../src/cli/commands/unpause';
import { Lab } from './lab';

const SLEEPER = { Image: 'alpine:latest', Cmd: ['sleep', '1000'] };

suite('docker rm', () => {
  test('removes stopped containers, printing each name as given', async () => {
    const lab = await Lab.with('alpine:latest');
    const id = lab.create('old', SLEEPER, false);
    lab.create('older', SLEEPER, false);

    const result = await lab.run(rm, [id.slice(0, 12), '/older/']);

    assert.deepStrictEqual(result, { status: 0, stdout: `${id.slice(0, 12)}\n/older/\n`, stderr: '' });
    assert.deepStrictEqual(lab.engine.containerList({ all: true }), []);
  });

  test('a running container is refused with the daemon\'s words, exit 1; the others are still removed', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('up', SLEEPER);
    lab.create('old', SLEEPER, false);
    lab.engine.containerPause(lab.create('frozen', SLEEPER));

    const result = await lab.run(rm, ['up', 'old', 'frozen']);

    assert.deepStrictEqual(result, {
      status: 1,
      stdout: 'old\n',
      stderr: 'Error response from daemon: cannot remove container "up": container is running: stop the container before removing or force remove\n'
        + 'Error response from daemon: cannot remove container "frozen": container is paused and must be unpaused first\n',
    });
    assert.deepStrictEqual(lab.engine.containerList({ all: true }).map((c) => c.Names[0]).sort(), ['/frozen', '/up']);
  });

  test('-f kills a running (or paused) container first; a missing one is reported but does not fail', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('up', SLEEPER);
    lab.engine.containerPause(lab.create('frozen', SLEEPER));
    const actions: string[] = [];
    lab.engine.onEvent((e) => actions.push(`${e.Actor.Attributes.name} ${e.Action}`));

    const result = await lab.run(rm, ['up', 'nope', 'frozen'], { force: true });

    assert.deepStrictEqual(result, { status: 0, stdout: 'up\nfrozen\n', stderr: 'Error response from daemon: No such container: nope\n' });
    assert.deepStrictEqual(lab.engine.containerList({ all: true }), []);
    assert.deepStrictEqual(actions.filter((a) => a.startsWith('up ')), ['up kill', 'up die', 'up destroy']);
  });

  test('without -f a missing container fails the command', async () => {
    const lab = await Lab.with('alpine:latest');
    assert.deepStrictEqual(await lab.run(rm, ['nope']), { status: 1, stdout: '', stderr: 'Error response from daemon: No such container: nope\n' });
  });

  test('a name of only slashes is refused by the client', async () => {
    const lab = await Lab.with('alpine:latest');
    assert.deepStrictEqual(await lab.run(rm, ['/']), { status: 1, stdout: '', stderr: 'container name cannot be empty\n' });
  });

  test('-l: with no links in the lab, a container\'s own name cannot be removed as a link', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('old', SLEEPER, false);

    const result = await lab.run(rm, ['old', 'nope'], { link: true });

    assert.deepStrictEqual(result, {
      status: 1,
      stdout: '',
      stderr: 'Error response from daemon: Conflict, cannot remove the default link name of the container\n'
        + 'Error response from daemon: No such container: nope\n',
    });
    assert.strictEqual(lab.engine.containerList({ all: true }).length, 1);
  });
});

suite('docker pause / unpause', () => {
  test('pause then unpause print the names; the status follows', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('one', SLEEPER);
    lab.create('two', SLEEPER);

    assert.deepStrictEqual(await lab.run(pause, ['one', 'two']), { status: 0, stdout: 'one\ntwo\n', stderr: '' });
    assert.match(lab.status('one'), /^Up .* \(Paused\)$/);
    assert.deepStrictEqual(await lab.run(unpause, ['two']), { status: 0, stdout: 'two\n', stderr: '' });
    assert.match(lab.status('two'), /^Up [^(]*$/);
  });

  test('the daemon\'s errors: not running, already paused, not paused, no such container', async () => {
    const lab = await Lab.with('alpine:latest');
    const stopped = lab.create('stopped', SLEEPER, false);
    const frozen = lab.create('frozen', SLEEPER);
    const up = lab.create('up', SLEEPER);
    lab.engine.containerPause('frozen');

    const paused = await lab.run(pause, ['stopped', 'frozen', 'nope', 'up']);
    assert.deepStrictEqual(paused, {
      status: 1,
      stdout: 'up\n',
      stderr: `Error response from daemon: container ${stopped} is not running\n`
        + `Error response from daemon: Container ${frozen} is already paused\n`
        + 'Error response from daemon: No such container: nope\n',
    });

    lab.engine.containerUnpause('up');
    const unpaused = await lab.run(unpause, ['up', 'stopped']);
    assert.deepStrictEqual(unpaused, {
      status: 1,
      stdout: '',
      stderr: `Error response from daemon: Container ${up} is not paused\n`
        + `Error response from daemon: Container ${stopped} is not paused\n`,
    });
  });
});

suite('docker rename', () => {
  test('is silent on success', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('old', SLEEPER);

    assert.deepStrictEqual(await lab.run(rename, ['old', 'new']), { status: 0, stdout: '', stderr: '' });
    assert.strictEqual(lab.engine.containerInspect('new').Name, '/new');
  });

  test('a name in use: the daemon\'s conflict, then the client\'s summary', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('one', SLEEPER, false);
    const two = lab.create('two', SLEEPER, false);

    const result = await lab.run(rename, ['one', 'two']);

    assert.deepStrictEqual(result, {
      status: 1,
      stdout: '',
      stderr: `Error response from daemon: Error when allocating new name: Conflict. The container name "/two" is already in use by container "${two}". You have to remove (or rename) that container to be able to reuse that name.\n`
        + 'Error: failed to rename container named one\n',
    });
  });

  test('the same name, a bad name, a missing container and empty names', async () => {
    const lab = await Lab.with('alpine:latest');
    lab.create('one', SLEEPER, false);

    assert.strictEqual((await lab.run(rename, ['one', '/one'])).stderr,
      'Error response from daemon: Renaming a container with the same name as its current name\nError: failed to rename container named one\n');
    assert.strictEqual((await lab.run(rename, ['one', 'x'])).stderr,
      'Error response from daemon: Error when allocating new name: Invalid container name (/x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\nError: failed to rename container named one\n');
    assert.strictEqual((await lab.run(rename, [' nope ', 'two'])).stderr,
      'Error response from daemon: No such container: nope\nError: failed to rename container named nope\n');
    assert.deepStrictEqual(await lab.run(rename, ['one', ' ']), { status: 1, stdout: '', stderr: 'Error: Neither old nor new names may be empty\n' });
  });
});
