import * as assert from 'node:assert';
import * as fc from 'fast-check';
import { parseDockerArgs } from '../../../src/cli/flags/parseDockerArgs';
import { commands } from '../../../src/cli/help/commands';

/** Words that steer random lines into the command tree and through pflag's corners. */
const WORDS = [
  ...new Set(commands.all().flatMap((spec) => [...spec.words, ...spec.aliases])),
  ...new Set(commands.all().flatMap((spec) => spec.flags.flatMap((flag) => [`--${flag.long}`, ...(flag.short ? [`-${flag.short}`] : [])]))),
  '-', '--', '---x', '--=x', '-dp', '-it', '-h', '--help', '-v', '--version', '-D', '-H', 'alpine', 'nginx', '80:80', 'A=1',
  '--rm=false', '-d=maybe', '-n=5x', '-é', '', ' ', '1.5', '10s', 'abc', 'help', 'foo',
];

suite('parseDockerArgs: properties', () => {
  test('any argv gives a result object and never throws', () => {
    const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
        const result = parseDockerArgs(argv);
        assert.ok(result.kind === 'run' || result.kind === 'help' || result.kind === 'error', `kind for ${JSON.stringify(argv)}`);
        if (result.kind === 'error') {
          assert.ok(result.exitCode === 1 || result.exitCode === 125, `exit ${result.exitCode} for ${JSON.stringify(argv)}`);
          assert.ok(result.stderr.endsWith('\n'), `error text ends with a newline for ${JSON.stringify(argv)}`);
        }
        if (result.kind === 'run') assert.ok(commands.get(result.command) !== undefined, `canonical ${result.command} is a command`);
        if (result.kind === 'help') assert.ok(result.stdout.length + result.stderr.length > 0, `help prints something for ${JSON.stringify(argv)}`);
      }),
      { numRuns: 3000, seed: 20251124 },
    );
  });

  test('flag errors carry docker\'s usage framing and status 125', () => {
    fc.assert(
      fc.property(fc.constantFrom(...commands.all().filter((spec) => !spec.experimental && spec.path !== '')), fc.stringMatching(/^[a-z]{3,8}$/), (spec, name) => {
        fc.pre(!spec.flags.some((flag) => flag.long === `zz${name}`));
        const result = parseDockerArgs([...spec.words, `--zz${name}`]);
        assert.strictEqual(result.kind, 'error');
        if (result.kind !== 'error') return;
        const stderr = result.stderr.replace(/^DEPRECATED:[\s\S]*?\n\n/, '');
        assert.strictEqual(stderr, `unknown flag: --zz${name}\n\nUsage:  ${spec.useLine}\n\nRun 'docker ${spec.path} --help' for more information\n`);
        assert.strictEqual(result.exitCode, 125);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
