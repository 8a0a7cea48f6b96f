import * as assert from 'node:assert';
import { parseCommandLine, tokenize, UNTERMINATED_QUOTE_MESSAGE } from '../../../src/shell/tokenize';

const ENV = { HOME: '/home/learner', USER: 'learner', NAME: 'web', EMPTY: '', SPACED: ' a  b ', PORT: '8080', '?': '3' };

suite('tokenize', () => {
  /** Each case: the line, and the argv of each command (all joined by `;` unless written as [connector, argv]). */
  const cases: [string, string[][]][] = [
    ['docker ps', [['docker', 'ps']]],
    ['  docker   ps   -a  ', [['docker', 'ps', '-a']]],
    ['', []],
    ['   ', []],
    ['# only a comment', []],
    ['docker ps # list them', [['docker', 'ps']]],
    ['echo a#b', [['echo', 'a#b']]],
    ["echo 'single $HOME \\n'", [['echo', 'single $HOME \\n']]],
    ['echo "double $HOME"', [['echo', 'double /home/learner']]],
    ['echo "a \\"quoted\\" \\\\ \\$HOME \\x"', [['echo', 'a "quoted" \\ $HOME \\x']]],
    ['echo \\$HOME \\"x\\" a\\ b', [['echo', '$HOME', '"x"', 'a b']]],
    ["echo ''", [['echo', '']]],
    ['echo "" x', [['echo', '', 'x']]],
    ["echo a'b'\"c\"d", [['echo', 'abcd']]],
    ['echo $NAME ${NAME}x $NAME-1', [['echo', 'web', 'webx', 'web-1']]],
    ['echo $UNSET x', [['echo', 'x']]],
    ['echo "$UNSET" x', [['echo', '', 'x']]],
    ['echo $EMPTY', [['echo']]],
    ['echo $SPACED', [['echo', 'a', 'b']]],
    ['echo "$SPACED"', [['echo', ' a  b ']]],
    ['echo x$SPACED.y', [['echo', 'x', 'a', 'b', '.y']]],
    ['echo $?', [['echo', '3']]],
    ['echo $ a$', [['echo', '$', 'a$']]],
    ['echo ~ ~/x a~', [['echo', '/home/learner', '/home/learner/x', 'a~']]],
    ["echo '~'", [['echo', '~']]],
    ['docker run -p $PORT:80 --name $NAME nginx', [['docker', 'run', '-p', '8080:80', '--name', 'web', 'nginx']]],
    ["docker ps --format '{{.Names}}\\t{{.Status}}'", [['docker', 'ps', '--format', '{{.Names}}\\t{{.Status}}']]],
    ['docker ps --format {{.Names}}', [['docker', 'ps', '--format', '{{.Names}}']]],
    ['docker ps; docker images', [['docker', 'ps'], ['docker', 'images']]],
    ['docker ps;docker images;', [['docker', 'ps'], ['docker', 'images']]],
    ['a && b || c', [['a'], ['b'], ['c']]],
    ['a\nb', [['a'], ['b']]],
    ['docker run \\\n  -d nginx', [['docker', 'run', '-d', 'nginx']]],
    ['echo "two\nlines"', [['echo', 'two\nlines']]],
    ['a &&\n b', [['a'], ['b']]],
  ];
  for (const [line, expected] of cases) {
    test(`${JSON.stringify(line)} splits like bash`, () => {
      const result = tokenize(line, ENV);
      assert.strictEqual(result.status, 'complete');
      if (result.status !== 'complete') return;
      assert.deepStrictEqual(result.commands.map((command) => command.argv), expected);
    });
  }

  test('connectors say how each command joins the one before it', () => {
    const result = tokenize('a; b && c || d', {});
    assert.ok(result.status === 'complete');
    assert.deepStrictEqual(result.commands.map((command) => command.connector), [';', ';', '&&', '||']);
  });

  /** Unfinished text: the interactive shell shows `> ` and waits for more. */
  const incomplete: [string, string][] = [
    ["echo 'open", 'quote'],
    ['echo "open', 'quote'],
    ['echo "a\\"', 'quote'],
    ['docker run \\', 'backslash'],
    ['docker ps &&', 'operator'],
    ['docker ps ||  ', 'operator'],
    ['docker ps &&\n', 'operator'],
  ];
  for (const [line, reason] of incomplete) {
    test(`${JSON.stringify(line)} needs more input (${reason})`, () => {
      assert.deepStrictEqual(tokenize(line, {}), { status: 'incomplete', reason });
    });
  }

  const errors: [string, string][] = [
    ['; ls', "docker-lab: syntax error near unexpected token `;'"],
    ['a ;; b', "docker-lab: syntax error near unexpected token `;;'"],
    ['&& a', "docker-lab: syntax error near unexpected token `&&'"],
    ['a || || b', "docker-lab: syntax error near unexpected token `||'"],
    ['docker ps | grep web', 'docker-lab: pipes (|) are not simulated in Docker Lab'],
    ['docker logs web > out.txt', 'docker-lab: redirections (<, >) are not simulated in Docker Lab'],
    ['docker logs web 2>&1', 'docker-lab: redirections (<, >) are not simulated in Docker Lab'],
    ['docker run nginx &', 'docker-lab: background jobs (&) are not simulated in Docker Lab'],
    ['(docker ps)', 'docker-lab: subshells ( ) are not simulated in Docker Lab'],
    ['echo `docker ps -q`', 'docker-lab: backquotes (`...`) are not simulated in Docker Lab'],
    ['echo "`date`"', 'docker-lab: backquotes (`...`) are not simulated in Docker Lab'],
    ['echo $((1 + 1))', 'docker-lab: arithmetic expansion $(( )) is not simulated in Docker Lab'],
    ['echo ${A', 'docker-lab: ${A: bad substitution'],
    ['echo ${A-b}', 'docker-lab: ${A-b}: bad substitution'],
  ];
  for (const [line, message] of errors) {
    test(`${JSON.stringify(line)} is refused`, () => {
      const kind = message.includes('not simulated') ? 'not-simulated' : 'syntax';
      assert.deepStrictEqual(tokenize(line, {}), { status: 'error', kind, message });
    });
  }

  test('$(...) is one part the lookup answers under its key; unquoted output splits into words, quoted stays one', () => {
    const outputs: Record<string, string> = { '$(docker ps -q)': 'abc\ndef', '$(echo ")" (x))': 'odd' };
    assert.deepStrictEqual(tokenize('docker rm -f $(docker ps -q)', outputs), { status: 'complete', commands: [{ argv: ['docker', 'rm', '-f', 'abc', 'def'], connector: ';' }] });
    assert.deepStrictEqual(tokenize('echo "$(docker ps -q)"', outputs), { status: 'complete', commands: [{ argv: ['echo', 'abc\ndef'], connector: ';' }] });
    // Quotes and nested parentheses inside do not end it early.
    assert.deepStrictEqual(tokenize('echo $(echo ")" (x))!', outputs), { status: 'complete', commands: [{ argv: ['echo', 'odd!'], connector: ';' }] });
    assert.deepStrictEqual(tokenize('echo $(docker ps', {}), { status: 'incomplete', reason: 'quote' });
  });

  test('quoted operators are plain text', () => {
    const result = tokenize("echo '|' \"&&\" \\; '>'", {});
    assert.ok(result.status === 'complete');
    assert.deepStrictEqual(result.commands[0].argv, ['echo', '|', '&&', ';', '>']);
  });

  test('assignment words are marked with their name; quoted or late ones are not assignments', () => {
    const parsed = parseCommandLine("A=1 B='x y' docker 'C=2' D\\=3");
    assert.ok(parsed.status === 'complete');
    assert.deepStrictEqual(parsed.commands[0].words.map((word) => word.assignment), ['A', 'B', undefined, undefined, undefined]);
  });

  test('expansion waits for the lookup: $? is read when the command runs', () => {
    const parsed = parseCommandLine('echo $?');
    assert.ok(parsed.status === 'complete');
    assert.deepStrictEqual(parsed.commands[0].words[1].parts, [{ kind: 'parameter', name: '?', quoted: false }]);
  });

  test('the unterminated-quote message is the one the brief fixes', () => {
    assert.strictEqual(UNTERMINATED_QUOTE_MESSAGE, 'docker-lab: syntax error: unterminated quoted string');
  });
});
