import filesystems from '../data/filesystems.json';
import type { LayerChanges, LayerEntry } from './overlay';
import { normalizePath } from './overlay';

/** The base file lists the lab has real data for (src/engine/data/filesystems.json). */
export type BaseFileList = keyof typeof filesystems;

/** One row: type (d, f, l), octal mode, size in bytes (null when the source has none), path, link target. */
type Row = [string, string, number | null, string, string];

/**
 * A base image layer's files from a real file list: debian:bookworm-slim's
 * (paths, modes, sizes and link targets of the packages the image installs)
 * or Alpine's minirootfs (paths and modes from a real apk database, without
 * sizes or link targets, which the database does not record). See
 * src/engine/data/README.md for where the lists come from and their limits.
 */
export function baseFileList(name: BaseFileList): LayerChanges {
  const layer = new Map<string, LayerEntry>();
  for (const [type, mode, size, rawPath, target] of filesystems[name].entries as Row[]) {
    const path = normalizePath(rawPath);
    const permissions = parseInt(mode, 8);
    if (type === 'd') layer.set(path, { kind: 'dir', mode: permissions });
    else if (type === 'l') layer.set(path, { kind: 'symlink', target });
    else layer.set(path, { kind: 'file', mode: permissions, size: size ?? 0 });
  }
  return layer;
}
