import { StatusError } from './Command';

/**
 * The Go client's trimID: surrounding white space is dropped before the
 * request, and an empty reference is refused without asking the daemon
 * (moby client/utils.go: `invalid container name or ID: value is empty`).
 */
export function trimContainerId(reference: string): string {
  const id = reference.trim();
  if (!id) throw new StatusError('invalid container name or ID: value is empty', 1);
  return id;
}
