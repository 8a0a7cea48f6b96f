import * as assert from 'node:assert';
import { ManualClock } from '../../../../src/engine/Clock';
import { Engine } from '../../../../src/engine/Engine';
import type { BuildContext, BuildOptions, BuildResult, ContextEntry } from '../../../../src/engine/build/BuildContext';
import { BuildError } from '../../../../src/engine/build/BuildError';
import type { BuildEvent } from '../../../../src/engine/build/BuildEvent';
import type { ApiCall } from '../../../../src/engine/operations';
import { seededRandom } from '../../../../src/engine/util/seededRandom';

/** An engine on a manual clock, and a way to build a context of text files on it. */
class BuildLab {
  readonly clock = new ManualClock();
  readonly engine = new Engine({ clock: this.clock, random: seededRandom(1), pullSecondsPerMegabyte: 0 });
  events: BuildEvent[] = [];

  async build(files: Record<string, string>, options: BuildOptions = {}): Promise<BuildResult> {
    this.events = [];
    const run = this.engine.imageBuild(context(files), options, (event) => this.events.push(event));
    return this.clock.settle(run, 3_600_000);
  }

  async buildError(files: Record<string, string>, options: BuildOptions = {}): Promise<BuildError> {
    try {
      await this.build(files, options);
    } catch (e) {
      if (e instanceof BuildError) return e;
      throw e;
    }
    throw new Error('the build succeeded');
  }

  /** Each vertex once, as it ended: `name` with ` CACHED` / ` ERROR` when so. */
  vertices(): string[] {
    const out: string[] = [];
    for (const event of this.events) {
      if (event.type !== 'vertex' || event.completed === undefined) continue;
      out.push(`${event.name}${event.cached ? ' CACHED' : ''}${event.error ? ' ERROR' : ''}`);
    }
    return out;
  }

  logs(): string {
    return this.events.map((event) => (event.type === 'log' ? event.data : '')).join('');
  }

  history(image: string): string[] {
    return this.engine.imageHistory(image).map((item) => item.CreatedBy).reverse();
  }
}

function context(files: Record<string, string>): BuildContext {
  const entries = new Map<string, ContextEntry>(Object.entries(files).map(([path, content]) => [path, { kind: 'file', content, mode: 0o644 }]));
  return { files: entries, dockerfile: { name: 'Dockerfile', text: files.Dockerfile }, dockerignore: '', key: '/lab' };
}

const ALPINE_HISTORY = ['ADD alpine-minirootfs-3.24.2-x86_64.tar.gz / # buildkit', 'CMD ["/bin/sh"]'];

const WEB = {
  Dockerfile: 'FROM alpine\nRUN echo building\nCOPY index.html /usr/share/web/\nCMD ["cat", "/usr/share/web/index.html"]\n',
  'index.html': '<h1>hello</h1>\n',
};

suite('ImageBuilder (POST /build)', () => {
  test('a build makes an image: history lines as BuildKit writes them, layers for RUN and COPY, config from the Dockerfile', async () => {
    const lab = new BuildLab();
    const result = await lab.build(WEB, { tags: ['web'] });
    assert.deepStrictEqual(result.tags, ['docker.io/library/web:latest']);
    assert.deepStrictEqual(lab.history('web'), [
      ...ALPINE_HISTORY,
      'RUN /bin/sh -c echo building # buildkit',
      'COPY index.html /usr/share/web/ # buildkit',
      'CMD ["cat" "/usr/share/web/index.html"]',
    ]);
    const inspect = lab.engine.imageInspect('web');
    assert.strictEqual(inspect.Id, result.imageId);
    assert.deepStrictEqual(inspect.Config.Cmd, ['cat', '/usr/share/web/index.html']);
    // One layer each for alpine, the RUN and the COPY; CMD is metadata only.
    assert.strictEqual(inspect.RootFS.Layers.length, 3);
    assert.strictEqual(inspect.Comment, 'buildkit.dockerfile.v0');
    assert.strictEqual(inspect.Parent, '', 'BuildKit images have no parent');
    assert.strictEqual(lab.logs(), 'building\n');
  });

  test('the image runs: its container sees the copied files and runs the CMD', async () => {
    const lab = new BuildLab();
    await lab.build(WEB, { tags: ['web'] });
    const { Id } = lab.engine.containerCreate({ Image: 'web' });
    const output: string[] = [];
    const subscription = lab.engine.onContainerOutput((event) => output.push(event.entry.text));
    lab.engine.containerStart(Id);
    await lab.clock.settle(lab.engine.containerWait(Id), 60_000);
    subscription.dispose();
    assert.strictEqual(output.join(''), '<h1>hello</h1>\n');
  });

  test('progress: the vertices docker build lists, in order', async () => {
    const lab = new BuildLab();
    await lab.build(WEB);
    assert.deepStrictEqual(lab.vertices(), [
      '[internal] load build definition from Dockerfile',
      '[internal] load metadata for docker.io/library/alpine:latest',
      '[internal] load .dockerignore',
      `[1/3] FROM docker.io/library/alpine:latest@${lab.engine.registry.resolve('library/alpine', 'latest')?.indexDigest}`,
      '[internal] load build context',
      '[2/3] RUN echo building',
      '[3/3] COPY index.html /usr/share/web/',
      'exporting to image',
    ]);
  });

  test('the base is pulled for the build but not listed among images (BuildKit on the classic store); a local base is used as it is', async () => {
    const lab = new BuildLab();
    await lab.build(WEB, { tags: ['web'] });
    assert.deepStrictEqual(lab.engine.imageList().map((image) => image.RepoTags), [['web:latest']]);

    const local = new BuildLab();
    await local.clock.settle(local.engine.imagePull('alpine:latest'), 60_000);
    await local.build(WEB);
    assert.ok(local.vertices().includes('[1/3] FROM docker.io/library/alpine:latest'), 'a local image is not pinned by digest');
  });

  test('a second build is all CACHED and makes the same image; --no-cache runs RUN and COPY again', async () => {
    const lab = new BuildLab();
    const first = await lab.build(WEB, { tags: ['web'] });
    const second = await lab.build(WEB, { tags: ['web'] });
    assert.strictEqual(second.imageId, first.imageId);
    assert.deepStrictEqual(lab.vertices().filter((name) => name.includes('/3]')), [
      `[1/3] FROM docker.io/library/alpine:latest@${lab.engine.registry.resolve('library/alpine', 'latest')?.indexDigest} CACHED`,
      '[2/3] RUN echo building CACHED',
      '[3/3] COPY index.html /usr/share/web/ CACHED',
    ]);
    assert.strictEqual(lab.logs(), '', 'a cached RUN does not run');

    lab.clock.advance(5000);
    const third = await lab.build(WEB, { tags: ['web'], noCache: true });
    assert.notStrictEqual(third.imageId, first.imageId);
    assert.deepStrictEqual(lab.vertices().filter((name) => name.startsWith('[2/3]') || name.startsWith('[3/3]')), ['[2/3] RUN echo building', '[3/3] COPY index.html /usr/share/web/']);
    assert.strictEqual(lab.logs(), 'building\n');
    // The old image lost its tag and is dangling.
    assert.deepStrictEqual(lab.engine.imageInspect(first.imageId).RepoTags, []);
  });

  test('--no-cache runs RUN again; a step after it stays CACHED when the RUN made the same files (WORKDIR ignores --no-cache)', async () => {
    const lab = new BuildLab();
    const files = { Dockerfile: 'FROM alpine\nRUN echo same\nWORKDIR /app\n' };
    await lab.build(files);
    await lab.build(files, { noCache: true });
    assert.deepStrictEqual(lab.vertices().filter((name) => /^\[[23]\/3\]/.test(name)), ['[2/3] RUN echo same', '[3/3] WORKDIR /app CACHED']);
  });

  test('COPY --from an image (an implicit stage) and ADD of a URL (the lab has no network)', async () => {
    const lab = new BuildLab();
    const error = await lab.buildError({ Dockerfile: 'FROM alpine\nCOPY --from=nginx:alpine /etc/nginx/nginx.conf /nginx.conf\nADD https://example.com/app.tgz /app/\n' });
    assert.deepStrictEqual(lab.vertices().filter((name) => !name.startsWith('[internal]') && name !== 'exporting to image').map((name) => name.replace(/@sha256:\w+/, '@…')), [
      '[stage-0 1/3] FROM docker.io/library/alpine:latest@…',
      'FROM docker.io/library/nginx:alpine@…',
      '[stage-0 2/3] COPY --from=nginx:alpine /etc/nginx/nginx.conf /nginx.conf',
      '[stage-0 3/3] ADD https://example.com/app.tgz /app/ ERROR',
    ]);
    assert.strictEqual(error.message, 'failed to load cache key: Get "https://example.com/app.tgz": dial tcp: lookup example.com: no such host');
    assert.strictEqual(error.source?.ranges[0].start, 3);
  });

  test('a changed file invalidates its COPY and what follows, not the steps before', async () => {
    const lab = new BuildLab();
    const files = { ...WEB, Dockerfile: 'FROM alpine\nRUN echo one\nCOPY index.html /\nRUN echo two\n' };
    await lab.build(files);
    await lab.build({ ...files, 'index.html': '<h1>changed</h1>\n' });
    assert.deepStrictEqual(lab.vertices().filter((name) => /^\[[234]\/4\]/.test(name)), ['[2/4] RUN echo one CACHED', '[3/4] COPY index.html /', '[4/4] RUN echo two']);
  });

  test('the build cache outlives the image: after rmi the rebuild is CACHED and the image comes back', async () => {
    const lab = new BuildLab();
    const first = await lab.build(WEB, { tags: ['web'] });
    lab.engine.imageDelete('web');
    const again = await lab.build(WEB, { tags: ['web'] });
    assert.strictEqual(again.imageId, first.imageId);
    assert.ok(lab.vertices().includes('[2/3] RUN echo building CACHED'));
    assert.strictEqual(lab.engine.imageInspect('web').RootFS.Layers.length, 3);
  });

  test('metadata instructions: their history lines (BuildKit\'s formats) and the config they make', async () => {
    const lab = new BuildLab();
    await lab.build({
      Dockerfile: [
        'FROM alpine',
        'LABEL maintainer="me" version=1.0',
        'ENV APP_HOME=/srv/app MODE=prod',
        'WORKDIR $APP_HOME',
        'EXPOSE 8080 53/udp',
        'USER nobody',
        'VOLUME /data',
        'STOPSIGNAL SIGQUIT',
        'SHELL ["/bin/ash", "-c"]',
        'ENTRYPOINT ["/bin/echo"]',
        'CMD echo $MODE',
        '',
      ].join('\n'),
    }, { tags: ['meta'] });
    assert.deepStrictEqual(lab.history('meta').slice(2), [
      'LABEL maintainer=me version=1.0',
      'ENV APP_HOME=/srv/app MODE=prod',
      'WORKDIR /srv/app',
      'EXPOSE map[53/udp:{} 8080/tcp:{}]',
      'USER nobody',
      'VOLUME [/data]',
      'STOPSIGNAL SIGQUIT',
      'SHELL [/bin/ash -c]',
      'ENTRYPOINT ["/bin/echo"]',
      'CMD ["/bin/ash" "-c" "echo $MODE"]',
    ]);
    const config = lab.engine.imageInspect('meta').Config;
    assert.deepStrictEqual(config, {
      User: 'nobody',
      ExposedPorts: { '53/udp': {}, '8080/tcp': {} },
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'APP_HOME=/srv/app', 'MODE=prod'],
      Entrypoint: ['/bin/echo'],
      Cmd: ['/bin/ash', '-c', 'echo $MODE'],
      Volumes: { '/data': {} },
      WorkingDir: '/srv/app',
      Labels: { maintainer: 'me', version: '1.0' },
      StopSignal: 'SIGQUIT',
    });
    const layers = lab.engine.imageHistory('meta').filter((item) => item.CreatedBy.startsWith('WORKDIR'));
    assert.strictEqual(layers.length, 1, 'WORKDIR makes a layer (the directory)');
  });

  test('ARG: defaults, --build-arg, global ARGs in FROM, and RUN lines prefixed with the build args', async () => {
    const lab = new BuildLab();
    const files = {
      Dockerfile: 'ARG BASE=alpine\nFROM ${BASE}\nARG GREETING=hello\nARG NAME\nRUN echo "$GREETING $NAME"\nENV SAID=$GREETING\n',
    };
    await lab.build(files, { tags: ['args'], buildArgs: { NAME: 'world' } });
    assert.strictEqual(lab.logs(), 'hello world\n');
    assert.deepStrictEqual(lab.history('args').slice(2), [
      'ARG GREETING=hello',
      'ARG NAME=world',
      'RUN |2 GREETING=hello NAME=world /bin/sh -c echo "$GREETING $NAME" # buildkit',
      'ENV SAID=hello',
    ]);
    assert.ok(lab.vertices().includes('[2/2] RUN echo "hello world"'), 'the vertex name shows the values');

    await lab.build(files, { buildArgs: { GREETING: 'hi', NAME: 'lab' } });
    assert.strictEqual(lab.logs(), 'hi lab\n', 'another value runs the step again');
  });

  test('COPY: directories copy their contents, globs match per path component, a destination without / is a file name, WORKDIR is the base of relative ones', async () => {
    const lab = new BuildLab();
    await lab.build({
      Dockerfile: 'FROM alpine\nCOPY src /dst\nCOPY *.txt /texts/\nCOPY one.txt /renamed\nWORKDIR /work\nCOPY one.txt .\n',
      'src/a/b.txt': 'b',
      'src/c.txt': 'c',
      'one.txt': '1',
      'two.txt': '2',
      'sub/three.txt': '3',
    }, { tags: ['copies'] });
    const { Id } = lab.engine.containerCreate({ Image: 'copies' });
    const paths = ['/dst/a/b.txt', '/dst/c.txt', '/texts/one.txt', '/texts/two.txt', '/texts/three.txt', '/renamed', '/work/one.txt'];
    assert.deepStrictEqual(paths.map((path) => {
      try {
        return lab.engine.containerStatPath(Id, path).name;
      } catch {
        return `${path} missing`;
      }
    }), ['b.txt', 'c.txt', 'one.txt', 'two.txt', '/texts/three.txt missing', 'renamed', 'one.txt']);
  });

  test('multi-stage: COPY --from a named stage, --target, and stages the target does not need are skipped', async () => {
    const lab = new BuildLab();
    const files = {
      Dockerfile: 'FROM alpine AS build\nRUN echo compiling\nWORKDIR /out\nCOPY app.txt .\n\nFROM alpine AS unused\nRUN echo never\n\nFROM alpine\nCOPY --from=build /out/app.txt /app.txt\nCMD ["cat", "/app.txt"]\n',
      'app.txt': 'the app\n',
    };
    await lab.build(files, { tags: ['multi'] });
    assert.strictEqual(lab.logs(), 'compiling\n');
    assert.deepStrictEqual(lab.vertices().filter((name) => name.startsWith('[') && !name.startsWith('[internal]')), [
      `[build 1/4] FROM docker.io/library/alpine:latest@${lab.engine.registry.resolve('library/alpine', 'latest')?.indexDigest}`,
      '[build 2/4] RUN echo compiling',
      '[build 3/4] WORKDIR /out',
      '[build 4/4] COPY app.txt .',
      '[stage-2 2/2] COPY --from=build /out/app.txt /app.txt',
    ]);
    assert.deepStrictEqual(lab.history('multi').slice(2), ['COPY /out/app.txt /app.txt # buildkit', 'CMD ["cat" "/app.txt"]']);

    await lab.build(files, { tags: ['builder'], target: 'build' });
    assert.deepStrictEqual(lab.history('builder').slice(2), ['RUN /bin/sh -c echo compiling # buildkit', 'WORKDIR /out', 'COPY app.txt . # buildkit']);
  });

  test('errors: BuildKit\'s messages, pointing at the instruction\'s lines', async () => {
    const lab = new BuildLab();
    const cases: [Record<string, string>, BuildOptions, string, number | undefined][] = [
      [{ Dockerfile: 'FROM alpine\nRUN echo half && exit 3\n' }, {}, 'process "/bin/sh -c echo half && exit 3" did not complete successfully: exit code: 3', 2],
      [{ Dockerfile: 'FROM alpine\nCOPY nosuch.txt /app/\n' }, {}, 'failed to compute cache key: failed to calculate checksum of ref moby::', 2],
      [{ Dockerfile: 'FROM alpine\nCOPPY a /a\n' }, {}, 'dockerfile parse error on line 2: unknown instruction: COPPY (did you mean COPY?)', 2],
      [{ Dockerfile: 'FROM nosuchimage\n' }, {}, 'nosuchimage: failed to resolve source metadata for docker.io/library/nosuchimage:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 1],
      [{ Dockerfile: 'FROM alpine:0.0\n' }, {}, 'alpine:0.0: failed to resolve source metadata for docker.io/library/alpine:0.0: docker.io/library/alpine:0.0: not found', 1],
      [{}, {}, 'failed to read dockerfile: open Dockerfile: no such file or directory', undefined],
      [{ Dockerfile: 'FROM alpine AS build\n' }, { target: 'biuld' }, 'target stage "biuld" could not be found (did you mean build?)', undefined],
      [{ Dockerfile: 'FROM scratch\nRUN echo hi\n' }, {}, 'process "/bin/sh -c echo hi" did not complete successfully: runc run failed: unable to start container process: error during container init: exec: "/bin/sh": stat /bin/sh: no such file or directory', 2],
    ];
    for (const [files, options, message, line] of cases) {
      const error = await lab.buildError(files, options);
      assert.ok(error.message.startsWith(message), `${error.message}\n  expected ${message}`);
      assert.strictEqual(error.source?.ranges[0].start, line, message);
    }
    const missing = await lab.buildError({ Dockerfile: 'FROM alpine\nCOPY nosuch.txt /app/\n' });
    assert.match(missing.message, /^failed to compute cache key: failed to calculate checksum of ref moby::[0-9a-z]{25}: "\/nosuch.txt": not found$/);
    const failed = lab.events.find((event) => event.type === 'vertex' && event.error !== undefined);
    assert.ok(failed?.type === 'vertex' && /^failed to calculate checksum/.test(failed.error ?? ''), 'the vertex has the error without the cache-key prefix');
  });

  test('build checks arrive as warnings on the definition vertex', async () => {
    const lab = new BuildLab();
    await lab.build({ Dockerfile: 'FROM alpine as base\nCMD echo hi\n' });
    const warnings = lab.events.flatMap((event) => (event.type === 'warning' ? [event.warning.short] : []));
    assert.deepStrictEqual(warnings, [
      "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)",
      'JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 2)',
    ]);
  });

  test('a cancelled build kills the running step: `context canceled`', async () => {
    const lab = new BuildLab();
    const controller = new AbortController();
    const run = lab.engine.imageBuild(context({ Dockerfile: 'FROM alpine\nRUN sleep 600\n' }), { signal: controller.signal }, (event) => lab.events.push(event));
    lab.clock.setTimer(5000, () => controller.abort());
    await assert.rejects(lab.clock.settle(run, 60_000), (e: unknown) => e instanceof BuildError && e.canceled && e.message === 'Canceled: context canceled');
    assert.ok(lab.events.some((event) => event.type === 'vertex' && event.error === 'context canceled'));
  });

  test('the build is one API call, POST /build', async () => {
    const lab = new BuildLab();
    const calls: ApiCall[] = [];
    lab.engine.onApiCall((call) => calls.push(call));
    await lab.build(WEB);
    assert.deepStrictEqual(calls.map((call) => `${call.method} ${call.path} ${call.statusCode}`), ['POST /build 200']);
  });
});
