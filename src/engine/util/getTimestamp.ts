import { parseGoDuration } from './parseGoDuration';

/**
 * `--since` / `--until` values as the docker client sends them: moby's
 * api/types/time GetTimestamp. A Go duration (`10m`, `1h30m`) counts back
 * from `now`; an RFC 3339 date or time (`2026-11-24`, `2026-11-24T09:30`,
 * `2026-11-24T09:30:15.5Z`) is converted; a Unix timestamp (`1795512600`,
 * `1795512600.5`) passes as it is. Returns the API's `seconds[.nanoseconds]`
 * string, or throws an Error with Go's message.
 *
 * The lab's local time zone is UTC: values without a zone are read in UTC.
 */
export function getTimestamp(value: string, now: number): string {
  const duration = durationOf(value);
  if (duration !== undefined && value !== '0') {
    // reference.Add(-d).Unix(): whole seconds, rounded down.
    return String(Math.floor((now * 1e6 - duration) / 1e9));
  }

  // Which layout, exactly as GetTimestamp picks it.
  const inLocation = !/[zZ+]/.test(value) && count(value, '-') !== 3;
  let layout: string;
  if (value.includes('.')) {
    layout = inLocation ? '2006-01-02T15:04:05.999999999' : '2006-01-02T15:04:05.999999999Z07:00';
  } else if (value.includes('T')) {
    let colons = count(value, ':');
    // A numeric zone offset brings a colon of its own.
    if (!inLocation && !/[zZ]/.test(value) && colons > 0) colons--;
    const time = colons === 0 ? 'T15' : colons === 1 ? 'T15:04' : 'T15:04:05';
    layout = `2006-01-02${time}${inLocation ? '' : 'Z07:00'}`;
  } else {
    layout = inLocation ? '2006-01-02' : '2006-01-02Z07:00';
  }

  const parsed = parseTime(layout, value);
  if (typeof parsed === 'string') {
    // Something with a dash was meant as a date: Go's parse error stands.
    if (value.includes('-')) throw new Error(parsed);
    if (parseUnixTimestamp(value) === undefined) {
      throw new Error(`failed to parse value as time or duration: ${goQuote(value)}`);
    }
    return value;
  }
  return `${parsed.seconds}.${String(parsed.nanoseconds).padStart(9, '0')}`;
}

/**
 * The daemon's side (moby timetypes.ParseTimestamps): a `seconds[.fraction]`
 * string as milliseconds since the epoch, rounded up for `since` (entries at
 * or after it) and down for `until` (entries at or before it).
 */
export function timestampToMilliseconds(timestamp: string, round: 'up' | 'down'): number {
  const parsed = parseUnixTimestamp(timestamp);
  if (!parsed) return Number.NaN;
  const nanoseconds = parsed.seconds * 1e9 + parsed.nanoseconds;
  return round === 'up' ? Math.ceil(nanoseconds / 1e6) : Math.floor(nanoseconds / 1e6);
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** Go's strconv.Quote for the plain text these messages hold. */
function goQuote(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** moby's parseTimestamp: `seconds` or `seconds.fraction`, as Go's ParseInt reads them. */
function parseUnixTimestamp(value: string): { seconds: number; nanoseconds: number } | undefined {
  const dot = value.indexOf('.');
  const secondsText = dot < 0 ? value : value.slice(0, dot);
  if (!/^[+-]?\d+$/.test(secondsText)) return undefined;
  if (dot < 0) return { seconds: Number(secondsText), nanoseconds: 0 };
  const fraction = value.slice(dot + 1);
  if (!/^[+-]?\d+$/.test(fraction)) return undefined;
  // Scaled to nanoseconds by the number of digits given.
  return { seconds: Number(secondsText), nanoseconds: Math.trunc(Number(fraction) * 10 ** (9 - fraction.length)) };
}

/** Go's time.ParseDuration in nanoseconds, or undefined where Go fails (GetTimestamp ignores why). */
function durationOf(text: string): number | undefined {
  try {
    return parseGoDuration(text);
  } catch {
    return undefined;
  }
}

type ParsedTime = { seconds: number; nanoseconds: number };

/**
 * Go's time.Parse for the layouts GetTimestamp uses (elements 2006 01 02 15
 * 04 05 .999999999 Z07:00), with its error messages. A string is an error.
 */
function parseTime(layout: string, value: string): ParsedTime | string {
  const error = (layoutElement: string, valueElement: string, message = '') => (message
    ? `parsing time ${goQuote(value)}${message}`
    : `parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(valueElement)} as ${goQuote(layoutElement)}`);
  const chunks = layout.split(/(2006|01|02|15|04|05|\.9+|Z07:00)/);
  let rest = value;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nanoseconds = 0;
  let offsetSeconds = 0;
  const isDigit = (text: string, i: number) => i < text.length && text[i] >= '0' && text[i] <= '9';
  // Go's getnum: one or two digits; `fixed` insists on two.
  const number = (fixed: boolean): number | undefined => {
    if (!isDigit(rest, 0)) return undefined;
    if (!isDigit(rest, 1)) {
      if (fixed) return undefined;
      const n = Number(rest[0]);
      rest = rest.slice(1);
      return n;
    }
    const n = Number(rest.slice(0, 2));
    rest = rest.slice(2);
    return n;
  };
  // Go's parseNanoseconds for `[.,]digits`, at most nine digits counted.
  const fractionOf = (text: string) => Number(text.slice(1, 10).padEnd(9, '0'));

  for (let i = 0; i < chunks.length; i += 2) {
    const prefix = chunks[i];
    const element = chunks[i + 1];
    for (const character of prefix) {
      if (!rest.startsWith(character)) return error(prefix, rest);
      rest = rest.slice(1);
    }
    if (element === undefined) {
      if (rest) return error('', rest, `: extra text: ${goQuote(rest)}`);
      break;
    }
    const hold = rest;
    let bad = false;
    let range = '';
    switch (element) {
      case '2006':
        if (rest.length < 4 || !/^\d{4}/.test(rest)) bad = true;
        else {
          year = Number(rest.slice(0, 4));
          rest = rest.slice(4);
        }
        break;
      case '01': {
        const n = number(true);
        if (n === undefined) bad = true;
        else if (n < 1 || n > 12) range = 'month';
        else month = n;
        break;
      }
      case '02': {
        // Any day of two digits; checked against the month at the end.
        const n = number(true);
        if (n === undefined) bad = true;
        else day = n;
        break;
      }
      case '15': {
        const n = number(false);
        if (n === undefined) bad = true;
        else if (n >= 24) range = 'hour';
        else hour = n;
        break;
      }
      case '04': {
        const n = number(true);
        if (n === undefined) bad = true;
        else if (n >= 60) range = 'minute';
        else minute = n;
        break;
      }
      case '05': {
        const n = number(true);
        if (n === undefined) bad = true;
        else if (n >= 60) range = 'second';
        else {
          second = n;
          // A fraction the layout does not ask for is taken all the same.
          const fractionInLayout = chunks[i + 3]?.startsWith('.') === true;
          const fraction = /^[.,]\d+/.exec(rest);
          if (fraction && !fractionInLayout) {
            nanoseconds = fractionOf(fraction[0]);
            rest = rest.slice(fraction[0].length);
          }
        }
        break;
      }
      default:
        if (element.startsWith('.')) {
          const fraction = /^[.,]\d+/.exec(rest);
          if (fraction) {
            nanoseconds = fractionOf(fraction[0]);
            rest = rest.slice(fraction[0].length);
          }
        } else if (rest.startsWith('Z')) {
          rest = rest.slice(1);
        } else if (rest.length < 6 || rest[3] !== ':') {
          bad = true;
        } else {
          // Go reads both numbers before it looks at the sign; a range error wins over a bad sign.
          const twoDigits = /^\d\d$/;
          const hours = twoDigits.test(rest.slice(1, 3)) ? Number(rest.slice(1, 3)) : undefined;
          const minutes = hours !== undefined && twoDigits.test(rest.slice(4, 6)) ? Number(rest.slice(4, 6)) : undefined;
          if (minutes === undefined) bad = true;
          if ((hours ?? 0) > 24) range = 'time zone offset hour';
          if ((minutes ?? 0) > 60) range = 'time zone offset minute';
          if (rest[0] !== '+' && rest[0] !== '-') bad = true;
          offsetSeconds = (rest[0] === '-' ? -1 : 1) * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60;
          rest = rest.slice(6);
        }
    }
    if (range) return error(element, rest, `: ${range} out of range`);
    if (bad) return error(element, hold);
  }

  if (day < 1 || day > daysIn(month, year)) return error('', rest, ': day out of range');
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return { seconds: date.getTime() / 1000 - offsetSeconds, nanoseconds };
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
