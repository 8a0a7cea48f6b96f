import { GoError } from './GoError';
import { strconv } from './strconv';

// github.com/docker/go-units (v0.5.0, vendored by docker/cli 28.2.2): the size and ulimit
// parsers behind --memory, --shm-size, --ulimit and friends.

const BINARY_UNITS: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Go's int64(float64) for the values that can occur here (non-negative, truncating). */
function toInt64(size: number): number {
  return Math.trunc(size);
}

/**
 * units.RAMInBytes: "128m", "1.5GiB", "512 kb", "100" (bytes); binary multiples.
 * Errors: `invalid size: '<text>'`, `invalid suffix: '<suffix>'` or strconv.ParseFloat's.
 */
function ramInBytes(text: string): number {
  // parseSize: the number ends at the last digit, period or space.
  let separator = -1;
  for (let index = text.length - 1; index >= 0; index--) {
    if ('01234567890. '.includes(text[index])) {
      separator = index;
      break;
    }
  }
  if (separator === -1) throw new GoError(`invalid size: '${text}'`);
  const number = text[separator] !== ' ' ? text.slice(0, separator + 1) : text.slice(0, separator);
  const rawSuffix = text.slice(separator + 1);
  let size = strconv.parseFloat(number);
  if (size < 0) throw new GoError(`invalid size: '${text}'`);
  if (rawSuffix.length === 0) return toInt64(size);
  // go-units counts bytes; a suffix of more than 3 bytes is too long.
  if (new TextEncoder().encode(rawSuffix).length > 3) throw new GoError(`invalid suffix: '${rawSuffix}'`);
  const suffix = rawSuffix.toLowerCase();
  const badSuffix = (): GoError => new GoError(`invalid suffix: '${suffix}'`);
  if (suffix[0] === 'b') {
    if (suffix.length > 1) throw badSuffix();
    return toInt64(size);
  }
  const multiplier = BINARY_UNITS[suffix[0]];
  if (multiplier === undefined) throw badSuffix();
  size *= multiplier;
  if (suffix.length === 2 && suffix[1] !== 'b') throw badSuffix();
  if (suffix.length === 3 && suffix.slice(1) !== 'ib') throw badSuffix();
  return toInt64(size);
}

const ULIMIT_NAMES = new Set(['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);

/** A parsed `--ulimit name=soft[:hard]`. */
export interface Ulimit {
  readonly name: string;
  readonly soft: number;
  readonly hard: number;
}

/** units.ParseUlimit: "nofile=1024:2048", "nproc=512" (hard defaults to soft). */
function parseUlimit(text: string): Ulimit {
  const equals = text.indexOf('=');
  if (equals < 0) throw new GoError(`invalid ulimit argument: ${text}`);
  const name = text.slice(0, equals);
  const limits = text.slice(equals + 1);
  if (!ULIMIT_NAMES.has(name)) throw new GoError(`invalid ulimit type: ${name}`);
  const parts = limits.split(':');
  let soft: number;
  let hard: number;
  if (parts.length === 2) {
    hard = strconv.parseInt(parts[1], 10, 64);
    soft = strconv.parseInt(parts[0], 10, 64);
  } else if (parts.length === 1) {
    soft = strconv.parseInt(parts[0], 10, 64);
    hard = soft;
  } else {
    throw new GoError(`too many limit value arguments - ${limits}, can only have up to two, \`soft[:hard]\``);
  }
  if (hard !== -1) {
    if (soft === -1) throw new GoError(`ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: ${hard}`);
    if (soft > hard) throw new GoError(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`);
  }
  return { name, soft, hard };
}

/** The go-units parsers used on flag values. */
export const goUnits = { ramInBytes, parseUlimit };
