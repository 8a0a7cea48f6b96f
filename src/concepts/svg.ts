/**
 * Small, pure helpers for the concept diagrams (renderConcepts.ts): escaping,
 * shortening, a rough text measure, and the markup of one box, edge and
 * drawing. Everything is a string in, string out: no DOM, no fonts, no
 * randomness, so the same snapshot always draws the same bytes.
 *
 * The drawings carry no colours or inline styles: the webview's stylesheet
 * (media/concepts.css) styles them by class, and its CSP forbids inline
 * styles anyway.
 */

/** The characters XML (and HTML) text and attribute values must not carry raw. */
const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes `&`, `<`, `>`, `"` and `'`, so learner-supplied names are safe in
 * both text and attribute values. `&apos;` is XML's entity and HTML5 knows it
 * too, so the same escaping serves the SVG and the comparison table.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ESCAPES[character]);
}

/**
 * `text` cut to at most `max` characters (code points, so a Hangul syllable
 * or an emoji is never split), the last one replaced by an ellipsis when cut.
 */
export function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  return characters.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** Whether a code point is drawn about one em wide (Hangul, CJK, full-width forms). */
function isWide(codePoint: number): boolean {
  return (codePoint >= 0x1100 && codePoint <= 0x115f)
    || (codePoint >= 0x2e80 && codePoint <= 0xa4cf)
    || (codePoint >= 0xac00 && codePoint <= 0xd7a3)
    || (codePoint >= 0xf900 && codePoint <= 0xfaff)
    || (codePoint >= 0xfe30 && codePoint <= 0xfe4f)
    || (codePoint >= 0xff00 && codePoint <= 0xff60)
    || (codePoint >= 0xffe0 && codePoint <= 0xffe6);
}

/**
 * A rough width of `text` at `fontSize` pixels, for sizing boxes without a
 * font: Hangul and CJK about one em, everything else about 0.6 em (a
 * generous average for the UI sans-serif fonts VS Code uses).
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const character of text) ems += isWide(character.codePointAt(0) ?? 0) ? 1 : 0.6;
  return ems * fontSize;
}

/** Coordinates rounded to a tenth of a pixel: short, and the same on every run. */
export function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** One line of text inside a box: a `label` (13px in the stylesheet) or a smaller `caption` (12px). */
export interface BoxLine {
  readonly text: string;
  /** Classes of the `<text>`; `label` by default. */
  readonly kind?: string;
}

/** Pixel heights the stylesheet's font sizes need per line (13px label, 12px caption). */
const LINE_HEIGHT = { label: 16, caption: 15 } as const;

function lineHeight(line: BoxLine): number {
  return (line.kind ?? 'label').split(' ').includes('caption') ? LINE_HEIGHT.caption : LINE_HEIGHT.label;
}

/** What one drawn box (a rectangle with centred lines of text) is and means. */
export interface BoxSpec {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Classes of the `<rect>`, e.g. `box app paused`. */
  readonly classes: string;
  readonly lines: readonly BoxLine[];
  /** The accessible name: full, never shortened (learner names included). */
  readonly label: string;
  /** The one-line explanation, shown as the hover tooltip (`<title>`). */
  readonly title: string;
  /** The lesson that teaches this concept: makes the box a focusable button. */
  readonly lesson?: string;
  /** Extra `data-*` attributes (name without the `data-` prefix), e.g. `container`. */
  readonly data?: Readonly<Record<string, string>>;
  /** Where the lines go: centred in the box (default) or stacked from its top-left corner (frames holding other boxes). */
  readonly align?: 'center' | 'top-left';
}

/**
 * The markup of one box: a `<g>` holding the `<title>`, the `<rect>` and the
 * `<text>` lines. A box naming a lesson is a keyboard-focusable button (the
 * webview opens the lesson on click, Enter or Space); any other box is an
 * image with a name.
 */
export function box(spec: BoxSpec): string {
  const rect = `<rect class="${spec.classes}" x="${coordinate(spec.x)}" y="${coordinate(spec.y)}" width="${coordinate(spec.width)}" height="${coordinate(spec.height)}" rx="5"/>`;
  return group(spec, rect + texts(spec));
}

/** A piece of text that is a concept of its own (the "pulling…" note): like {@link box}, without the rectangle. */
export interface NoteSpec {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** Classes of the `<text>`, e.g. `caption pulling`. */
  readonly classes: string;
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly label: string;
  readonly title: string;
  readonly lesson?: string;
}

/** The markup of a note: a `<g>` with its `<title>` and one `<text>`. */
export function note(spec: NoteSpec): string {
  return group(spec, text(spec.x, spec.y, spec.text, spec.classes, spec.anchor ?? 'middle'));
}

/** The `<g>` every concept is drawn in: accessible name, tooltip, and (with a lesson) focus and role button. */
function group(spec: { label: string; title: string; lesson?: string; data?: Readonly<Record<string, string>> }, content: string): string {
  const attributes = spec.lesson
    ? `class="node" tabindex="0" role="button" focusable="true" aria-label="${escapeXml(spec.label)}" data-lesson="${escapeXml(spec.lesson)}"`
    : `class="node" role="img" aria-label="${escapeXml(spec.label)}"`;
  const data = Object.entries(spec.data ?? {}).map(([key, value]) => ` data-${key}="${escapeXml(value)}"`).join('');
  return `<g ${attributes}${data}><title>${escapeXml(spec.title)}</title>${content}</g>`;
}

/** The `<text>` elements of a box's lines, centred as a block or stacked from the top-left. */
function texts(spec: BoxSpec): string {
  const total = spec.lines.reduce((sum, line) => sum + lineHeight(line), 0);
  const topLeft = spec.align === 'top-left';
  let top = topLeft ? spec.y + 6 : spec.y + (spec.height - total) / 2;
  const x = topLeft ? spec.x + 10 : spec.x + spec.width / 2;
  const anchor = topLeft ? 'start' : 'middle';
  return spec.lines.map((line) => {
    const height = lineHeight(line);
    // The baseline sits about three quarters down the line box.
    const baseline = top + height * 0.75;
    top += height;
    // An empty line only keeps its place (room for a note drawn over the box).
    return line.text === '' ? '' : text(x, baseline, line.text, line.kind ?? 'label', anchor);
  }).join('');
}

/** One `<text>`; `anchor` is layout (where `x` is), not styling, so it is an attribute. */
export function text(x: number, y: number, content: string, classes: string, anchor: 'start' | 'middle' | 'end' = 'start'): string {
  return `<text class="${classes}" x="${coordinate(x)}" y="${coordinate(y)}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
}

/** The height a box needs for `lines` plus `padding` above and below. */
export function heightFor(lines: readonly BoxLine[], padding = 8): number {
  return lines.reduce((sum, line) => sum + lineHeight(line), 0) + 2 * padding;
}

/**
 * An edge the webview animates by toggling a class on it: a `<line>` with
 * class `edge`, its id in `data-edge`, and an arrowhead (`markerId`, drawn
 * by {@link arrowMarker}) at its end.
 */
export function edge(id: string, from: readonly [number, number], to: readonly [number, number], markerId: string): string {
  return `<line class="edge" data-edge="${escapeXml(id)}" x1="${coordinate(from[0])}" y1="${coordinate(from[1])}" x2="${coordinate(to[0])}" y2="${coordinate(to[1])}" marker-end="url(#${markerId})"/>`;
}

/**
 * The arrowhead the edges of one drawing point with. Each drawing gets its own
 * id: all three drawings live in one page, and an id must be unique there.
 */
export function arrowMarker(markerId: string): string {
  return `<defs><marker id="${markerId}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>`;
}

/** A whole drawing: self-contained, scaled by its viewBox, named for screen readers. */
export function svgDocument(width: number, height: number, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${coordinate(width)} ${coordinate(height)}" role="group" aria-label="${escapeXml(label)}">${body}</svg>`;
}
