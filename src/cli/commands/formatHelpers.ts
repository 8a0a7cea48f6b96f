/**
 * docker/cli formatter.Ellipsis: cut to `max` display cells, the last one an
 * ellipsis. (Wide characters count double, as in the CLI.)
 */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  const width = (c: string) => (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(c) ? 2 : 1);
  const total = chars.reduce((sum, c) => sum + width(c), 0);
  if (total <= max) return s;
  let out = '';
  let used = 0;
  for (const c of chars) {
    if (used + width(c) > max - 1) break;
    out += c;
    used += width(c);
  }
  return `${out}…`;
}

/** Go's time.Time.String() in UTC: `2026-11-24 09:00:00 +0000 UTC`. */
export function goTimeString(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/** Go's RFC3339Nano as docker prints log timestamps: always 9 fraction digits. */
export function rfc3339NanoFixed(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}
