import * as assert from 'node:assert';
import {
  ambiguousPrefixMessage,
  generateId,
  isFullId,
  isShortId,
  lookupContainer,
  truncateId,
} from '../../../src/engine/util/stringid';

const full = '90435eec5c4e124e741ef731e118be2fc799a68aba0466ec17717f24ce2ae6a2';

suite('stringid: truncateId', () => {
  // moby v28.2.2 TestTruncateID.
  const cases: [string, string, string][] = [
    ['empty ID', '', ''],
    ['short invalid ID', '1234', '1234'],
    ['full ID', full, '90435eec5c4e'],
    ['digest', `sha256:${full}`, '90435eec5c4e'],
    ['very long ID', full + full, '90435eec5c4e'],
  ];
  for (const [what, id, expected] of cases) {
    test(`${what}: ${JSON.stringify(expected)}`, () => {
      assert.strictEqual(truncateId(id), expected);
    });
  }
});

suite('stringid: generateId', () => {
  test('makes 64 lower-case hex digits, one random() per digit', () => {
    let calls = 0;
    const id = generateId(() => (calls++ % 16) / 16 + 0.01);
    assert.strictEqual(id, '0123456789abcdef'.repeat(4));
    assert.strictEqual(calls, 64);
  });

  test('draws again while the short id would be all digits (it is the default hostname)', () => {
    // First id: all zeros (numeric short id); second: all "a".
    let calls = 0;
    const id = generateId(() => (calls++ < 64 ? 0 : 10 / 16));
    assert.strictEqual(id, 'a'.repeat(64));
    assert.strictEqual(calls, 128);
  });

  test('a numeric-only tail is fine as long as the first 12 are not', () => {
    let calls = 0;
    const id = generateId(() => (calls++ === 0 ? 15 / 16 : 0));
    assert.strictEqual(id, 'f' + '0'.repeat(63));
  });
});

suite('stringid: id shapes', () => {
  const cases: [string, boolean, boolean][] = [
    ['90435eec5c4e', true, false],
    [full, false, true],
    ['90435EEC5C4E', false, false], // upper case is not an id
    ['90435eec5c4', false, false],
    ['90435eec5c4g', false, false],
    [`sha256:${full}`, false, false],
  ];
  for (const [id, short, isFull] of cases) {
    test(`${id.slice(0, 20)}: short ${short}, full ${isFull}`, () => {
      assert.strictEqual(isShortId(id), short);
      assert.strictEqual(isFullId(id), isFull);
    });
  }
});

suite('stringid: lookupContainer (daemon GetContainer)', () => {
  const containers = [
    { id: 'abc1' + '0'.repeat(60), name: 'web' },
    { id: 'abc2' + '0'.repeat(60), name: 'db' },
    { id: 'def0' + '0'.repeat(60), name: 'abc1' }, // a name that is also a prefix of another id
  ];
  const find = (reference: string) => lookupContainer(reference, containers, (c) => c);

  test('a full id matches exactly', () => {
    assert.deepStrictEqual(find(containers[1].id), { kind: 'found', item: containers[1] });
  });

  test('a name matches, with or without its leading slash', () => {
    assert.deepStrictEqual(find('web'), { kind: 'found', item: containers[0] });
    assert.deepStrictEqual(find('/db'), { kind: 'found', item: containers[1] });
  });

  test('an exact name wins over an id prefix', () => {
    assert.deepStrictEqual(find('abc1'), { kind: 'found', item: containers[2] });
  });

  test('a unique id prefix matches, at any length', () => {
    assert.deepStrictEqual(find('abc2'), { kind: 'found', item: containers[1] });
    assert.deepStrictEqual(find('d'), { kind: 'found', item: containers[2] });
  });

  test('a prefix of several ids is an error with moby\'s message', () => {
    assert.deepStrictEqual(find('abc'), { kind: 'ambiguous', message: 'multiple IDs found with provided prefix: abc' });
    assert.strictEqual(ambiguousPrefixMessage('a'), 'multiple IDs found with provided prefix: a');
  });

  test('nothing matching is "No such container"', () => {
    assert.deepStrictEqual(find('nope'), { kind: 'not-found', message: 'No such container: nope' });
    assert.deepStrictEqual(find('ABC2'), { kind: 'not-found', message: 'No such container: ABC2' }); // prefixes are case-sensitive
  });

  test('the empty string is an invalid identifier', () => {
    assert.deepStrictEqual(find(''), { kind: 'invalid', message: 'invalid name or ID supplied: ""' });
  });
});
