import * as assert from 'node:assert';
import * as fc from 'fast-check';
import { TestLab } from '../helpers/TestLab';

/** Words a learner might type, mixed with noise, so random lines reach deep into the commands. */
const WORDS = [
  'run', 'create', 'start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'rm', 'ps', 'logs', 'inspect',
  'port', 'wait', 'rename', 'images', 'image', 'container', 'pull', 'rmi', 'tag', 'history', 'version', 'info',
  'ls', '-a', '-q', '-d', '-f', '-p', '-t', '-i', '-it', '-dp', '--rm', '--name', '--format', '--filter', '--tail',
  '--no-trunc', '-s', '--help', '--', 'nginx', 'nginx:1.28.0', 'alpine', 'hello-world', 'web', '80:80', '8080:80',
  'abc:def:ghi', '{{.ID}}', '{{json .}}', '{{', 'table {{.Names}}', 'status=running', 'sh', '-c', 'echo hi', 'sleep',
  '1', 'exit 3', 'SIGKILL', 'Nginx', 'nginx@sha256:zz', '', ' ',
];

suite('docker CLI: random command lines', () => {
  test('never throw: every line ends in output and an exit status', async function () {
    this.timeout(60_000);
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'nginx:1.28.0');
    await lab.ok('pull', '-q', 'alpine');
    await lab.ok('run', '-d', '--name', 'web', 'nginx:1.28.0');
    const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 }));
    await fc.assert(fc.asyncProperty(fc.array(word, { maxLength: 7 }), async (argv) => {
      const t = await lab.docker(...argv);
      assert.ok(Number.isInteger(t.code) && t.code >= 0 && t.code <= 255, `exit ${t.code} for ${JSON.stringify(argv)}`);
      if (t.code !== 0 && t.code !== 130) assert.ok(t.stderr.length > 0 || t.stdout.length > 0, `silent failure for ${JSON.stringify(argv)}`);
    }), { numRuns: 300, seed: 20261124 });
  });
});
