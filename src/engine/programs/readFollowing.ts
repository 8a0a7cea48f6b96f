import type { FileEntry, ProcessContext } from './Program';
import { resolvePath } from './resolvePath';

/** The file at `path` with symlinks followed, as open(2) and stat(2) see it; undefined if missing or looping. */
export function readFollowing(ctx: Pick<ProcessContext, 'readFile'>, path: string): FileEntry | undefined {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    const entry = ctx.readFile(current);
    if (!entry || entry.type !== 'symlink') return entry;
    current = resolvePath(current.replace(/\/[^/]*$/, '') || '/', entry.target ?? '');
  }
  return undefined;
}
