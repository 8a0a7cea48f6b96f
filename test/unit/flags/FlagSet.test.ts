import * as assert from 'node:assert';
import { FlagDefinition } from '../../../src/cli/flags/FlagDefinition';
import { FlagParseResult, FlagSet } from '../../../src/cli/flags/FlagSet';

/** A slice of `docker run`'s flags, as the command table defines them. */
const RUN_FLAGS: FlagDefinition[] = [
  { long: 'detach', short: 'd', type: 'bool', usage: 'Run container in background and print container ID' },
  { long: 'interactive', short: 'i', type: 'bool', usage: 'Keep STDIN open even if not attached' },
  { long: 'tty', short: 't', type: 'bool', usage: 'Allocate a pseudo-TTY' },
  { long: 'rm', type: 'bool', usage: 'Automatically remove the container and its associated anonymous volumes when it exits' },
  { long: 'publish', short: 'p', type: 'list', usage: "Publish a container's port(s) to the host" },
  { long: 'env', short: 'e', type: 'list', usage: 'Set environment variables', validate: 'env' },
  { long: 'name', type: 'string', usage: 'Assign a name to the container' },
  { long: 'time', short: 'T', type: 'int', usage: 'Seconds to wait' },
  { long: 'stop-timeout', type: 'int', usage: 'Timeout (in seconds) to stop a container' },
  { long: 'log-level', short: 'l', type: 'string', usage: 'Set the logging level', defaultText: '"info"' },
  { long: 'last', short: 'n', type: 'int', usage: 'Show n last created containers', defaultText: '-1' },
  { long: 'health-interval', type: 'duration', usage: 'Time between running the check', defaultText: '0s' },
  { long: 'memory', short: 'm', type: 'bytes', usage: 'Memory limit' },
  { long: 'platform', type: 'stringSlice', usage: 'Platforms' },
  { long: 'old', type: 'int', usage: 'Old spelling', hidden: true, deprecated: 'use --new instead' },
  { long: 'help', short: 'h', type: 'bool', usage: 'Print usage', hidden: true, shorthandDeprecated: 'use --help' },
  { long: 'detach-keys', type: 'string', usage: 'Detach keys', noOptDefault: 'ctrl-p,ctrl-q' },
];

function parse(argv: string[], interspersed = true): { result: FlagParseResult; set: FlagSet } {
  const set = new FlagSet(RUN_FLAGS, { environment: new Map([['TERM', 'xterm']]) });
  return { result: set.parse(argv, { interspersed }), set };
}

function ok(argv: string[], interspersed = true): { args: string[]; set: FlagSet; output: string; dash: number } {
  const { result, set } = parse(argv, interspersed);
  if (!result.ok) throw new assert.AssertionError({ message: `${JSON.stringify(argv)} failed: ${result.error}` });
  return { args: result.args, set, output: result.output, dash: result.argsLengthAtDash };
}

function failure(argv: string[]): string {
  const { result } = parse(argv);
  if (result.ok) throw new assert.AssertionError({ message: `${JSON.stringify(argv)} parsed` });
  return result.error;
}

suite('FlagSet: pflag parsing rules', () => {
  test('every way of giving a value reaches the flag', () => {
    const cases: Array<[string[], string]> = [
      [['--name=web'], 'web'],
      [['--name', 'web'], 'web'],
      [['--name='], ''],
      [['--name', '--rm'], '--rm'],
      [['--name', '-'], '-'],
      [['--name=a=b'], 'a=b'],
    ];
    for (const [argv, expected] of cases) assert.strictEqual(ok(argv).set.values.string('name'), expected, JSON.stringify(argv));
  });

  test('shorthand forms: -n x, -nx, -n=x, and a bool run ending in a value flag (-dp 80:80)', () => {
    assert.strictEqual(ok(['-n', '5']).set.values.number('last'), 5);
    assert.strictEqual(ok(['-n5']).set.values.number('last'), 5);
    assert.strictEqual(ok(['-n=5']).set.values.number('last'), 5);
    const combined = ok(['-dp', '80:80', 'nginx']);
    assert.strictEqual(combined.set.values.bool('detach'), true);
    assert.deepStrictEqual(combined.set.values.list('publish'), ['80:80']);
    assert.deepStrictEqual(combined.args, ['nginx']);
    const glued = ok(['-dp80:80']);
    assert.deepStrictEqual(glued.set.values.list('publish'), ['80:80']);
    const all = ok(['-dit']);
    assert.deepStrictEqual([all.set.values.bool('detach'), all.set.values.bool('interactive'), all.set.values.bool('tty')], [true, true, true]);
  });

  test('bools take =value but never a separate word', () => {
    assert.strictEqual(ok(['-d=true']).set.values.bool('detach'), true);
    assert.strictEqual(ok(['-d=false']).set.values.bool('detach'), false);
    assert.strictEqual(ok(['--rm=false']).set.values.bool('rm'), false);
    assert.strictEqual(ok(['--rm=0']).set.values.bool('rm'), false);
    const separate = ok(['--rm', 'false']);
    assert.strictEqual(separate.set.values.bool('rm'), true);
    assert.deepStrictEqual(separate.args, ['false']);
    // "-dtrue": d, then t, then r is unknown: pflag reads each letter as a shorthand.
    assert.strictEqual(failure(['-dtrue']), "unknown shorthand flag: 'r' in -rue");
  });

  test('Changed: set flags are changed even when set to their default', () => {
    const { set } = ok(['--rm=false', '-n', '-1']);
    assert.strictEqual(set.values.changed('rm'), true);
    assert.strictEqual(set.values.changed('last'), true);
    assert.strictEqual(set.values.changed('detach'), false);
    assert.deepStrictEqual(set.values.changedNames(), ['last', 'rm']);
  });

  test('defaults come from the help text', () => {
    const { set } = ok([]);
    assert.strictEqual(set.values.string('log-level'), 'info');
    assert.strictEqual(set.values.number('last'), -1);
    assert.strictEqual(set.values.number('health-interval'), 0);
    assert.deepStrictEqual(set.values.list('publish'), []);
    assert.strictEqual(set.values.bool('detach'), false);
  });

  test('repeated list flags accumulate in order; stringSlice splits CSV and appends', () => {
    const { set } = ok(['-p', '80:80', '-p', '443:443', '-e', 'A=1', '--env=B=2', '-eC=3', '--platform', 'linux/amd64,linux/arm64', '--platform=linux/386']);
    assert.deepStrictEqual(set.values.list('publish'), ['80:80', '443:443']);
    assert.deepStrictEqual(set.values.list('env'), ['A=1', 'B=2', 'C=3']);
    assert.deepStrictEqual(set.values.list('platform'), ['linux/amd64', 'linux/arm64', 'linux/386']);
  });

  test('validators run on each value (-e NAME takes the client environment)', () => {
    assert.deepStrictEqual(ok(['-e', 'TERM', '-e', 'NOPE']).set.values.list('env'), ['TERM=xterm', 'NOPE']);
  });

  test('"--" ends the flags; "-" alone is a positional', () => {
    const dashed = ok(['-d', 'alpine', '--', '-n', '5']);
    assert.deepStrictEqual(dashed.args, ['alpine', '-n', '5']);
    assert.strictEqual(dashed.dash, 1);
    assert.strictEqual(ok(['a']).dash, -1);
    const stdin = ok(['-', '-d']);
    assert.deepStrictEqual(stdin.args, ['-']);
    assert.strictEqual(stdin.set.values.bool('detach'), true);
    assert.deepStrictEqual(ok(['']).args, ['']);
  });

  test('interspersed off: the first positional ends the flags (docker run IMAGE COMMAND...)', () => {
    const run = ok(['-d', 'alpine', 'ls', '-la', '--rm'], false);
    assert.deepStrictEqual(run.args, ['alpine', 'ls', '-la', '--rm']);
    assert.strictEqual(run.set.values.bool('rm'), false);
    const interspersed = ok(['-d', 'alpine', 'ls', '--rm'], true);
    assert.deepStrictEqual(interspersed.args, ['alpine', 'ls']);
    assert.strictEqual(interspersed.set.values.bool('rm'), true);
  });

  test('optional values (NoOptDefVal): --detach-keys alone takes its default, =x sets it', () => {
    assert.strictEqual(ok(['--detach-keys']).set.values.string('detach-keys'), 'ctrl-p,ctrl-q');
    assert.strictEqual(ok(['--detach-keys=ctrl-x']).set.values.string('detach-keys'), 'ctrl-x');
    const separate = ok(['--detach-keys', 'ctrl-x']);
    assert.strictEqual(separate.set.values.string('detach-keys'), 'ctrl-p,ctrl-q');
    assert.deepStrictEqual(separate.args, ['ctrl-x']);
  });

  test('deprecation warnings go to the output (pflag prints them to its writer)', () => {
    assert.strictEqual(ok(['--old', '5']).output, 'Flag --old has been deprecated, use --new instead\n');
    assert.strictEqual(ok(['-h']).output, 'Flag shorthand -h has been deprecated, use --help\n');
    assert.strictEqual(ok(['--help']).output, '');
  });

  test("Go's testing flags (-test.*) are skipped whole", () => {
    const { args, set } = ok(['-test.v', 'x']);
    assert.deepStrictEqual(args, ['x']);
    assert.deepStrictEqual(set.values.changedNames(), []);
  });

  test('errors are worded as pflag words them (each checked against docker 28.2.2)', () => {
    const cases: Array<[string[], string]> = [
      [['--bogus'], 'unknown flag: --bogus'],
      [['--bogus=1'], 'unknown flag: --bogus'],
      [['-x'], "unknown shorthand flag: 'x' in -x"],
      [['-dx'], "unknown shorthand flag: 'x' in -x"],
      [['-é'], "unknown shorthand flag: 'Ã' in -é"],
      [['--name'], 'flag needs an argument: --name'],
      [['-p'], "flag needs an argument: 'p' in -p"],
      [['-dp'], "flag needs an argument: 'p' in -p"],
      [['---x'], 'bad flag syntax: ---x'],
      [['--=x'], 'bad flag syntax: --=x'],
      [['-d=maybe'], 'invalid argument "maybe" for "-d, --detach" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
      [['--rm=nope'], 'invalid argument "nope" for "--rm" flag: strconv.ParseBool: parsing "nope": invalid syntax'],
      [['-T', 'abc'], 'invalid argument "abc" for "-T, --time" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
      [['--stop-timeout=1.5'], 'invalid argument "1.5" for "--stop-timeout" flag: strconv.ParseInt: parsing "1.5": invalid syntax'],
      [['--health-interval', '5'], 'invalid argument "5" for "--health-interval" flag: time: missing unit in duration "5"'],
      [['-m', '1x'], 'invalid argument "1x" for "-m, --memory" flag: invalid suffix: \'x\''],
      [['-e', '=x'], 'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x'],
      [['--platform', 'a"b'], 'invalid argument "a\\"b" for "--platform" flag: parse error on line 1, column 2: bare " in non-quoted-field'],
      // The deprecated shorthand is not shown in the flag's name.
      [['-h=maybe'], 'invalid argument "maybe" for "--help" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    ];
    for (const [argv, expected] of cases) assert.strictEqual(failure(argv), expected, JSON.stringify(argv));
  });

  test('undefined help flags are reported as a help request', () => {
    const set = new FlagSet([]);
    const result = set.parse(['--help']);
    assert.strictEqual(result.ok, false);
    assert.strictEqual(!result.ok && result.error, 'pflag: help requested');
  });

  test('shared flags (cobra persistent flags) change in every set that adopted them', () => {
    const root = new FlagSet([{ long: 'help', short: 'h', type: 'bool', usage: 'Print usage' }]);
    const child = new FlagSet([{ long: 'all', short: 'a', type: 'bool', usage: 'All' }]);
    child.adopt(root, 'help');
    assert.ok(child.parse(['--help']).ok);
    assert.strictEqual(root.values.bool('help'), true);
    // A set that defines its own --help keeps it (docker run does).
    const own = new FlagSet([{ long: 'help', type: 'bool', usage: 'Print usage' }]);
    own.adopt(root, 'help');
    assert.strictEqual(own.values.bool('help'), false);
  });

  test('definitions with clashing names or shorthands are refused, as pflag panics', () => {
    assert.throws(() => new FlagSet([RUN_FLAGS[0], RUN_FLAGS[0]]), /flag redefined: detach/);
    assert.throws(() => new FlagSet([RUN_FLAGS[0], { long: 'debug', short: 'd', type: 'bool', usage: '' }]), /unable to redefine "d" shorthand/);
  });
});
