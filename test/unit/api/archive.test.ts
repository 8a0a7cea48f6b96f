import * as assert from 'node:assert';
import { extract, pack } from 'tar-stream';
import { call, json, serveLab } from '../helpers/apiClient';
import type { ServedLab } from '../helpers/apiClient';
import type { Answer } from '../helpers/apiClient';

// docker cp and docker export over the socket: the stat header
// (X-Docker-Container-Path-Stat), tar archives both ways named as the
// daemon names them, dockerd's errors and status codes.

interface TarItem {
  name: string;
  type: 'file' | 'directory' | 'symlink';
  mode?: number;
  content?: string;
  linkname?: string;
}

/** A tar made with tar-stream directly, as a client would send it. */
async function tarOf(items: TarItem[]): Promise<Buffer> {
  const packer = pack();
  const chunks: Buffer[] = [];
  packer.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve) => packer.on('end', () => resolve()));
  for (const item of items) {
    if (item.type === 'file') packer.entry({ name: item.name, mode: item.mode ?? 0o644 }, item.content ?? '');
    else packer.entry({ name: item.name, type: item.type, mode: item.mode ?? 0o755, linkname: item.linkname });
  }
  packer.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** A tar's entries as tar-stream reads them: name, type, the tar mode bits, link target, content. */
async function itemsOf(bytes: Buffer): Promise<Required<TarItem>[]> {
  const items: Required<TarItem>[] = [];
  const extractor = extract();
  extractor.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      items.push({ name: header.name, type: header.type as TarItem['type'], mode: header.mode, linkname: header.linkname ?? '', content: Buffer.concat(chunks).toString('utf8') });
      next();
    });
  });
  const finished = new Promise<void>((resolve, reject) => {
    extractor.on('finish', () => resolve());
    extractor.on('error', reject);
  });
  extractor.end(bytes);
  await finished;
  return items;
}

function statOf(answer: Answer): { name: string; size: number; mode: number; mtime: string; linkTarget: string } {
  const header = answer.headers['x-docker-container-path-stat'];
  assert.ok(typeof header === 'string', 'the stat header is there');
  return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as ReturnType<typeof statOf>;
}

suite('Engine API: container archives (docker cp, docker export)', () => {
  let lab: ServedLab;
  let socket: string;

  setup(async () => {
    lab = await serveLab('archive');
    ({ socket } = lab);
    await call(socket, 'POST', '/v1.50/images/create?fromImage=nginx&tag=latest');
    await call(socket, 'POST', '/v1.50/containers/create?name=web', JSON.stringify({ Image: 'nginx' }));
  });

  teardown(async () => {
    await lab.close();
  });

  test('HEAD answers the stat as base64 JSON, with Go\'s FileMode bits (directory, symlink, sticky)', async () => {
    const html = await call(socket, 'HEAD', '/v1.50/containers/web/archive?path=/usr/share/nginx/html');
    assert.strictEqual(html.status, 200);
    const stat = statOf(html);
    assert.deepStrictEqual([stat.name, stat.mode, stat.linkTarget], ['html', (0x80000000 | 0o755) >>> 0, '']);
    assert.ok(!Number.isNaN(Date.parse(stat.mtime)), 'mtime is a time Go parses');
    const link = statOf(await call(socket, 'HEAD', '/v1.50/containers/web/archive?path=/bin'));
    assert.deepStrictEqual([link.mode, link.linkTarget], [0x8000000 | 0o777, 'usr/bin']);
    // os.ModeSticky is 1<<20 in Go: the unix 01000 bit would mean nothing to the client.
    const tmp = statOf(await call(socket, 'HEAD', '/v1.50/containers/web/archive?path=/tmp'));
    assert.strictEqual(tmp.mode, (0x80000000 | (1 << 20) | 0o777) >>> 0);
  });

  test('missing paths and containers answer as dockerd: 404 with its message, 400 without path', async () => {
    const head = await call(socket, 'HEAD', '/v1.50/containers/web/archive?path=/nope');
    assert.deepStrictEqual([head.status, head.headers['x-docker-container-path-stat']], [404, undefined]);
    const get = await call(socket, 'GET', '/v1.50/containers/web/archive?path=/nope');
    assert.deepStrictEqual([get.status, json(get)], [404, { message: 'Could not find the file /nope in container web' }]);
    const put = await call(socket, 'PUT', '/v1.50/containers/web/archive?path=/nope', await tarOf([{ name: 'a', type: 'file', content: 'x' }]));
    assert.deepStrictEqual([put.status, json(put)], [404, { message: 'Could not find the file /nope in container web' }]);
    const noPath = await call(socket, 'GET', '/v1.50/containers/web/archive');
    // httputils.ArchiveFormValues' message, missing space and all.
    assert.deepStrictEqual([noPath.status, json(noPath)], [400, { message: 'bad parameter: pathcannot be empty' }]);
    const noContainer = await call(socket, 'GET', '/v1.50/containers/nosuch/archive?path=/');
    assert.deepStrictEqual([noContainer.status, json(noContainer)], [404, { message: 'No such container: nosuch' }]);
  });

  test('GET names a directory\'s entries from its last element, tar modes without type bits, files with their content', async () => {
    const answer = await call(socket, 'GET', '/v1.50/containers/web/archive?path=/usr/share/nginx/html');
    assert.strictEqual(answer.headers['content-type'], 'application/x-tar');
    assert.strictEqual(statOf(answer).name, 'html');
    const items = await itemsOf(answer.body);
    assert.deepStrictEqual(items.map((item) => [item.name, item.type, item.mode]), [
      ['html/', 'directory', 0o755],
      ['html/50x.html', 'file', 0o644],
      ['html/index.html', 'file', 0o644],
    ]);
    assert.match(items[2].content, /Welcome to nginx!/);
    // `dir/.` copies the contents: the daemon names them from `.`.
    const dot = await itemsOf((await call(socket, 'GET', '/v1.50/containers/web/archive?path=/usr/share/nginx/html/.')).body);
    assert.deepStrictEqual(dot.map((item) => item.name), ['./', './50x.html', './index.html']);
    // A file: by its own name.
    const file = await itemsOf((await call(socket, 'GET', '/v1.50/containers/web/archive?path=/etc/nginx/nginx.conf')).body);
    assert.deepStrictEqual(file.map((item) => item.name), ['nginx.conf']);
  });

  test('PUT unpacks a client\'s tar into a directory; GET gives the same entries back', async () => {
    const sent = await tarOf([
      { name: 'notes/', type: 'directory', mode: 0o750 },
      { name: 'notes/a.txt', type: 'file', mode: 0o640, content: 'first line\nsecond line\n' },
      { name: 'notes/link', type: 'symlink', linkname: 'a.txt' },
    ]);
    const put = await call(socket, 'PUT', '/v1.50/containers/web/archive?path=/tmp&noOverwriteDirNonDir=true&copyUIDGID=false', sent);
    assert.strictEqual(put.status, 200);
    const back = await itemsOf((await call(socket, 'GET', '/v1.50/containers/web/archive?path=/tmp/notes')).body);
    assert.deepStrictEqual(back.map((item) => [item.name, item.type, item.mode, item.linkname, item.content]), [
      ['notes/', 'directory', 0o750, '', ''],
      ['notes/a.txt', 'file', 0o640, '', 'first line\nsecond line\n'],
      ['notes/link', 'symlink', 0o777, 'a.txt', ''],
    ]);
    const stat = statOf(await call(socket, 'HEAD', '/v1.50/containers/web/archive?path=/tmp/notes/a.txt'));
    assert.deepStrictEqual([stat.name, stat.size, stat.mode], ['a.txt', 23, 0o640]);
  });

  test('PUT refuses what would leave the extraction point, into a non-directory, or over a directory', async () => {
    const escape = await call(socket, 'PUT', '/v1.50/containers/web/archive?path=/tmp', await tarOf([{ name: '../evil', type: 'file', content: 'x' }]));
    assert.deepStrictEqual([escape.status, json(escape)], [500, { message: '"../evil" is outside of "/tmp"' }]);
    assert.strictEqual((await call(socket, 'HEAD', '/v1.50/containers/web/archive?path=/evil')).status, 404, 'nothing was written');
    const intoFile = await call(socket, 'PUT', '/v1.50/containers/web/archive?path=/etc/nginx/nginx.conf', await tarOf([{ name: 'a', type: 'file' }]));
    assert.deepStrictEqual([intoFile.status, json(intoFile)], [400, { message: 'extraction point is not a directory' }]);
    const overDirectory = await call(socket, 'PUT', '/v1.50/containers/web/archive?path=/etc', await tarOf([{ name: 'nginx', type: 'file', content: 'x' }]));
    assert.deepStrictEqual([overDirectory.status, json(overDirectory)], [500, { message: 'cannot overwrite directory "/etc/nginx" with non-directory "/etc"' }]);
  });

  test('export is the whole filesystem, image and writable layer, walked in order without the root', async () => {
    await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
    await call(socket, 'POST', '/v1.50/containers/create?name=box', JSON.stringify({ Image: 'alpine' }));
    await call(socket, 'PUT', '/v1.50/containers/box/archive?path=/root', await tarOf([{ name: 'note', type: 'file', content: 'mine\n' }]));
    const answer = await call(socket, 'GET', '/v1.50/containers/box/export');
    assert.deepStrictEqual([answer.status, answer.headers['content-type']], [200, 'application/x-tar']);
    const items = await itemsOf(answer.body);
    const names = items.map((item) => item.name);
    assert.ok(!names.includes('./') && !names.includes('/') && !names.includes(''), 'the root itself is not an entry');
    // Alpine's /etc/os-release is a link to ../usr/lib/os-release, as in the image.
    const link = items.find((item) => item.name === 'etc/os-release');
    assert.deepStrictEqual([link?.type, link?.linkname], ['symlink', '../usr/lib/os-release']);
    assert.match(items.find((item) => item.name === 'usr/lib/os-release')?.content ?? '', /^NAME="Alpine Linux"/);
    assert.strictEqual(items.find((item) => item.name === 'root/note')?.content, 'mine\n');
    assert.ok(names.indexOf('etc/') < names.indexOf('etc/os-release') && names.indexOf('etc/os-release') < names.indexOf('root/'), 'depth first, by name');
    // What the lab knows only by size comes as a short note of that size, not as empty bytes.
    const binary = items.find((item) => item.type === 'file' && item.content.startsWith('Docker Lab knows this file\'s size'));
    assert.ok(binary, 'files known only by size say so');
    const missing = await call(socket, 'GET', '/v1.50/containers/nosuch/export');
    assert.deepStrictEqual([missing.status, json(missing)], [404, { message: 'No such container: nosuch' }]);
  });
});
