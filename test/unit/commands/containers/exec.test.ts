import * as assert from 'node:assert';
import { MemoryHostFiles } from '../../helpers/MemoryHostFiles';
import { TestLab } from '../../helpers/TestLab';

/** The first container of a seed-1 lab: its ID, and the hostname (its short ID) programs see. */
const WEB_ID = 'a08ff49b6f772632716c43069c43a8c3b7cf3c25632b92409d3fb64afebede10';
const HOSTNAME = 'a08ff49b6f77';

/** nginx:alpine's image variables, in its config's order after PATH. */
const NGINX_ALPINE_ENV = ['NGINX_VERSION=1.31.6', 'PKG_RELEASE=1', 'DYNPKG_RELEASE=1', 'NJS_VERSION=1.0.1', 'NJS_RELEASE=1', 'ACME_VERSION=0.4.1'];
const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** What the daemon writes into the stream when runc cannot start the process (moby's exec router adds \r\n). */
function startFailure(reason: string): string {
  return `OCI runtime exec failed: exec failed: unable to start container process: ${reason}: unknown\r\n`;
}

/** A lab with a running `web` (nginx:alpine), optionally on a terminal or with host files. */
async function labWithWeb(options: { tty?: boolean; hostFiles?: MemoryHostFiles; image?: string } = {}): Promise<TestLab> {
  const lab = new TestLab({ tty: options.tty, hostFiles: options.hostFiles });
  await lab.ok('run', '-d', '--name', 'web', options.image ?? 'nginx:alpine');
  return lab;
}

suite('docker exec', () => {
  test('runs a command beside the main process and prints its output; the exit status is 0', async () => {
    const lab = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('exec', 'web', 'cat', '/etc/hostname'), { stdout: `${HOSTNAME}\n`, stderr: '', code: 0 });
    assert.deepStrictEqual(await lab.docker('container', 'exec', 'web', 'pwd'), { stdout: '/\n', stderr: '', code: 0 });
  });

  test('the environment is moby\'s: PATH and HOSTNAME first, the image\'s variables, -e, then HOME; -w sets the directory', async () => {
    const lab = await labWithWeb();
    const env = await lab.docker('exec', '-e', 'X=1', '-w', '/tmp', 'web', 'env');
    assert.deepStrictEqual(env, { stdout: [DEFAULT_PATH, `HOSTNAME=${HOSTNAME}`, ...NGINX_ALPINE_ENV, 'X=1', 'HOME=/root', ''].join('\n'), stderr: '', code: 0 });
    assert.strictEqual(await lab.ok('exec', '-w', '/tmp', 'web', 'pwd'), '/tmp\n');
  });

  test('-e replaces a variable in place; a bare -e NAME the client does not have unsets it; -t adds TERM=xterm', async () => {
    const lab = await labWithWeb();
    lab.tty = true;
    const env = await lab.ok('exec', '-t', '-e', 'PKG_RELEASE=9', '-e', 'NJS_VERSION', 'web', 'env');
    assert.deepStrictEqual(env.split('\n'), [
      DEFAULT_PATH, `HOSTNAME=${HOSTNAME}`, 'TERM=xterm', 'NGINX_VERSION=1.31.6', 'PKG_RELEASE=9', 'DYNPKG_RELEASE=1', 'NJS_RELEASE=1', 'ACME_VERSION=0.4.1', 'HOME=/root', '',
    ]);
  });

  test('the exit status is the process\'s, with nothing printed (cli.StatusError without a message)', async () => {
    const lab = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('exec', 'web', 'sh', '-c', 'exit 3'), { stdout: '', stderr: '', code: 3 });
  });

  test('stderr of the process goes to stderr without a TTY', async () => {
    const lab = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('exec', 'web', 'cat', '/nope'), { stdout: '', stderr: 'cat: can\'t open \'/nope\': No such file or directory\n', code: 1 });
  });

  test('a program the image does not have: runc\'s message on stdout, exit 127', async () => {
    const lab = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('exec', 'web', 'nosuch'), {
      stdout: startFailure('exec: "nosuch": executable file not found in $PATH'),
      stderr: '',
      code: 127,
    });
  });

  test('-w to a directory that does not exist: runc cannot chdir there, exit 127', async () => {
    const lab = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('exec', '-w', '/nope', 'web', 'pwd'), {
      stdout: startFailure('chdir to cwd ("/nope") set in config.json failed: no such file or directory'),
      stderr: '',
      code: 127,
    });
  });

  test('-d returns at once, silently, while the process runs on', async () => {
    const lab = await labWithWeb();
    const before = lab.clock.now();
    assert.deepStrictEqual(await lab.docker('exec', '-d', 'web', 'sleep', '100'), { stdout: '', stderr: '', code: 0 });
    assert.strictEqual(lab.clock.now(), before);
    // Its writes happen all the same.
    assert.deepStrictEqual(await lab.docker('exec', '-d', 'web', 'sh', '-c', 'echo hi > /tmp/x'), { stdout: '', stderr: '', code: 0 });
    assert.strictEqual(await lab.ok('exec', 'web', 'cat', '/tmp/x'), 'hi\n');
  });

  test('-d with a program the image does not have: the start fails as an API error, exit 1', async () => {
    const lab = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('exec', '-d', 'web', 'nosuch'), {
      stdout: '',
      stderr: `Error response from daemon: ${startFailure('exec: "nosuch": executable file not found in $PATH').trimEnd()}\n`,
      code: 1,
    });
  });

  test('a container that does not exist, is stopped or is paused: the daemon\'s errors, exit 1', async () => {
    const lab = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('exec', 'nope', 'ls'), { stdout: '', stderr: 'Error response from daemon: No such container: nope\n', code: 1 });
    await lab.ok('pause', 'web');
    assert.deepStrictEqual(await lab.docker('exec', 'web', 'ls'), {
      stdout: '',
      stderr: 'Error response from daemon: Container web is paused, unpause the container before exec\n',
      code: 1,
    });
    await lab.ok('unpause', 'web');
    await lab.ok('stop', 'web');
    assert.deepStrictEqual(await lab.docker('exec', 'web', 'ls'), { stdout: '', stderr: `Error response from daemon: container ${WEB_ID} is not running\n`, code: 1 });
  });

  test('a blank container name is refused by the client', async () => {
    const lab = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('exec', ' ', 'ls'), { stdout: '', stderr: 'invalid container name or ID: value is empty\n', code: 1 });
  });

  test('without a command: the usage error docker 28.2.2 prints, exit 1', async () => {
    const lab = await labWithWeb();
    const usage = (command: string) => ({
      stdout: '',
      stderr: `docker: 'docker ${command}' requires at least 2 arguments\n\nUsage:  docker ${command} [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker ${command} --help' for more information\n`,
      code: 1,
    });
    assert.deepStrictEqual(await lab.docker('exec'), usage('exec'));
    assert.deepStrictEqual(await lab.docker('exec', 'web'), usage('exec'));
    assert.deepStrictEqual(await lab.docker('container', 'exec', 'web'), usage('container exec'));
  });

  test('-it when the input is not a terminal: refused after the container is found; -t alone is allowed', async () => {
    const lab = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('exec', '-it', 'web', 'sh'), { stdout: '', stderr: 'the input device is not a TTY\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('exec', '-it', 'nope', 'sh'), { stdout: '', stderr: 'Error response from daemon: No such container: nope\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('exec', '-t', 'web', 'echo', 'hi'), { stdout: 'hi\n', stderr: '', code: 0 });
  });

  test('-it on alpine: busybox sh prompts "/ # ", runs what is typed, and exit returns', async () => {
    const lab = await labWithWeb({ tty: true });
    lab.stdinLines.push('echo hello', 'cd /tmp', 'exit');
    assert.deepStrictEqual(await lab.docker('exec', '-it', 'web', 'sh'), { stdout: '/ # hello\n/ # /tmp # ', stderr: '', code: 0 });
  });

  test('-it bash on debian: the prompt is root@<hostname>:/# and exit ends the shell with its status', async () => {
    const lab = await labWithWeb({ tty: true, image: 'nginx:1.28.0' });
    lab.stdinLines.push('false', 'exit');
    assert.deepStrictEqual(await lab.docker('exec', '-it', 'web', 'bash'), {
      stdout: `root@${HOSTNAME}:/# root@${HOSTNAME}:/# exit\n`,
      stderr: '',
      code: 1,
    });
  });

  test('-i without -t: the lines typed are the process\'s stdin until Ctrl+D', async () => {
    const lab = await labWithWeb();
    lab.stdinLines.push('one', 'two', null);
    assert.deepStrictEqual(await lab.docker('exec', '-i', 'web', 'cat'), { stdout: 'one\ntwo\n', stderr: '', code: 0 });
  });

  test('without -i the process gets no stdin', async () => {
    const lab = await labWithWeb();
    lab.stdinLines.push('typed');
    assert.deepStrictEqual(await lab.docker('exec', 'web', 'cat'), { stdout: '', stderr: '', code: 0 });
    assert.deepStrictEqual(lab.stdinLines, ['typed']);
  });

  test('Ctrl+C with -t reaches the process, which dies of SIGINT (130)', async () => {
    const lab = await labWithWeb({ tty: true });
    lab.settleLimitMs = 1000;
    assert.deepStrictEqual(await lab.docker('exec', '-t', 'web', 'sleep', '1000'), { stdout: '', stderr: '', code: 130 });
  });

  test('Ctrl+C without -t ends the client (130); the process runs on in the container', async () => {
    const lab = await labWithWeb();
    lab.settleLimitMs = 1000;
    assert.deepStrictEqual(await lab.docker('exec', 'web', 'sh', '-c', 'sleep 5; echo done > /tmp/done'), { stdout: '', stderr: '', code: 130 });
    await lab.clock.advance(10_000);
    assert.strictEqual(await lab.ok('exec', 'web', 'cat', '/tmp/done'), 'done\n');
  });

  test('--env-file reads the host\'s file: comments and blank lines skipped, a bare NAME from the client, -e last', async () => {
    const host = new MemoryHostFiles('/home/learner/lab', { 'app.env': '# settings\n\n  MODE=dev\nHOME\nMISSING\nTRAIL=a b \n' });
    const lab = await labWithWeb({ hostFiles: host });
    const env = await lab.ok('exec', '--env-file', 'app.env', '-e', 'MODE=prod', 'web', 'env');
    // MODE=prod replaces MODE=dev where it stood; HOME came from the file, so runc adds none.
    assert.deepStrictEqual(env.split('\n').slice(-4), ['MODE=prod', 'HOME=/root', 'TRAIL=a b ', '']);
  });

  test('--env-file errors: a missing file, a name with spaces; without host files the lab says so', async () => {
    const host = new MemoryHostFiles('/home/learner/lab', { 'bad.env': 'MY VAR=1\n' });
    const lab = await labWithWeb({ hostFiles: host });
    assert.deepStrictEqual(await lab.docker('exec', '--env-file', 'none.env', 'web', 'env'), { stdout: '', stderr: 'open none.env: no such file or directory\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('exec', '--env-file', 'bad.env', 'web', 'env'), {
      stdout: '',
      stderr: 'invalid env file (bad.env): variable \'MY VAR\' contains whitespaces\n',
      code: 1,
    });
    const bare = await labWithWeb();
    const result = await bare.docker('exec', '--env-file', 'app.env', 'web', 'env');
    assert.strictEqual(result.code, 1);
    assert.match(result.stderr, /^Docker Lab: --env-file reads a file on the host/);
  });
});
