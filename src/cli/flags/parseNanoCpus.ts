import { GoError } from './GoError';

// opts.ParseCPUs (docker/cli opts/opts.go): `--cpus` is read with math/big's Rat.SetString and
// multiplied by 1e9. Rat.SetString takes a fraction "a/b" (each side an integer with an optional
// 0b/0o/0x/0 prefix and underscores) or a number with an optional fraction and exponent.

const INTEGER_BASE_ZERO = /^(0[bB]_?[01](?:_?[01])*|0[oO]_?[0-7](?:_?[0-7])*|0[xX]_?[0-9a-fA-F](?:_?[0-9a-fA-F])*|0_?[0-7](?:_?[0-7])*|\d(?:_?\d)*)$/;
const DECIMAL = /^(\d(?:_?\d)*)?(?:\.(\d(?:_?\d)*)?)?(?:[eE]([+-]?\d+))?$/;

/** An unsigned integer in Go's base-0 syntax, or undefined. */
function integerBaseZero(text: string): bigint | undefined {
  if (!INTEGER_BASE_ZERO.test(text)) return undefined;
  const digits = text.replace(/_/g, '');
  const prefix = digits.slice(0, 2).toLowerCase();
  if (prefix === '0b') return BigInt('0b' + digits.slice(2));
  if (prefix === '0o') return BigInt('0o' + digits.slice(2));
  if (prefix === '0x') return BigInt('0x' + digits.slice(2));
  if (digits.length > 1 && digits[0] === '0') return BigInt('0o' + digits.slice(1));
  return BigInt(digits);
}

/** Parses a rational as numerator/denominator (denominator > 0), or undefined. */
function parseRational(text: string): [bigint, bigint] | undefined {
  let body = text;
  let negative = false;
  if (body[0] === '+' || body[0] === '-') {
    negative = body[0] === '-';
    body = body.slice(1);
  }
  const slash = body.indexOf('/');
  if (slash >= 0) {
    const numerator = integerBaseZero(body.slice(0, slash));
    const denominator = integerBaseZero(body.slice(slash + 1));
    if (numerator === undefined || denominator === undefined || denominator === 0n) return undefined;
    return [negative ? -numerator : numerator, denominator];
  }
  const prefixed = /^0[bBoOxX]/.test(body) ? integerBaseZero(body) : undefined;
  if (prefixed !== undefined) return [negative ? -prefixed : prefixed, 1n];
  const match = DECIMAL.exec(body);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const whole = (match[1] ?? '').replace(/_/g, '');
  const fraction = (match[2] ?? '').replace(/_/g, '');
  const exponent = Number(match[3] ?? '0') - fraction.length;
  // Huge exponents would make BigInt arithmetic explode; Go would accept them, but no CPU
  // count comes near, so they read as malformed here.
  if (Math.abs(exponent) > 1000) return undefined;
  let numerator = BigInt((whole + fraction) || '0');
  let denominator = 1n;
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator = 10n ** BigInt(-exponent);
  return [negative ? -numerator : numerator, denominator];
}

/**
 * opts.ParseCPUs: "1.5" -> 1_500_000_000 nano CPUs. Errors are Go's:
 * `failed to parse <text> as a rational number`, `value is too precise`.
 */
export function parseNanoCpus(text: string): number {
  const rational = parseRational(text);
  if (rational === undefined) throw new GoError(`failed to parse ${text} as a rational number`);
  const [numerator, denominator] = rational;
  const scaled = numerator * 1_000_000_000n;
  if (scaled % denominator !== 0n) throw new GoError('value is too precise');
  return Number(scaled / denominator);
}
