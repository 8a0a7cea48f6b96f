/**
 * Terminal column width of a string, as docker's tabwriter measures cells
 * (mattn/go-runewidth v0.0.16 `StringWidth`, in a non-CJK locale): per
 * grapheme cluster, the width of its first rune that has one; East Asian
 * wide and fullwidth characters (Hangul, CJK, most emoji) count 2, control
 * characters and combining marks 0, everything else 1.
 *
 * The ranges below are the East Asian Width W and F blocks of Unicode 15,
 * merged where neighbouring; not simulated: runewidth's CJK-locale mode, in
 * which ambiguous-width characters count 2.
 */

const wideRanges: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x2e99],
  [0x2e9b, 0x2ef3], [0x2f00, 0x2fd5], [0x2ff0, 0x2fff], [0x3000, 0x303e], [0x3041, 0x3096], [0x3099, 0x30ff],
  [0x3105, 0x312f], [0x3131, 0x318e], [0x3190, 0x31e3], [0x31ef, 0x321e], [0x3220, 0x3247], [0x3250, 0x4dbf],
  [0x4e00, 0xa48c], [0xa490, 0xa4c6], [0xa960, 0xa97c], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19],
  [0xfe30, 0xfe52], [0xfe54, 0xfe66], [0xfe68, 0xfe6b], [0xff01, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff1], [0x17000, 0x187f7], [0x18800, 0x18cd5], [0x18d00, 0x18d08], [0x1aff0, 0x1b2fb],
  [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f202],
  [0x1f210, 0x1f23b], [0x1f240, 0x1f248], [0x1f250, 0x1f251], [0x1f260, 0x1f265], [0x1f300, 0x1f320],
  [0x1f32d, 0x1f335], [0x1f337, 0x1f37c], [0x1f37e, 0x1f393], [0x1f3a0, 0x1f3ca], [0x1f3cf, 0x1f3d3],
  [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e], [0x1f440, 0x1f440], [0x1f442, 0x1f4fc],
  [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e], [0x1f550, 0x1f567], [0x1f57a, 0x1f57a], [0x1f595, 0x1f596],
  [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5], [0x1f6cc, 0x1f6cc], [0x1f6d0, 0x1f6d2],
  [0x1f6d5, 0x1f6d7], [0x1f6dc, 0x1f6df], [0x1f6eb, 0x1f6ec], [0x1f6f4, 0x1f6fc], [0x1f7e0, 0x1f7eb],
  [0x1f7f0, 0x1f7f0], [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945], [0x1f947, 0x1f9ff], [0x1fa70, 0x1fa7c],
  [0x1fa80, 0x1fa88], [0x1fa90, 0x1fabd], [0x1fabf, 0x1fac5], [0x1face, 0x1fadb], [0x1fae0, 0x1fae8],
  [0x1faf0, 0x1faf8], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(code: number): boolean {
  let low = 0;
  let high = wideRanges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = wideRanges[middle];
    if (last < code) {
      low = middle + 1;
    } else if (first > code) {
      high = middle - 1;
    } else {
      return true;
    }
  }
  return false;
}

/** Width of one rune (runewidth's RuneWidth with EastAsianWidth off). */
export function runeWidth(code: number): number {
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xad) {
    return 0;
  }
  if (code < 0x300) {
    return 1;
  }
  const character = String.fromCodePoint(code);
  // Non-printing (format characters, surrogates, zero-width space) and combining marks.
  if (/[\p{Cf}\p{Cs}\p{Mn}\p{Me}\u2028\u2029]/u.test(character) || code === 0x200b) {
    return 0;
  }
  return isWide(code) ? 2 : 1;
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

/** Widths of recent non-ASCII cells: tables repeat the same ones (`"/docker-entrypoint.…"`) on every row. */
const widthCache = new Map<string, number>();

/** Columns `text` takes in a terminal, as docker's tabwriter counts them. */
export function stringWidth(text: string): number {
  // Plain ASCII: one column per printable character.
  if (/^[\x20-\x7e]*$/.test(text)) {
    return text.length;
  }
  const cached = widthCache.get(text);
  if (cached !== undefined) return cached;
  const width = measure(text);
  if (widthCache.size >= 1024) widthCache.clear();
  widthCache.set(text, width);
  return width;
}

function measure(text: string): number {
  const clusters = segmenter ? Array.from(segmenter.segment(text), (part) => part.segment) : Array.from(text);
  let width = 0;
  for (const cluster of clusters) {
    for (const character of cluster) {
      const runeColumns = runeWidth(character.codePointAt(0) as number);
      if (runeColumns > 0) {
        width += runeColumns;
        break;
      }
    }
  }
  return width;
}
