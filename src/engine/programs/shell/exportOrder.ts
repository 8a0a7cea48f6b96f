import type { ShellFlavor } from './ShellFlavor';

/** A variable as the shells keep it: `created` orders variables made at different times. */
export interface OrderedVariable {
  name: string;
  value: string;
  created: number;
}

/**
 * The order in which a shell hands its exported variables to a child, which
 * is what `env` prints. Each shell walks its variable hash table:
 *
 * - dash and busybox ash hash a name as `first char << 4` plus the sum of
 *   its chars, into 39 buckets; a new variable goes to the end of its
 *   bucket (dash var.c / ash.c hashvar(), VTABSIZE 39).
 * - bash hashes with 32-bit FNV-1 into 1024 buckets and puts a new variable
 *   at the head of its bucket (hashlib.c hash_string, variables.c); the
 *   command's own `NAME=value` prefixes come first, `_` last.
 */
export function exportOrder(flavor: ShellFlavor, variables: readonly OrderedVariable[], prefixes: readonly string[] = []): string[] {
  const prefixNames = new Set(prefixes.map((entry) => entry.slice(0, entry.indexOf('='))));
  if (flavor === 'bash') {
    const rest = variables
      .filter((v) => !prefixNames.has(v.name) && v.name !== '_')
      .sort((a, b) => (fnv1(a.name) % 1024) - (fnv1(b.name) % 1024) || b.created - a.created);
    return [...prefixes, ...rest.map((v) => `${v.name}=${v.value}`)];
  }
  const merged: OrderedVariable[] = [
    ...variables.filter((v) => !prefixNames.has(v.name)),
    ...prefixes.map((entry, i) => {
      const name = entry.slice(0, entry.indexOf('='));
      const existing = variables.find((v) => v.name === name);
      return { name, value: entry.slice(name.length + 1), created: existing?.created ?? Number.MAX_SAFE_INTEGER - prefixes.length + i };
    }),
  ];
  return merged
    .sort((a, b) => ashBucket(a.name) - ashBucket(b.name) || a.created - b.created)
    .map((v) => `${v.name}=${v.value}`);
}

function ashBucket(name: string): number {
  let hash = name.charCodeAt(0) << 4;
  for (let i = 0; i < name.length; i++) hash += name.charCodeAt(i);
  return hash % 39;
}

function fnv1(name: string): number {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) {
    hash = Math.imul(hash, 16777619) >>> 0;
    hash = (hash ^ name.charCodeAt(i)) >>> 0;
  }
  return hash;
}
