const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

/**
 * Formats `ms` (since the epoch) in UTC the way C's strftime does in the C
 * locale; containers have no TZ set, so every program here prints UTC.
 * Supports the conversions learners use with `date +...` plus GNU's `%N`.
 */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);
  const hour12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((ms - startOfYear) / 86_400_000) + 1;
  return format.replace(/%([-_0^#]?)([a-zA-Z%+])/g, (whole, flag: string, conversion: string) => {
    let value: string;
    switch (conversion) {
      case 'a': value = DAYS[d.getUTCDay()].slice(0, 3); break;
      case 'A': value = DAYS[d.getUTCDay()]; break;
      case 'b': case 'h': value = MONTHS[d.getUTCMonth()].slice(0, 3); break;
      case 'B': value = MONTHS[d.getUTCMonth()]; break;
      case 'c': value = strftime('%a %b %e %H:%M:%S %Y', ms); break;
      case 'C': value = pad(Math.floor(d.getUTCFullYear() / 100)); break;
      case 'd': value = pad(d.getUTCDate()); break;
      case 'D': value = strftime('%m/%d/%y', ms); break;
      case 'e': value = pad(d.getUTCDate(), 2, ' '); break;
      case 'F': value = strftime('%Y-%m-%d', ms); break;
      case 'H': value = pad(d.getUTCHours()); break;
      case 'I': value = pad(hour12); break;
      case 'j': value = pad(dayOfYear, 3); break;
      case 'k': value = pad(d.getUTCHours(), 2, ' '); break;
      case 'l': value = pad(hour12, 2, ' '); break;
      case 'm': value = pad(d.getUTCMonth() + 1); break;
      case 'M': value = pad(d.getUTCMinutes()); break;
      case 'n': value = '\n'; break;
      case 'N': value = pad((ms % 1000) * 1_000_000, 9); break;
      case 'p': value = d.getUTCHours() < 12 ? 'AM' : 'PM'; break;
      case 'P': value = d.getUTCHours() < 12 ? 'am' : 'pm'; break;
      case 'r': value = strftime('%I:%M:%S %p', ms); break;
      case 'R': value = strftime('%H:%M', ms); break;
      case 's': value = String(Math.floor(ms / 1000)); break;
      case 'S': value = pad(d.getUTCSeconds()); break;
      case 't': value = '\t'; break;
      case 'T': value = strftime('%H:%M:%S', ms); break;
      case 'u': value = String(d.getUTCDay() === 0 ? 7 : d.getUTCDay()); break;
      case 'w': value = String(d.getUTCDay()); break;
      case 'x': value = strftime('%m/%d/%y', ms); break;
      case 'X': value = strftime('%H:%M:%S', ms); break;
      case 'y': value = pad(d.getUTCFullYear() % 100); break;
      case 'Y': value = String(d.getUTCFullYear()); break;
      case 'z': value = '+0000'; break;
      case 'Z': value = 'UTC'; break;
      case '%': value = '%'; break;
      default: return whole;
    }
    if (flag === '-') return value.replace(/^[0 ]+(?=.)/, '');
    if (flag === '_') return value.replace(/^0+(?=.)/, (zeros) => ' '.repeat(zeros.length));
    if (flag === '^') return value.toUpperCase();
    return value;
  });
}
