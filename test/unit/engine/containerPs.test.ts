import * as assert from 'node:assert';
import { TestLab } from '../helpers/TestLab';

// ps inside a container lists the container's own processes, numbered from 1
// in its PID namespace: the main process (what the entrypoint exec'd), then
// what docker exec started.

suite('ps inside a container', () => {
  test('busybox ps on alpine: PID 1 is the main process, the exec\'d ps comes after it', async () => {
    const lab = new TestLab();
    await lab.ok('run', '-d', '--name', 'box', 'alpine', 'sleep', '1000');
    assert.strictEqual(await lab.ok('exec', 'box', 'ps'), [
      'PID   USER     TIME  COMMAND',
      '    1 root      0:00 sleep 1000',
      '    7 root      0:00 ps',
      '',
    ].join('\n'));
    // A later exec gets a higher number; a shell's child is listed after the shell.
    assert.strictEqual(await lab.ok('exec', 'box', 'sh', '-c', 'ps; true'), [
      'PID   USER     TIME  COMMAND',
      '    1 root      0:00 sleep 1000',
      '   13 root      0:00 sh -c ps; true',
      '   19 root      0:00 ps',
      '',
    ].join('\n'));
  });

  test('nginx:alpine: the master process as PID 1 and a worker per CPU running as nginx', async () => {
    const lab = new TestLab();
    await lab.ok('run', '-d', '--name', 'web', 'nginx:alpine');
    const lines = (await lab.ok('exec', 'web', 'ps')).trimEnd().split('\n');
    assert.strictEqual(lines[1], '    1 root      0:00 nginx: master process nginx -g daemon off;');
    assert.match(lines[2], /^ {3}29 nginx {5}0:00 nginx: worker process$/);
    assert.match(lines[lines.length - 1], /^ +\d+ root {6}0:00 ps$/);
  });

  test('procps ps on node:22: PID, TTY, TIME and the command name; nginx:1.28.0 has no ps at all', async () => {
    const lab = new TestLab();
    await lab.ok('run', '-d', '--name', 'app', 'node:22', 'sleep', '1000');
    assert.strictEqual(await lab.ok('exec', 'app', 'ps'), '    PID TTY          TIME CMD\n      1 ?        00:00:00 sleep\n      7 ?        00:00:00 ps\n');
    await lab.ok('run', '-d', '--name', 'web', 'nginx:1.28.0');
    const missing = await lab.docker('exec', 'web', 'ps');
    assert.strictEqual(missing.code, 127);
    assert.match(missing.stdout, /exec: "ps": executable file not found in \$PATH/);
  });
});
