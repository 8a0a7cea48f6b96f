import { expandEscapes } from './echoOutput';

/** The result of `printf`: what it writes, and the arguments it could not read as numbers. */
export interface PrintfResult {
  text: string;
  invalidNumbers: string[];
}

/**
 * Formats like printf(1): the format is reused until the arguments run
 * out; conversions %s %b %c %d %i %u %o %x %X %e %E %f %g %G %%, with
 * flags, width and precision; missing arguments read as '' or 0.
 */
export function printfOutput(format: string, args: readonly string[]): PrintfResult {
  let text = '';
  const invalidNumbers: string[] = [];
  let next = 0;
  do {
    const start = next;
    let stop = false;
    const pattern = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sbcdiuoxXeEfgG%])|\\(?:[0-7]{1,3}|.)|[^%\\]+|[%\\]/g;
    for (const match of format.matchAll(pattern)) {
      const piece = match[0];
      if (piece.startsWith('\\')) {
        const expanded = expandEscapes(piece, 'printf');
        text += expanded.text;
        if (expanded.stop) { stop = true; break; }
        continue;
      }
      if (!piece.startsWith('%') || piece === '%') {
        text += piece;
        continue;
      }
      const [, flags, widthText, precisionText, conversion] = match;
      if (conversion === '%') { text += '%'; continue; }
      const width = widthText === '*' ? Number(args[next++] ?? 0) : widthText ? Number(widthText) : undefined;
      const precision = precisionText === '*' ? Number(args[next++] ?? 0) : precisionText !== undefined ? Number(precisionText) : undefined;
      const arg = args[next++] ?? '';
      let body: string;
      switch (conversion) {
        case 's': body = precision !== undefined ? arg.slice(0, precision) : arg; break;
        case 'b': {
          const expanded = expandEscapes(arg, 'echo');
          body = expanded.text;
          if (expanded.stop) stop = true;
          break;
        }
        case 'c': body = arg.slice(0, 1); break;
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
          const n = toInteger(arg, invalidNumbers);
          const digits = conversion === 'o' ? Math.abs(n).toString(8)
            : conversion === 'x' ? Math.abs(n).toString(16)
              : conversion === 'X' ? Math.abs(n).toString(16).toUpperCase() : String(Math.abs(n));
          const padded = precision !== undefined ? digits.padStart(precision, '0') : digits;
          body = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + padded;
          if (flags.includes('0') && !flags.includes('-') && width !== undefined && precision === undefined) {
            const sign = /^[-+ ]/.test(body) ? body[0] : '';
            body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
          }
          break;
        }
        default: {
          const n = toFloat(arg, invalidNumbers);
          const p = precision ?? 6;
          body = conversion === 'f' ? n.toFixed(p)
            : conversion === 'e' || conversion === 'E' ? cExponent(n.toExponential(p))
              : String(Number(n.toPrecision(p || 1)));
          if (conversion === 'E' || conversion === 'G') body = body.toUpperCase();
          if (n >= 0 && flags.includes('+')) body = `+${body}`;
          if (flags.includes('0') && !flags.includes('-') && width !== undefined) {
            const sign = /^[-+]/.test(body) ? body[0] : '';
            body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
          }
        }
      }
      if (width !== undefined && body.length < width) body = flags.includes('-') ? body.padEnd(width) : body.padStart(width);
      text += body;
      if (stop) break;
    }
    if (stop || next === start) break;
  } while (next < args.length);
  return { text, invalidNumbers };
}

function toInteger(arg: string, invalid: string[]): number {
  if (arg === '') return 0;
  if (/^['"]./.test(arg)) return arg.codePointAt(1) ?? 0;
  const trimmed = arg.trim();
  if (/^[+-]?[0-9]+$/.test(trimmed)) return parseInt(trimmed, 10);
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(trimmed)) return parseInt(trimmed, 16);
  invalid.push(arg);
  const leading = /^[+-]?[0-9]+/.exec(trimmed);
  return leading ? parseInt(leading[0], 10) : 0;
}

function toFloat(arg: string, invalid: string[]): number {
  if (arg === '') return 0;
  const n = Number(arg.trim());
  if (Number.isNaN(n)) {
    invalid.push(arg);
    return 0;
  }
  return n;
}

/** JavaScript writes 1.5e+0; C writes 1.5e+00. */
function cExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}
