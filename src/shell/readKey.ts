/** A key as the line editor understands it. */
export type Key =
  | { readonly name: 'text'; readonly text: string }
  | { readonly name: KeyName };

export type KeyName =
  | 'enter' | 'tab' | 'backspace' | 'delete' | 'escape'
  | 'left' | 'right' | 'up' | 'down' | 'home' | 'end'
  | 'word-left' | 'word-right' | 'delete-word-left' | 'delete-word-right'
  | 'ctrl-a' | 'ctrl-b' | 'ctrl-c' | 'ctrl-d' | 'ctrl-e' | 'ctrl-f' | 'ctrl-k' | 'ctrl-l'
  | 'ctrl-n' | 'ctrl-p' | 'ctrl-u' | 'ctrl-w'
  /** A key or sequence the editor ignores (F-keys, Insert, mouse reports, ...). */
  | 'ignored';

/** Control characters by code, as xterm (and VS Code's terminal) sends them. */
const CONTROL_KEYS: Readonly<Record<number, KeyName>> = {
  0x01: 'ctrl-a', 0x02: 'ctrl-b', 0x03: 'ctrl-c', 0x04: 'ctrl-d', 0x05: 'ctrl-e', 0x06: 'ctrl-f',
  0x08: 'backspace', 0x09: 'tab', 0x0b: 'ctrl-k', 0x0c: 'ctrl-l', 0x0e: 'ctrl-n', 0x10: 'ctrl-p',
  0x15: 'ctrl-u', 0x17: 'ctrl-w', 0x7f: 'backspace',
};

/** CSI sequences ending in a letter: `ESC [ A` is up, `ESC [ 1 ; 5 C` is Ctrl+Right. */
const CSI_LETTER_KEYS: Readonly<Record<string, KeyName>> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end',
};

/** `ESC [ n ~` sequences. */
const CSI_TILDE_KEYS: Readonly<Record<string, KeyName>> = {
  1: 'home', 7: 'home', 4: 'end', 8: 'end', 3: 'delete',
};

/** Meta (Alt) + key as terminals send it: ESC then the key. */
const META_KEYS: Readonly<Record<string, KeyName>> = {
  b: 'word-left', f: 'word-right', d: 'delete-word-right', '\x7f': 'delete-word-left', '\b': 'delete-word-left',
};

/**
 * Reads one key from `data` at `index`, as a terminal sends keys: plain text,
 * control characters, CSI/SS3 escape sequences, Alt as an ESC prefix. `\r\n`
 * (pasted Windows text) is one Enter. Returns the key and how many UTF-16 units
 * it used. Printable text comes one character (code point) at a time.
 */
export function readKey(data: string, index: number): { key: Key; length: number } {
  const code = data.charCodeAt(index);
  if (code === 0x0d) {
    return { key: { name: 'enter' }, length: data[index + 1] === '\n' ? 2 : 1 };
  }
  if (code === 0x0a) return { key: { name: 'enter' }, length: 1 };
  if (code === 0x1b) return readEscape(data, index);
  if (code < 0x20 || code === 0x7f) {
    return { key: { name: CONTROL_KEYS[code] ?? 'ignored' }, length: 1 };
  }
  const point = data.codePointAt(index) ?? code;
  const text = String.fromCodePoint(point);
  return { key: { name: 'text', text }, length: text.length };
}

function readEscape(data: string, index: number): { key: Key; length: number } {
  const next = data[index + 1];
  if (next === undefined) return { key: { name: 'escape' }, length: 1 };
  if (next === '[' || next === 'O') {
    // CSI: parameters and intermediates, then a final byte in @..~ (ECMA-48).
    let end = index + 2;
    while (end < data.length && /[0-9;:<=>?!"#$%&'()*+,\-./ ]/.test(data[end])) end++;
    if (end >= data.length) return { key: { name: 'ignored' }, length: data.length - index };
    const final = data[end];
    const parameters = data.slice(index + 2, end);
    const length = end - index + 1;
    if (final === '~') {
      const [first] = parameters.split(';');
      return { key: { name: CSI_TILDE_KEYS[first] ?? 'ignored' }, length };
    }
    const name = CSI_LETTER_KEYS[final];
    if (!name) return { key: { name: 'ignored' }, length };
    // `1;5C` / `1;3C`: Ctrl or Alt with an arrow moves by words, as in readline's default bindings.
    const modifier = parameters.split(';')[1];
    if (modifier && modifier !== '1' && (name === 'left' || name === 'right')) {
      return { key: { name: name === 'left' ? 'word-left' : 'word-right' }, length };
    }
    return { key: { name }, length };
  }
  const meta = META_KEYS[next];
  if (meta) return { key: { name: meta }, length: 2 };
  if (next === '\x1b') return { key: { name: 'escape' }, length: 1 };
  // Any other Alt+key: consume both so the key is not typed.
  const point = data.codePointAt(index + 1) ?? 0;
  return { key: { name: 'ignored' }, length: 1 + String.fromCodePoint(point).length };
}
