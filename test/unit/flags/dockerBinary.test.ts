import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerArgs } from '../../../src/cli/flags/parseDockerArgs';
import { commands } from '../../../src/cli/help/commands';
import { ERRORS, HELP } from './dockerTranscripts';

const DOCKER = '/usr/local/bin/docker';

/** Canonical paths of the commands the lessons use. */
const TAUGHT = new Set([
  'container run', 'container create', 'container start', 'container stop', 'container restart', 'container kill', 'container pause',
  'container unpause', 'container rm', 'container ls', 'container logs', 'inspect', 'container inspect', 'container port', 'container wait',
  'container rename', 'container top', 'container stats', 'container exec', 'container diff', 'container commit', 'container cp',
  'container attach', 'image ls', 'image pull', 'image push', 'image rm', 'image tag', 'image history', 'image build', 'image save',
  'image load', 'image inspect', 'image prune', 'container prune', 'login', 'logout', 'search', 'version', 'system info', 'system events',
  'system df', 'system prune', 'container', 'image', 'system', 'volume', 'network', 'help',
]);

/** What dockerd 28.2.2 on Linux answers to GET /_ping outside swarm mode; everything else fails. */
const PING_HEADERS = { 'Api-Version': '1.50', 'Builder-Version': '2', 'Docker-Experimental': 'false', Ostype: 'linux', Swarm: 'inactive', Server: 'Docker/28.2.2 (linux)' };
const DAEMON_MESSAGE = 'stand-in daemon: nothing here';

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Runs the real docker (asynchronously: the stand-in daemon answers from this process). */
function docker(argv: readonly string[], socket: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(DOCKER, [...argv], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/root', DOCKER_HOST: `unix://${socket}` }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1 });
    });
    child.stdin?.end();
  });
}

async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

// Runs only where the docker 28.2.2 client is installed (not in the lab): docker talks to a
// stand-in daemon served here, so that what it hides or refuses is what a Linux dockerd makes it
// hide or refuse, and nothing it tries to do can succeed.
suite('parseDockerArgs against the real docker binary', function () {
  let server: Server | undefined;
  let directory = '';
  let socket = '';

  suiteSetup(async function () {
    if (!existsSync(DOCKER)) {
      this.skip();
      return;
    }
    directory = mkdtempSync(join(tmpdir(), 'docker-lab-flags-'));
    socket = join(directory, 'docker.sock');
    server = createServer((request, response) => {
      if ((request.url ?? '').replace(/^\/v[\d.]+/, '').startsWith('/_ping')) {
        response.writeHead(200, PING_HEADERS);
        response.end(request.method === 'HEAD' ? undefined : 'OK');
        return;
      }
      response.writeHead(500, { 'Content-Type': 'application/json', ...PING_HEADERS });
      response.end(JSON.stringify({ message: DAEMON_MESSAGE }));
    });
    await new Promise<void>((resolve) => server?.listen(socket, resolve));
  });

  suiteTeardown(async () => {
    if (server !== undefined) await new Promise((resolve) => server?.close(resolve));
    if (directory !== '') rmSync(directory, { recursive: true, force: true });
  });

  /** Checks that parseDockerArgs says what docker said (or, for valid lines, that docker got past parsing). */
  async function agree(argv: readonly string[]): Promise<void> {
    const real = await docker(argv, socket);
    const ours = parseDockerArgs(argv);
    const label = `docker ${JSON.stringify(argv)}`;
    if (ours.kind === 'run') {
      assert.ok(real.stdout.startsWith(ours.stdout), `${label}: stdout ${JSON.stringify(real.stdout)}`);
      assert.ok(real.stderr.startsWith(ours.stderr), `${label}: stderr ${JSON.stringify(real.stderr)}`);
      assert.doesNotMatch(real.stderr.slice(ours.stderr.length), /Usage:|unknown flag|unknown shorthand|invalid argument|requires (at least |at most )?\d|accepts|unknown command/, label);
      return;
    }
    assert.deepStrictEqual({ stdout: ours.stdout, stderr: ours.stderr, code: ours.exitCode }, { stdout: real.stdout, stderr: real.stderr, code: real.code }, label);
  }

  test('the recorded transcripts are still what docker prints', async function () {
    this.timeout(120_000);
    await pool([...ERRORS, ...HELP], 8, async (expected) => {
      const real = await docker(expected.argv, socket);
      const label = `docker ${JSON.stringify(expected.argv)}`;
      assert.strictEqual(real.stdout, expected.stdout ?? '', label);
      assert.strictEqual(real.stderr, expected.stderr ?? '', label);
      if (expected.exitCode !== undefined) assert.strictEqual(real.code, expected.exitCode, label);
    });
  });

  test('each command: --help, an unknown flag, and its aliases agree with docker', async function () {
    this.timeout(600_000);
    // All 194 commands take minutes on a small machine: the commands Docker Lab teaches by
    // default, every one with DOCKER_LAB_BINARY_ALL=1.
    const all = process.env.DOCKER_LAB_BINARY_ALL === '1';
    const lines: string[][] = [];
    for (const spec of commands.all()) {
      if (!all && !TAUGHT.has(spec.canonical) && spec.path !== '') continue;
      lines.push([...spec.words, '--help'], [...spec.words, '--zzzz'], [...spec.words, '-Z']);
      for (const alias of spec.aliases) lines.push([...spec.words.slice(0, -1), alias, '--zzzz']);
    }
    await pool(lines, 8, agree);
  });

  test('valid command lines get past docker\'s parsing too', async function () {
    this.timeout(60_000);
    const lines = [
      ['run', '-d', '-p', '80:80', '--name', 'web', 'nginx'], ['run', '-dp', '80:80', 'nginx'], ['run', 'alpine', 'ls', '-la'],
      ['run', '--rm=false', 'alpine'], ['ps', '-a'], ['container', 'list', '-q'], ['images', 'nginx'], ['rmi', '-f', 'a'],
      ['rm', '-f', 'web'], ['exec', 'web', 'ls', '-la'], ['logs', 'web', '-f'], ['stop', '-t', '5', 'web'], ['stop', '--time', '5', 'web'],
      ['-D', 'ps'], ['--', 'ps'], ['-v', 'ps'], ['system', 'df', '-v'], ['inspect', 'web'], ['tag', 'a', 'b'], ['top', 'web', 'aux'],
      ['run', '--memory-swap', '-1', 'alpine'], ['run', '-m', '1_000', 'alpine'], ['run', '--cpus', '0x10', 'alpine'],
    ];
    await pool(lines, 8, agree);
  });
});
