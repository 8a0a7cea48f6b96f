import * as assert from 'node:assert';
import { goQuote } from '../../../src/engine/util/goQuote';

suite('goQuote (Go strconv.Quote / %q)', () => {
  // Expected values are Go's strconv.Quote output.
  const cases: [string, string][] = [
    ['nginx:Bad Tag', '"nginx:Bad Tag"'],
    ['', '""'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\x00\x1f\x7f', '"\\x00\\x1f\\x7f"'],
    ['é日本😀', '"é日本😀"'], // printable non-ASCII stays as it is
    ['\u00a0\u200b\u0085\u2028\ufeff', '"\\u00a0\\u200b\\u0085\\u2028\\ufeff"'], // spaces and format characters do not
  ];
  for (const [text, expected] of cases) {
    test(`quotes ${JSON.stringify(text)} as ${expected}`, () => {
      assert.strictEqual(goQuote(text), expected);
    });
  }
});
