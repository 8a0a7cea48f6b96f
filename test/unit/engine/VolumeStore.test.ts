import * as assert from 'node:assert';
import { InvalidParameterError } from '../../../src/engine/errors';
import { ANONYMOUS_LABEL, VolumeStore, volumeMountpoint } from '../../../src/engine/volumes/VolumeStore';

// The daemon's volumes as the local driver keeps them: names checked as it
// checks them, an existing name answered as it is, files of their own that
// survive a snapshot, and the API's Volume shape.

suite('engine: VolumeStore', () => {
  const time = Date.UTC(2025, 5, 1, 12, 30, 45, 678);

  test('the local driver\'s names: two characters at least, then [a-zA-Z0-9][a-zA-Z0-9_.-]', () => {
    const cases: [string, string | undefined][] = [
      ['data', undefined],
      ['my_vol.1-x', undefined],
      ['ab', undefined],
      ['x', 'create x: volume name is too short, names should be at least two alphanumeric characters'],
      ['-data', 'create -data: "-data" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
      ['a/b', 'create a/b: "a/b" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
      ['./rel', 'create ./rel: "./rel" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
    ];
    for (const [name, error] of cases) {
      const store = new VolumeStore();
      if (error === undefined) {
        assert.strictEqual(store.create(name, { createdAt: time }).created, true, name);
      } else {
        assert.throws(() => store.create(name, { createdAt: time }), (e: unknown) => e instanceof InvalidParameterError && e.message === error, name);
      }
    }
  });

  test('creating a name that exists answers the volume as it is (labels of the first create kept)', () => {
    const store = new VolumeStore();
    const first = store.create('data', { labels: { a: '1' }, createdAt: time });
    const again = store.create('data', { labels: { b: '2' }, createdAt: time + 5000 });
    assert.deepStrictEqual([first.created, again.created], [true, false]);
    assert.deepStrictEqual(again.volume.labels, { a: '1' });
    assert.strictEqual(again.volume.createdAt, time);
  });

  test('the API\'s Volume: CreatedAt in whole seconds, the _data mount point, labels and options as the client sent them', () => {
    const store = new VolumeStore();
    const named = store.create('data', { createdAt: time }).volume;
    assert.deepStrictEqual(VolumeStore.toApi(named), {
      CreatedAt: '2025-06-01T12:30:45Z',
      Driver: 'local',
      Labels: null,
      Mountpoint: '/var/lib/docker/volumes/data/_data',
      Name: 'data',
      Options: null,
      Scope: 'local',
    });
    const labelled = store.create('other', { labels: {}, options: {}, createdAt: time }).volume;
    assert.deepStrictEqual([VolumeStore.toApi(labelled).Labels, VolumeStore.toApi(labelled).Options], [{}, {}]);
    assert.strictEqual(volumeMountpoint('x1'), '/var/lib/docker/volumes/x1/_data');
  });

  test('anonymous is the anonymous label, whatever the name', () => {
    const store = new VolumeStore();
    const anonymous = store.create('a'.repeat(64), { labels: { [ANONYMOUS_LABEL]: '' }, createdAt: time }).volume;
    const named = store.create('b'.repeat(64), { createdAt: time }).volume;
    assert.deepStrictEqual([VolumeStore.isAnonymous(anonymous), VolumeStore.isAnonymous(named)], [true, false]);
  });

  test('a volume\'s files: empty at first, sized by their bytes, listed by name, gone with the volume', () => {
    const store = new VolumeStore();
    store.create('zeta', { createdAt: time });
    store.create('alpha', { createdAt: time });
    assert.ok(store.isEmpty('zeta'));
    store.files('zeta')?.writeFile('/hello.txt', 'hi\n');
    store.files('zeta')?.mkdir('/dir');
    assert.strictEqual(store.isEmpty('zeta'), false);
    assert.strictEqual(store.size('zeta'), 3);
    assert.deepStrictEqual(store.all().map((volume) => volume.name), ['alpha', 'zeta']);
    store.remove('zeta');
    assert.strictEqual(store.get('zeta'), undefined);
    assert.strictEqual(store.files('zeta'), undefined);
  });

  test('export and import carry the files: what one container wrote is there after a restore', () => {
    const store = new VolumeStore();
    store.create('data', { labels: { team: 'a' }, createdAt: time });
    store.files('data')?.mkdir('/logs');
    store.files('data')?.writeFile('/logs/app.log', 'started\n');
    store.create('empty', { createdAt: time });
    const saved = JSON.parse(JSON.stringify(store.export())) as ReturnType<VolumeStore['export']>;
    assert.strictEqual(saved.find((volume) => volume.name === 'empty')?.files, undefined, 'an empty volume saves no file list');
    const restored = new VolumeStore();
    restored.import(saved);
    assert.deepStrictEqual(restored.get('data')?.labels, { team: 'a' });
    const log = restored.files('data')?.get('/logs/app.log');
    assert.strictEqual(log?.kind === 'file' ? log.content : undefined, 'started\n');
    assert.ok(restored.isEmpty('empty'));
  });
});
