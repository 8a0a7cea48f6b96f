import * as assert from 'node:assert';
import { TestLab } from '../../helpers/TestLab';

const NGINX_DIGEST = 'sha256:552e7481ca93ffccd046aa658dbbed22caefbc09c66fa7cd247cbb90b8a5c609';
const ALPINE_ID = 'sha256:320994c3b997e2ec6433f717f153e108023c5bec8fefa8d76b83451d16d05ea8';
const ALPINE_DIGEST = 'sha256:5b02b42e375f7426f8d65c3af331ca05d9878f9989230354504e0b9dfd431f60';

suite('docker rmi', () => {
  test('untags the tag and its digest, deletes the image, then each layer no other image holds', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    // A single-layer image: its only layer's chain id is its diff id.
    const [layer] = lab.engine.imageInspect('alpine').RootFS.Layers;
    assert.deepStrictEqual(await lab.docker('rmi', 'alpine'), {
      stdout: `Untagged: alpine:latest\nUntagged: alpine@${ALPINE_DIGEST}\nDeleted: ${ALPINE_ID}\nDeleted: ${layer}\n`,
      stderr: '',
      code: 0,
    });
    assert.strictEqual(await lab.ok('images', '-q'), '');
  });

  test('one of two tags: only that tag goes (`docker image rm` is the same command)', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    await lab.ok('tag', 'alpine', 'mybox:1');
    assert.deepStrictEqual(await lab.docker('image', 'rm', 'mybox:1'), { stdout: 'Untagged: mybox:1\n', stderr: '', code: 0 });
    assert.strictEqual(await lab.ok('images', '--format', '{{.Repository}}:{{.Tag}}'), 'alpine:latest\n');
  });

  test('an image a container uses: conflict, exit 1; with -f the tags go and the image stays, dangling', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'nginx:1.28.0');
    const id = (await lab.ok('run', '-d', '--name', 'web', 'nginx:1.28.0')).trim();
    assert.deepStrictEqual(await lab.docker('rmi', 'nginx:1.28.0'), {
      stdout: '',
      stderr: `Error response from daemon: conflict: unable to remove repository reference "nginx:1.28.0" (must force) - container ${id.slice(0, 12)} is using its referenced image 34e04bb6b4bb\n`,
      code: 1,
    });
    assert.deepStrictEqual(await lab.docker('rmi', '-f', 'nginx:1.28.0'), {
      stdout: `Untagged: nginx:1.28.0\nUntagged: nginx@${NGINX_DIGEST}\n`,
      stderr: '',
      code: 0,
    });
    assert.strictEqual(await lab.ok('images', '--format', '{{.Repository}} {{.Tag}} {{.ID}}'), '<none> <none> 34e04bb6b4bb\n');
    // By id, a running container is a conflict even -f cannot force.
    assert.deepStrictEqual(await lab.docker('rmi', '-f', '34e04bb6b4bb'), {
      stdout: '',
      stderr: `Error response from daemon: conflict: unable to delete 34e04bb6b4bb (cannot be forced) - image is being used by running container ${id.slice(0, 12)}\n`,
      code: 1,
    });
    await lab.ok('stop', 'web');
    assert.strictEqual((await lab.docker('rmi', '34e04bb6b4bb')).stderr,
      `Error response from daemon: conflict: unable to delete 34e04bb6b4bb (must be forced) - image is being used by stopped container ${id.slice(0, 12)}\n`);
    const forced = await lab.docker('rmi', '-f', '34e04bb6b4bb');
    assert.strictEqual(forced.code, 0);
    assert.ok(forced.stdout.startsWith('Deleted: sha256:34e04bb6b4bb37d45845842374be0cd181723daffb230849b1984aaeaa96faba\n'), forced.stdout);
  });

  test('an error does not stop the next image; errors come together at the end, exit 1', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    await lab.ok('tag', 'alpine', 'mybox:1');
    assert.deepStrictEqual(await lab.docker('rmi', 'nosuch', 'mybox:1', 'other:2'), {
      stdout: 'Untagged: mybox:1\n',
      stderr: 'Error response from daemon: No such image: nosuch:latest\nError response from daemon: No such image: other:2\n',
      code: 1,
    });
  });

  test('-f: images that are not there are reported but do not fail the command', async () => {
    const lab = new TestLab();
    assert.deepStrictEqual(await lab.docker('rmi', '-f', 'nosuch'), {
      stdout: '',
      stderr: 'Error response from daemon: No such image: nosuch:latest\n',
      code: 0,
    });
  });

  test('-f with another kind of error too: exit 1', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    await lab.ok('run', '-d', 'alpine', 'sleep', '1000');
    const t = await lab.docker('rmi', '-f', 'nosuch', '320994c3b997');
    assert.strictEqual(t.code, 1);
    assert.match(t.stderr, /^Error response from daemon: No such image: nosuch:latest\nError response from daemon: conflict: unable to delete 320994c3b997 \(cannot be forced\) - image is being used by running container [0-9a-f]{12}\n$/);
  });
});
