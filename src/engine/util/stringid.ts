/**
 * moby's `pkg/stringid` (v28.2.2) and the daemon's rule for finding a
 * container by what the user typed (`daemon/container.go` `GetContainer`,
 * `container/view.go` `GetByPrefix`).
 */
import { goQuote } from './goQuote';

const shortLength = 12;
const fullLength = 64;

/**
 * moby `stringid.TruncateID`: drops everything up to the first ":" (so
 * `sha256:` goes), then keeps at most 12 characters.
 */
export function truncateId(id: string): string {
  const colon = id.indexOf(':');
  const bare = colon >= 0 ? id.slice(colon + 1) : id;
  return bare.length > shortLength ? bare.slice(0, shortLength) : bare;
}

/**
 * moby `stringid.GenerateRandomID`: 64 lower-case hex digits, drawn again
 * while the first 12 are all decimal digits, because the short id is the
 * container's default hostname and an all-numeric hostname is refused
 * (moby issue #3869). One `random()` call per hex digit.
 */
export function generateId(random: () => number): string {
  for (;;) {
    let id = '';
    for (let i = 0; i < fullLength; i++) {
      id += Math.min(Math.floor(random() * 16), 15).toString(16);
    }
    if (!/^[0-9]+$/.test(id.slice(0, shortLength))) return id;
  }
}

/**
 * Whether `id` looks like a short id: exactly 12 lower-case hex digits
 * (moby's former `stringid.IsShortID`, removed from moby in v28 but the rule
 * docker has always used).
 */
export function isShortId(id: string): boolean {
  return /^[a-f0-9]{12}$/.test(id);
}

/** Whether `id` is a full id: exactly 64 lower-case hex digits. */
export function isFullId(id: string): boolean {
  return /^[a-f0-9]{64}$/.test(id);
}

/** The outcome of {@link lookupContainer}; the messages are the daemon's. */
export type ContainerLookup<T> =
  | { readonly kind: 'found'; readonly item: T }
  /** 400 InvalidParameter: the empty string. */
  | { readonly kind: 'invalid'; readonly message: string }
  /** 400 InvalidParameter: a prefix of more than one id. */
  | { readonly kind: 'ambiguous'; readonly message: string }
  /** 404 NotFound. */
  | { readonly kind: 'not-found'; readonly message: string };

/** moby's error for an empty container reference (`invalidIdentifier`). */
export function invalidIdentifierMessage(identifier: string): string {
  return `invalid name or ID supplied: ${goQuote(identifier)}`;
}

/** moby's error when an id prefix matches several containers (`ViewDB.GetByPrefix`). */
export function ambiguousPrefixMessage(prefix: string): string {
  return `multiple IDs found with provided prefix: ${prefix}`;
}

/** moby's error when nothing matches (`containerNotFound` / `GetByPrefix`). */
export function noSuchContainerMessage(reference: string): string {
  return `No such container: ${reference}`;
}

/**
 * Finds a container the way the daemon's `GetContainer` does, in this order:
 * 1. an exact full id;
 * 2. an exact name (with or without its leading "/");
 * 3. a prefix of exactly one id (any length, case-sensitive); a prefix of
 *    several ids is an error, not a pick.
 * `describe` gives each container's id and name (name without "/").
 */
export function lookupContainer<T>(
  reference: string,
  containers: Iterable<T>,
  describe: (container: T) => { id: string; name: string },
): ContainerLookup<T> {
  if (reference === '') return { kind: 'invalid', message: invalidIdentifierMessage(reference) };
  const all = [...containers];
  const byId = all.find((container) => describe(container).id === reference);
  if (byId !== undefined) return { kind: 'found', item: byId };
  const name = reference.startsWith('/') ? reference.slice(1) : reference;
  const byName = all.find((container) => describe(container).name === name);
  if (byName !== undefined) return { kind: 'found', item: byName };
  const matches = all.filter((container) => describe(container).id.startsWith(reference));
  if (matches.length > 1) return { kind: 'ambiguous', message: ambiguousPrefixMessage(reference) };
  if (matches.length === 1) return { kind: 'found', item: matches[0] };
  return { kind: 'not-found', message: noSuchContainerMessage(reference) };
}
