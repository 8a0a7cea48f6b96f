/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrintable(character: string): boolean {
  return character === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(character);
}

/**
 * Go's `strconv.Quote` (what `%q` prints for a string; with `'` as the quote,
 * QuoteRune; with `asciiOnly`, QuoteToASCII): double quotes around
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
export function goQuote(text: string, quote: '"' | "'" = '"', asciiOnly = false): string {
  let out = quote;
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (character === quote || character === '\\') {
      out += '\\' + character;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate is what Go would see as invalid UTF-8: it prints the replacement rune.
      out += asciiOnly ? '\\ufffd' : '\ufffd';
      continue;
    }
    if (code < 0x80 ? code >= 0x20 && code !== 0x7f : isPrintable(character) && !asciiOnly) {
      out += character;
      continue;
    }
    switch (character) {
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (code < 0x20 || code === 0x7f) {
      out += '\\x' + code.toString(16).padStart(2, '0');
    } else if (code < 0x10000) {
      out += '\\u' + code.toString(16).padStart(4, '0');
    } else {
      out += '\\U' + code.toString(16).padStart(8, '0');
    }
  }
  return out + quote;
}
