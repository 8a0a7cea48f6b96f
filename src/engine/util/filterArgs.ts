import { InvalidParameterError } from '../errors';

/**
 * The daemon's reading of `filters={"key":["value"]}` (moby
 * api/types/filters): which keys a list accepts, and how values match.
 */

/** Refuses a key the list does not know: `invalid filter 'key'` (filters.Args.Validate). */
export function validateFilters(filters: Record<string, string[]> | undefined, accepted: readonly string[]): void {
  for (const key of Object.keys(filters ?? {})) {
    if (!accepted.includes(key)) throw new InvalidParameterError(`invalid filter '${key}'`);
  }
}

/** filters.Args.Match: a value equal to `source`, or a regular expression found in it (unanchored). */
export function filterMatch(values: readonly string[], source: string): boolean {
  return values.some((value) => {
    if (value === source) return true;
    try {
      return new RegExp(value).test(source);
    } catch {
      // Go skips a value that does not compile as a regular expression.
      return false;
    }
  });
}

/** filters.Args.MatchKVList: every `key` or `key=value` is among `labels`. */
export function matchLabels(values: readonly string[], labels: Record<string, string> | null): boolean {
  if (values.length === 0) return true;
  const present = labels ?? {};
  if (Object.keys(present).length === 0) return false;
  return values.every((value) => {
    const equals = value.indexOf('=');
    const key = equals < 0 ? value : value.slice(0, equals);
    if (!(key in present)) return false;
    return equals < 0 || present[key] === value.slice(equals + 1);
  });
}

/**
 * filters.Args.GetBoolOrDefault: `true`/`1` or `false`/`0`; none or both
 * is `invalid filter 'key=[values]'` (Go prints the list with brackets).
 */
export function filterBool(filters: Record<string, string[]> | undefined, key: string, defaultValue: boolean): boolean {
  const values = filters?.[key];
  if (values === undefined) return defaultValue;
  if (values.length === 0) throw new InvalidParameterError(`invalid filter '${key}'`);
  const isFalse = values.includes('0') || values.includes('false');
  const isTrue = values.includes('1') || values.includes('true');
  if (isFalse === isTrue) throw new InvalidParameterError(`invalid filter '${key}=[${values.join(' ')}]'`);
  return isTrue;
}
