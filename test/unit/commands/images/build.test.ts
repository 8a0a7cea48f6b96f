import * as assert from 'node:assert';
import { formatBytes } from '../../../../src/cli/commands/buildProgress';
import { sourceExcerpt } from '../../../../src/cli/commands/build';
import { DockerignoreMatcher } from '../../../../src/engine/build/dockerignore';
import { MemoryHostFiles } from '../../helpers/MemoryHostFiles';
import type { Transcript } from '../../helpers/TestLab';
import { TestLab } from '../../helpers/TestLab';

const WEB_FILES = {
  Dockerfile: 'FROM alpine\nRUN echo building the site\nCOPY index.html /usr/share/web/\nCMD ["cat", "/usr/share/web/index.html"]\n',
  'index.html': '<h1>hello</h1>\n',
};

/** A lab whose workspace (/home/learner/lab) holds `files`. */
function labWith(files: Record<string, string>, options: { tty?: boolean } = {}): { lab: TestLab; host: MemoryHostFiles } {
  const host = new MemoryHostFiles('/home/learner/lab', files);
  return { lab: new TestLab({ hostFiles: host, ...options }), host };
}

/**
 * What docker build printed on stderr, without the legacy builder's
 * deprecation notice: the lab's command table comes from a docker CLI
 * without buildx, whose parser still prints it; buildx's `docker build`
 * (what this command simulates) does not.
 */
function progress(transcript: Transcript): string {
  return transcript.stderr.replace(/^DEPRECATED: The legacy builder[\s\S]*?buildx\/\n\n/, '');
}

function alpineDigest(lab: TestLab): string {
  return lab.engine.registry.resolve('library/alpine', 'latest')?.indexDigest ?? '';
}

function alpineLayer(lab: TestLab): string {
  return lab.engine.registry.resolve('library/alpine', 'latest')?.layers[0].digest ?? '';
}

suite('docker build', () => {
  test('a 4-step build, plain progress (stderr is not a terminal): BuildKit\'s numbered steps, RUN output with its time, exporting and naming', async () => {
    const { lab } = labWith(WEB_FILES);
    const transcript = await lab.docker('build', '-t', 'web', '.');
    const id = lab.engine.imageInspect('web').Id;
    assert.strictEqual(transcript.code, 0);
    assert.strictEqual(transcript.stdout, '');
    assert.strictEqual(progress(transcript), [
      '#0 building with "default" instance using docker driver',
      '',
      '#1 [internal] load build definition from Dockerfile',
      '#1 transferring dockerfile: 166B done',
      '#1 DONE 0.0s',
      '',
      '#2 [internal] load metadata for docker.io/library/alpine:latest',
      '#2 DONE 0.3s',
      '',
      '#3 [internal] load .dockerignore',
      '#3 transferring context: 2B done',
      '#3 DONE 0.0s',
      '',
      `#4 [1/3] FROM docker.io/library/alpine:latest@${alpineDigest(lab)}`,
      `#4 resolve docker.io/library/alpine:latest@${alpineDigest(lab)} done`,
      `#4 ${alpineLayer(lab)} 0B / 3.85MB`,
      `#4 ${alpineLayer(lab)} 3.85MB / 3.85MB done`,
      `#4 extracting ${alpineLayer(lab)} done`,
      '#4 DONE 0.0s',
      '',
      '#5 [internal] load build context',
      '#5 transferring context: 69B done',
      '#5 DONE 0.0s',
      '',
      '#6 [2/3] RUN echo building the site',
      '#6 0.100 building the site',
      '#6 DONE 0.1s',
      '',
      '#7 [3/3] COPY index.html /usr/share/web/',
      '#7 DONE 0.0s',
      '',
      '#8 exporting to image',
      '#8 exporting layers done',
      `#8 writing image ${id} done`,
      '#8 naming to docker.io/library/web:latest done',
      '#8 DONE 0.0s',
      '',
    ].join('\n'));
  });

  test('the second build: every step CACHED, the same image; only what changed in the context is transferred', async () => {
    const { lab } = labWith(WEB_FILES);
    await lab.ok('build', '-t', 'web', '.');
    const id = lab.engine.imageInspect('web').Id;
    const transcript = await lab.docker('build', '-t', 'web', '.');
    assert.strictEqual(lab.engine.imageInspect('web').Id, id);
    const output = progress(transcript);
    assert.strictEqual(output.slice(output.indexOf('#4 '), output.indexOf('\n\n#8 ')), [
      `#4 [1/3] FROM docker.io/library/alpine:latest@${alpineDigest(lab)}`,
      `#4 resolve docker.io/library/alpine:latest@${alpineDigest(lab)} done`,
      '#4 CACHED',
      '',
      '#5 [internal] load build context',
      '#5 transferring context: 44B done',
      '#5 DONE 0.0s',
      '',
      '#6 [2/3] RUN echo building the site',
      '#6 CACHED',
      '',
      '#7 [3/3] COPY index.html /usr/share/web/',
      '#7 CACHED',
    ].join('\n'));
  });

  test('the built image runs: docker run web prints what its CMD does; docker history shows the steps', async () => {
    const { lab } = labWith(WEB_FILES);
    await lab.ok('build', '-t', 'web', '.');
    assert.deepStrictEqual(await lab.docker('run', '--rm', 'web'), { stdout: '<h1>hello</h1>\n', stderr: '', code: 0 });
    assert.deepStrictEqual((await lab.ok('history', '--no-trunc', '--format', '{{.CreatedBy}} | {{.Size}} | {{.Comment}}', 'web')).split('\n'), [
      'CMD ["cat" "/usr/share/web/index.html"] | 0B | buildkit.dockerfile.v0',
      'COPY index.html /usr/share/web/ # buildkit | 15B | buildkit.dockerfile.v0',
      'RUN /bin/sh -c echo building the site # buildkit | 0B | buildkit.dockerfile.v0',
      'CMD ["/bin/sh"] | 0B | ',
      'ADD alpine-minirootfs-3.24.2-x86_64.tar.gz / # buildkit | 10MB | buildkit.dockerfile.v0',
      '',
    ]);
    assert.deepStrictEqual((await lab.ok('images', '--format', '{{.Repository}}:{{.Tag}}')).split('\n'), ['web:latest', ''], 'the base pulled by the build is not listed');
  });

  test('on a terminal: the TTY display\'s final frame, one colored line per step and status', async () => {
    const { lab } = labWith(WEB_FILES, { tty: true });
    await lab.ok('build', '-t', 'web', '.');
    const transcript = await lab.docker('build', '-t', 'web', '.');
    const blue = (line: string) => `\x1b[34m${line}\n\x1b[0m`;
    assert.strictEqual(progress(transcript), [
      '[+] Building 0.3s (8/8) FINISHED                                 docker:default\n',
      blue(' => [internal] load build definition from Dockerfile                       0.0s'),
      blue(' => => transferring dockerfile: 166B                                       0.0s'),
      blue(' => [internal] load metadata for docker.io/library/alpine:latest           0.3s'),
      blue(' => [internal] load .dockerignore                                          0.0s'),
      blue(' => => transferring context: 2B                                            0.0s'),
      blue(` => CACHED [1/3] FROM docker.io/library/alpine:latest@${alpineDigest(lab).slice(0, 19)}  0.0s`),
      blue(` => => resolve docker.io/library/alpine:latest@${alpineDigest(lab).slice(0, 26)}  0.0s`),
      blue(' => [internal] load build context                                          0.0s'),
      blue(' => => transferring context: 44B                                           0.0s'),
      blue(' => CACHED [2/3] RUN echo building the site                                0.0s'),
      blue(' => CACHED [3/3] COPY index.html /usr/share/web/                           0.0s'),
      blue(' => exporting to image                                                     0.0s'),
      blue(' => => exporting layers                                                    0.0s'),
      blue(` => => writing image ${lab.engine.imageInspect('web').Id.slice(0, 52)}  0.0s`),
      blue(' => => naming to docker.io/library/web:latest                              0.0s'),
    ].join(''));
  });

  test('-q: no progress, the image ID on stdout', async () => {
    const { lab } = labWith(WEB_FILES);
    const transcript = await lab.docker('build', '-q', '-t', 'web', '.');
    assert.strictEqual(transcript.stdout, `${lab.engine.imageInspect('web').Id}\n`);
    assert.strictEqual(progress(transcript), '');
  });

  test('a failing RUN: its error on the step, its last output lines, the Dockerfile lines it points at, ERROR: failed to solve (exit 1)', async () => {
    const { lab } = labWith({ Dockerfile: 'FROM alpine\nRUN echo about to fail && exit 3\nCMD ["true"]\n' });
    const transcript = await lab.docker('build', '.');
    assert.strictEqual(transcript.code, 1);
    assert.strictEqual(progress(transcript).split('#4 DONE 0.0s\n\n')[1], [
      '#5 [2/2] RUN echo about to fail && exit 3',
      '#5 0.100 about to fail',
      '#5 ERROR: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
      '------',
      ' > [2/2] RUN echo about to fail && exit 3:',
      '0.100 about to fail',
      '------',
      'Dockerfile:2',
      '--------------------',
      '   1 |     FROM alpine',
      '   2 | >>> RUN echo about to fail && exit 3',
      '   3 |     CMD ["true"]',
      '   4 |     ',
      '--------------------',
      'ERROR: failed to solve: process "/bin/sh -c echo about to fail && exit 3" did not complete successfully: exit code: 3',
      '',
    ].join('\n'));
  });

  test('Dockerfile errors with their line: unknown instruction, no FROM, a missing COPY source', async () => {
    let { lab } = labWith({ Dockerfile: 'FROM alpine\n\nCOPPY . /app\n' });
    let transcript = await lab.docker('build', '.');
    assert.strictEqual(transcript.code, 1);
    assert.strictEqual(progress(transcript), [
      '#0 building with "default" instance using docker driver',
      '',
      '#1 [internal] load build definition from Dockerfile',
      '#1 transferring dockerfile: 80B done',
      '#1 DONE 0.0s',
      'Dockerfile:3',
      '--------------------',
      '   1 |     FROM alpine',
      '   2 |     ',
      '   3 | >>> COPPY . /app',
      '   4 |     ',
      '--------------------',
      'ERROR: failed to solve: dockerfile parse error on line 3: unknown instruction: COPPY (did you mean COPY?)',
      '',
    ].join('\n'));

    ({ lab } = labWith({ Dockerfile: 'RUN echo hi\n' }));
    transcript = await lab.docker('build', '.');
    assert.match(progress(transcript), /Dockerfile:1\n-+\n {3}1 \| >>> RUN echo hi\n {3}2 \| {5}\n-+\nERROR: failed to solve: no build stage in current context\n$/);

    ({ lab } = labWith({ Dockerfile: 'FROM alpine\nCOPY nosuch.txt /app/\n' }));
    transcript = await lab.docker('build', '.');
    assert.strictEqual(transcript.code, 1);
    assert.match(progress(transcript), /\n#6 \[2\/2\] COPY nosuch.txt \/app\/\n#6 ERROR: failed to calculate checksum of ref moby::[0-9a-z]{25}: "\/nosuch.txt": not found\n/);
    assert.match(progress(transcript), /\nERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref moby::[0-9a-z]{25}: "\/nosuch.txt": not found\n$/);
  });

  test('ARG: --build-arg sets it, its default otherwise; the vertex name shows the value', async () => {
    const { lab } = labWith({ Dockerfile: 'FROM alpine\nARG VERSION=1.0\nRUN echo "version $VERSION"\n' });
    let transcript = await lab.docker('build', '--build-arg', 'VERSION=2.5', '-t', 'app', '.');
    assert.match(progress(transcript), /\n#5 \[2\/2\] RUN echo "version 2.5"\n#5 0\.100 version 2\.5\n/);
    transcript = await lab.docker('build', '-t', 'app', '.');
    assert.match(progress(transcript), /\n#5 \[2\/2\] RUN echo "version 1.0"\n#5 0\.100 version 1\.0\n/);
    // A --build-arg without a value takes the client's environment variable (none here: the default stays).
    transcript = await lab.docker('build', '--build-arg', 'VERSION', '.');
    assert.match(progress(transcript), /\n#5 CACHED\n/);
  });

  test('.dockerignore: ignored files are not sent; COPY of one is "not found"', async () => {
    const { lab } = labWith({
      Dockerfile: 'FROM alpine\nCOPY . /app/\nRUN ls -a /app\n',
      '.dockerignore': '# local only\nsecret.env\n*.log\nnode_modules\n!keep.log\n',
      'app.js': 'console.log(1)\n',
      'secret.env': 'TOKEN=x\n',
      'debug.log': 'x\n',
      'keep.log': 'y\n',
      'node_modules/left-pad/index.js': 'x\n',
    });
    const transcript = await lab.docker('build', '.');
    assert.match(progress(transcript), /\n#3 \[internal\] load \.dockerignore\n#3 transferring context: 110B done\n/);
    assert.match(progress(transcript), /\n#7 \[3\/3\] RUN ls -a \/app\n#7 0\.100 \.\n#7 0\.100 \.\.\n#7 0\.100 \.dockerignore\n#7 0\.100 Dockerfile\n#7 0\.100 app\.js\n#7 0\.100 keep\.log\n#7 DONE/);

    const ignored = labWith({ Dockerfile: 'FROM alpine\nCOPY secret.env /\n', '.dockerignore': 'secret.env\n', 'secret.env': 'TOKEN=x\n' });
    const failed = await ignored.lab.docker('build', '.');
    assert.match(progress(failed), /ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref moby::[0-9a-z]{25}: "\/secret.env": not found\n$/);
  });

  test('warnings from the build checks: on the definition step and listed at the end', async () => {
    const { lab } = labWith({ Dockerfile: 'FROM alpine\nCMD echo hello\n' });
    const transcript = await lab.docker('build', '-t', 'web', '.');
    assert.match(progress(transcript), /^#0 [^\n]+\n\n#1 \[internal\] load build definition from Dockerfile\n#1 transferring dockerfile: \d+B done\n#1 WARN: JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals \(line 2\)\n#1 DONE 0\.0s\n/);
    assert.ok(progress(transcript).endsWith('naming to docker.io/library/web:latest done\n#5 DONE 0.0s\n\n \x1b[33m1 warning found (use docker --debug to expand):\n\x1b[0m - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 2)\n'));
  });

  test('-f names another Dockerfile (relative to the working directory); a missing one is the daemon\'s error', async () => {
    const { lab } = labWith({ 'docker/Dockerfile.dev': 'FROM alpine\nCMD ["echo", "dev"]\n', 'app/main.txt': 'x' });
    let transcript = await lab.docker('build', '-f', 'docker/Dockerfile.dev', '-t', 'dev', 'app');
    assert.strictEqual(transcript.code, 0);
    assert.match(progress(transcript), /\n#1 \[internal\] load build definition from Dockerfile\.dev\n/);
    assert.strictEqual(await lab.ok('run', '--rm', 'dev'), 'dev\n');

    transcript = await lab.docker('build', 'app');
    assert.strictEqual(transcript.code, 1);
    assert.match(progress(transcript), /\n#1 transferring dockerfile: 2B done\n#1 DONE 0\.0s\nERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory\n$/);
  });

  test('what the client refuses itself: a context that is not a directory, stdin and URL contexts, progress with -q', async () => {
    const { lab } = labWith(WEB_FILES);
    let transcript = await lab.docker('build', 'nosuchdir');
    assert.deepStrictEqual([progress(transcript), transcript.code], ['ERROR: unable to prepare context: path "nosuchdir" not found\n', 1]);
    transcript = await lab.docker('build', '-');
    assert.strictEqual(transcript.code, 1);
    assert.match(progress(transcript), /not simulated in Docker Lab/);
    transcript = await lab.docker('build', 'https://github.com/docker/welcome-to-docker.git');
    assert.match(progress(transcript), /remote context .* is not simulated in Docker Lab/);
    transcript = await lab.docker('build', '-q', '--progress', 'plain', '.');
    assert.strictEqual(transcript.code, 125, 'the command table still lacks buildx\'s --progress');
  });

  test('Ctrl+C during a RUN cancels the build: the step CANCELED, ERROR: failed to solve: Canceled: context canceled', async () => {
    const { lab } = labWith({ Dockerfile: 'FROM alpine\nRUN sleep 600\n' });
    lab.settleLimitMs = 10_000;
    const transcript = await lab.docker('build', '.');
    assert.strictEqual(transcript.code, 1);
    assert.match(progress(transcript), /\n#5 \[2\/2\] RUN sleep 600\n#5 CANCELED\nERROR: failed to solve: Canceled: context canceled\n$/);
  });

  test('sourceExcerpt: the failing lines marked >>>, up to two lines around, as errdefs.Source.Print', () => {
    const text = 'FROM alpine\nRUN a\nRUN b\nRUN c\nRUN d\nRUN e\n';
    assert.strictEqual(sourceExcerpt({ filename: 'Dockerfile', text, ranges: [{ start: 4, end: 4 }] }), [
      'Dockerfile:4',
      '--------------------',
      '   2 |     RUN a',
      '   3 |     RUN b',
      '   4 | >>> RUN c',
      '   5 |     RUN d',
      '   6 |     RUN e',
      '--------------------',
      '',
    ].join('\n'));
    assert.strictEqual(sourceExcerpt({ filename: 'Dockerfile', text, ranges: [{ start: 2, end: 3 }] }), [
      'Dockerfile:2',
      '--------------------',
      '   1 |     FROM alpine',
      '   2 | >>> RUN a',
      '   3 | >>> RUN b',
      '   4 |     RUN c',
      '--------------------',
      '',
    ].join('\n'));
  });

  test('DockerignoreMatcher: patternmatcher\'s rules', () => {
    const matcher = DockerignoreMatcher.parse('# comment\n/secret\n*.log\n**/*.tmp\nbuild/**\n!build/keep.txt\ndocs/*/draft.md\n');
    const cases: [string, boolean][] = [
      ['secret', true], ['secret/inner.txt', true], ['app.log', true], ['logs/app.log', false], ['a/b/c.tmp', true], ['c.tmp', true],
      ['build/out.js', true], ['build/keep.txt', false], ['docs/v1/draft.md', true], ['docs/v1/v2/draft.md', false], ['src/app.js', false],
    ];
    for (const [path, excluded] of cases) assert.strictEqual(matcher.excludes(path), excluded, path);
  });

  test('formatBytes: tonistiigi/units %.2f', () => {
    assert.deepStrictEqual([2, 999, 1000, 3_849_738, 1_234_567_890].map(formatBytes), ['2B', '999B', '1.00kB', '3.85MB', '1.23GB']);
  });
});
