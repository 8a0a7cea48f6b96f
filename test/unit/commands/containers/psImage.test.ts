import * as assert from 'node:assert';
import { TestLab } from '../../helpers/TestLab';

// The IMAGE column of docker ps follows moby's refreshImage: the name the
// container was created from while it still names the container's image,
// the image's ID once the name is gone or names another image.

const HELLO_SHORT_ID = 'e2ac70e7319a';

suite('docker ps: the IMAGE column after the image changes', () => {
  test('the name while it still names the image; the short image ID after docker rmi -f', async () => {
    const lab = new TestLab();
    await lab.ok('run', '--name', 'hi', 'hello-world');
    assert.strictEqual((await lab.ok('ps', '-a', '--format', '{{.Image}}')).trim(), 'hello-world');
    await lab.ok('rmi', '-f', 'hello-world');
    assert.strictEqual((await lab.ok('ps', '-a', '--format', '{{.Image}}')).trim(), HELLO_SHORT_ID);
    assert.match((await lab.ok('ps', '-a', '--no-trunc', '--format', '{{.Image}}')).trim(), /^sha256:e2ac70e7319a[0-9a-f]{52}$/);
  });

  test('a tag moved to another image: the container shows its own image\'s ID', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine:latest');
    await lab.ok('pull', '-q', 'busybox:latest');
    await lab.ok('tag', 'alpine:latest', 'base:v1');
    await lab.ok('create', '--name', 'box', 'base:v1');
    assert.strictEqual((await lab.ok('ps', '-a', '--format', '{{.Image}}')).trim(), 'base:v1');
    await lab.ok('tag', 'busybox:latest', 'base:v1');
    const alpineId = (await lab.ok('image', 'inspect', '--format', '{{.Id}}', 'alpine:latest')).trim();
    assert.strictEqual((await lab.ok('ps', '-a', '--format', '{{.Image}}')).trim(), alpineId.slice(7, 19));
  });
});
