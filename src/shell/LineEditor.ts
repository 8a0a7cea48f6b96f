import { charWidth } from './charWidth';

/** Where a character sits on screen, in rows below the input's first row and columns. */
interface Position {
  row: number;
  col: number;
}

/**
 * One line of input being edited in a terminal: the buffer, the cursor and
 * the escape sequences that keep the screen in step, readline style.
 *
 * The input starts at `origin` (the column after the prompt) and may wrap
 * over several rows; every method returns the text to write to the terminal.
 * The editor tracks where the terminal's cursor is and never leaves it in
 * xterm's "pending wrap" state (after the last column), so relative cursor
 * moves stay exact. Control characters in the buffer (a recalled multi-line
 * history entry) show as `^J`, as readline shows them.
 */
export class LineEditor {
  private chars: string[] = [];
  private cursor = 0;
  /** Where the terminal's cursor is now. */
  private screen: Position;

  /**
   * @param columns terminal width
   * @param origin column where the input begins (after the prompt); `columns` when the
   *   terminal's cursor waits past the last column
   */
  constructor(private columns: number, private origin: number) {
    this.screen = { row: 0, col: origin };
  }

  /** The text typed so far. */
  get text(): string {
    return this.chars.join('');
  }

  /** The cursor as an index in code points. */
  get cursorIndex(): number {
    return this.cursor;
  }

  /** The text left of the cursor (what Tab completion looks at). */
  get textBeforeCursor(): string {
    return this.chars.slice(0, this.cursor).join('');
  }

  get isEmpty(): boolean {
    return this.chars.length === 0;
  }

  /** The terminal was resized; later output uses the new width. */
  setColumns(columns: number): void {
    this.columns = Math.max(1, columns);
  }

  /** Types `text` at the cursor. */
  insert(text: string): string {
    const added = Array.from(text);
    if (added.length === 0) return '';
    const settle = this.settle();
    const at = this.cursor;
    this.chars.splice(at, 0, ...added);
    this.cursor += added.length;
    if (at === this.chars.length - added.length) {
      // Typing at the end: echo only what was typed.
      return settle + this.writeFrom(at) + this.fixPendingWrap();
    }
    return settle + this.redrawFrom(at);
  }

  /** Replaces the whole buffer (history recall), cursor at the end. */
  replace(text: string): string {
    const home = this.settle() + this.moveTo(this.start());
    this.chars = Array.from(text);
    this.cursor = this.chars.length;
    return home + this.writeFrom(0) + this.fixPendingWrap() + '\x1b[J';
  }

  /** Empties the buffer and the screen area it used. */
  clear(): string {
    return this.replace('');
  }

  backspace(): string {
    if (this.cursor === 0) return '';
    return this.deleteRange(this.cursor - 1, this.cursor);
  }

  /** Deletes the character under the cursor (Delete, Ctrl+D on a non-empty line). */
  deleteForward(): string {
    if (this.cursor >= this.chars.length) return '';
    return this.deleteRange(this.cursor, this.cursor + 1);
  }

  /** Ctrl+U: deletes from the start of the line to the cursor (readline's unix-line-discard). */
  deleteToStart(): string {
    return this.deleteRange(0, this.cursor);
  }

  /** Ctrl+K: deletes from the cursor to the end of the line. */
  deleteToEnd(): string {
    return this.deleteRange(this.cursor, this.chars.length);
  }

  /** Ctrl+W: deletes the blank-separated word left of the cursor (readline's unix-word-rubout). */
  deleteBlankWordLeft(): string {
    let start = this.cursor;
    while (start > 0 && isBlank(this.chars[start - 1])) start--;
    while (start > 0 && !isBlank(this.chars[start - 1])) start--;
    return this.deleteRange(start, this.cursor);
  }

  /** Alt+Backspace: deletes the alphanumeric word left of the cursor (backward-kill-word). */
  deleteWordLeft(): string {
    return this.deleteRange(this.wordStartLeft(), this.cursor);
  }

  /** Alt+D: deletes to the end of the alphanumeric word right of the cursor (kill-word). */
  deleteWordRight(): string {
    return this.deleteRange(this.cursor, this.wordEndRight());
  }

  left(): string {
    return this.moveCursor(this.cursor - 1);
  }

  right(): string {
    return this.moveCursor(this.cursor + 1);
  }

  home(): string {
    return this.moveCursor(0);
  }

  end(): string {
    return this.moveCursor(this.chars.length);
  }

  /** Alt+B: to the start of the word left of the cursor. */
  wordLeft(): string {
    return this.moveCursor(this.wordStartLeft());
  }

  /** Alt+F: to the end of the word right of the cursor. */
  wordRight(): string {
    return this.moveCursor(this.wordEndRight());
  }

  /** Moves the terminal's cursor to the start of the input and clears the input from the screen. */
  hide(): string {
    return this.moveTo(this.start()) + '\x1b[J';
  }

  /**
   * Draws the input again from scratch with its first character at `origin`,
   * where the terminal's cursor is now (after a prompt was printed anew).
   */
  show(origin: number): string {
    this.origin = origin;
    this.screen = { row: 0, col: origin };
    if (this.chars.length === 0) return '';
    return this.settle() + this.writeFrom(0) + this.fixPendingWrap() + '\x1b[J' + this.moveTo(this.positionOf(this.cursor));
  }

  /** Puts the cursor at `index` (a position in code points, as after `end()`). */
  moveToIndex(index: number): string {
    return this.moveCursor(index);
  }

  /**
   * When the input begins just past the last column (output ended exactly at
   * the edge), the terminal wraps before the first character; `\r\n` does the
   * same explicitly so the input's first cell is addressable. Only done when
   * something is about to be drawn, so an untouched line adds no blank row.
   */
  private settle(): string {
    if (this.origin < this.columns) return '';
    this.origin = 0;
    this.screen = { row: 0, col: 0 };
    return '\r\n';
  }

  private deleteRange(start: number, end: number): string {
    if (end <= start) return '';
    this.chars.splice(start, end - start);
    this.cursor = start;
    return this.redrawFrom(start);
  }

  private moveCursor(index: number): string {
    const target = Math.max(0, Math.min(this.chars.length, index));
    if (target === this.cursor) return '';
    this.cursor = target;
    return this.moveTo(this.positionOf(target));
  }

  private wordStartLeft(): number {
    let start = this.cursor;
    while (start > 0 && !isWordChar(this.chars[start - 1])) start--;
    while (start > 0 && isWordChar(this.chars[start - 1])) start--;
    return start;
  }

  private wordEndRight(): number {
    let end = this.cursor;
    while (end < this.chars.length && !isWordChar(this.chars[end])) end++;
    while (end < this.chars.length && isWordChar(this.chars[end])) end++;
    return end;
  }

  /** Rewrites the buffer from `index` to the end, clears what was left behind, puts the cursor back. */
  private redrawFrom(index: number): string {
    // One character early: if a wide character now moves to the next row, the cell it leaves gets rewritten.
    const from = Math.max(0, index - 1);
    const at = from === 0 ? this.start() : this.positionOf(from);
    return this.moveTo(at) + this.writeFrom(from) + this.fixPendingWrap() + '\x1b[J'
      + this.moveTo(this.positionOf(this.cursor));
  }

  /** The first cell of the input, right after the prompt. */
  private start(): Position {
    return { row: 0, col: this.origin };
  }

  /** Writes characters from `index` to the end; the terminal's cursor must be at `positionOf(index)`. */
  private writeFrom(index: number): string {
    let out = '';
    let { row, col } = this.screen;
    for (let i = index; i < this.chars.length; i++) {
      const cell = displayOf(this.chars[i]);
      if (col + cell.width > this.columns) {
        // The terminal wraps before a character that does not fit (xterm moves a wide one to the next row too).
        row++;
        col = 0;
      }
      out += cell.text;
      col += cell.width;
    }
    this.screen = { row, col };
    return out;
  }

  /**
   * After writing into the last column the terminal's cursor waits there for
   * the next character ("pending wrap"); `\r\n` moves it where it logically is,
   * the start of the next row, so later relative moves are exact.
   */
  private fixPendingWrap(): string {
    if (this.screen.col < this.columns) return '';
    this.screen = { row: this.screen.row + 1, col: 0 };
    return '\r\n';
  }

  /** Where character `index` is drawn, or where the cursor sits at the end of the input. */
  private positionOf(index: number): Position {
    let row = 0;
    let col = this.origin;
    const count = Math.min(index, this.chars.length);
    for (let i = 0; i < count; i++) {
      const width = displayOf(this.chars[i]).width;
      if (col + width > this.columns) {
        row++;
        col = 0;
      }
      col += width;
    }
    const nextWidth = index < this.chars.length ? displayOf(this.chars[index]).width : 1;
    if (col + nextWidth > this.columns) {
      row++;
      col = 0;
    }
    return { row, col };
  }

  private moveTo(target: Position): string {
    let out = '';
    const { row, col } = this.screen;
    if (target.row < row) out += `\x1b[${row - target.row}A`;
    if (target.row > row) out += `\x1b[${target.row - row}B`;
    if (target.col !== col) {
      if (target.col === 0) out += '\r';
      else if (target.col < col) out += `\x1b[${col - target.col}D`;
      else out += `\x1b[${target.col - col}C`;
    }
    this.screen = { ...target };
    return out;
  }
}

function isBlank(character: string): boolean {
  return character === ' ' || character === '\t';
}

/** readline's word characters: letters and digits (Unicode letters too). */
function isWordChar(character: string): boolean {
  return /[\p{L}\p{N}]/u.test(character);
}

/** How a buffer character shows: control characters in caret notation, like readline. */
function displayOf(character: string): { text: string; width: number } {
  const code = character.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) {
    return { text: '^' + String.fromCharCode(code === 0x7f ? 0x3f : code + 0x40), width: 2 };
  }
  return { text: character, width: charWidth(character) };
}
