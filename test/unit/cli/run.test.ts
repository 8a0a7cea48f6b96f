import * as assert from 'node:assert';
import { TestLab } from '../helpers/TestLab';

suite('docker run', () => {
  test('run -d prints the full 64-hex id; ps truncates it to 12', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'nginx:1.28.0');
    const id = (await lab.ok('run', '-d', '-p', '8080:80', '--name', 'web', 'nginx:1.28.0')).trim();
    assert.match(id, /^[0-9a-f]{64}$/);
    const ps = await lab.ok('ps', '--format', '{{.ID}} {{.Names}} {{.Ports}}');
    assert.strictEqual(ps, `${id.slice(0, 12)} web 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n`);
  });

  test('an image that is not local is pulled first, its progress on stderr', async () => {
    const lab = new TestLab();
    const t = await lab.docker('run', 'hello-world');
    assert.strictEqual(t.code, 0);
    assert.ok(t.stderr.startsWith("Unable to find image 'hello-world:latest' locally\nlatest: Pulling from library/hello-world\n"), t.stderr);
    assert.ok(t.stderr.endsWith('Status: Downloaded newer image for hello-world:latest\n'), t.stderr);
    assert.ok(t.stdout.startsWith('\nHello from Docker!\n'));
    assert.ok(!t.stdout.includes('docker.io/library/hello-world:latest'));
  });

  test('the container\'s exit status is docker run\'s', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    assert.strictEqual((await lab.docker('run', 'alpine', 'sh', '-c', 'exit 3')).code, 3);
    assert.strictEqual((await lab.docker('run', 'alpine', 'false')).code, 1);
    const echo = await lab.docker('run', '--rm', 'alpine', 'echo', 'hello', 'world');
    assert.deepStrictEqual(echo, { stdout: 'hello world\n', stderr: '', code: 0 });
  });

  test('a command that is not in the image: the runtime error, exit 127', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    const t = await lab.docker('run', 'alpine', 'bash');
    assert.strictEqual(t.code, 127);
    assert.strictEqual(t.stderr, 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "bash": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n');
  });

  test('a name in use: the daemon\'s conflict, exit 125', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    const id = (await lab.ok('create', '--name', 'box', 'alpine')).trim();
    const t = await lab.docker('run', '--name', 'box', 'alpine');
    assert.strictEqual(t.code, 125);
    assert.strictEqual(t.stderr, `docker: Error response from daemon: Conflict. The container name "/box" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n`);
  });

  test('an unknown image: pull access denied, exit 125', async () => {
    const lab = new TestLab();
    const t = await lab.docker('run', 'nosuchimage');
    assert.strictEqual(t.code, 125);
    assert.ok(t.stderr.includes("docker: Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login'"), t.stderr);
  });

  test('a published port that is taken: exit 125 and the container stays created', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'nginx:1.28.0');
    await lab.ok('run', '-d', '-p', '80:80', '--name', 'web1', 'nginx:1.28.0');
    const t = await lab.docker('run', '-d', '-p', '80:80', '--name', 'web2', 'nginx:1.28.0');
    assert.strictEqual(t.code, 125);
    assert.match(t.stderr, /^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web2 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:80 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/);
    assert.strictEqual(await lab.ok('ps', '-a', '--filter', 'name=web2', '--format', '{{.Status}}'), 'Created\n');
  });

  test('-e sets the environment; the image\'s own variables stay', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'nginx:1.28.0');
    const out = await lab.ok('run', '--rm', '-e', 'GREETING=hi', 'nginx:1.28.0', 'env');
    assert.ok(out.includes('GREETING=hi\n'));
    assert.ok(out.includes('NGINX_VERSION=1.28.0\n'));
  });

  test('flags the lab does not simulate are refused plainly, not ignored', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    const t = await lab.docker('run', '--memory', '64m', 'alpine');
    assert.strictEqual(t.code, 125);
    assert.match(t.stderr, /not simulated in Docker Lab/);
  });
});

suite('docker run: images under other names', () => {
  test('a re-tagged image runs the same programs as the original', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'nginx:1.28.0');
    await lab.ok('tag', 'nginx:1.28.0', 'myweb:v1');
    await lab.ok('run', '-d', '-p', '8080:80', '--name', 'web', 'myweb:v1');
    assert.strictEqual(await lab.ok('ps', '--format', '{{.Image}} {{.Status}}'), 'myweb:v1 Up Less than a second\n');
    assert.strictEqual(lab.engine.hostHttpRequest(8080, { method: 'GET', path: '/', headers: {} })?.status, 200);
    assert.strictEqual((await lab.docker('run', '--rm', '34e04bb6b4bb', 'nginx', '-v')).stderr, 'nginx version: nginx/1.28.0\n');
  });
});
