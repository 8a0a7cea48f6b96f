import { charWidth } from './charWidth';

/**
 * Follows the terminal's cursor column through text a command writes, so
 * the shell knows where a prompt or a line typed for the command begins.
 * Understands printable text (wide characters too), `\r`, `\n`, `\b`, tabs and
 * skips escape sequences (`docker pull` redraws its progress lines with
 * cursor-up and erase-line sequences, which do not move the column; absolute
 * column moves `ESC [ n G` and relative `C`/`D` are followed).
 */
export class ColumnTracker {
  /** 0-based; equal to `columns` when the last column was just written (pending wrap). */
  column = 0;
  private escape: string | undefined;

  constructor(private columns: number) {}

  setColumns(columns: number): void {
    this.columns = Math.max(1, columns);
    this.column = Math.min(this.column, this.columns);
  }

  write(text: string): void {
    for (const character of text) {
      if (this.escape !== undefined) {
        this.continueEscape(character);
        continue;
      }
      switch (character) {
        case '\x1b':
          this.escape = '';
          break;
        case '\r':
        case '\n':
          this.column = 0;
          break;
        case '\b':
          this.column = Math.max(0, Math.min(this.column, this.columns - 1) - 1);
          break;
        case '\t':
          this.column = Math.min(this.columns - 1, (Math.floor(this.column / 8) + 1) * 8);
          break;
        default: {
          if (character < ' ' || character === '\x7f') break;
          const width = charWidth(character);
          if (this.column + width > this.columns) this.column = 0;
          this.column += width;
        }
      }
    }
  }

  private continueEscape(character: string): void {
    const sequence = this.escape + character;
    if (sequence === '[' || sequence === ']' || /^\[[0-9;?]*$/.test(sequence)) {
      this.escape = sequence;
      return;
    }
    if (sequence.startsWith(']')) {
      // OSC (window title, hyperlinks) ends with BEL or ST.
      if (character === '\x07' || sequence.endsWith('\x1b\\')) this.escape = undefined;
      else this.escape = sequence;
      return;
    }
    this.escape = undefined;
    // `ESC [ row ; col H` (cursor position, `clear` sends `ESC [ H`) sets the column too.
    const position = /^\[(?:\d*)(?:;(\d*))?[Hf]$/.exec(sequence);
    if (position) {
      this.column = Math.max(0, Math.min(this.columns - 1, Number(position[1] || '1') - 1));
      return;
    }
    const match = /^\[(\d*)([CDG])$/.exec(sequence);
    if (!match) return;
    const count = Number(match[1] || '1');
    const column = Math.min(this.column, this.columns - 1);
    if (match[2] === 'C') this.column = Math.min(this.columns - 1, column + count);
    else if (match[2] === 'D') this.column = Math.max(0, column - count);
    else this.column = Math.max(0, Math.min(this.columns - 1, count - 1));
  }
}
