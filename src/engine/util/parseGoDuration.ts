import { GoError } from './GoError';

/** Nanoseconds per unit, as Go's time.unitMap (both spellings of micro). */
const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // U+00B5 MICRO SIGN
  ['\u03bcs', 1_000n], // U+03BC GREEK SMALL LETTER MU
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const LIMIT = 1n << 63n;

/**
 * time's own quote(): ASCII is kept (with `"` and `\` escaped), every byte of anything else is
 * written as \xNN — so `é` reads "\xc3\xa9" in duration errors.
 */
function timeQuote(text: string): string {
  let result = '"';
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint >= 0x80 || codePoint < 0x20) {
      for (const byte of new TextEncoder().encode(character)) result += '\\x' + byte.toString(16).padStart(2, '0');
    } else {
      if (character === '"' || character === '\\') result += '\\';
      result += character;
    }
  }
  return result + '"';
}

const isDigit = (character: string | undefined): boolean => character !== undefined && character >= '0' && character <= '9';

/**
 * Go's time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, e.g. "300ms", "-1.5h", "2h45m".
 * Returns nanoseconds (Go's time.Duration); throws {@link GoError} with Go's message.
 */
export function parseGoDuration(original: string): number {
  const invalid = (): GoError => new GoError('time: invalid duration ' + timeQuote(original));
  let text = original;
  let negative = false;
  if (text !== '' && (text[0] === '-' || text[0] === '+')) {
    negative = text[0] === '-';
    text = text.slice(1);
  }
  // Special case: a bare "0" needs no unit.
  if (text === '0') return 0;
  if (text === '') throw invalid();
  let total = 0n;
  while (text !== '') {
    if (!(text[0] === '.' || isDigit(text[0]))) throw invalid();
    // leadingInt: [0-9]*, failing on overflow past 2^63.
    let whole = 0n;
    let index = 0;
    for (; isDigit(text[index]); index++) {
      if (whole > LIMIT / 10n) throw invalid();
      whole = whole * 10n + BigInt(text.charCodeAt(index) - 48);
      if (whole > LIMIT) throw invalid();
    }
    const consumedWhole = index > 0;
    text = text.slice(index);
    // leadingFraction: (\.[0-9]*)?, digits past what fits are ignored.
    let fraction = 0n;
    let scale = 1;
    let consumedFraction = false;
    if (text[0] === '.') {
      text = text.slice(1);
      let overflow = false;
      index = 0;
      for (; isDigit(text[index]); index++) {
        if (overflow) continue;
        if (fraction > (LIMIT - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const next = fraction * 10n + BigInt(text.charCodeAt(index) - 48);
        if (next > LIMIT) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      consumedFraction = index > 0;
      text = text.slice(index);
    }
    if (!consumedWhole && !consumedFraction) throw invalid();
    // The unit: everything up to the next digit or period.
    index = 0;
    while (index < text.length && !(text[index] === '.' || isDigit(text[index]))) index++;
    if (index === 0) throw new GoError('time: missing unit in duration ' + timeQuote(original));
    const unitText = text.slice(0, index);
    text = text.slice(index);
    const unit = UNITS.get(unitText);
    if (unit === undefined) throw new GoError('time: unknown unit ' + timeQuote(unitText) + ' in duration ' + timeQuote(original));
    if (whole > LIMIT / unit) throw invalid();
    let value = whole * unit;
    if (fraction > 0n) {
      // Go: v += uint64(float64(f) * (float64(unit) / scale)), in float64 arithmetic.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > LIMIT) throw invalid();
    }
    total += value;
    if (total > LIMIT) throw invalid();
  }
  if (negative) return -Number(total);
  if (total > LIMIT - 1n) throw invalid();
  return Number(total);
}
