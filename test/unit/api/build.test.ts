import * as assert from 'node:assert';
import * as zlib from 'node:zlib';
import { pack } from 'tar-stream';
import { call, json, serveLab } from '../helpers/apiClient';
import type { ServedLab } from '../helpers/apiClient';
import type { Answer } from '../helpers/apiClient';

// POST /build as the docker CLI without buildx sends it (the classic
// builder, a tar context): the legacy builder's JSON stream, its cache, its
// errors, and a context that cannot leave itself.

/** A build context tar: name -> content (a name ending in `/` is a directory). */
async function contextOf(files: Record<string, string>): Promise<Buffer> {
  const packer = pack();
  const chunks: Buffer[] = [];
  packer.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve) => packer.on('end', () => resolve()));
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) packer.entry({ name, type: 'directory', mode: 0o755 });
    else packer.entry({ name, mode: 0o644 }, content);
  }
  packer.finalize();
  await ended;
  return Buffer.concat(chunks);
}

interface Message {
  stream?: string;
  status?: string;
  aux?: { ID: string };
  error?: string;
  errorDetail?: { code?: number; message: string };
}

/** The stream's JSON messages (one per `\r\n`-terminated line). */
function messagesOf(answer: Answer): Message[] {
  const text = answer.body.toString('utf8');
  assert.ok(text.endsWith('\r\n'), 'every message ends with \\r\\n');
  return text.slice(0, -2).split('\r\n').map((line) => JSON.parse(line) as Message);
}

/** What the CLI prints of the stream: the `stream` texts joined. */
function printed(messages: Message[]): string {
  return messages.map((message) => message.stream ?? '').join('');
}

const DOCKERFILE = 'FROM alpine:3.21\nCOPY message.txt /message.txt\nRUN cat /message.txt\nCMD ["cat", "/message.txt"]\n';

suite('Engine API: POST /build (the classic builder)', () => {
  let lab: ServedLab;
  let socket: string;

  setup(async () => {
    lab = await serveLab('build');
    ({ socket } = lab);
  });

  teardown(async () => {
    await lab.close();
  });

  const build = async (query: string, files: Record<string, string>) => call(socket, 'POST', `/v1.50/build?${query}`, await contextOf(files));

  test('a build streams the legacy builder\'s steps, pulls its base on the way, and tags the image', async () => {
    const answer = await build('t=mine:1&rm=1', { 'Dockerfile': DOCKERFILE, 'message.txt': 'hello from the context\n' });
    assert.deepStrictEqual([answer.status, answer.headers['content-type']], [200, 'application/json']);
    const messages = messagesOf(answer);
    const text = printed(messages);
    // printCommand writes the step, then its newline, as two messages.
    assert.deepStrictEqual(messages.slice(0, 2), [{ stream: 'Step 1/4 : FROM alpine:3.21' }, { stream: '\n' }]);
    // The missing base is pulled as docker pull shows it, between the FROM and its ID.
    assert.deepStrictEqual(messages[2], { status: 'Pulling from library/alpine', id: '3.21' });
    const image = json(await call(socket, 'GET', '/v1.50/images/alpine:3.21/json')) as { Id: string };
    const aux = messages.filter((message) => message.aux).map((message) => message.aux?.ID);
    assert.strictEqual(aux.length, 1, 'one aux message: the one stage\'s image');
    const built = aux[0] as string;
    assert.match(text, new RegExp([
      `\n ---> ${image.Id.slice(7, 19)}\n`,
      'Step 2/4 : COPY message.txt /message.txt\n ---> [0-9a-f]{12}\n',
      'Step 3/4 : RUN cat /message.txt\n ---> Running in ([0-9a-f]{12})\nhello from the context\n ---> Removed intermediate container \\1\n ---> [0-9a-f]{12}\n',
      'Step 4/4 : CMD \\["cat", "/message.txt"\\]\n ---> Running in ([0-9a-f]{12})\n ---> Removed intermediate container \\2\n',
      ` ---> ${built.slice(7, 19)}\nSuccessfully built ${built.slice(7, 19)}\nSuccessfully tagged mine:1\n$`,
    ].join('')));
    const images = json(await call(socket, 'GET', '/v1.50/images/json')) as { Id: string; RepoTags: string[] }[];
    assert.deepStrictEqual(images.find((listed) => listed.Id === built)?.RepoTags, ['mine:1']);
    const config = json(await call(socket, 'GET', '/v1.50/images/mine:1/json')) as { Config: { Cmd: string[] } };
    assert.deepStrictEqual(config.Config.Cmd, ['cat', '/message.txt']);
  });

  test('the same build again comes from the cache, step by step, to the same image; nocache runs it again', async () => {
    const files = { 'Dockerfile': DOCKERFILE, 'message.txt': 'cached?\n' };
    const first = messagesOf(await build('t=mine:1', files));
    const second = messagesOf(await build('t=mine:1', files));
    const text = printed(second);
    assert.strictEqual(text.match(/ ---> Using cache\n/g)?.length, 3, 'COPY, RUN and CMD');
    assert.doesNotMatch(text, /Running in|cached\?/, 'nothing ran');
    assert.deepStrictEqual(second.filter((m) => m.aux), first.filter((m) => m.aux));
    // Intermediate IDs are the same too: the cache gives back what the step made.
    const ids = (messages: Message[]) => printed(messages).match(/ ---> [0-9a-f]{12}\n/g);
    assert.deepStrictEqual(ids(second), ids(first));
    const again = printed(messagesOf(await build('t=mine:1&nocache=1', files)));
    assert.doesNotMatch(again, /Using cache/);
    assert.match(again, /Running in [0-9a-f]{12}\ncached\?\n/);
  });

  test('a failing RUN ends the stream with its exit code, in the classic builder\'s words', async () => {
    const answer = await build('', { 'Dockerfile': 'FROM alpine:3.21\nRUN echo before && false\nRUN echo never\n' });
    assert.strictEqual(answer.status, 200, 'the stream had begun');
    const messages = messagesOf(answer);
    const last = messages[messages.length - 1];
    const message = 'The command \'/bin/sh -c echo before && false\' returned a non-zero code: 1';
    assert.deepStrictEqual(last, { errorDetail: { code: 1, message }, error: message });
    const text = printed(messages);
    assert.match(text, /Step 2\/3 : RUN echo before && false\n ---> Running in [0-9a-f]{12}\nbefore\n$/);
    assert.doesNotMatch(text, /Removed intermediate container|Step 3\/3/, 'rm keeps a failed step\'s container; no later step');
    // forcerm removes it anyway; another code is carried as it is (the CLI exits with it).
    const forced = messagesOf(await build('forcerm=1', { 'Dockerfile': 'FROM alpine:3.21\nRUN exit 3\n' }));
    assert.match(printed(forced), / ---> Removed intermediate container [0-9a-f]{12}\n$/);
    assert.strictEqual(forced[forced.length - 1].errorDetail?.code, 3);
  });

  test('a context entry outside the context is refused (400) and nothing is built', async () => {
    const escape = await build('t=evil', { 'Dockerfile': 'FROM alpine:3.21\n', '../x': 'outside' });
    assert.deepStrictEqual([escape.status, json(escape)], [400, { message: 'invalid build context: "../x" is outside of the build context' }]);
    const sneaky = await build('t=evil', { 'Dockerfile': 'FROM alpine:3.21\n', 'a/../../x': 'outside' });
    assert.strictEqual(sneaky.status, 400);
    const absolute = await build('t=evil', { 'Dockerfile': 'FROM alpine:3.21\n', '/etc/x': 'outside' });
    assert.strictEqual(absolute.status, 400);
    const images = json(await call(socket, 'GET', '/v1.50/images/json')) as unknown[];
    assert.deepStrictEqual(images, []);
  });

  test('what the daemon refuses before streaming: no Dockerfile, an empty one, a parse error, an unknown target', async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      ['', { 'other.txt': 'x' }, 500, 'Cannot locate specified Dockerfile: Dockerfile'],
      ['dockerfile=sub%2FDockerfile.dev', { 'Dockerfile': 'FROM alpine\n' }, 500, 'Cannot locate specified Dockerfile: sub/Dockerfile.dev'],
      ['', { 'Dockerfile': '' }, 400, 'the Dockerfile (Dockerfile) cannot be empty'],
      ['', { 'Dockerfile': 'FROM alpine:3.21\nFOO bar\n' }, 400, 'dockerfile parse error on line 2: unknown instruction: FOO (did you mean FROM?)'],
      ['target=nope', { 'Dockerfile': 'FROM alpine:3.21 AS base\n' }, 400, 'target stage "nope" could not be found'],
      ['t=Bad:Tag', { 'Dockerfile': 'FROM alpine:3.21\n' }, 400, 'invalid reference format: repository name (library/Bad) must be lowercase'],
      ['squash=1', { 'Dockerfile': 'FROM alpine:3.21\n' }, 400, 'squash is only supported with experimental mode'],
    ];
    for (const [query, files, status, message] of cases) {
      const answer = await build(query, files);
      assert.deepStrictEqual([answer.status, json(answer)], [status, { message }], `${query} ${JSON.stringify(files)}`);
    }
  });

  test('a gzip context, a lower-case dockerfile, build args, labels as LABEL steps and -q', async () => {
    const context = zlib.gzipSync(await contextOf({
      'dockerfile': 'FROM alpine:3.21\nARG WHO\nRUN echo "hi $WHO"\n',
    }));
    const answer = await call(socket, 'POST', `/v1.50/build?t=gz&buildargs=${encodeURIComponent('{"WHO":"you","EXTRA":"1"}')}&labels=${encodeURIComponent('{"b":"2","a":"1"}')}`, context);
    const text = printed(messagesOf(answer));
    assert.match(text, /Step 1\/5 : FROM alpine:3\.21\n/);
    assert.match(text, /\nhi you\n/);
    assert.match(text, /Step 4\/5 : LABEL a=1\n[^]*Step 5\/5 : LABEL b=2\n/);
    assert.match(text, /\[Warning\] One or more build-args \[EXTRA\] were not consumed\nSuccessfully built /);
    const labels = (json(await call(socket, 'GET', '/v1.50/images/gz/json')) as { Config: { Labels: Record<string, string> } }).Config.Labels;
    assert.deepStrictEqual(labels, { a: '1', b: '2' });
    const quiet = messagesOf(await call(socket, 'POST', '/v1.50/build?q=1', context));
    assert.strictEqual(quiet.length, 1);
    assert.match(quiet[0].stream ?? '', /^sha256:[0-9a-f]{64}\n$/);
  });

  test('stages: meta ARGs counted, each stage\'s image as aux, a later base\'s pull shown at its FROM, a stage as a base', async () => {
    const messages = messagesOf(await build('t=staged', {
      'Dockerfile': 'ARG TAG=3.21\nFROM alpine:${TAG} AS base\nRUN echo one > /one\nFROM busybox AS other\nFROM base\nRUN cat /one\n',
    }));
    const text = printed(messages);
    const aux = messages.filter((message) => message.aux).map((message) => message.aux?.ID as string);
    assert.strictEqual(aux.length, 3, 'one per stage');
    assert.match(text, /^Step 1\/6 : ARG TAG=3\.21\nStep 2\/6 : FROM alpine:\$\{TAG\} AS base\n/);
    // busybox is pulled before the engine builds, but its messages come after its FROM, before its ID.
    const from = messages.findIndex((message) => message.stream === 'Step 4/6 : FROM busybox AS other');
    const pulling = messages.findIndex((message) => message.status === 'Pulling from library/busybox');
    const step3 = messages.findIndex((message) => message.stream === 'Step 3/6 : RUN echo one > /one');
    assert.ok(step3 < from && from < pulling, `${step3} < ${from} < ${pulling}`);
    // FROM base: the base stage's last image.
    assert.match(text, new RegExp(`Step 5/6 : FROM base\n ---> ${aux[0].slice(7, 19)}\n`));
    assert.match(text, new RegExp(`\none\n[^]*Successfully built ${aux[2].slice(7, 19)}\nSuccessfully tagged staged:latest\n$`));
  });

  test('a context that stops right after its last file (the CLI\'s `-f` from outside the context) is read to its end', async () => {
    // go-archive's ReplaceFileTarWrapper closes its pipe before the footer: no padding, no zero blocks.
    const dockerfile = 'FROM alpine:3.21\nRUN echo from outside\n';
    const whole = await contextOf({ 'x': 'x\n', '.dockerfile.0123456789abcdef0123': dockerfile });
    const padding = (512 - (dockerfile.length % 512)) % 512;
    const truncated = whole.subarray(0, whole.length - 1024 - padding);
    const answer = await call(socket, 'POST', '/v1.50/build?dockerfile=.dockerfile.0123456789abcdef0123', truncated);
    assert.strictEqual(answer.status, 200);
    assert.match(printed(messagesOf(answer)), /\nfrom outside\n[^]*Successfully built [0-9a-f]{12}\n$/);
  });

  test('what only BuildKit does fails at its step, with the classic builder\'s message', async () => {
    const messages = messagesOf(await build('', { 'Dockerfile': 'FROM alpine:3.21\nRUN --mount=type=cache,target=/c echo hi\n' }));
    const message = 'the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled';
    assert.deepStrictEqual(messages[messages.length - 1], { errorDetail: { message }, error: message });
    assert.match(printed(messages), /Step 2\/2 : RUN --mount=type=cache,target=\/c echo hi\n$/);
    const missing = messagesOf(await build('', { 'Dockerfile': 'FROM alpine:3.21\nCOPY nothere /x\n' }));
    assert.strictEqual(missing[missing.length - 1].error, 'COPY failed: file not found in build context or excluded by .dockerignore: stat nothere: file does not exist');
  });
});
