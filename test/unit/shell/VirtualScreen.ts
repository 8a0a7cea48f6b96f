import { charWidth } from '../../../src/shell/charWidth';

/**
 * A small xterm-like screen for tests: it interprets what the shell writes
 * (text with auto-wrap and xterm's pending-wrap rule, CR, LF, BS, BEL, and the
 * CSI sequences the shell uses: cursor moves, erase, position) so a test can
 * assert what the learner would see and where the cursor is, instead of
 * matching escape sequences byte by byte.
 */
export class VirtualScreen {
  private grid: string[][];
  row = 0;
  col = 0;
  private wrapPending = false;
  bells = 0;

  constructor(readonly columns: number, readonly rows = 24) {
    this.grid = Array.from({ length: rows }, () => this.blankRow());
  }

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      if (c === '\x1b') {
        i = this.escape(data, i);
        continue;
      }
      if (c === '\r') {
        this.col = 0;
        this.wrapPending = false;
      } else if (c === '\n') {
        this.lineFeed();
        this.wrapPending = false;
      } else if (c === '\b') {
        this.col = Math.max(0, this.col - 1);
        this.wrapPending = false;
      } else if (c === '\x07') {
        this.bells++;
      } else if (c >= ' ') {
        const point = data.codePointAt(i) ?? 0;
        const character = String.fromCodePoint(point);
        i += character.length - 1;
        this.print(character);
      }
    }
  }

  /** The screen's rows without trailing blanks, and without trailing empty rows. */
  lines(): string[] {
    const lines = this.grid.map((cells) => cells.join('').replace(/ +$/, ''));
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  /** The text of the screen, rows joined with newlines. */
  text(): string {
    return this.lines().join('\n');
  }

  private blankRow(): string[] {
    return Array.from({ length: this.columns }, () => ' ');
  }

  private print(character: string): void {
    const width = charWidth(character);
    if (width === 0) return;
    if (this.wrapPending || this.col + width > this.columns) {
      this.col = 0;
      this.lineFeed();
      this.wrapPending = false;
    }
    this.grid[this.row][this.col] = character;
    if (width === 2) this.grid[this.row][this.col + 1] = '';
    this.col += width;
    if (this.col >= this.columns) {
      this.col = this.columns - 1;
      this.wrapPending = true;
    }
  }

  private lineFeed(): void {
    if (this.row === this.rows - 1) {
      this.grid.shift();
      this.grid.push(this.blankRow());
    } else {
      this.row++;
    }
  }

  private escape(data: string, start: number): number {
    if (data[start + 1] !== '[') return start + 1;
    let end = start + 2;
    while (end < data.length && /[0-9;?]/.test(data[end])) end++;
    const params = data.slice(start + 2, end);
    const final = data[end];
    const n = Number(params.split(';')[0] || '1');
    this.wrapPending = false;
    switch (final) {
      case 'A': this.row = Math.max(0, this.row - n); break;
      case 'B': this.row = Math.min(this.rows - 1, this.row + n); break;
      case 'C': this.col = Math.min(this.columns - 1, this.col + n); break;
      case 'D': this.col = Math.max(0, this.col - n); break;
      case 'G': this.col = Math.min(this.columns - 1, n - 1); break;
      case 'H': {
        const [r, c] = params.split(';');
        this.row = Math.max(0, Number(r || '1') - 1);
        this.col = Math.max(0, Number(c || '1') - 1);
        break;
      }
      case 'J':
        if (params === '' || params === '0') {
          for (let c = this.col; c < this.columns; c++) this.grid[this.row][c] = ' ';
          for (let r = this.row + 1; r < this.rows; r++) this.grid[r] = this.blankRow();
        } else if (params === '2') {
          this.grid = Array.from({ length: this.rows }, () => this.blankRow());
        }
        break;
      case 'K':
        for (let c = this.col; c < this.columns; c++) this.grid[this.row][c] = ' ';
        break;
      default:
        break;
    }
    return end;
  }
}
