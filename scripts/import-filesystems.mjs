// Converts the registry reference data's file lists (../shared/data/registry/filesystems/*.tsv)
// into src/engine/data/filesystems.json, the form the engine imports:
//   { "<name>": { "source": "...", "entries": [[type, mode, size, path, linkTarget], ...] } }
// type: d (directory), f (file), l (symlink); mode: octal string; size: bytes (null when the
// source has none). Run again when the reference data changes:  node scripts/import-filesystems.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.resolve(root, '../shared/data/registry/filesystems');
const lists = {
  'debian-bookworm-slim': { file: 'debian-bookworm-slim.tsv', columns: ['type', 'mode', 'size', 'path', 'target'] },
  'alpine-minirootfs-3.23': { file: 'alpine-minirootfs-3.23-apkdb.tsv', columns: ['type', 'mode', 'path'] },
};
const out = {};
for (const [name, { file, columns }] of Object.entries(lists)) {
  const lines = fs.readFileSync(path.join(from, file), 'utf8').split('\n');
  const source = lines.filter((line) => line.startsWith('#')).map((line) => line.slice(1).trim()).join(' ');
  const entries = lines.filter((line) => line && !line.startsWith('#')).map((line) => {
    const cells = line.split('\t');
    const row = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
    return [row.type, row.mode, row.size === undefined || row.size === '' ? null : Number(row.size), row.path, row.target ?? ''];
  });
  out[name] = { source, entries };
}
fs.writeFileSync(path.join(root, 'src/engine/data/filesystems.json'), `${JSON.stringify(out)}\n`);
console.log(Object.entries(out).map(([name, list]) => `${name}: ${list.entries.length} paths`).join('\n'));
