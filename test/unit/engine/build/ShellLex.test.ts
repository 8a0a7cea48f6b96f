import * as assert from 'node:assert';
import { ShellLexError, processWord, processWords } from '../../../../src/engine/build/ShellLex';

const ENV = new Map([['NAME', 'web'], ['EMPTY', ''], ['PATH', '/usr/bin:/bin'], ['FILE', 'archive.tar.gz']]);

suite('ShellLex (BuildKit frontend/dockerfile/shell)', () => {
  test('ProcessWord: quotes, escapes and the expansions the Dockerfile frontend substitutes', () => {
    const cases: [string, string][] = [
      ['$NAME', 'web'],
      ['${NAME}', 'web'],
      ['/srv/$NAME/x', '/srv/web/x'],
      ['"$NAME app"', 'web app'],
      ["'$NAME'", '$NAME'],
      ['\\$NAME', '$NAME'],
      ['a\\ b', 'a b'],
      ['"a\\"b"', 'a"b'],
      ['"a\\nb"', 'a\\nb'],
      ['$UNSET', ''],
      ['${UNSET:-fallback}', 'fallback'],
      ['${EMPTY:-fallback}', 'fallback'],
      ['${EMPTY-fallback}', ''],
      ['${NAME:+set}', 'set'],
      ['${UNSET:+set}', ''],
      ['${FILE%.gz}', 'archive.tar'],
      ['${FILE%%.*}', 'archive'],
      ['${FILE#*.}', 'tar.gz'],
      ['${FILE##*.}', 'gz'],
      ['${NAME/w/W}', 'Web'],
      ['$PATH:/app', '/usr/bin:/bin:/app'],
      ['$', '$'],
      ['price: 5$', 'price: 5$'],
    ];
    for (const [word, expected] of cases) {
      assert.strictEqual(processWord(word, ENV).result, expected, word);
    }
  });

  test('vertex names keep quotes and unset variables as written (RawQuotes, SkipUnsetEnv)', () => {
    const options = { rawQuotes: true, skipUnsetEnv: true };
    assert.strictEqual(processWord('RUN echo "hi $NAME" $UNSET ${UNSET}', ENV, options).result, 'RUN echo "hi web" $UNSET ${UNSET}');
    assert.strictEqual(processWord("RUN echo '$NAME'", ENV, options).result, "RUN echo '$NAME'");
  });

  test('ProcessWords splits at unquoted white space after expansion (EXPOSE)', () => {
    assert.deepStrictEqual(processWords('80 "443/udp" $PORTS', new Map([['PORTS', '8080 9090']])), ['80', '443/udp', '8080', '9090']);
  });

  test('reports which variables were used and which were not set (for the UndefinedVar check)', () => {
    const result = processWord('$NAME-$NOPE', ENV);
    assert.deepStrictEqual([...result.matched], ['NAME']);
    assert.deepStrictEqual([...result.unmatched], ['NOPE']);
  });

  test('syntax errors carry BuildKit\'s words', () => {
    const cases: [string, string][] = [
      ['${', 'failed to process "${": syntax error: missing \'}\''],
      // Go's scanner EOF printed as a rune: the replacement character.
      ['${NAME', 'failed to process "${NAME": unsupported modifier (\uFFFD) in substitution'],
      ['${NAME:-x', 'failed to process "${NAME:-x": syntax error: missing \'}\''],
      ['${}', 'failed to process "${}": syntax error: bad substitution'],
      ['"open', 'failed to process "\\"open": unexpected end of statement while looking for matching double-quote'],
      ["'open", 'failed to process "\'open": unexpected end of statement while looking for matching single-quote'],
      ['${UNSET:?must be set}', 'failed to process "${UNSET:?must be set}": UNSET: must be set'],
      ['${UNSET?}', 'failed to process "${UNSET?}": UNSET: is not allowed to be unset'],
    ];
    for (const [word, message] of cases) {
      assert.throws(() => processWord(word, ENV), (e: unknown) => e instanceof ShellLexError && e.message === message, word);
    }
  });

  test('a backtick escape token (# escape=`) escapes instead of the backslash', () => {
    assert.strictEqual(processWord('C:\\app\\`$NAME', ENV, { escapeToken: '`' }).result, 'C:\\app\\$NAME');
  });
});
