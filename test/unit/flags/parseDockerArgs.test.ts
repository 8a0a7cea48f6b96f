import * as assert from 'node:assert';
import { parseDockerArgs } from '../../../src/cli/flags/parseDockerArgs';
import { ERRORS, HELP } from './dockerTranscripts';

suite('parseDockerArgs: what docker prints before it talks to the daemon', () => {
  test('flag, usage and unknown-command errors: exact text and exit status (125 for flags, 1 for usage)', () => {
    for (const expected of ERRORS) {
      const result = parseDockerArgs(expected.argv);
      const label = `docker ${JSON.stringify(expected.argv)}`;
      assert.strictEqual(result.kind, 'error', label);
      assert.strictEqual(result.stderr, expected.stderr ?? '', label);
      assert.strictEqual(result.stdout, expected.stdout ?? '', label);
      assert.strictEqual(result.kind === 'error' && result.exitCode, expected.exitCode, label);
    }
  });

  test('help and version: the stream docker uses, warnings included', () => {
    for (const expected of HELP) {
      const result = parseDockerArgs(expected.argv);
      const label = `docker ${JSON.stringify(expected.argv)}`;
      assert.strictEqual(result.kind, 'help', label);
      assert.strictEqual(result.stdout, expected.stdout ?? '', label);
      assert.strictEqual(result.stderr, expected.stderr ?? '', label);
    }
  });

  test('valid command lines resolve to the canonical command with its flags and arguments', () => {
    const cases: Array<{ argv: string[]; command: string; path: string; args: string[]; changed?: string[] }> = [
      { argv: ['run', 'alpine', 'ls', '-la'], command: 'container run', path: 'run', args: ['alpine', 'ls', '-la'] },
      { argv: ['run', '-d', '-p', '80:80', '-p', '443:443', '--name', 'web', 'nginx'], command: 'container run', path: 'run', args: ['nginx'], changed: ['detach', 'name', 'publish'] },
      { argv: ['run', '-dp', '80:80', 'nginx'], command: 'container run', path: 'run', args: ['nginx'], changed: ['detach', 'publish'] },
      { argv: ['run', '-it', '--rm', 'alpine', 'sh', '-c', 'echo hi'], command: 'container run', path: 'run', args: ['alpine', 'sh', '-c', 'echo hi'], changed: ['interactive', 'rm', 'tty'] },
      { argv: ['run', 'alpine', '--rm'], command: 'container run', path: 'run', args: ['alpine', '--rm'] },
      { argv: ['container', 'run', '--rm=false', 'alpine'], command: 'container run', path: 'container run', args: ['alpine'], changed: ['rm'] },
      { argv: ['ps', '-a'], command: 'container ls', path: 'ps', args: [], changed: ['all'] },
      { argv: ['container', 'list', '-q'], command: 'container ls', path: 'container ls', args: [], changed: ['quiet'] },
      { argv: ['container', 'ps'], command: 'container ls', path: 'container ls', args: [] },
      { argv: ['images', 'nginx'], command: 'image ls', path: 'images', args: ['nginx'] },
      { argv: ['image', 'list'], command: 'image ls', path: 'image ls', args: [] },
      { argv: ['rmi', '-f', 'a', 'b'], command: 'image rm', path: 'rmi', args: ['a', 'b'], changed: ['force'] },
      { argv: ['image', 'remove', 'a'], command: 'image rm', path: 'image rm', args: ['a'] },
      { argv: ['rm', '-f', 'web'], command: 'container rm', path: 'rm', args: ['web'], changed: ['force'] },
      { argv: ['container', 'remove', 'web'], command: 'container rm', path: 'container rm', args: ['web'] },
      { argv: ['exec', '-it', 'web', 'sh', '-c', 'ls -la'], command: 'container exec', path: 'exec', args: ['web', 'sh', '-c', 'ls -la'], changed: ['interactive', 'tty'] },
      { argv: ['logs', 'web', '-f'], command: 'container logs', path: 'logs', args: ['web'], changed: ['follow'] },
      { argv: ['stop', '-t', '5', 'web'], command: 'container stop', path: 'stop', args: ['web'], changed: ['timeout'] },
      { argv: ['tag', 'a', 'b'], command: 'image tag', path: 'tag', args: ['a', 'b'] },
      { argv: ['-D', 'ps'], command: 'container ls', path: 'ps', args: [] },
      { argv: ['--', 'ps'], command: 'container ls', path: 'ps', args: [] },
      { argv: ['-v', 'ps'], command: 'container ls', path: 'ps', args: [] },
      { argv: ['system', 'df', '-v'], command: 'system df', path: 'system df', args: [], changed: ['verbose'] },
      { argv: ['info'], command: 'system info', path: 'info', args: [] },
      { argv: ['inspect', 'web'], command: 'inspect', path: 'inspect', args: ['web'] },
      { argv: ['ps', '-test.v'], command: 'container ls', path: 'ps', args: [] },
      { argv: ['top', 'web', 'aux', '--bogus'], command: 'container top', path: 'top', args: ['web', 'aux', '--bogus'] },
    ];
    for (const expected of cases) {
      const result = parseDockerArgs(expected.argv);
      const label = `docker ${JSON.stringify(expected.argv)}`;
      assert.strictEqual(result.kind, 'run', `${label}: ${result.kind !== 'run' ? result.stderr : ''}`);
      if (result.kind !== 'run') continue;
      assert.strictEqual(result.command, expected.command, label);
      assert.strictEqual(result.path, expected.path, label);
      assert.deepStrictEqual(result.args, expected.args, label);
      assert.deepStrictEqual(result.flags.changedNames(), expected.changed ?? [], label);
      assert.strictEqual(result.stdout + result.stderr, '', label);
    }
  });

  test('flag values are typed and repeated list flags accumulate', () => {
    const result = parseDockerArgs(['run', '-d', '-p', '80:80', '-p', '443:443', '-e', 'A=1', '-e', 'B=2', '--memory', '512m', '--cpus', '1.5', '--health-interval', '10s', '--name', 'web', 'nginx']);
    assert.strictEqual(result.kind, 'run');
    if (result.kind !== 'run') return;
    assert.strictEqual(result.flags.bool('detach'), true);
    assert.deepStrictEqual(result.flags.list('publish'), ['80:80', '443:443']);
    assert.deepStrictEqual(result.flags.list('env'), ['A=1', 'B=2']);
    assert.strictEqual(result.flags.number('memory'), 512 * 1024 * 1024);
    assert.strictEqual(result.flags.number('cpus'), 1_500_000_000);
    assert.strictEqual(result.flags.number('health-interval'), 10_000_000_000);
    assert.strictEqual(result.flags.string('name'), 'web');
    assert.strictEqual(result.flags.bool('rm'), false);
    assert.strictEqual(result.argsLengthAtDash, -1);
  });

  test('global options come back with the command', () => {
    const result = parseDockerArgs(['-D', '-H', 'unix:///var/run/docker.sock', '--log-level', 'warn', 'ps']);
    assert.strictEqual(result.kind, 'run');
    if (result.kind !== 'run') return;
    assert.strictEqual(result.globals.bool('debug'), true);
    assert.deepStrictEqual(result.globals.list('host'), ['unix:///var/run/docker.sock']);
    assert.strictEqual(result.globals.string('log-level'), 'warn');
    assert.strictEqual(result.globals.string('config'), '/root/.docker');
  });

  test('warnings printed before the command runs travel with it', () => {
    const stop = parseDockerArgs(['stop', '--time', '5', 'web']);
    assert.strictEqual(stop.kind, 'run');
    assert.strictEqual(stop.stdout, 'Flag --time has been deprecated, use --timeout instead\n');
    const build = parseDockerArgs(['build', '-t', 'app', '.']);
    assert.strictEqual(build.kind, 'run');
    assert.strictEqual(build.stderr, 'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\n');
    assert.strictEqual(build.kind === 'run' && build.command, 'image build');
  });

  test('-e NAME takes its value from the client environment', () => {
    const result = parseDockerArgs(['run', '-e', 'LANG', '-e', 'NOPE', 'alpine'], { environment: { LANG: 'C.UTF-8' } });
    assert.strictEqual(result.kind === 'run' && result.flags.list('env').join(' '), 'LANG=C.UTF-8 NOPE');
  });

  test('DOCKER_BUILDKIT changes what build says without buildx', () => {
    const disabled = parseDockerArgs(['build', '.'], { environment: { DOCKER_BUILDKIT: '0' } });
    assert.strictEqual(disabled.stderr, 'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n            environment-variable.\n\n');
    const enabled = parseDockerArgs(['build', '.'], { environment: { DOCKER_BUILDKIT: '1' } });
    assert.deepStrictEqual([enabled.kind, enabled.stderr], ['error', 'ERROR: BuildKit is enabled but the buildx component is missing or broken.\n       Install the buildx component to build images with BuildKit:\n       https://docs.docker.com/go/buildx/\n']);
    const invalid = parseDockerArgs(['ps'], { environment: { DOCKER_BUILDKIT: 'maybe' } });
    assert.strictEqual(invalid.stderr, 'DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing "maybe": invalid syntax\n');
  });

  test('an experimental daemon accepts what a plain one refuses', () => {
    const daemon = { osType: 'linux', experimental: true };
    assert.strictEqual(parseDockerArgs(['checkpoint', 'ls', 'web'], { daemon }).kind, 'run');
    assert.strictEqual(parseDockerArgs(['start', '--checkpoint', 'c1', 'web'], { daemon }).kind, 'run');
    const windows = parseDockerArgs(['run', '--cpu-count', '2', 'alpine'], { daemon: { osType: 'windows', experimental: false } });
    assert.strictEqual(windows.kind, 'run');
  });

  test('help follows the terminal width', () => {
    const wide = parseDockerArgs(['stop', '--help'], { width: 120 });
    assert.strictEqual(wide.kind === 'help' && wide.stdout.includes('  -t, --timeout int     Seconds to wait before killing the container\n'), true);
  });
});
