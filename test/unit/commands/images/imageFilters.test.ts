import * as assert from 'node:assert';
import { StatusError } from '../../../../src/cli/commands/Command';
import { pathMatch } from '../../../../src/cli/commands/imageFilters';

suite('imageFilters: pathMatch (Go path.Match, behind --filter reference=)', () => {
  // Protects the glob rules `docker images 'nginx*'` and `-f reference=...` rely on.
  const cases: [pattern: string, name: string, matches: boolean][] = [
    ['nginx', 'nginx', true],
    ['nginx', 'nginx:latest', false],
    ['ngin*', 'nginx', true],
    ['*', 'library/nginx', false],
    ['*/*', 'library/nginx', true],
    ['nginx:1.*', 'nginx:1.28.0', true],
    ['nginx:?', 'nginx:1', true],
    ['nginx:?', 'nginx:10', false],
    ['a?c', 'a/c', false],
    ['[abc]lpine', 'alpine', true],
    ['[^abc]lpine', 'alpine', false],
    ['[a-c]lpine', 'blpine', true],
    ['[^a-c]lpine', 'zlpine', true],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['a.b', 'axb', false],
    ['(x)', '(x)', true],
  ];
  for (const [pattern, name, matches] of cases) {
    test(`${JSON.stringify(pattern)} ${matches ? 'matches' : 'does not match'} ${JSON.stringify(name)}`, () => {
      assert.strictEqual(pathMatch(pattern, name), matches);
    });
  }

  // A malformed pattern is an error even where an earlier part already fails to match (Go 1.16+).
  for (const pattern of ['[', '[]', '[a', 'x\\', '[a-]', '[z-a]', 'zz[']) {
    test(`${JSON.stringify(pattern)} is a syntax error`, () => {
      assert.throws(() => pathMatch(pattern, 'abc'), (e: unknown) => e instanceof StatusError && e.message === 'Error response from daemon: syntax error in pattern');
    });
  }
});
