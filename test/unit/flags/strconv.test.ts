import * as assert from 'node:assert';
import { GoError } from '../../../src/cli/flags/GoError';
import { strconv } from '../../../src/cli/flags/strconv';

/** Runs `task`, returning its value or the GoError's message (prefixed "error: "). */
function outcome(task: () => unknown): unknown {
  try {
    return task();
  } catch (error) {
    if (error instanceof GoError) return 'error: ' + error.message;
    throw error;
  }
}

// Expected texts were printed by docker 28.2.2 (`docker ps -n <text>` reads -n with
// strconv.ParseInt(text, 0, 64)) or follow Go's documented strconv behaviour.
suite('strconv (Go) as pflag uses it', () => {
  test('Quote escapes like Go: what every "invalid argument %q" shows', () => {
    const cases: Array<[string, string]> = [
      ['abc', '"abc"'],
      ['a\tb', '"a\\tb"'],
      ['a\nb', '"a\\nb"'],
      ['a"b\\c', '"a\\"b\\\\c"'],
      ['é', '"é"'],
      ['\u00a0', '"\\u00a0"'],
      ['😀', '"😀"'],
      ['\x7f', '"\\x7f"'],
      ['\x1b[0m', '"\\x1b[0m"'],
      ['\u200b', '"\\u200b"'],
      ['\u2028', '"\\u2028"'],
      ['\x07\b\f\r\v', '"\\a\\b\\f\\r\\v"'],
      ['', '""'],
    ];
    for (const [input, expected] of cases) assert.strictEqual(strconv.quote(input), expected, JSON.stringify(input));
  });

  test('QuoteRune: the shorthand in "unknown shorthand flag: %q"', () => {
    assert.strictEqual(strconv.quoteRune('x'.codePointAt(0) ?? 0), "'x'");
    assert.strictEqual(strconv.quoteRune(0xc3), "'Ã'");
    assert.strictEqual(strconv.quoteRune("'".codePointAt(0) ?? 0), "'\\''");
    assert.strictEqual(strconv.quoteRune('"'.codePointAt(0) ?? 0), `'"'`);
    assert.strictEqual(strconv.quoteRune(0x0a), "'\\n'");
  });

  test('ParseInt(text, 0, 64): prefixes, underscores, signs, range', () => {
    const syntax = (text: string): string => `error: strconv.ParseInt: parsing ${strconv.quote(text)}: invalid syntax`;
    const range = (text: string): string => `error: strconv.ParseInt: parsing ${strconv.quote(text)}: value out of range`;
    const cases: Array<[string, unknown]> = [
      ['0', 0],
      ['42', 42],
      ['-1', -1],
      ['+7', 7],
      ['0x10', 16],
      ['0X1f', 31],
      ['0o17', 15],
      ['017', 15],
      ['0b101', 5],
      ['1_000', 1000],
      ['0_1', 1],
      ['0x_1f', 31],
      ['9223372036854775807', 9223372036854775807],
      ['-9223372036854775808', -9223372036854775808],
      ['abc', syntax('abc')],
      ['5x', syntax('5x')],
      ['0x', syntax('0x')],
      ['0b2', syntax('0b2')],
      ['08', syntax('08')],
      ['1e3', syntax('1e3')],
      ['1.5', syntax('1.5')],
      [' 1', syntax(' 1')],
      ['', syntax('')],
      ['+', syntax('+')],
      ['-', syntax('-')],
      ['1__0', syntax('1__0')],
      ['_1', syntax('_1')],
      ['1_', syntax('1_')],
      ['é', syntax('é')],
      ['9223372036854775808', range('9223372036854775808')],
      ['-9223372036854775809', range('-9223372036854775809')],
      ['0x8000000000000000', range('0x8000000000000000')],
      // Go stops at the overflow before it sees the bad character.
      ['99999999999999999999x', range('99999999999999999999x')],
    ];
    for (const [input, expected] of cases) assert.strictEqual(outcome(() => strconv.parseInt(input, 0, 64)), expected, JSON.stringify(input));
  });

  test('ParseInt with 32 bits and base 10 (units.ParseUlimit)', () => {
    assert.strictEqual(outcome(() => strconv.parseInt('2147483647', 0, 32)), 2147483647);
    assert.strictEqual(outcome(() => strconv.parseInt('2147483648', 0, 32)), 'error: strconv.ParseInt: parsing "2147483648": value out of range');
    assert.strictEqual(outcome(() => strconv.parseInt('0x10', 10, 64)), 'error: strconv.ParseInt: parsing "0x10": invalid syntax');
    assert.strictEqual(outcome(() => strconv.parseInt('1_0', 10, 64)), 'error: strconv.ParseInt: parsing "1_0": invalid syntax');
  });

  test('ParseUint: no sign, bit sizes (uint16 for --blkio-weight)', () => {
    assert.strictEqual(outcome(() => strconv.parseUint('65535', 0, 16)), 65535);
    assert.strictEqual(outcome(() => strconv.parseUint('99999', 0, 16)), 'error: strconv.ParseUint: parsing "99999": value out of range');
    assert.strictEqual(outcome(() => strconv.parseUint('-1', 0, 64)), 'error: strconv.ParseUint: parsing "-1": invalid syntax');
    assert.strictEqual(outcome(() => strconv.parseUint('+1', 0, 64)), 'error: strconv.ParseUint: parsing "+1": invalid syntax');
    assert.strictEqual(outcome(() => strconv.parseUintBig('18446744073709551615', 0, 64)), 18446744073709551615n);
    assert.strictEqual(outcome(() => strconv.parseUint('18446744073709551616', 0, 64)), 'error: strconv.ParseUint: parsing "18446744073709551616": value out of range');
  });

  test('ParseBool accepts exactly Go\'s spellings', () => {
    for (const text of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.strictEqual(strconv.parseBool(text), true, text);
    for (const text of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.strictEqual(strconv.parseBool(text), false, text);
    for (const text of ['yes', 'tRUE', 'maybe', '', ' true']) {
      assert.strictEqual(outcome(() => strconv.parseBool(text)), `error: strconv.ParseBool: parsing ${strconv.quote(text)}: invalid syntax`, text);
    }
  });

  test('ParseFloat: Go float literals (go-units reads sizes with it)', () => {
    const cases: Array<[string, unknown]> = [
      ['1.5', 1.5],
      ['.5', 0.5],
      ['5.', 5],
      ['1e3', 1000],
      ['1_000', 1000],
      ['-2', -2],
      ['0x1p4', 16],
      ['0x1.8p1', 3],
      ['Inf', Infinity],
      ['-infinity', -Infinity],
      ['1.2.3', 'error: strconv.ParseFloat: parsing "1.2.3": invalid syntax'],
      ['0x10', 'error: strconv.ParseFloat: parsing "0x10": invalid syntax'],
      ['', 'error: strconv.ParseFloat: parsing "": invalid syntax'],
      ['+nan', 'error: strconv.ParseFloat: parsing "+nan": invalid syntax'],
      ['1e999', 'error: strconv.ParseFloat: parsing "1e999": value out of range'],
    ];
    for (const [input, expected] of cases) assert.strictEqual(outcome(() => strconv.parseFloat(input)), expected, JSON.stringify(input));
    assert.ok(Number.isNaN(strconv.parseFloat('NaN')));
  });
});
