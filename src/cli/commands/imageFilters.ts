import type { Engine } from '../../engine/Engine';
import type { ImageSummary } from '../../engine/types';
import { familiarName, parseNormalizedNamed } from '../../engine/util/reference';
import { StatusError } from './Command';

/**
 * Filters as moby's filters.Args holds them: each key with its set of values
 * (a value given twice counts once), in the order they were given.
 */
export type FilterArgs = Map<string, string[]>;

/** Adds `value` under `key`, as filters.Args.Add does (a set per key). */
export function addFilter(filters: FilterArgs, key: string, value: string): void {
  const values = filters.get(key) ?? [];
  if (!values.includes(value)) values.push(value);
  filters.set(key, values);
}

/** The filter keys `GET /images/json` accepts (moby daemon/images/image_list.go). */
const ACCEPTED_IMAGE_FILTERS = ['dangling', 'label', 'before', 'since', 'reference', 'until'];

/** An error the daemon answers `GET /images/json` with, framed as the CLI prints it. */
function daemonError(message: string): StatusError {
  return new StatusError(`Error response from daemon: ${message}`, 1);
}

/**
 * The images `GET /images/json?all=..&filters=..` answers, filtered the way
 * moby's ImageService.Images does (v28.2.2): `dangling`, `label`, `before`,
 * `since`, `until` and `reference` (whose patterns also narrow each image's
 * RepoTags and RepoDigests to the matching ones). Without `all`,
 * intermediate images (untagged, with children) are left out.
 *
 * The engine lists images with a reference filter only, so the rest of the
 * daemon's filtering is done here over its answer, with the daemon's errors.
 */
export function listImages(engine: Engine, filters: FilterArgs, all: boolean): ImageSummary[] {
  for (const key of filters.keys()) {
    if (!ACCEPTED_IMAGE_FILTERS.includes(key)) throw daemonError(`invalid filter '${key}'`);
  }
  const danglingOnly = booleanFilter(filters, 'dangling');

  // before/since name images (resolved as GetImage does); until is a time.
  let beforeFilter: number | undefined;
  for (const value of filters.get('before') ?? []) {
    const created = Date.parse(engine.imageInspect(value).Created);
    if (beforeFilter === undefined || beforeFilter > created) beforeFilter = created;
  }
  for (const value of filters.get('until') ?? []) {
    const until = timestamp(value, engine.clock.now());
    if (beforeFilter === undefined || beforeFilter > until) beforeFilter = until;
  }
  let sinceFilter: number | undefined;
  for (const value of filters.get('since') ?? []) {
    const created = Date.parse(engine.imageInspect(value).Created);
    if (sinceFilter === undefined || sinceFilter < created) sinceFilter = created;
  }

  const summaries = engine.imageList({ all });
  const parents = new Set(summaries.map((s) => s.ParentId).filter((id) => id !== ''));
  const patterns = filters.get('reference');
  const labels = filters.get('label');
  const result: ImageSummary[] = [];
  for (const summary of summaries) {
    // Heads() when only dangling images are wanted: images no other image is built on.
    if (danglingOnly && parents.has(summary.Id)) continue;
    const created = summary.Created * 1000;
    if (beforeFilter !== undefined && !(created < beforeFilter)) continue;
    if (sinceFilter !== undefined && !(created > sinceFilter)) continue;
    if (labels && !matchKeyValueList(labels, summary.Labels ?? {})) continue;

    const matches = (ref: string) => !patterns || patterns.some((pattern) => familiarMatch(pattern, ref));
    const repoTags = summary.RepoTags.filter(matches);
    const repoDigests = summary.RepoDigests.filter(matches);
    if (repoTags.length === 0 && repoDigests.length === 0) {
      if (!all && parents.has(summary.Id)) continue;
      if (filters.has('dangling') && !danglingOnly) continue;
      if (patterns) continue;
    } else if (danglingOnly && repoTags.length > 0) {
      continue;
    }
    result.push({ ...summary, RepoTags: repoTags, RepoDigests: repoDigests });
  }
  return result;
}

/** filters.Args.GetBoolOrDefault: `1`/`true` or `0`/`false`; anything else, or both, is an invalid filter. */
function booleanFilter(filters: FilterArgs, key: string): boolean {
  const values = filters.get(key);
  if (!values) return false;
  const isFalse = values.includes('0') || values.includes('false');
  const isTrue = values.includes('1') || values.includes('true');
  if (isFalse === isTrue) throw daemonError(`invalid filter '${key}=[${values.join(' ')}]'`);
  return isTrue;
}

/** filters.Args.MatchKVList: every `key` or `key=value` given is among the labels. */
function matchKeyValueList(values: readonly string[], labels: Record<string, string>): boolean {
  if (Object.keys(labels).length === 0) return false;
  return values.every((value) => {
    const eq = value.indexOf('=');
    const key = eq < 0 ? value : value.slice(0, eq);
    if (!Object.prototype.hasOwnProperty.call(labels, key)) return false;
    return eq < 0 || labels[key] === value.slice(eq + 1);
  });
}

/**
 * distribution/reference FamiliarMatch: the pattern (Go's path.Match) against
 * the familiar reference (`nginx:1.28.0`), then against its name alone (`nginx`).
 */
function familiarMatch(pattern: string, familiarReference: string): boolean {
  if (pathMatch(pattern, familiarReference)) return true;
  try {
    return pathMatch(pattern, familiarName(parseNormalizedNamed(familiarReference)));
  } catch {
    return false;
  }
}

/**
 * Go's path.Match: `*` is any run of characters but `/`, `?` one such
 * character, `[...]` a class (`^` negates, `a-z` ranges), `\` escapes. A
 * malformed pattern is the daemon's `syntax error in pattern`.
 */
export function pathMatch(pattern: string, name: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) throw daemonError('syntax error in pattern');
      source += escapeRegExp(pattern[++i]);
    } else if (c === '[') {
      const [classSource, end] = characterClass(pattern, i + 1);
      source += classSource;
      i = end;
    } else {
      source += escapeRegExp(c);
    }
  }
  return new RegExp(`^${source}$`, 'u').test(name);
}

/** One `[...]` of a path.Match pattern starting after its `[`: the RegExp class and the index of its `]`. */
function characterClass(pattern: string, start: number): [string, number] {
  let i = start;
  let negated = false;
  if (pattern[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: string[] = [];
  const bad = () => daemonError('syntax error in pattern');
  const classChar = (): string => {
    if (i >= pattern.length) throw bad();
    let c = pattern[i];
    if (c === '-' || c === ']') throw bad();
    if (c === '\\') {
      i++;
      if (i >= pattern.length) throw bad();
      c = pattern[i];
    }
    i++;
    return c;
  };
  for (;;) {
    if (i >= pattern.length) throw bad();
    if (pattern[i] === ']' && ranges.length > 0) break;
    const low = classChar();
    let high = low;
    if (pattern[i] === '-') {
      i++;
      high = classChar();
    }
    if (high < low) throw bad();
    ranges.push(`${escapeClassChar(low)}-${escapeClassChar(high)}`);
  }
  return [`[${negated ? '^' : ''}${ranges.join('')}]`, i];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClassChar(c: string): string {
  return /[\\\]\[^-]/.test(c) ? `\\${c}` : c;
}

/**
 * moby api/types/time GetTimestamp for the `until` filter, in ms: a Go
 * duration before `now` (`24h`, `90m`), a Unix time in seconds, or an RFC 3339
 * date or time (UTC when no zone is given: the lab's clock is UTC).
 */
function timestamp(value: string, now: number): number {
  const duration = goDuration(value);
  if (duration !== undefined && value !== '0') return now - duration;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.floor(Number(value) * 1000);
  if (value.includes('-')) {
    const zoned = /[zZ+]/.test(value) || (value.match(/-/g) ?? []).length === 3;
    const parsed = Date.parse(zoned ? value : `${value}${value.includes('T') ? '' : 'T00:00:00'}Z`);
    if (!Number.isNaN(parsed)) return parsed;
    throw daemonError(`parsing time ${JSON.stringify(value)}: cannot parse`);
  }
  throw daemonError(`failed to parse value as time or duration: ${JSON.stringify(value)}`);
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration in ms, or undefined when `value` is not a duration. */
function goDuration(value: string): number | undefined {
  const match = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|ms|s|m|h))+|0)$/.exec(value);
  if (!match) return undefined;
  let total = 0;
  for (const part of match[2].matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * DURATION_UNITS[part[2]];
  }
  return match[1] === '-' ? -total : total;
}
