/**
 * Go's `%.<precision>g` for a float64 (`strconv.FormatFloat(value, 'g',
 * precision, 64)`), which docker's size columns are printed with
 * (go-units formats sizes with `%.4g` / `%.3g`).
 *
 * The rules, from Go's strconv/ftoa.go:
 * - the value is rounded to `precision` significant digits, exactly (from the
 *   binary value, not a decimal approximation), ties to even;
 * - trailing zeros are dropped (`%g` never pads: 2.0 prints as `2`);
 * - exponent form (`1e+04`, `1.049e+06`) is used when the decimal exponent is
 *   below -4 or at least the precision; the exponent has at least two digits.
 *
 * JavaScript's `toPrecision` is not a substitute: it pads with zeros, switches
 * to exponent form at different points and rounds exact ties away from zero.
 */
export function formatFloatG(value: number, precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const negative = value < 0 || Object.is(value, -0);
  const digits = roundDigits(exactDecimal(Math.abs(value)), precision === 0 ? 1 : precision);
  return (negative ? '-' : '') + formatG(digits, precision === 0 ? 1 : precision);
}

/**
 * A decimal number as Go's strconv holds it: the significant digits without
 * leading or trailing zeros, and the position of the decimal point relative to
 * the first digit (value = 0.<digits> x 10^point).
 */
interface Decimal {
  digits: string;
  point: number;
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDecimal(value: number): Decimal {
  if (value === 0) return { digits: '', point: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biasedExponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  // value = mantissa * 2^exponent; a negative power of two is written as a
  // power of five over a power of ten so the digits stay exact.
  let text: string;
  let point: number;
  if (exponent >= 0) {
    text = (mantissa << BigInt(exponent)).toString();
    point = text.length;
  } else {
    text = (mantissa * 5n ** BigInt(-exponent)).toString();
    point = text.length + exponent;
  }
  return { digits: text.replace(/0+$/, ''), point };
}

/** Rounds to `count` significant digits, ties to even, dropping trailing zeros. */
function roundDigits(decimal: Decimal, count: number): Decimal {
  const { digits, point } = decimal;
  if (digits.length <= count) return decimal;
  const next = digits.charCodeAt(count) - 48;
  let roundUp: boolean;
  if (next === 5 && count + 1 === digits.length) {
    // Exactly halfway: round to even.
    roundUp = count > 0 && (digits.charCodeAt(count - 1) - 48) % 2 === 1;
  } else {
    roundUp = next >= 5;
  }
  if (!roundUp) {
    return { digits: digits.slice(0, count).replace(/0+$/, ''), point };
  }
  // Increment the kept digits; a carry out of the first digit makes "1" and
  // moves the decimal point one place right.
  const kept = digits.slice(0, count).split('').map((c) => c.charCodeAt(0) - 48);
  let index = kept.length - 1;
  while (index >= 0 && kept[index] === 9) {
    index--;
  }
  if (index < 0) return { digits: '1', point: point + 1 };
  kept[index]++;
  return { digits: kept.slice(0, index + 1).join(''), point };
}

/** Go's formatDigits for the 'g' verb with an explicit precision. */
function formatG(decimal: Decimal, precision: number): string {
  const { digits, point } = decimal;
  const count = digits.length;
  let exponentPrecision = precision;
  if (exponentPrecision > count && count >= point) exponentPrecision = count;
  const exponent = point - 1;
  if (exponent < -4 || exponent >= exponentPrecision) {
    const shown = Math.min(precision, count);
    return formatE(decimal, shown - 1);
  }
  const shown = precision > point ? count : precision;
  return formatF(decimal, Math.max(shown - point, 0));
}

/** `%e` with `fraction` digits after the point (from Go's fmtE). */
function formatE(decimal: Decimal, fraction: number): string {
  const { digits, point } = decimal;
  let text = digits.length === 0 ? '0' : digits[0];
  if (fraction > 0) {
    text += '.';
    for (let i = 1; i <= fraction; i++) text += i < digits.length ? digits[i] : '0';
  }
  const exponent = digits.length === 0 ? 0 : point - 1;
  const magnitude = Math.abs(exponent);
  return `${text}e${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
}

/** `%f` with `fraction` digits after the point (from Go's fmtF). */
function formatF(decimal: Decimal, fraction: number): string {
  const { digits, point } = decimal;
  let text = '';
  if (point > 0) {
    for (let i = 0; i < point; i++) text += i < digits.length ? digits[i] : '0';
  } else {
    text = '0';
  }
  if (fraction > 0) {
    text += '.';
    for (let i = 1; i <= fraction; i++) {
      const index = point + i - 1;
      text += index >= 0 && index < digits.length ? digits[index] : '0';
    }
  }
  return text;
}
