import * as assert from 'node:assert';
import { getTimestamp, timestampToMilliseconds } from '../../../../src/engine/util/getTimestamp';

// 2026-11-24T09:00:00Z, the ManualClock's start.
const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
const NOW_SECONDS = NOW / 1000;

suite('getTimestamp (docker logs --since/--until)', () => {
  // What the docker 28.2.2 client sent as `since=` (TZ=UTC), or the error it printed after
  // `invalid value for "since": `, captured against a stub daemon.
  const accepted: [string, string][] = [
    ['10m', String(NOW_SECONDS - 600)],
    ['1h30m', String(NOW_SECONDS - 5400)],
    ['.5h', String(NOW_SECONDS - 1800)],
    ['1h1.5m', String(NOW_SECONDS - 3690)],
    ['1us', String(NOW_SECONDS - 1)],
    ['-1h', String(NOW_SECONDS + 3600)],
    ['-0', String(NOW_SECONDS)],
    ['0', '0'],
    ['1.5', '1.5'],
    ['10', '10'],
    ['+5', '+5'],
    ['2026-11-24', '1795478400.000000000'],
    ['2026-11-24T09', '1795510800.000000000'],
    ['2026-11-24T09:30', '1795512600.000000000'],
    ['2026-11-24T9:30', '1795512600.000000000'],
    ['2026-11-24T09:30:15', '1795512615.000000000'],
    ['2026-11-24T09:30:15.5', '1795512615.500000000'],
    ['2026-11-24T09:30:15,5', '1795512615.500000000'],
    ['2026-11-24T09:30:15Z', '1795512615.000000000'],
    ['2026-11-24T09:30:15.5Z', '1795512615.500000000'],
    ['2026-11-24T09:30:15+02:00', '1795505415.000000000'],
    ['2026-11-24T09:30:15.5+01:00', '1795509015.500000000'],
    ['2026-11-24Z', '1795478400.000000000'],
    ['2026-11-24+02:00', '1795471200.000000000'],
    ['2026-11-24T09Z', '1795510800.000000000'],
    ['2026-11-24T09:30-05:00', '1795530600.000000000'],
    ['2026-11-24T09:30:15.123456789123Z', '1795512615.123456789'],
    ['2024-02-29', '1709164800.000000000'],
  ];
  for (const [value, expected] of accepted) {
    test(`${JSON.stringify(value)} is sent as ${expected}`, () => {
      assert.strictEqual(getTimestamp(value, NOW), expected);
    });
  }

  const refused: [string, string][] = [
    ['2026-13-01', 'parsing time "2026-13-01": month out of range'],
    ['2026-02-30', 'parsing time "2026-02-30": day out of range'],
    ['2023-02-29', 'parsing time "2023-02-29": day out of range'],
    ['2026-11-24T25:00', 'parsing time "2026-11-24T25:00": hour out of range'],
    ['2026-11-24T09:60', 'parsing time "2026-11-24T09:60": minute out of range'],
    ['2026-11-24T09:30:60', 'parsing time "2026-11-24T09:30:60": second out of range'],
    ['2026-1-24', 'parsing time "2026-1-24" as "2006-01-02": cannot parse "1-24" as "01"'],
    ['2026-11-24T09:3', 'parsing time "2026-11-24T09:3" as "2006-01-02T15:04": cannot parse "3" as "04"'],
    ['2026-11-24T', 'parsing time "2026-11-24T" as "2006-01-02T15": cannot parse "" as "15"'],
    ['20a6-11-24', 'parsing time "20a6-11-24" as "2006-01-02": cannot parse "20a6-11-24" as "2006"'],
    ['-5', 'parsing time "-5" as "2006-01-02": cannot parse "-5" as "2006"'],
    ['1.-5', 'parsing time "1.-5" as "2006-01-02T15:04:05.999999999": cannot parse "1.-5" as "2006"'],
    ['2026-11-24x', 'parsing time "2026-11-24x": extra text: "x"'],
    ['2026-11-24 09:30', 'parsing time "2026-11-24 09:30": extra text: " 09:30"'],
    ['2026-11-24T09:30:15.5x', 'parsing time "2026-11-24T09:30:15.5x": extra text: "x"'],
    ['2026-11-24T09:30:15x02:00', 'parsing time "2026-11-24T09:30:15x02:00": extra text: "x02:00"'],
    ['2026-11-24T09:30:15z', 'parsing time "2026-11-24T09:30:15z" as "2006-01-02T15:04:05Z07:00": cannot parse "z" as "Z07:00"'],
    ['2026-11-24T09:30+25:00', 'parsing time "2026-11-24T09:30+25:00": time zone offset hour out of range'],
    ['2026-11-24T09:30:15+02:61', 'parsing time "2026-11-24T09:30:15+02:61": time zone offset minute out of range'],
    ['2026-11-24T09:30:15+0200', 'parsing time "2026-11-24T09:30:15+0200" as "2006-01-02T15:04Z07:00": cannot parse ":15+0200" as "Z07:00"'],
    ['2026-11-24T09:30:15.+01:00', 'parsing time "2026-11-24T09:30:15.+01:00" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse ".+01:00" as "Z07:00"'],
    ['2026/11/24', 'failed to parse value as time or duration: "2026/11/24"'],
    ['abc', 'failed to parse value as time or duration: "abc"'],
    ['1e5', 'failed to parse value as time or duration: "1e5"'],
    ['10 m', 'failed to parse value as time or duration: "10 m"'],
    ['1.5.5', 'failed to parse value as time or duration: "1.5.5"'],
    ['5s5', 'failed to parse value as time or duration: "5s5"'],
    ['5.', 'failed to parse value as time or duration: "5."'],
  ];
  for (const [value, message] of refused) {
    test(`${JSON.stringify(value)} is refused as Go refuses it`, () => {
      assert.throws(() => getTimestamp(value, NOW), (e: unknown) => e instanceof Error && e.message === message);
    });
  }
});

suite('timestampToMilliseconds', () => {
  test('rounds a sub-millisecond since up and an until down, so neither takes an entry outside the window', () => {
    assert.strictEqual(timestampToMilliseconds('1795512615.123456789', 'up'), 1795512615124);
    assert.strictEqual(timestampToMilliseconds('1795512615.123456789', 'down'), 1795512615123);
  });

  test('reads whole seconds and short fractions as the daemon scales them', () => {
    assert.strictEqual(timestampToMilliseconds('10', 'up'), 10_000);
    assert.strictEqual(timestampToMilliseconds('1.5', 'up'), 1500);
    assert.strictEqual(timestampToMilliseconds('+5', 'down'), 5000);
  });
});
