import * as zlib from 'node:zlib';
import { extract, pack } from 'tar-stream';
import type { Header } from 'tar-stream';
import { posixPath } from '../engine/util/posixPath';
import type { ArchiveEntry } from '../engine/Engine';
import { fileBytes } from '../engine/fs/overlay';
import type { FsNode } from '../engine/fs/overlay';

/**
 * Tar archives on the Engine API's wire (docker cp, docker export, the
 * build context), over the lab's archive entries: `[name, node]` pairs.
 * Written as moby's go-archive writes them (directories named with a
 * trailing `/`, tar modes holding the permission bits only, the type in the
 * type flag, uid and gid 0); read as its Unpack reads them (names cleaned
 * with filepath.Clean, a name that climbs out of the destination refused).
 */

/** The largest archive a route accepts, compressed or not (docker cp's upload, a build context). */
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

/** An entry whose name leaves the directory the archive is unpacked into (`../x`, `a/../../x`). */
export class ArchiveBreakout extends Error {
  constructor(readonly entryName: string) {
    super(`${JSON.stringify(entryName)} is outside of the destination`);
  }
}

/** An archive that cannot be read: compressed in a form the lab does not read, truncated, too large. */
export class ArchiveError extends Error {}

/**
 * The archive's bytes, `entries` in order: directories get a trailing `/`
 * (canonicalTarName); files the lab knows only by size (an image's
 * binaries) carry the same short note `docker cp` writes to the host for
 * them, so the archive stays well-formed and says what it lacks.
 */
export async function packArchive(entries: readonly ArchiveEntry[], mtime: Date): Promise<Buffer> {
  const packer = pack();
  const chunks: Buffer[] = [];
  packer.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const finished = new Promise<void>((resolve, reject) => {
    packer.on('end', () => resolve());
    packer.on('error', reject);
  });
  // Whole seconds, as go-archive's FileInfoHeader truncates them.
  const time = new Date(Math.floor(mtime.getTime() / 1000) * 1000);
  for (const [name, node] of entries) {
    const common = { uid: 0, gid: 0, mtime: time };
    switch (node.kind) {
      case 'dir':
        packer.entry({ ...common, name: name.endsWith('/') ? name : `${name}/`, type: 'directory', mode: node.mode & 0o7777 });
        break;
      case 'symlink':
        packer.entry({ ...common, name, type: 'symlink', linkname: node.target, mode: 0o777 });
        break;
      case 'file': {
        const data = Buffer.from(fileBytes(node), 'utf8');
        packer.entry({ ...common, name, type: 'file', size: data.length, mode: node.mode & 0o7777 }, data);
        break;
      }
    }
  }
  packer.finalize();
  await finished;
  return Buffer.concat(chunks);
}

/**
 * The entries of an archive (gzip-compressed or not), names cleaned as
 * go-archive's Unpack cleans them (`./app/` -> `app`, `/etc/x` stays
 * absolute for the caller to judge). A name that climbs above the
 * destination throws ArchiveBreakout. A hard link becomes a copy of what it
 * links to; devices, FIFOs and global headers are left out (the lab's
 * filesystems hold files, directories and symlinks). A file that is not
 * UTF-8 text is kept by its size alone: the lab's files are text.
 */
export async function unpackArchive(bytes: Buffer, limit = MAX_ARCHIVE_BYTES): Promise<ArchiveEntry[]> {
  const plain = decompress(bytes, limit);
  const entries: ArchiveEntry[] = [];
  const byName = new Map<string, FsNode>();
  const extractor = extract();
  const done = new Promise<void>((resolve, reject) => {
    extractor.on('entry', (header: Header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        try {
          const entry = toEntry(header, Buffer.concat(chunks), byName);
          if (entry) {
            entries.push(entry);
            byName.set(entry[0], entry[1]);
          }
          next();
        } catch (error) {
          next(error as Error);
        }
      });
      stream.on('error', (error: Error) => next(error));
    });
    extractor.on('finish', () => resolve());
    extractor.on('error', (error: Error) => reject(error instanceof ArchiveBreakout ? error : new ArchiveError(`failed to read the archive: ${error.message}`)));
  });
  extractor.end(terminated(plain));
  await done;
  return entries;
}

/**
 * The archive with its end: the docker CLI's `build -f` with a Dockerfile
 * outside the context (go-archive ReplaceFileTarWrapper) closes its pipe
 * before the tar writer's footer, so its archives stop right after the last
 * file's bytes. Go's tar reader takes that as the end (io.EOF where the
 * padding should be); tar-stream wants the padding and the two zero blocks.
 */
function terminated(bytes: Buffer): Buffer {
  if (bytes.length === 0) return bytes;
  const padding = (512 - (bytes.length % 512)) % 512;
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  if (padding === 0 && tail.length === 1024 && tail.every((byte) => byte === 0)) return bytes;
  return Buffer.concat([bytes, Buffer.alloc(padding + 1024)]);
}

function toEntry(header: Header, data: Buffer, byName: ReadonlyMap<string, FsNode>): ArchiveEntry | undefined {
  const name = cleanEntryName(header.name);
  switch (header.type) {
    case 'file':
    case 'contiguous-file':
      return [name, fileNode(data, header.mode)];
    case 'directory':
      return [name, { kind: 'dir', mode: header.mode & 0o7777 }];
    case 'symlink':
      return [name, { kind: 'symlink', target: header.linkname ?? '' }];
    case 'link': {
      const target = byName.get(cleanEntryName(header.linkname ?? ''));
      return target?.kind === 'file' ? [name, target] : undefined;
    }
    default:
      return undefined;
  }
}

function fileNode(data: Buffer, mode: number): FsNode {
  let content: string | undefined;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    content = undefined;
  }
  return { kind: 'file', mode: mode & 0o7777, size: data.length, ...(content !== undefined ? { content } : {}) };
}

/**
 * go-archive's Unpack: `filepath.Clean(hdr.Name)`, and a relative name
 * that still starts with `..` is outside of the destination. An absolute
 * name (`/etc/x`) is joined below the destination by Unpack, so it is
 * returned as it is for the caller to root or refuse.
 */
export function cleanEntryName(name: string): string {
  const cleaned = posixPath.clean(name);
  if (cleaned === '..' || cleaned.startsWith('../')) throw new ArchiveBreakout(name);
  return cleaned;
}

/** A gzip-compressed archive inflated (by its magic bytes, as compression.DecompressStream detects it); a plain one as it is. */
export function decompress(bytes: Buffer, limit = MAX_ARCHIVE_BYTES): Buffer {
  if (bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) {
    try {
      return zlib.gunzipSync(bytes, { maxOutputLength: limit });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ArchiveError(`the archive is larger than ${limit} bytes once uncompressed`);
      throw new ArchiveError(`failed to read the archive: ${(error as Error).message}`);
    }
  }
  if (bytes.length >= 3 && bytes.subarray(0, 3).toString('latin1') === 'BZh') throw new ArchiveError('Docker Lab reads tar archives plain or gzip-compressed, not bzip2-compressed');
  if (bytes.length >= 6 && bytes.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) {
    throw new ArchiveError('Docker Lab reads tar archives plain or gzip-compressed, not xz-compressed');
  }
  return bytes;
}

