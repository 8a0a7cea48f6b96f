import * as assert from 'node:assert';
import { DockerfileSyntaxError, logicalLine, parseDockerfile, suggest } from '../../../../src/engine/build/parseDockerfile';

suite('parseDockerfile (BuildKit parser and instructions.Parse)', () => {
  test('stages, their commands, ARGs before FROM, and each instruction\'s lines', () => {
    const parsed = parseDockerfile([
      'ARG BASE=alpine',
      'FROM ${BASE} AS build',
      'RUN apk add --no-cache curl \\',
      '    # a comment inside the instruction',
      '    && echo done',
      'COPY --from=build --chown=1:1 a.txt b/ /dest/',
      'CMD ["nginx", "-g", "daemon off;"]',
      'from alpine',
      'ENV A=1 B="two words"',
      '',
    ].join('\n'));
    assert.deepStrictEqual(parsed.metaArgs.map((arg) => arg.args), [[{ key: 'BASE', value: 'alpine' }]]);
    assert.deepStrictEqual(parsed.stages.map((stage) => [stage.baseName, stage.name, stage.location.start]), [['${BASE}', 'build', 2], ['alpine', '', 8]]);
    const [run, copy, cmd] = parsed.stages[0].commands;
    assert.deepStrictEqual(run.kind === 'RUN' && [run.prependShell, run.args, run.location], [true, ['apk add --no-cache curl     && echo done'], { start: 3, end: 5 }]);
    assert.strictEqual(run.original, 'RUN apk add --no-cache curl     && echo done');
    assert.deepStrictEqual(copy.kind === 'COPY' && [copy.sources, copy.dest, copy.from, copy.chown], [['a.txt', 'b/'], '/dest/', 'build', '1:1']);
    assert.deepStrictEqual(cmd.kind === 'CMD' && [cmd.prependShell, cmd.args], [false, ['nginx', '-g', 'daemon off;']]);
    const env = parsed.stages[1].commands[0];
    // The values keep their quotes: the frontend's word processing removes them when it expands variables.
    assert.deepStrictEqual(env.kind === 'ENV' && env.pairs, [{ key: 'A', value: '1', noDelimiter: false }, { key: 'B', value: '"two words"', noDelimiter: false }]);
  });

  test('errors with BuildKit\'s messages and the lines they point at', () => {
    const cases: [string, string, number | undefined][] = [
      ['FROM alpine\nCOPPY a /a\n', 'dockerfile parse error on line 2: unknown instruction: COPPY (did you mean COPY?)', 2],
      ['FROM alpine\nfoo bar\n', 'dockerfile parse error on line 2: unknown instruction: foo (did you mean from?)', 2],
      ['FROM alpine\nBANANA split\n', 'dockerfile parse error on line 2: unknown instruction: BANANA', 2],
      ['RUN echo hi\nFROM alpine\n', 'no build stage in current context', 1],
      ['# only a comment\n', 'dockerfile contains no stages to build', undefined],
      ['', 'the Dockerfile cannot be empty', undefined],
      ['FROM alpine\nCOPY onlyone\n', 'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined', 2],
      ['FROM alpine AS 1st\n', 'dockerfile parse error on line 1: invalid name for build stage: "1st", name can\'t start with a number or contain symbols', 1],
      ['FROM alpine AS\n', 'dockerfile parse error on line 1: FROM requires either one or three arguments', 1],
      ['FROM alpine\nWORKDIR\n', 'dockerfile parse error on line 2: WORKDIR requires exactly one argument', 2],
      ['FROM alpine\nENV A=1 B\n', 'dockerfile parse error on line 2: Syntax error - can\'t find = in "B". Must be of the form: name=value', 2],
      ['FROM alpine\nENV A\n', 'dockerfile parse error on line 2: ENV must have two arguments', 2],
      ['FROM alpine\nCOPY --chmown=1 a /a\n', 'dockerfile parse error on line 2: unknown flag: chmown', 2],
      ['FROM alpine\nSHELL /bin/bash -c\n', 'dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form', 2],
      ['FROM alpine\nCMD ["a", 1]\n', 'when using JSON array syntax, arrays must be comprised of strings only', 2],
    ];
    for (const [text, message, line] of cases) {
      assert.throws(() => parseDockerfile(text), (e: unknown) => e instanceof DockerfileSyntaxError && e.message === message && e.location?.start === line, message);
    }
  });

  test('build checks found while parsing: FromAsCasing, StageNameCasing, ConsistentInstructionCasing, MaintainerDeprecated', () => {
    const parsed = parseDockerfile('FROM alpine as Build\nMAINTAINER me\nrun echo\nRUN echo\nRUN echo\n');
    assert.deepStrictEqual(parsed.lint.map((finding) => `${finding.rule}: ${finding.message} (line ${finding.location.start})`), [
      "StageNameCasing: Stage name 'Build' should be lowercase (line 1)",
      "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)",
      'MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 2)',
      "ConsistentInstructionCasing: Command 'run' should match the case of the command majority (uppercase) (line 3)",
    ]);
  });

  test('logicalLine joins continuation lines as they are and drops comment and empty lines', () => {
    assert.strictEqual(logicalLine('  RUN a \\\n  # note\n\n  b', '\\'), 'RUN a   b');
    assert.strictEqual(logicalLine('RUN a `\n  b', '`'), 'RUN a   b');
  });

  test('suggest: within two edits, in the case the user wrote', () => {
    assert.strictEqual(suggest('COPPY', ['COPY', 'CMD']), 'COPY');
    assert.strictEqual(suggest('workdri', ['WORKDIR']), 'workdir');
    assert.strictEqual(suggest('BANANA', ['COPY', 'CMD']), undefined);
  });
});
