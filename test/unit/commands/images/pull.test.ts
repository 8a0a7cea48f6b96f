import * as assert from 'node:assert';
import { TestLab } from '../../helpers/TestLab';

/** nginx:1.28.0's seven layers, as `docker pull` names them (first 12 hex digits of each blob digest). */
const NGINX_LAYERS = ['ae4ce04d0e1c', '049fab013ee9', '7f0da823c3c6', 'e92ea34e4fd2', 'd9cafe4fb0f5', '276a6b624459', '9aec91fa40af'];
const NGINX_DIGEST = 'sha256:552e7481ca93ffccd046aa658dbbed22caefbc09c66fa7cd247cbb90b8a5c609';

/** The last line of a pull that did not find the image: the lab's own hint, not docker's. */
const HINT = /^Docker Lab: this lab is offline; its registry holds only hello-world:latest, nginx:1\.28\.0, .*\n$/;

suite('docker pull', () => {
  test('a first pull, piped: one line per status, no progress bars, then the full reference', async () => {
    const lab = new TestLab();
    const t = await lab.docker('pull', 'nginx:1.28.0');
    assert.strictEqual(t.code, 0);
    assert.strictEqual(t.stderr, '');
    const lines = t.stdout.split('\n');
    assert.deepStrictEqual(lines.slice(0, 12), [
      '1.28.0: Pulling from library/nginx',
      ...NGINX_LAYERS.map((id) => `${id}: Pulling fs layer`),
      // The daemon downloads three layers at a time; the others wait.
      ...NGINX_LAYERS.slice(3).map((id) => `${id}: Waiting`),
    ]);
    // Downloads finish in any order; each layer is extracted after its download, in layer order.
    const at = (line: string) => lines.indexOf(line);
    for (const id of NGINX_LAYERS) {
      assert.ok(at(`${id}: Verifying Checksum`) > 0 && at(`${id}: Verifying Checksum`) + 1 === at(`${id}: Download complete`), id);
      assert.ok(at(`${id}: Download complete`) < at(`${id}: Pull complete`), id);
    }
    const completes = lines.filter((l) => l.endsWith(': Pull complete'));
    assert.deepStrictEqual(completes, NGINX_LAYERS.map((id) => `${id}: Pull complete`));
    assert.strictEqual(lines.length, 12 + 7 * 3 + 4);
    assert.deepStrictEqual(lines.slice(-4), [
      `Digest: ${NGINX_DIGEST}`,
      'Status: Downloaded newer image for nginx:1.28.0',
      'docker.io/library/nginx:1.28.0',
      '',
    ]);
  });

  test('no tag: "Using default tag: latest", and the reference printed with :latest', async () => {
    const lab = new TestLab();
    const t = await lab.docker('pull', 'hello-world');
    assert.strictEqual(t.code, 0);
    assert.ok(t.stdout.startsWith('Using default tag: latest\nlatest: Pulling from library/hello-world\n4f55086f7dd0: Pulling fs layer\n'), t.stdout);
    assert.ok(t.stdout.endsWith('Status: Downloaded newer image for hello-world:latest\ndocker.io/library/hello-world:latest\n'), t.stdout);
  });

  test('a layer shared with an image already pulled: "Already exists", not downloaded again', async () => {
    const lab = new TestLab();
    await lab.ok('pull', 'alpine:latest');
    const out = await lab.ok('pull', 'nginx:alpine');
    const lines = out.split('\n');
    assert.strictEqual(lines[1], 'e2de96513ba9: Already exists');
    assert.ok(!lines.includes('e2de96513ba9: Pull complete'));
    assert.strictEqual(lines.filter((l) => l.endsWith(': Pull complete')).length, 7);
  });

  test('an image that is up to date: no layer lines', async () => {
    const lab = new TestLab();
    await lab.ok('pull', 'nginx:1.28.0');
    assert.strictEqual(await lab.ok('pull', 'nginx:1.28.0'), [
      '1.28.0: Pulling from library/nginx',
      `Digest: ${NGINX_DIGEST}`,
      'Status: Image is up to date for nginx:1.28.0',
      'docker.io/library/nginx:1.28.0',
      '',
    ].join('\n'));
  });

  test('-q prints the reference only (not even "Using default tag")', async () => {
    const lab = new TestLab();
    assert.deepStrictEqual(await lab.docker('pull', '-q', 'alpine'), { stdout: 'docker.io/library/alpine:latest\n', stderr: '', code: 0 });
  });

  test('by digest: the digest names the pull, and the image stays untagged', async () => {
    const lab = new TestLab();
    const out = await lab.ok('pull', `nginx@${NGINX_DIGEST}`);
    assert.ok(out.startsWith(`${NGINX_DIGEST}: Pulling from library/nginx\n`), out);
    assert.ok(out.endsWith(`Status: Downloaded newer image for nginx@${NGINX_DIGEST}\ndocker.io/library/nginx@${NGINX_DIGEST}\n`), out);
    assert.strictEqual(await lab.ok('images', '--format', '{{.Repository}} {{.Tag}}'), 'nginx <none>\n');
  });

  test('on a terminal: layer lines redrawn in place, trailing space after the status, bars only past 110 columns', async () => {
    const narrow = new TestLab({ tty: true, columns: 80 });
    const out = await narrow.ok('pull', 'hello-world');
    assert.ok(out.includes('latest: Pulling from library/hello-world\n\n\x1b[1A\x1b[2K\r4f55086f7dd0: Pulling fs layer \r\x1b[1B'), JSON.stringify(out));
    assert.ok(out.includes('\x1b[1A\x1b[2K\r4f55086f7dd0: Downloading  2.415kB/2.415kB\r\x1b[1B'), JSON.stringify(out));
    assert.ok(out.includes('\x1b[1A\x1b[2K\r4f55086f7dd0: Pull complete \r\x1b[1BDigest: '), JSON.stringify(out));
    const wide = new TestLab({ tty: true, columns: 120 });
    assert.ok((await wide.ok('pull', 'hello-world')).includes(`4f55086f7dd0: Downloading [${'='.repeat(50)}>]  2.415kB/2.415kB\r`));
  });

  test('an unknown repository: the registry\'s denial, exit 1, then one line from the lab', async () => {
    const lab = new TestLab();
    const t = await lab.docker('pull', 'nosuchimage');
    assert.strictEqual(t.code, 1);
    assert.strictEqual(t.stdout, 'Using default tag: latest\n');
    const [docker, hint, ...rest] = t.stderr.split(/(?<=\n)/);
    assert.strictEqual(docker, "Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n");
    assert.match(hint, HINT);
    assert.deepStrictEqual(rest, []);
  });

  test('an unknown tag: manifest unknown, exit 1, then the lab\'s line', async () => {
    const lab = new TestLab();
    const t = await lab.docker('pull', 'nginx:nope');
    assert.strictEqual(t.code, 1);
    assert.strictEqual(t.stdout, '');
    const [docker, hint] = t.stderr.split(/(?<=\n)/);
    assert.strictEqual(docker, 'Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown\n');
    assert.match(hint, HINT);
  });

  test('an unknown digest: the manifest error names it with @', async () => {
    const lab = new TestLab();
    const digest = `sha256:${'0'.repeat(64)}`;
    const t = await lab.docker('pull', `nginx@${digest}`);
    assert.strictEqual(t.code, 1);
    assert.ok(t.stderr.startsWith(`Error response from daemon: manifest for nginx@${digest} not found: manifest unknown: manifest unknown\n`), t.stderr);
  });

  test('client-side errors: the reference parser\'s words and --all-tags with a tag, exit 1', async () => {
    const lab = new TestLab();
    assert.deepStrictEqual(await lab.docker('pull', 'NGINX'), { stdout: '', stderr: 'invalid reference format: repository name (library/NGINX) must be lowercase\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('pull', 'nginx:'), { stdout: '', stderr: 'invalid reference format\n', code: 1 });
    assert.deepStrictEqual(await lab.docker('pull', '-a', 'nginx:1'), { stdout: '', stderr: "tag can't be used with --all-tags/-a\n", code: 1 });
  });

  test('--all-tags is refused plainly, never a silent success', async () => {
    const lab = new TestLab();
    const t = await lab.docker('pull', '-a', 'nginx');
    assert.strictEqual(t.code, 1);
    assert.match(t.stderr, /not simulated in Docker Lab/);
    assert.deepStrictEqual(lab.engine.imageList(), []);
  });
});
