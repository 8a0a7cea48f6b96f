import * as assert from 'node:assert';
import { readKey } from '../../../src/shell/readKey';

suite('readKey', () => {
  /** What xterm (VS Code's terminal) sends for each key, and what the editor must see. */
  const cases: [string, string, string, number][] = [
    ['a', 'text', 'a', 1],
    ['한', 'text', '한', 1],
    ['😀', 'text', '😀', 2],
    ['\r', 'enter', '', 1],
    ['\r\n', 'enter', '', 2],
    ['\n', 'enter', '', 1],
    ['\x7f', 'backspace', '', 1],
    ['\b', 'backspace', '', 1],
    ['\t', 'tab', '', 1],
    ['\x01', 'ctrl-a', '', 1],
    ['\x03', 'ctrl-c', '', 1],
    ['\x04', 'ctrl-d', '', 1],
    ['\x05', 'ctrl-e', '', 1],
    ['\x0b', 'ctrl-k', '', 1],
    ['\x0c', 'ctrl-l', '', 1],
    ['\x15', 'ctrl-u', '', 1],
    ['\x17', 'ctrl-w', '', 1],
    ['\x1b[A', 'up', '', 3],
    ['\x1b[B', 'down', '', 3],
    ['\x1b[C', 'right', '', 3],
    ['\x1b[D', 'left', '', 3],
    ['\x1bOA', 'up', '', 3],
    ['\x1b[H', 'home', '', 3],
    ['\x1b[F', 'end', '', 3],
    ['\x1bOH', 'home', '', 3],
    ['\x1b[1~', 'home', '', 4],
    ['\x1b[4~', 'end', '', 4],
    ['\x1b[3~', 'delete', '', 4],
    ['\x1b[1;5C', 'word-right', '', 6],
    ['\x1b[1;5D', 'word-left', '', 6],
    ['\x1bb', 'word-left', '', 2],
    ['\x1bf', 'word-right', '', 2],
    ['\x1bd', 'delete-word-right', '', 2],
    ['\x1b\x7f', 'delete-word-left', '', 2],
    ['\x1b[15~', 'ignored', '', 5],
    ['\x1b[200~', 'ignored', '', 6],
    ['\x1bx', 'ignored', '', 2],
  ];
  for (const [data, name, text, length] of cases) {
    test(`${JSON.stringify(data)} is ${name}`, () => {
      const { key, length: used } = readKey(data + 'rest', 0);
      assert.strictEqual(key.name, name);
      if (key.name === 'text') assert.strictEqual(key.text, text);
      assert.strictEqual(used, length);
    });
  }

  test('a lone Escape at the end of the data is the Escape key', () => {
    assert.deepStrictEqual(readKey('\x1b', 0), { key: { name: 'escape' }, length: 1 });
  });

  test('reads from the given index', () => {
    assert.deepStrictEqual(readKey('ab\x1b[D', 2), { key: { name: 'left' }, length: 3 });
  });
});
