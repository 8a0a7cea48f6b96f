import type { EventMessage } from '../types';
import { matchLabels } from './filterArgs';
import { familiarName, parseNormalizedNamed } from './reference';

/** The object types whose filter key matches the actor's ID or name by prefix (fuzzyMatchName). */
const NAMED_TYPES = ['daemon', 'container', 'plugin', 'volume', 'network', 'node', 'service', 'secret', 'config'];

/** daemon/events/filter.go's Include: every filter given must hold. */
export function eventMatches(event: EventMessage, filters: Record<string, string[]>): boolean {
  const attributes = event.Actor.Attributes;
  // filters.Args.ExactMatch and FuzzyMatch: an absent or empty key matches anything.
  const exact = (key: string, source: string) => !filters[key]?.length || filters[key].includes(source);
  const fuzzy = (key: string, source: string) => exact(key, source) || filters[key].some((prefix) => source.startsWith(prefix));
  // `event=exec_start` means any `exec_start: <command>` (moby #25798).
  const fuzzyEvents = (filters.event ?? []).some((value) => ['health_status', 'exec_create', 'exec_start'].includes(value));
  if (!(fuzzyEvents ? fuzzy('event', event.Action) : exact('event', event.Action))) return false;
  if (!exact('type', event.Type)) return false;
  if (filters.scope !== undefined && !exact('scope', event.scope)) return false;
  if (!NAMED_TYPES.every((type) => fuzzy(type, event.Actor.ID) || fuzzy(type, attributes.name ?? ''))) return false;
  // An image filter matches image events by ID or name, container events by their image, with or without the tag.
  const imageName = (event.Type === 'image' ? attributes.name : attributes.image) ?? '';
  if (![event.Actor.ID, imageName, withoutTag(event.Actor.ID), withoutTag(imageName)].some((source) => exact('image', source))) return false;
  return filters.label === undefined || matchLabels(filters.label, attributes);
}

/** moby's stripTag: the familiar name without tag or digest, or the text as it is when it does not parse. */
function withoutTag(image: string): string {
  try {
    return familiarName(parseNormalizedNamed(image));
  } catch {
    return image;
  }
}
