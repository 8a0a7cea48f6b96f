import * as assert from 'node:assert';
import { diff } from '../../../../src/cli/commands/diff';
import type { Engine, FilesystemChange } from '../../../../src/engine/Engine';
import { MemoryHostFiles } from '../../helpers/MemoryHostFiles';
import { TestLab } from '../../helpers/TestLab';
import { FakeTerminal } from './lab';

/** A lab with a running alpine `box` that sleeps. */
async function labWithBox(hostFiles?: MemoryHostFiles): Promise<TestLab> {
  const lab = new TestLab({ hostFiles });
  await lab.ok('run', '-d', '--name', 'box', 'alpine', 'sleep', '1000');
  return lab;
}

suite('docker diff', () => {
  test('a fresh container changed nothing: no output at all, exit 0', async () => {
    const lab = await labWithBox();
    assert.deepStrictEqual(await lab.docker('diff', 'box'), { stdout: '', stderr: '', code: 0 });
  });

  test('a file an exec wrote: its directory C, the file A, sorted by path', async () => {
    const lab = await labWithBox();
    await lab.ok('exec', 'box', 'sh', '-c', 'echo hi > /tmp/x; echo more >> /etc/profile');
    assert.deepStrictEqual(await lab.docker('diff', 'box'), { stdout: 'C /etc\nC /etc/profile\nC /tmp\nA /tmp/x\n', stderr: '', code: 0 });
    assert.strictEqual(await lab.ok('container', 'diff', 'box'), 'C /etc\nC /etc/profile\nC /tmp\nA /tmp/x\n');
  });

  test('a directory copied in: every path below it is A', async () => {
    const lab = await labWithBox(new MemoryHostFiles('/home/learner/lab', { 'site/index.html': '<h1>hi</h1>\n' }));
    await lab.ok('cp', 'site', 'box:/srv/site');
    assert.strictEqual(await lab.ok('diff', 'box'), 'C /srv\nA /srv/site\nA /srv/site/index.html\n');
  });

  test('a stopped container keeps its changes', async () => {
    const lab = await labWithBox();
    await lab.ok('exec', 'box', 'sh', '-c', 'echo hi > /tmp/x');
    await lab.ok('stop', 'box');
    assert.strictEqual(await lab.ok('diff', 'box'), 'C /tmp\nA /tmp/x\n');
  });

  test('each kind is printed with its letter: 0 C, 1 A, 2 D', async () => {
    const changes: FilesystemChange[] = [{ Path: '/etc', Kind: 0 }, { Path: '/etc/new', Kind: 1 }, { Path: '/etc/motd', Kind: 2 }];
    const engine = { containerChanges: () => changes } as unknown as Engine;
    const terminal = new FakeTerminal();
    const status = await diff({ engine, io: terminal, flags: undefined as never, args: ['box'], commandName: 'docker diff', environment: {} });
    assert.strictEqual(status, 0);
    assert.strictEqual(terminal.stdoutText, 'C /etc\nA /etc/new\nD /etc/motd\n');
  });

  test('errors: no such container (daemon), an empty name and a blank one (client)', async () => {
    const lab = await labWithBox();
    assert.deepStrictEqual(await lab.docker('diff', 'nope'), { stdout: '', stderr: 'Error response from daemon: No such container: nope\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('diff', ''), { stdout: '', stderr: 'Container name cannot be empty\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('diff', ' '), { stdout: '', stderr: 'invalid container name or ID: value is empty\n', code: 1 });
  });

  test('usage: exactly one argument, as docker 28.2.2 says', async () => {
    const lab = await labWithBox();
    const usage = (command: string) => ({
      stdout: '',
      stderr: `docker: 'docker ${command}' requires 1 argument\n\nUsage:  docker ${command} CONTAINER\n\nRun 'docker ${command} --help' for more information\n`,
      code: 1,
    });
    assert.deepStrictEqual(await lab.docker('diff'), usage('diff'));
    assert.deepStrictEqual(await lab.docker('diff', 'a', 'b'), usage('diff'));
    assert.deepStrictEqual(await lab.docker('container', 'diff'), usage('container diff'));
  });
});
