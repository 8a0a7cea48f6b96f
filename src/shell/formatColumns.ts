import { textWidth } from './charWidth';

/**
 * Lays out completion candidates the way readline lists them on a second
 * Tab: sorted down the columns, each column as wide as the longest item plus
 * two spaces, as many columns as fit in `width - 1` (readline's
 * `rl_display_match_list`). Returns the lines without line ends.
 */
export function formatColumns(items: readonly string[], width: number): string[] {
  if (items.length === 0) return [];
  const cell = Math.max(...items.map(textWidth)) + 2;
  const perLine = Math.max(1, Math.floor((width - 1) / cell));
  const rows = Math.ceil(items.length / perLine);
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    let line = '';
    for (let column = 0; column < perLine; column++) {
      const index = column * rows + row;
      if (index >= items.length) break;
      const item = items[index];
      const isLast = (column + 1) * rows + row >= items.length;
      line += isLast ? item : item + ' '.repeat(cell - textWidth(item));
    }
    lines.push(line);
  }
  return lines;
}
