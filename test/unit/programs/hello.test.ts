import * as assert from 'node:assert';
import programsData from '../../../src/engine/data/programs.json';
import { runCommand } from './FakeProcess';

suite('programs: hello (hello-world)', () => {
  test('prints the exact 807 bytes of the amd64 binary and exits 0', async () => {
    const result = await runCommand({ family: 'scratch', image: 'hello-world', argv: ['/hello'] });
    assert.strictEqual(result.stdout, programsData['hello-world'].stdout);
    assert.strictEqual(result.stdout.length, 807);
    assert.ok(result.stdout.startsWith('\nHello from Docker!\n'));
    assert.ok(result.stdout.endsWith('https://docs.docker.com/get-started/\n\n'));
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.code, 0);
  });
});
