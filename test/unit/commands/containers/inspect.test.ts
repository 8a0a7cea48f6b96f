import * as assert from 'node:assert';
import { containerInspect, inspect } from '../../../../src/cli/commands/inspect';
import { Lab } from './lab';

suite('docker inspect --size', () => {
  test('a container gets SizeRw (its writable layer) and SizeRootFs (that plus its image); without -s neither is there', async () => {
    const lab = await Lab.with('alpine:3.21');
    lab.create('box', { Image: 'alpine:3.21', Cmd: ['sleep', '1000'] });
    const { Id } = lab.engine.execCreate('box', { Cmd: ['sh', '-c', 'echo hello > /greeting'] });
    await lab.clock.settle(lab.engine.execStart(Id, () => undefined).exited);
    const image = lab.engine.imageInspect('alpine:3.21');

    const sized = await lab.run(inspect, ['box'], { size: true, format: '{{.SizeRw}} {{.SizeRootFs}}' });
    const plain = await lab.run(containerInspect, ['box'], { format: '{{json .SizeRw}}' });

    const [rw, rootFs] = sized.stdout.trim().split(' ').map(Number);
    assert.strictEqual(rw, 6, 'the six bytes of /greeting');
    assert.strictEqual(rootFs, rw + image.Size);
    assert.deepStrictEqual(plain, { status: 0, stdout: 'null\n', stderr: '' });
  });

  test('for an image the flag is ignored, with the CLI\'s warning', async () => {
    const lab = await Lab.with('alpine:3.21');

    const result = await lab.run(inspect, ['alpine:3.21'], { size: true, format: '{{.RepoTags}}' });

    assert.deepStrictEqual(result, { status: 0, stdout: '[alpine:3.21]\n', stderr: 'WARNING: --size ignored for image\n' });
  });
});
