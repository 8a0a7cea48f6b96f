import * as assert from 'node:assert';
import {
  adjectives,
  generateName,
  generateUniqueName,
  generatedNameAttempts,
  invalidContainerNameMessage,
  isValidContainerName,
  nameConflictMessage,
  surnames,
} from '../../../src/engine/util/names';

/** A random source that replays `values`, then fails loudly. */
function scripted(...values: number[]): () => number {
  let index = 0;
  return () => {
    if (index >= values.length) throw new Error('random() called more often than scripted');
    return values[index++];
  };
}

/** The value that makes Go's rand.Intn(count) pick `index`. */
function at(index: number, count: number): number {
  return (index + 0.5) / count;
}

/** FNV-1a over the UTF-8 of the comma-joined list: a fingerprint of order and spelling. */
function fingerprint(list: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(list.join(','))) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return '0x' + hash.toString(16);
}

suite('names: the lists', () => {
  test('match moby v28.2.2 names-generator.go exactly (count, order, spelling)', () => {
    // Fingerprints computed from the Go source's arrays.
    assert.strictEqual(adjectives.length, 108);
    assert.strictEqual(surnames.length, 236);
    assert.strictEqual(fingerprint(adjectives), '0x974e5838');
    assert.strictEqual(fingerprint(surnames), '0x2f15bc89');
  });

  test('start and end where moby\'s do', () => {
    assert.deepStrictEqual([adjectives[0], adjectives[adjectives.length - 1]], ['admiring', 'zen']);
    assert.deepStrictEqual([surnames[0], surnames[surnames.length - 1]], ['agnesi', 'zhukovsky']);
  });
});

suite('names: generateName', () => {
  test('draws the adjective, then the surname', () => {
    const random = scripted(at(0, adjectives.length), at(0, surnames.length));
    assert.strictEqual(generateName(random, 0), 'admiring_agnesi');
  });

  test('a random value just below 1 picks the last entries', () => {
    assert.strictEqual(generateName(scripted(0.999999, 0.999999), 0), 'zen_zhukovsky');
  });

  test('a retry appends one random digit 0-9', () => {
    const random = scripted(at(0, adjectives.length), at(0, surnames.length), at(7, 10));
    assert.strictEqual(generateName(random, 1), 'admiring_agnesi7');
  });

  test('boring_wozniak is never produced: the pair is drawn again', () => {
    const boring = adjectives.indexOf('boring');
    const wozniak = surnames.indexOf('wozniak');
    const random = scripted(at(boring, adjectives.length), at(wozniak, surnames.length), at(boring, adjectives.length), at(0, surnames.length));
    assert.strictEqual(generateName(random, 0), 'boring_agnesi');
  });

  test('every generated name has the adjective_surname shape', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 500; i++) {
      assert.match(generateName(random, i % 2), /^[a-z]+_[a-z]+[0-9]?$/);
    }
  });
});

suite('names: generateUniqueName (daemon generateAndReserveName)', () => {
  const id = '3f4e1a2b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607';

  test('the first free name wins; retries from the second attempt carry a digit', () => {
    const taken = new Set(['admiring_agnesi']);
    const random = scripted(at(0, adjectives.length), at(0, surnames.length), at(0, adjectives.length), at(0, surnames.length), at(3, 10));
    assert.strictEqual(generateUniqueName(random, (name) => taken.has(name), id), 'admiring_agnesi3');
  });

  test(`after ${generatedNameAttempts} taken names the short id is used`, () => {
    let calls = 0;
    const name = generateUniqueName(() => 0, () => (calls++, true), id);
    assert.strictEqual(name, '3f4e1a2b5c6d');
    assert.strictEqual(calls, 6);
  });
});

suite('names: --name validation', () => {
  const valid = ['web', 'a1', 'my_app.v2-test', '/web', '0day', 'A-B'];
  for (const name of valid) {
    test(`accepts ${JSON.stringify(name)}`, () => {
      assert.strictEqual(isValidContainerName(name), true);
    });
  }

  // The pattern needs two characters at least; the first must be alphanumeric.
  const invalid = ['a', '', '/', '_web', '-web', '.web', 'my app', 'web/1', '//web', 'wéb', 'web!'];
  for (const name of invalid) {
    test(`refuses ${JSON.stringify(name)}`, () => {
      assert.strictEqual(isValidContainerName(name), false);
    });
  }

  test('the refusal quotes the name as given and the allowed characters', () => {
    assert.strictEqual(invalidContainerNameMessage('my app'), 'Invalid container name (my app), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed');
    assert.strictEqual(invalidContainerNameMessage('/a'), 'Invalid container name (/a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed');
  });

  test('the conflict message shows the name with its slash and the full id', () => {
    assert.strictEqual(
      nameConflictMessage('web', 'abc123'),
      'Conflict. The container name "/web" is already in use by container "abc123". You have to remove (or rename) that container to be able to reuse that name.',
    );
    assert.strictEqual(nameConflictMessage('/web', 'abc123'), nameConflictMessage('web', 'abc123'));
  });
});
