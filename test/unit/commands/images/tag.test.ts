import * as assert from 'node:assert';
import { TestLab } from '../../helpers/TestLab';

suite('docker tag', () => {
  test('silent on success; the new name lists the same image', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    assert.deepStrictEqual(await lab.docker('tag', 'alpine', 'registry.example.com/team/box:v1'), { stdout: '', stderr: '', code: 0 });
    assert.deepStrictEqual(await lab.docker('image', 'tag', '320994c3b997', 'mybox'), { stdout: '', stderr: '', code: 0 });
    assert.strictEqual(await lab.ok('images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'),
      'alpine:latest 320994c3b997\nregistry.example.com/team/box:v1 320994c3b997\nmybox:latest 320994c3b997\n');
  });

  test('a tag moves from one image to another', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    await lab.ok('pull', '-q', 'busybox');
    await lab.ok('tag', 'alpine', 'box');
    await lab.ok('tag', 'busybox', 'box');
    assert.strictEqual(lab.engine.imageInspect('box').Id, lab.engine.imageInspect('busybox').Id);
    assert.deepStrictEqual(lab.engine.imageInspect('alpine').RepoTags, ['alpine:latest']);
  });

  test('errors: the client checks both references; the daemon says which image is missing', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'alpine');
    const cases: [string[], string][] = [
      [['A', 'b'], 'Error parsing reference: "A" is not a valid repository/tag: invalid reference format: repository name (library/A) must be lowercase\n'],
      [['alpine', 'B'], 'Error parsing reference: "B" is not a valid repository/tag: invalid reference format: repository name (library/B) must be lowercase\n'],
      [['alpine', 'b:'], 'Error parsing reference: "b:" is not a valid repository/tag: invalid reference format\n'],
      [['alpine', `b@sha256:${'a'.repeat(64)}`], 'refusing to create a tag with a digest reference\n'],
      [['nosuch', 'b'], 'Error response from daemon: No such image: nosuch:latest\n'],
    ];
    for (const [args, stderr] of cases) {
      assert.deepStrictEqual(await lab.docker('tag', ...args), { stdout: '', stderr, code: 1 }, args.join(' '));
    }
  });
});
