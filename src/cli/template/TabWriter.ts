/**
 * Elastic tabstops as docker prints its tables: docker/cli's fork of Go's
 * text/tabwriter (cli/command/formatter/tabwriter), which measures cells in
 * terminal columns (go-runewidth) instead of runes.
 *
 * Text is cut into cells at `\t` (and `\v`); lines end at `\n` (or `\f`,
 * which also ends every column). Tab-terminated cells of consecutive lines
 * form a column, padded to its widest cell plus `padding`, at least
 * `minwidth`. The last cell of a line is never padded: it is not part of a
 * column. A line with no tab ends all columns above it.
 *
 * docker's tables: `new TabWriter(10, 1, 3, ' ', 0)` (formatter.go
 * postFormat); `docker top` and `docker context create` use minwidth 20,
 * `docker version` (20, 1, 1).
 *
 * Not simulated: the FilterHTML and StripEscape flags and Escape-bracketed
 * text (Go's 0xff byte cannot occur in a JS string's UTF-8).
 */
import { stringWidth } from './stringWidth';

/** One cell: its text, its width in columns, and whether a `\t` ended it. */
interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

/** Formatting flags, as in Go's text/tabwriter. */
export const TabWriterFlags = {
  /** Force right-alignment of cell content. */
  AlignRight: 1 << 2,
  /** Handle columns of empty, `\v`-terminated cells as if they were not there. */
  DiscardEmptyColumns: 1 << 3,
  /** Always pad leading empty cells with tabs, whatever the padchar. */
  TabIndent: 1 << 4,
  /** Print a `|` between columns. */
  Debug: 1 << 5,
} as const;

/** Go's tabwriter.Writer (docker's fork): write text, then flush to get it aligned. */
export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;

  private output = '';
  /** Text of the cell being written. */
  private cell = '';
  private lines: Cell[][] = [[]];
  private widths: number[] = [];

  /**
   * @param minwidth minimal cell width including any padding
   * @param tabwidth width of a tab character, used when padding with tabs
   * @param padding added to a cell's width when computing its column width
   * @param padchar character used for padding; `'\t'` pads with tabs and forces left alignment
   * @param flags {@link TabWriterFlags} or 0
   */
  constructor(minwidth: number, tabwidth: number, padding: number, padchar: string, flags: number) {
    if (minwidth < 0 || tabwidth < 0 || padding < 0) {
      throw new RangeError('negative minwidth, tabwidth, or padding');
    }
    this.minwidth = minwidth;
    this.tabwidth = tabwidth;
    this.padding = padding;
    this.padchar = padchar;
    // Tab padding enforces left alignment.
    this.flags = padchar === '\t' ? flags & ~TabWriterFlags.AlignRight : flags;
  }

  /** Adds text. Output appears when a line or the writer is flushed (see {@link flush}). */
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const character = text[i];
      if (character !== '\t' && character !== '\v' && character !== '\n' && character !== '\f') {
        continue;
      }
      this.cell += text.slice(start, i);
      start = i + 1;
      const cellsInLine = this.terminateCell(character === '\t');
      if (character === '\n' || character === '\f') {
        this.lines.push([]);
        // A line with one cell does not affect the formatting of the lines after it
        // (its only cell is not in a column), so everything so far can be written.
        if (character === '\f' || cellsInLine === 1) {
          this.flushLines();
          if (character === '\f' && this.flags & TabWriterFlags.Debug) {
            this.output += '---\n';
          }
        }
      }
    }
    this.cell += text.slice(start);
  }

  /** Formats everything written so far and returns the output not yet returned. */
  flush(): string {
    if (this.cell.length > 0) {
      this.terminateCell(false);
    }
    this.flushLines();
    const output = this.output;
    this.output = '';
    return output;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: stringWidth(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  /** Formats all buffered lines and starts afresh (Go's flushNoDefers). */
  private flushLines(): void {
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private writePadding(textWidth: number, cellWidth: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) {
        // Tabs have no width: no padding possible.
        return;
      }
      // Round the cell width up to a multiple of the tab width.
      const tabbedWidth = Math.ceil(cellWidth / this.tabwidth) * this.tabwidth;
      const missing = tabbedWidth - textWidth;
      this.output += '\t'.repeat(Math.ceil(missing / this.tabwidth));
      return;
    }
    this.output += this.padchar.repeat(Math.max(cellWidth - textWidth, 0));
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      // With TabIndent, leading empty cells are padded with tabs.
      let useTabs = (this.flags & TabWriterFlags.TabIndent) !== 0;
      line.forEach((cell, j) => {
        if (j > 0 && this.flags & TabWriterFlags.Debug) {
          this.output += '|';
        }
        if (cell.text.length === 0) {
          if (j < this.widths.length) {
            this.writePadding(cell.width, this.widths[j], useTabs);
          }
          return;
        }
        useTabs = false;
        if ((this.flags & TabWriterFlags.AlignRight) === 0) {
          this.output += cell.text;
          if (j < this.widths.length) {
            this.writePadding(cell.width, this.widths[j], false);
          }
        } else {
          if (j < this.widths.length) {
            this.writePadding(cell.width, this.widths[j], false);
          }
          this.output += cell.text;
        }
      });
      if (i + 1 === this.lines.length) {
        // The last buffered line has no newline yet: write the unfinished cell.
        this.output += this.cell;
        this.cell = '';
      } else {
        this.output += '\n';
      }
    }
  }

  /** Formats lines [line0, line1): finds the column blocks at the current depth, recursively. */
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= this.lines[current].length - 1) {
        continue;
      }
      // A cell in this column: this line has more cells than the previous one.
      // The last cell of a line is not in a column (cells are tab-terminated).
      this.writeLines(line0, current);
      line0 = current;

      // The column block: consecutive lines with a cell in this column.
      let width = this.minwidth;
      let discardable = true;
      for (; current < line1; current++) {
        const line = this.lines[current];
        if (column >= line.length - 1) {
          break;
        }
        const cell = line[column];
        width = Math.max(width, cell.width + this.padding);
        if (cell.width > 0 || cell.htab) {
          discardable = false;
        }
      }
      if (discardable && this.flags & TabWriterFlags.DiscardEmptyColumns) {
        width = 0;
      }
      // Format the columns to the right, knowing this column's width.
      this.widths.push(width);
      this.format(line0, current);
      this.widths.pop();
      line0 = current;
    }
    this.writeLines(line0, line1);
  }
}
