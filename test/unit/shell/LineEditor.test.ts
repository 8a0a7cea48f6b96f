import * as assert from 'node:assert';
import { LineEditor } from '../../../src/shell/LineEditor';
import { VirtualScreen } from './VirtualScreen';

/** A screen with a prompt and an editor after it. */
function setup(columns = 20, prompt = '$ ') {
  const screen = new VirtualScreen(columns, 10);
  screen.write(prompt);
  const editor = new LineEditor(columns, prompt.length);
  return { screen, editor, apply: (out: string) => screen.write(out) };
}

suite('LineEditor', () => {
  test('typing at the end echoes the text', () => {
    const { screen, editor, apply } = setup();
    apply(editor.insert('docker'));
    apply(editor.insert(' ps'));
    assert.strictEqual(editor.text, 'docker ps');
    assert.deepStrictEqual(screen.lines(), ['$ docker ps']);
    assert.deepStrictEqual([screen.row, screen.col], [0, 11]);
  });

  test('inserting in the middle redraws the rest and keeps the cursor after the insert', () => {
    const { screen, editor, apply } = setup();
    apply(editor.insert('docker s'));
    apply(editor.left());
    apply(editor.insert('p'));
    assert.strictEqual(editor.text, 'docker ps');
    assert.deepStrictEqual(screen.lines(), ['$ docker ps']);
    assert.deepStrictEqual([screen.row, screen.col], [0, 10]);
  });

  test('backspace and delete remove characters and clear what is left behind', () => {
    const { screen, editor, apply } = setup();
    apply(editor.insert('dockerr ps'));
    apply(editor.home());
    for (let i = 0; i < 7; i++) apply(editor.right());
    apply(editor.backspace());
    assert.deepStrictEqual(screen.lines(), ['$ docker ps']);
    apply(editor.end());
    apply(editor.backspace());
    apply(editor.home());
    apply(editor.deleteForward());
    assert.strictEqual(editor.text, 'ocker p');
    assert.deepStrictEqual(screen.lines(), ['$ ocker p']);
    assert.deepStrictEqual([screen.row, screen.col], [0, 2]);
  });

  test('Ctrl+U, Ctrl+K and Ctrl+W delete around the cursor like readline', () => {
    const { screen, editor, apply } = setup(40);
    apply(editor.insert('docker run -d nginx'));
    apply(editor.deleteBlankWordLeft());
    assert.strictEqual(editor.text, 'docker run -d ');
    apply(editor.deleteBlankWordLeft());
    assert.strictEqual(editor.text, 'docker run ');
    apply(editor.home());
    apply(editor.wordRight());
    apply(editor.deleteToEnd());
    assert.strictEqual(editor.text, 'docker');
    apply(editor.left());
    apply(editor.deleteToStart());
    assert.strictEqual(editor.text, 'r');
    assert.deepStrictEqual(screen.lines(), ['$ r']);
    assert.deepStrictEqual([screen.row, screen.col], [0, 2]);
  });

  test('Alt+B/F move by alphanumeric words; Alt+Backspace/D delete them', () => {
    const { editor, apply } = setup(40);
    apply(editor.insert('docker run --name web'));
    apply(editor.wordLeft());
    assert.strictEqual(editor.cursorIndex, 18);
    apply(editor.wordLeft());
    assert.strictEqual(editor.cursorIndex, 13);
    // backward-kill-word takes the punctuation before the word with it: "run --" goes.
    apply(editor.deleteWordLeft());
    assert.strictEqual(editor.text, 'docker name web');
    apply(editor.deleteWordRight());
    assert.strictEqual(editor.text, 'docker  web');
  });

  test('a long line wraps, and the cursor moves across rows', () => {
    const { screen, editor, apply } = setup(10);
    apply(editor.insert('0123456789abcdef'));
    assert.deepStrictEqual(screen.lines(), ['$ 01234567', '89abcdef']);
    assert.deepStrictEqual([screen.row, screen.col], [1, 8]);
    apply(editor.home());
    assert.deepStrictEqual([screen.row, screen.col], [0, 2]);
    apply(editor.insert('X'));
    assert.deepStrictEqual(screen.lines(), ['$ X0123456', '789abcdef']);
    assert.deepStrictEqual([screen.row, screen.col], [0, 3]);
    apply(editor.end());
    assert.deepStrictEqual([screen.row, screen.col], [1, 9]);
  });

  test('filling a row exactly leaves the cursor at the start of the next row, not stuck at the edge', () => {
    const { screen, editor, apply } = setup(10);
    apply(editor.insert('01234567'));
    assert.deepStrictEqual([screen.row, screen.col], [1, 0]);
    apply(editor.insert('x'));
    assert.deepStrictEqual(screen.lines(), ['$ 01234567', 'x']);
    apply(editor.backspace());
    apply(editor.backspace());
    assert.deepStrictEqual(screen.lines(), ['$ 0123456']);
    assert.deepStrictEqual([screen.row, screen.col], [0, 9]);
  });

  test('deleting from a wrapped line clears the row that is no longer used', () => {
    const { screen, editor, apply } = setup(10);
    apply(editor.insert('0123456789abc'));
    apply(editor.home());
    apply(editor.deleteToEnd());
    assert.deepStrictEqual(screen.lines(), ['$']);
    assert.strictEqual(editor.text, '');
  });

  test('wide characters take two columns and wrap as a whole', () => {
    const { screen, editor, apply } = setup(10);
    apply(editor.insert('echo 안녕하'));
    // 2 + 5 columns, then 안 (2) fits at 7-8, 녕 does not fit at column 9: it goes to the next row.
    assert.deepStrictEqual(screen.lines(), ['$ echo 안', '녕하']);
    apply(editor.left());
    apply(editor.left());
    assert.deepStrictEqual([screen.row, screen.col], [1, 0]);
    apply(editor.left());
    assert.deepStrictEqual([screen.row, screen.col], [0, 7]);
  });

  test('replace swaps the whole line (history recall) and clears a longer one', () => {
    const { screen, editor, apply } = setup(10);
    apply(editor.insert('docker images --all'));
    apply(editor.replace('ls'));
    assert.deepStrictEqual(screen.lines(), ['$ ls']);
    assert.deepStrictEqual([screen.row, screen.col], [0, 4]);
  });

  test('hide and show move the input out of the way of output and back', () => {
    const { screen, editor, apply } = setup(20);
    apply(editor.insert('abc'));
    apply(editor.left());
    apply(editor.hide());
    screen.write('output\r\n> ');
    apply(editor.show(2));
    assert.deepStrictEqual(screen.lines(), ['$ output', '> abc']);
    assert.deepStrictEqual([screen.row, screen.col], [1, 4]);
  });

  test('control characters show in caret notation', () => {
    const { screen, editor, apply } = setup(20);
    apply(editor.insert('a\nb'));
    assert.deepStrictEqual(screen.lines(), ['$ a^Jb']);
  });

  test('an input that starts past the last column begins on the next row', () => {
    const screen = new VirtualScreen(4, 5);
    screen.write('abcd');
    const editor = new LineEditor(4, 4);
    screen.write(editor.insert('xy'));
    assert.deepStrictEqual(screen.lines(), ['abcd', 'xy']);
    screen.write(editor.home());
    assert.deepStrictEqual([screen.row, screen.col], [1, 0]);
  });
});
