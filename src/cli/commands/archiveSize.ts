import type { ArchiveEntry } from '../../engine/Engine';

/** A tar block; headers and contents are padded to whole blocks. */
const BLOCK = 512;

/** The two zero blocks that end a tar stream (Go's tar.Writer.Close). */
const END_OF_ARCHIVE = 2 * BLOCK;

/** The name and link fields of a ustar header hold 100 bytes. */
const NAME_FIELD = 100;

const encoder = new TextEncoder();

/**
 * The bytes of the tar stream `docker cp` sends or receives for these
 * entries, which is what its "Successfully copied 2.05kB to ..." line counts
 * (the bytes read through copyProgressPrinter): per entry a 512-byte header,
 * a PAX extended header before it when the name or link target is longer
 * than 100 bytes or not ASCII (go-archive writes tar.FormatPAX), the
 * content padded to 512 bytes, and 1,024 zero bytes at the end. A file of
 * up to 512 bytes is 2,048 bytes: `2.05kB`.
 */
export function archiveSize(entries: readonly ArchiveEntry[]): number {
  let total = END_OF_ARCHIVE;
  for (const [name, node] of entries) {
    // A directory's entry is named with a trailing slash (`html/`).
    const tarName = node.kind === 'dir' && !name.endsWith('/') ? `${name}/` : name;
    const records = [paxRecord('path', tarName), node.kind === 'symlink' ? paxRecord('linkpath', node.target) : 0];
    const extended = records.reduce((sum, length) => sum + length, 0);
    if (extended > 0) total += BLOCK + padded(extended);
    total += BLOCK;
    if (node.kind === 'file') total += padded(node.size);
  }
  return total;
}

/** The length of a PAX record (`NN key=value\n`, NN counting itself), or 0 when the ustar field holds the value. */
function paxRecord(key: string, value: string): number {
  const bytes = encoder.encode(value).length;
  if (bytes <= NAME_FIELD && bytes === value.length) return 0;
  const body = key.length + bytes + 3;
  let length = body + String(body).length;
  if (String(length).length > String(body).length) length = body + String(length).length;
  return length;
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}
