import type { ProcessContext } from './Program';
import { resolvePath } from './resolvePath';

/** A file a package installs: its path, and its mode and size, or `l` and a symlink's target. */
export type PackageFile = [path: string, mode: number | 'l', sizeOrTarget: number | string];

/**
 * Unpacks a package's files into the container: their directories first
 * (`mkdir -p`), then each file by its mode and size (an empty file where
 * the context cannot hold a size), each symlink with its target. What was
 * there is replaced, as dpkg and apk replace it.
 */
export function installPackageFiles(ctx: ProcessContext, files: readonly PackageFile[]): void {
  for (const [path, mode, value] of files) {
    const directory = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!ctx.readFile(directory)) ctx.mkdir(directory, { parents: true });
    if (mode === 'l') {
      if (ctx.readFile(path)) ctx.remove(path);
      ctx.symlink(path, String(value));
    } else if (ctx.putFile) {
      ctx.putFile(path, { mode, size: Number(value) });
    } else {
      ctx.writeFile(path, '', { mode });
    }
  }
}

/** Removes a package's files (not its directories, which other packages may share). */
export function removePackageFiles(ctx: ProcessContext, files: readonly PackageFile[]): void {
  for (const [path] of files) {
    if (ctx.readFile(resolvePath('/', path))) ctx.remove(path);
  }
}
