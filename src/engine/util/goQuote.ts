/**
 * Go's `strconv.Quote` (what `%q` prints for a string): double quotes around
 * the text, with `"` and `\` escaped, the C escapes for the usual control
 * characters, `\xNN` for other ASCII controls, and `\uNNNN` / `\UNNNNNNNN` for
 * other characters Go does not consider printable. Docker's messages quote
 * user input this way, e.g.
 * `Error parsing reference: "nginx:Bad Tag" is not a valid repository/tag: ...`.
 *
 * Printability follows `unicode.IsPrint` (letters, marks, numbers,
 * punctuation, symbols and the ASCII space), judged by the JavaScript engine's
 * Unicode tables rather than Go's, which may differ for very new characters.
 */
export function goQuote(text: string): string {
  let quoted = '"';
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    quoted += quoteRune(character, codePoint);
  }
  return quoted + '"';
}

/** Characters `unicode.IsPrint` accepts, apart from the ASCII space handled separately. */
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** The escapes strconv uses before falling back to hexadecimal forms. */
const namedEscapes: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

function quoteRune(character: string, codePoint: number): string {
  const named = namedEscapes[character];
  if (named !== undefined) return named;
  if (character === ' ' || printable.test(character)) return character;
  // A lone UTF-16 surrogate becomes U+FFFD when encoded as UTF-8 for the
  // daemon, and Go prints that replacement character as it is.
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return '\ufffd';
  if (codePoint < 0x20 || codePoint === 0x7f) return '\\x' + hex(codePoint, 2);
  if (codePoint < 0x10000) return '\\u' + hex(codePoint, 4);
  return '\\U' + hex(codePoint, 8);
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}
