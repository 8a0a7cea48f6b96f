/** A piece of a pattern: quoted text matches itself only. */
export interface PatternSegment {
  text: string;
  quoted: boolean;
}

/**
 * Turns a shell pattern (XCU 2.13: `*`, `?`, `[...]`, `[!...]`) into an
 * anchored regular expression. Quoted characters are literal. Returns
 * undefined when the pattern has no unquoted special character (so callers
 * can skip matching, as globbing does).
 */
export function patternToRegExp(segments: readonly PatternSegment[], flags: { dotAll?: boolean } = {}): RegExp | undefined {
  let source = '';
  let special = false;
  for (const segment of segments) {
    if (segment.quoted) {
      source += escape(segment.text);
      continue;
    }
    const text = segment.text;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '*') { source += flags.dotAll ? '[\\s\\S]*' : '.*'; special = true; }
      else if (c === '?') { source += flags.dotAll ? '[\\s\\S]' : '.'; special = true; }
      else if (c === '[') {
        const end = closingBracket(text, i);
        if (end < 0) { source += '\\['; continue; }
        let body = text.slice(i + 1, end);
        let negate = false;
        if (body.startsWith('!') || body.startsWith('^')) { negate = true; body = body.slice(1); }
        const characterClass = body.replace(/\[:(alpha|digit|alnum|upper|lower|space|punct|xdigit):\]/g, (_, name: string) => CLASSES[name])
          .replace(/[\\\]^]/g, (m) => `\\${m}`);
        source += `[${negate ? '^' : ''}${characterClass}]`;
        special = true;
        i = end;
      } else if (c === '\\' && i + 1 < text.length) {
        source += escape(text[++i]);
      } else {
        source += escape(c);
      }
    }
  }
  return special ? new RegExp(`^${source}$`, 's') : undefined;
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
};

function closingBracket(text: string, open: number): number {
  let i = open + 1;
  if (text[i] === '!' || text[i] === '^') i++;
  if (text[i] === ']') i++;
  for (; i < text.length; i++) {
    if (text[i] === '[' && text[i + 1] === ':') {
      const end = text.indexOf(':]', i + 2);
      if (end > 0) { i = end + 1; continue; }
    }
    if (text[i] === ']') return i;
  }
  return -1;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
