import * as assert from 'node:assert';
import { StatusError } from '../../../../src/cli/commands/Command';
import { JsonMessageRenderer, progressString } from '../../../../src/cli/jsonMessage';
import type { ProgressMessage } from '../../../../src/engine/types';

/** Renders `messages` as docker would on a stream that is (or is not) a terminal of `columns` columns. */
function render(messages: readonly ProgressMessage[], isTerminal: boolean, columns = 80): string {
  let out = '';
  const renderer = new JsonMessageRenderer({ write: (text) => { out += text; } }, isTerminal, columns);
  for (const message of messages) renderer.write(message);
  renderer.end();
  return out;
}

/** A small pull: two layers, one of them with byte progress. */
const PULL: ProgressMessage[] = [
  { status: 'Pulling from library/nginx', id: '1.28.0' },
  { status: 'Pulling fs layer', progressDetail: {}, id: 'aaa' },
  { status: 'Already exists', progressDetail: {}, id: 'bbb' },
  { status: 'Downloading', progressDetail: { current: 1000, total: 2000 }, id: 'aaa' },
  { status: 'Download complete', progressDetail: {}, id: 'aaa' },
  { status: 'Pull complete', progressDetail: {}, id: 'aaa' },
  { status: 'Digest: sha256:abc' },
  { status: 'Status: Downloaded newer image for nginx:1.28.0' },
];

suite('jsonMessage: progressString (JSONProgress.String)', () => {
  // Protects the byte counts and the bar a terminal pull redraws.
  const cases: [current: number, total: number, width: number, expected: string][] = [
    [0, 0, 200, ''],
    [500, 0, 200, '    500B'],
    [1000, 2000, 80, '     1kB/2kB'],
    [3000, 2000, 80, '     3kB'],
    [1000, 2000, 111, `[${'='.repeat(25)}>${' '.repeat(25)}]      1kB/2kB`],
    [1000, 2000, 110, '     1kB/2kB'],
    [2000, 2000, 200, `[${'='.repeat(50)}>]      2kB/2kB`],
    [12_345_678, 28_230_000, 80, ' 12.35MB/28.23MB'],
  ];
  for (const [current, total, width, expected] of cases) {
    test(`${current}/${total} at ${width} columns`, () => {
      assert.strictEqual(progressString({ current, total }, width), expected);
    });
  }
});

suite('jsonMessage: JsonMessageRenderer', () => {
  test('not a terminal: one line per status, byte progress skipped, no trailing space', () => {
    assert.strictEqual(render(PULL, false), [
      '1.28.0: Pulling from library/nginx',
      'aaa: Pulling fs layer',
      'bbb: Already exists',
      'aaa: Download complete',
      'aaa: Pull complete',
      'Digest: sha256:abc',
      'Status: Downloaded newer image for nginx:1.28.0',
      '',
    ].join('\n'));
  });

  test('a terminal: each layer keeps its line and is redrawn in place with cursor moves', () => {
    const up = (n: number) => `\x1b[${n}A`;
    const down = (n: number) => `\x1b[${n}B`;
    const redraw = '\x1b[2K\r';
    assert.strictEqual(render(PULL, true, 80), [
      '1.28.0: Pulling from library/nginx\n',
      // A new id opens a line below, then the cursor goes up to it and back down.
      `\n${up(1)}${redraw}aaa: Pulling fs layer \r${down(1)}`,
      `\n${up(1)}${redraw}bbb: Already exists \r${down(1)}`,
      // aaa is two lines up from the bottom of the group.
      `${up(2)}${redraw}aaa: Downloading      1kB/2kB\r${down(2)}`,
      `${up(2)}${redraw}aaa: Download complete \r${down(2)}`,
      `${up(2)}${redraw}aaa: Pull complete \r${down(2)}`,
      'Digest: sha256:abc\n',
      'Status: Downloaded newer image for nginx:1.28.0\n',
    ].join(''));
  });

  test('a terminal wider than 110 columns draws the progress bar', () => {
    const out = render([{ status: 'Downloading', progressDetail: { current: 1000, total: 2000 }, id: 'aaa' }], true, 120);
    assert.strictEqual(out, `\n\x1b[1A\x1b[2K\raaa: Downloading [${'='.repeat(25)}>${' '.repeat(25)}]      1kB/2kB\r\x1b[1B`);
  });

  test('a line without an id starts a new group: the same id gets a new line', () => {
    const out = render([
      { status: 'Pulling fs layer', progressDetail: {}, id: 'aaa' },
      { status: 'Digest: sha256:abc' },
      { status: 'Pull complete', progressDetail: {}, id: 'aaa' },
    ], true);
    assert.strictEqual(out, '\n\x1b[1A\x1b[2K\raaa: Pulling fs layer \r\x1b[1B'
      + 'Digest: sha256:abc\n'
      + '\n\x1b[1A\x1b[2K\raaa: Pull complete \r\x1b[1B');
  });

  test('an error message stops the stream; end() reports it as the CLI does (message only, exit 1)', () => {
    let out = '';
    const renderer = new JsonMessageRenderer({ write: (text) => { out += text; } }, false, 80);
    renderer.write({ status: 'Pulling from library/nginx', id: 'latest' });
    renderer.write({ error: 'toomanyrequests: rate limit', errorDetail: { message: 'toomanyrequests: rate limit' } });
    renderer.write({ status: 'Digest: sha256:abc' });
    assert.strictEqual(out, 'latest: Pulling from library/nginx\n');
    assert.strictEqual(renderer.error, 'toomanyrequests: rate limit');
    assert.throws(() => renderer.end(), (e: unknown) => e instanceof StatusError && e.exitCode === 1 && e.message === 'toomanyrequests: rate limit');
  });
});
