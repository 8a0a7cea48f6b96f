import * as assert from 'node:assert/strict';
import { baseFileList } from '../../../src/engine/fs/baseFileLists';
import { diffLayer, lookup, unionOf, WritableLayer } from '../../../src/engine/fs/overlay';

suite('engine: real base file lists as image layers', () => {
  test('debian:bookworm-slim: 3,598 paths, 2,777 files of 74,476,610 bytes, 351 directories, 470 links', () => {
    const layer = baseFileList('debian-bookworm-slim');
    const entries = [...layer.values()];
    assert.equal(layer.size, 3598);
    assert.equal(entries.filter((e) => e.kind === 'file').length, 2777);
    assert.equal(entries.filter((e) => e.kind === 'dir').length, 351);
    assert.equal(entries.filter((e) => e.kind === 'symlink').length, 470);
    assert.equal(entries.reduce((sum, e) => sum + (e.kind === 'file' ? e.size : 0), 0), 74_476_610);
    // merged /usr: /bin is a link to usr/bin, as in the image.
    assert.deepEqual(layer.get('/bin'), { kind: 'symlink', target: 'usr/bin' });
  });

  test('alpine minirootfs: 207 package-owned paths, busybox at /bin/busybox', () => {
    const layer = baseFileList('alpine-minirootfs-3.23');
    assert.equal(layer.size, 207);
    assert.equal(layer.get('/bin/busybox')?.kind, 'file');
    assert.equal(layer.get('/bin/sh')?.kind, 'symlink');
  });

  test('a container on debian: writing /etc/motd copies /etc up (C) and adds the file (A); rm /usr/bin/ls is D', () => {
    const layers = [baseFileList('debian-bookworm-slim')];
    const union = unionOf(layers);
    assert.equal(lookup(layers, '/usr/bin/ls')?.kind, 'file');
    const rw = new WritableLayer(union);
    rw.writeFile('/etc/motd', 'hello\n');
    rw.remove('/usr/bin/ls');
    assert.deepEqual(diffLayer(union, rw.changes).map((c) => `${c.kind} ${c.path}`), ['C /etc', 'A /etc/motd', 'C /usr', 'C /usr/bin', 'D /usr/bin/ls']);
  });
});
