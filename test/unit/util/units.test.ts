import * as assert from 'node:assert';
import { bytesSize, fromHumanSize, humanDuration, humanSize, humanSizeWithPrecision, ramInBytes, SizeParseError } from '../../../src/engine/util/units';

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

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const week = 7 * day;
const month = 30 * day;
const year = 365 * day;

suite('units: sizes', () => {
  // go-units v0.5.0 TestHumanSize, plus values docker listings print.
  const humanSizeCases: [number, string][] = [
    [1000, '1kB'],
    [1024, '1.024kB'],
    [1000000, '1MB'],
    [1048576, '1.049MB'],
    [2 * MB, '2MB'],
    [3.42 * GB, '3.42GB'],
    [5.372 * TB, '5.372TB'],
    [2.22 * PB, '2.22PB'],
    [10000000000000 * PB, '1e+04YB'],
    [0, '0B'],
    [999, '999B'],
    [999950, '1000kB'], // rounds up to 4 digits without moving to MB
  ];
  for (const [size, expected] of humanSizeCases) {
    test(`humanSize(${size}) is ${expected}`, () => {
      assert.strictEqual(humanSize(size), expected);
    });
  }

  // What `docker images` SIZE prints (precision 3).
  const precisionThreeCases: [number, string][] = [
    [187_000_000, '187MB'],
    [192_384_512, '192MB'],
    [13_300, '13.3kB'],
    [1_234_567_890, '1.23GB'],
    [7_800_000, '7.8MB'],
    [1_048_576, '1.05MB'],
    [999_500, '1e+03kB'], // %.3g of 999.5 rounds to 1000, which needs exponent form
    [0, '0B'],
  ];
  for (const [size, expected] of precisionThreeCases) {
    test(`humanSizeWithPrecision(${size}, 3) is ${expected}`, () => {
      assert.strictEqual(humanSizeWithPrecision(size, 3), expected);
    });
  }

  // go-units v0.5.0 TestBytesSize.
  const bytesSizeCases: [number, string][] = [
    [1024, '1KiB'],
    [1024 * 1024, '1MiB'],
    [1048576, '1MiB'],
    [2 * MiB, '2MiB'],
    [3.42 * GiB, '3.42GiB'],
    [5.372 * TiB, '5.372TiB'],
    [2.22 * PiB, '2.22PiB'],
    [KiB * KiB * KiB * KiB * KiB * PiB, '1.049e+06YiB'],
    [512, '512B'],
  ];
  for (const [size, expected] of bytesSizeCases) {
    test(`bytesSize(${size}) is ${expected}`, () => {
      assert.strictEqual(bytesSize(size), expected);
    });
  }
});

suite('units: parsing sizes', () => {
  // go-units v0.5.0 TestFromHumanSize (successes).
  const fromHumanSizeCases: [string, number][] = [
    ['0', 0], ['0b', 0], ['0B', 0], ['0 B', 0],
    ['32', 32], ['32b', 32], ['32B', 32],
    ['32k', 32 * KB], ['32K', 32 * KB], ['32kb', 32 * KB], ['32Kb', 32 * KB],
    ['32Mb', 32 * MB], ['32Gb', 32 * GB], ['32Tb', 32 * TB], ['32Pb', 32 * PB],
    ['32.5kB', 32.5 * KB], ['32.5 kB', 32.5 * KB], ['32.5 B', 32], ['0.3 K', 300], ['.3kB', 300],
    ['0.', 0], ['0. ', 0], ['0.b', 0], ['0.B', 0],
    ['-0', 0], ['-0b', 0], ['-0B', 0], ['-0 b', 0], ['-0 B', 0],
    ['32.', 32], ['32.b', 32], ['32.B', 32], ['32. b', 32], ['32. B', 32],
    ['0 ', 0],
    // strconv.ParseFloat forms go-units lets through
    ['1e3', 1000], ['1_000', 1000],
  ];
  for (const [text, expected] of fromHumanSizeCases) {
    test(`fromHumanSize(${JSON.stringify(text)}) is ${expected}`, () => {
      assert.strictEqual(fromHumanSize(text), expected);
    });
  }

  // go-units v0.5.0 TestFromHumanSize (errors).
  const fromHumanSizeErrors = [
    ' 0', ' 0b', ' 0B', ' 0 B', '0b ', '0B ', '0 B ', '', 'hello', '.', '. ', ' ', '  ', ' .', ' . ',
    '-32', '-32b', '-32B', '-32 b', '-32 B', '32b.', '32B.', '32 b.', '32 B.', '32 bb', '32 BB',
    '32 b b', '32 B B', '32  b', '32  B', ' 32 ', '32m b', '32bm',
  ];
  for (const text of fromHumanSizeErrors) {
    test(`fromHumanSize(${JSON.stringify(text)}) is refused`, () => {
      assert.throws(() => fromHumanSize(text), SizeParseError);
    });
  }

  // go-units v0.5.0 TestRAMInBytes.
  const ramCases: [string, number][] = [
    ['32', 32], ['32b', 32], ['32B', 32],
    ['32k', 32 * KiB], ['32K', 32 * KiB], ['32kb', 32 * KiB], ['32Kb', 32 * KiB], ['32Kib', 32 * KiB], ['32KIB', 32 * KiB],
    ['32Mb', 32 * MiB], ['32Gb', 32 * GiB], ['32Tb', 32 * TiB], ['32Pb', 32 * PiB], ['32PB', 32 * PiB], ['32P', 32 * PiB],
    ['32.3', 32], ['32.3 mb', Math.trunc(32.3 * MiB)], ['0.3MB', Math.trunc(0.3 * MiB)],
    ['512m', 512 * MiB], ['1g', GiB],
  ];
  for (const [text, expected] of ramCases) {
    test(`ramInBytes(${JSON.stringify(text)}) is ${expected}`, () => {
      assert.strictEqual(ramInBytes(text), expected);
    });
  }

  // The messages `--memory abc` and friends quote after "invalid argument ... flag: ".
  const ramErrors: [string, string][] = [
    ['', "invalid size: ''"],
    ['hello', "invalid size: 'hello'"],
    ['-32', "invalid size: '-32'"],
    [' 32 ', 'strconv.ParseFloat: parsing " 32": invalid syntax'],
    ['32m b', 'strconv.ParseFloat: parsing "32m": invalid syntax'],
    ['32bm', "invalid suffix: 'bm'"],
    ['32x', "invalid suffix: 'x'"],
    ['32KiBs', "invalid suffix: 'KiBs'"],
    ['32kx', "invalid suffix: 'kx'"],
    ['32KX', "invalid suffix: 'kx'"], // lower-cased before the unit is looked up
    ['1.2.3', 'strconv.ParseFloat: parsing "1.2.3": invalid syntax'],
    ['1e400', 'strconv.ParseFloat: parsing "1e400": value out of range'],
    ['1_', "invalid suffix: '_'"],
  ];
  for (const [text, message] of ramErrors) {
    test(`ramInBytes(${JSON.stringify(text)}) fails with ${JSON.stringify(message)}`, () => {
      assert.throws(() => ramInBytes(text), (error: Error) => error instanceof SizeParseError && error.message === message);
    });
  }
});

suite('units: humanDuration', () => {
  // go-units v0.5.0 TestHumanDuration, every boundary it checks.
  const cases: [number, string][] = [
    [450, 'Less than a second'],
    [1 * second, '1 second'],
    [45 * second, '45 seconds'],
    [46 * second, '46 seconds'],
    [59 * second, '59 seconds'],
    [60 * second, 'About a minute'],
    [1 * minute, 'About a minute'],
    [3 * minute, '3 minutes'],
    [35 * minute, '35 minutes'],
    [35 * minute + 40 * second, '35 minutes'],
    [45 * minute, '45 minutes'],
    [45 * minute + 40 * second, '45 minutes'],
    [46 * minute, '46 minutes'],
    [59 * minute, '59 minutes'],
    [1 * hour, 'About an hour'],
    [1 * hour + 29 * minute, 'About an hour'],
    [1 * hour + 31 * minute, '2 hours'],
    [1 * hour + 59 * minute, '2 hours'],
    [3 * hour, '3 hours'],
    [3 * hour + 29 * minute, '3 hours'],
    [3 * hour + 31 * minute, '4 hours'],
    [3 * hour + 59 * minute, '4 hours'],
    [3 * hour + 60 * minute, '4 hours'],
    [24 * hour, '24 hours'],
    [1 * day + 12 * hour, '36 hours'],
    [2 * day, '2 days'],
    [7 * day, '7 days'],
    [13 * day + 5 * hour, '13 days'],
    [2 * week, '2 weeks'],
    [2 * week + 4 * day, '2 weeks'],
    [3 * week, '3 weeks'],
    [4 * week, '4 weeks'],
    [4 * week + 3 * day, '4 weeks'],
    [1 * month, '4 weeks'],
    [1 * month + 2 * week, '6 weeks'],
    [2 * month, '2 months'],
    [2 * month + 2 * week, '2 months'],
    [3 * month, '3 months'],
    [3 * month + 1 * week, '3 months'],
    [5 * month + 2 * week, '5 months'],
    [13 * month, '13 months'],
    [23 * month, '23 months'],
    [24 * month, '24 months'],
    [24 * month + 2 * week, '2 years'],
    [3 * year + 2 * month, '3 years'],
  ];
  for (const [milliseconds, expected] of cases) {
    test(`${milliseconds} ms reads ${expected}`, () => {
      assert.strictEqual(humanDuration(milliseconds), expected);
    });
  }

  test('the hour rounds half up (1h30m is 2 hours) while minutes truncate', () => {
    assert.strictEqual(humanDuration(1 * hour + 30 * minute), '2 hours');
    assert.strictEqual(humanDuration(1 * hour + 30 * minute - 1), 'About an hour');
    assert.strictEqual(humanDuration(2 * minute - 1), 'About a minute');
  });

  test('a negative duration (clock skew) reads Less than a second', () => {
    assert.strictEqual(humanDuration(-5 * minute), 'Less than a second');
  });
});
