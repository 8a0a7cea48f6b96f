/**
 * docker/go-units v0.5.0 (the version docker 28.2.2 vendors): the human sizes
 * and durations every docker listing prints, and the size parser behind
 * flags such as `--memory` and `--shm-size`.
 *
 * Which docker output uses which:
 * - `humanSizeWithPrecision(size, 3)`: `docker images` SIZE, `docker ps -s`,
 *   `docker history`, `docker cp` progress, `docker stats` NET/BLOCK I/O.
 * - `humanSize` (precision 4): `docker system df`, "Total reclaimed space:"
 *   of the prune commands, volume sizes.
 * - `bytesSize`: `docker stats` MEM USAGE / LIMIT, `docker info` Total Memory.
 * - `humanDuration`: the CREATED and STATUS columns (see containerStatus.ts).
 */
import { formatFloatG } from './formatFloatG';
import { goQuote } from './goQuote';

/** Thrown by {@link fromHumanSize} and {@link ramInBytes}; the message is go-units' (or strconv's). */
export class SizeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SizeParseError';
  }
}

const KB = 1000;
const MB = 1000 * KB;
const GB = 1000 * MB;
const TB = 1000 * GB;
const PB = 1000 * TB;

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const PiB = 1024 * TiB;

const decimalMultipliers: Readonly<Record<string, number>> = { k: KB, m: MB, g: GB, t: TB, p: PB };
const binaryMultipliers: Readonly<Record<string, number>> = { k: KiB, m: MiB, g: GiB, t: TiB, p: PiB };

// go-units spells the decimal kilo with a lower-case k ("kB") and the
// binary one with an upper-case K ("KiB").
const decimalAbbreviations = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const binaryAbbreviations = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/** Divides by `base` while the size is at least `base`, stopping at the last unit. */
function sizeAndUnit(size: number, base: number, units: readonly string[]): [number, string] {
  let index = 0;
  while (size >= base && index < units.length - 1) {
    size /= base;
    index++;
  }
  return [size, units[index]];
}

/**
 * go-units `HumanSizeWithPrecision`: decimal units, `precision` significant
 * digits, Go `%g` formatting, no space: `humanSizeWithPrecision(187_000_000, 3)`
 * is `187MB`, 13_300 is `13.3kB`.
 */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [scaled, unit] = sizeAndUnit(size, 1000, decimalAbbreviations);
  return formatFloatG(scaled, precision) + unit;
}

/** go-units `HumanSize`: {@link humanSizeWithPrecision} with 4 digits (`1.024kB`, `2.22PB`). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** go-units `BytesSize`: binary units, 4 significant digits (`1KiB`, `3.42GiB`). */
export function bytesSize(size: number): string {
  const [scaled, unit] = sizeAndUnit(size, 1024, binaryAbbreviations);
  return formatFloatG(scaled, 4) + unit;
}

/**
 * go-units `FromHumanSize`: a decimal size (`32k`, `32.5 kB`, `1MB`) in bytes.
 * Throws {@link SizeParseError} with go-units' message (`invalid size: 'x'`,
 * `invalid suffix: 'x'`) or strconv's for a malformed number.
 */
export function fromHumanSize(size: string): number {
  return parseSize(size, decimalMultipliers);
}

/**
 * go-units `RAMInBytes`: a binary size (`32k` = 32768, `1g`, `512MiB`) in
 * bytes; suffixes are case-insensitive and the `b` is optional. This is what
 * `--memory`, `--memory-swap`, `--shm-size` accept.
 */
export function ramInBytes(size: string): number {
  return parseSize(size, binaryMultipliers);
}

/** go-units parseSize, step for step (its error texts included). */
function parseSize(text: string, multipliers: Readonly<Record<string, number>>): number {
  // The number ends at the last digit, dot or space; one space may separate
  // it from the suffix.
  let separator = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(text[i])) {
      separator = i;
      break;
    }
  }
  if (separator === -1) throw new SizeParseError(`invalid size: '${text}'`);
  const number = text[separator] === ' ' ? text.slice(0, separator) : text.slice(0, separator + 1);
  let suffix = text.slice(separator + 1);

  let size = parseGoFloat(number);
  // Backward compatibility in go-units: negative sizes are rejected ("-0" is not negative).
  if (size < 0) throw new SizeParseError(`invalid size: '${text}'`);
  if (suffix.length === 0) return toInt64(size);

  const badSuffix = (): SizeParseError => new SizeParseError(`invalid suffix: '${suffix}'`);
  if (suffix.length > 3) throw badSuffix();
  suffix = suffix.toLowerCase();
  if (suffix[0] === 'b') {
    if (suffix.length > 1) throw badSuffix();
    return toInt64(size);
  }
  const multiplier = multipliers[suffix[0]];
  if (multiplier === undefined) throw badSuffix();
  size *= multiplier;
  // The unit may be followed by "b" or "ib" (kb, KiB), nothing else.
  if ((suffix.length === 2 && suffix[1] !== 'b') || (suffix.length === 3 && suffix.slice(1) !== 'ib')) {
    throw badSuffix();
  }
  return toInt64(size);
}

/**
 * Go's int64(float64): truncation toward zero. Values past int64's range
 * come out as its minimum, as they do on the amd64 builds of docker.
 */
function toInt64(size: number): number {
  if (!(Math.abs(size) < 2 ** 63)) return -(2 ** 63);
  return Math.trunc(size) + 0; // "+ 0" turns -0 into 0
}

/**
 * The decimal and hexadecimal forms Go's `strconv.ParseFloat` accepts for the
 * text go-units hands it (which always ends in a digit, dot or nothing);
 * underscores are removed first when Go allows them.
 */
const decimalFloat = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const hexadecimalFloat = /^([+-]?)0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))[pP]([+-]?\d+)$/;

/**
 * strconv's underscoreOK: an underscore may only stand between two digits,
 * or between a base prefix (`0x`) and a digit.
 */
function underscoresAllowed(text: string): boolean {
  let rest = text;
  if (rest[0] === '+' || rest[0] === '-') rest = rest.slice(1);
  let previous = '^'; // '^' start, '0' digit or prefix, '_' underscore, '!' anything else
  let index = 0;
  let hex = false;
  if (rest.length >= 2 && rest[0] === '0' && 'bBoOxX'.includes(rest[1])) {
    index = 2;
    previous = '0';
    hex = rest[1] === 'x' || rest[1] === 'X';
  }
  for (; index < rest.length; index++) {
    const character = rest[index];
    if (/[0-9]/.test(character) || (hex && /[a-fA-F]/.test(character))) {
      previous = '0';
    } else if (character === '_') {
      if (previous !== '0') return false;
      previous = '_';
    } else {
      if (previous === '_') return false;
      previous = '!';
    }
  }
  return previous !== '_';
}

function parseGoFloat(original: string): number {
  let value: number | undefined;
  const text = original.includes('_') && underscoresAllowed(original) ? original.replace(/_/g, '') : original;
  if (decimalFloat.test(text)) {
    value = Number(text);
  } else {
    const hex = hexadecimalFloat.exec(text);
    if (hex) {
      const [whole, fraction = ''] = hex[2].split('.');
      const mantissa = parseInt(whole + fraction || '0', 16);
      const magnitude = mantissa * 2 ** (Number(hex[3]) - 4 * fraction.length);
      value = hex[1] === '-' ? -magnitude : magnitude;
    }
  }
  if (value === undefined) {
    throw new SizeParseError(`strconv.ParseFloat: parsing ${goQuote(original)}: invalid syntax`);
  }
  if (!Number.isFinite(value)) {
    throw new SizeParseError(`strconv.ParseFloat: parsing ${goQuote(original)}: value out of range`);
  }
  return value;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * go-units `HumanDuration` for a duration in milliseconds: `Less than a
 * second`, `1 second`, `45 seconds`, `About a minute`, `5 minutes`, `About an
 * hour`, `3 hours` (hours are rounded, minutes and seconds truncated),
 * `2 days` (from 48 hours), `3 weeks` (from 14 days), `4 months` (from 60
 * days, 30-day months), `2 years` (from 730 days).
 */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.trunc(milliseconds / second);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(milliseconds / minute);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  // Go: int(d.Hours() + 0.5), i.e. rounded half up.
  const hours = Math.trunc(milliseconds / hour + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  // Years divide the truncated (not rounded) hours.
  return `${Math.trunc(Math.trunc(milliseconds / hour) / 24 / 365)} years`;
}
