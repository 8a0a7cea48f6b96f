import * as assert from 'node:assert';
import { formatFloatG } from '../../../src/engine/util/formatFloatG';

suite('formatFloatG (Go %.Ng)', () => {
  // Expected values are what Go's fmt.Sprintf("%.*g", precision, value) prints.
  const cases: [number, number, string][] = [
    [1024, 4, '1024'],
    [1.0625, 4, '1.062'], // exact tie: rounds to even, where toPrecision gives 1.063
    [2.5, 1, '2'], // exact tie to even
    [3.5, 1, '4'],
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [9.9995, 4, '9.999'], // the double is just below the tie
    [99.95, 3, '100'],
    [1000, 4, '1000'], // exponent 3 < precision 4: plain
    [10000, 4, '1e+04'], // exponent 4 >= precision: exponent form, no padding
    [100, 2, '1e+02'],
    [123456, 4, '1.235e+05'],
    [1e21, 4, '1e+21'],
    [0.0001, 4, '0.0001'], // exponent -4 stays plain
    [0.00001, 4, '1e-05'], // below -4 switches
    [0.1, 17, '0.10000000000000001'], // the exact binary value shows at 17 digits
    [5e-324, 4, '4.941e-324'],
    [1.7976931348623157e308, 4, '1.798e+308'],
    [12345.678, 6, '12345.7'],
    [0, 4, '0'],
    [-2.5, 3, '-2.5'],
  ];
  for (const [value, precision, expected] of cases) {
    test(`%.${precision}g of ${value} is ${expected}`, () => {
      assert.strictEqual(formatFloatG(value, precision), expected);
    });
  }

  test('non-finite values print as Go prints them', () => {
    assert.strictEqual(formatFloatG(NaN, 4), 'NaN');
    assert.strictEqual(formatFloatG(Infinity, 4), '+Inf');
    assert.strictEqual(formatFloatG(-Infinity, 4), '-Inf');
  });
});
