import * as assert from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiServer } from '../../../src/api/ApiServer';
import type { Disposable } from '../../../src/engine/Emitter';
import { Engine } from '../../../src/engine/Engine';
import type { Clock } from '../../../src/engine/Clock';
import { runDocker } from '../../../src/cli/runDocker';
import { seededRandom } from '../../../src/engine/util/seededRandom';

// The real docker CLI, pointed at the lab's socket, against the lab's own
// terminal CLI: two twin engines (same seed, same frozen time) take the same
// commands, one through the socket from the real binary, one through the
// built-in CLI. Whatever the two print differently is a fidelity bug in one
// of them: the API server, or the built-in client.
//
// Runs where a docker CLI 28 is installed (DOCKER_LAB_DOCKER_CLI, or
// `docker` on PATH); elsewhere the suite is skipped and says why.

const binary = process.env.DOCKER_LAB_DOCKER_CLI ?? 'docker';
const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
const found = probe.status === 0 ? probe.stdout.trim() : undefined;
// The lab's terminal is docker CLI 28; another client version prints other words.
const cliVersion = found?.startsWith('Docker version 28.') ? found : undefined;
const skipReason = found ? `${found} is not docker CLI 28: skipped` : `no ${binary} on PATH: skipped`;

/** Time stands still (so `Up 5 seconds` reads the same in both), while timers still fire, quickly. */
class FrozenClock implements Clock {
  constructor(private readonly time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(ms: number, callback: () => void): Disposable {
    const handle = setTimeout(callback, Math.min(ms, 20));
    return { dispose: () => clearTimeout(handle) };
  }
}

interface Printed {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * The seconds the suite has been running, which the real CLI sees pass on
 * its wall clock and the lab's frozen clock does not: `3 seconds ago` and
 * `Less than a second ago` both read `seconds ago`. Columns are re-padded
 * to the same width by the tables, so runs of spaces read as one.
 */
function sameTime(printed: Printed): Printed {
  const normalize = (text: string) => text
    // Go ranges over the daemon's runtimes map in random order.
    .replace(/^ Runtimes: (.*)$/m, (_, names: string) => ` Runtimes: ${names.split(' ').sort().join(' ')}`)
    .replace(/\b(Less than a second|\d+ seconds?) ago/g, 'seconds ago').replace(/ {2,}/g, '  ');
  return { status: printed.status, stdout: normalize(printed.stdout), stderr: normalize(printed.stderr) };
}

function runReal(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Printed> {
  return new Promise((resolve) => {
    execFile(binary, argv, { env, encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** What a learner types, in order; each line is run by both clients and must print the same. */
const CONTAINERS_AND_IMAGES: string[][] = [
  ['pull', 'nginx:1.28.0'],
  ['pull', 'alpine:3.21'],
  ['images'],
  ['run', '-d', '--name', 'web', '-p', '8080:80', 'nginx:1.28.0'],
  ['ps'],
  ['ps', '-a', '--no-trunc'],
  ['logs', 'web'],
  ['logs', '--tail', '2', '--timestamps', 'web'],
  ['version'],
  ['info'],
  ['inspect', 'nosuch'],
  ['container', 'ls', '--format', '{{.Names}}\t{{.Ports}}\t{{.Status}}'],
  ['exec', 'web', 'cat', '/etc/os-release'],
  ['exec', 'web', 'sh', '-c', 'echo hello > /usr/share/nginx/html/index.html'],
  ['diff', 'web'],
  ['exec', 'web', 'nosuch'],
  ['inspect', 'web'],
  ['inspect', '--format', '{{.State.Status}} {{.NetworkSettings.IPAddress}}', 'web'],
  ['inspect', '-s', '--format', '{{.SizeRw}} {{.SizeRootFs}}', 'web'],
  ['inspect', '--format', '{{json .SizeRw}} {{.SizeRootFs}}', 'web'],
  ['inspect', '-s', '--format', '{{.Id}}', 'alpine:3.21'],
  ['inspect', '--format', '{{json .HostConfig}}', 'web'],
  ['port', 'web'],
  ['history', 'nginx:1.28.0'],
  ['image', 'inspect', 'alpine:3.21'],
  ['run', '--rm', 'alpine:3.21', 'sh', '-c', 'echo out; echo err >&2; exit 3'],
  ['run', '--name', 'once', 'alpine:3.21', 'echo', 'hello from alpine'],
  ['ps', '-a'],
  ['tag', 'alpine:3.21', 'mine:v1'],
  ['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}'],
  ['commit', '-m', 'edited', 'web', 'web-edited:1'],
  ['history', 'web-edited:1'],
  ['rm', 'web'],
  ['stop', 'web'],
  ['stop', 'web'],
  ['start', 'web'],
  ['restart', 'web'],
  ['pause', 'web'],
  ['unpause', 'web'],
  ['kill', 'web'],
  ['rename', 'once', 'twice'],
  ['rm', 'web', 'twice'],
  ['rmi', 'mine:v1'],
  ['rmi', 'nginx:1.28.0'],
  ['stop', 'nosuch'],
  ['run', 'nosuch-image-xyz'],
  ['system', 'df'],
  ['ps', '-a', '--filter', 'status=exited'],
];

/** Volumes and networks: the same, for their commands and the run flags that use them. */
const VOLUMES_AND_NETWORKS: string[][] = [
  ['network', 'ls'],
  ['network', 'create', 'app'],
  ['network', 'create', 'app'],
  ['network', 'create', '--subnet', '10.10.0.0/24', '--gateway', '10.10.0.254', '--label', 'tier=back', 'back'],
  ['network', 'ls'],
  ['network', 'ls', '--filter', 'type=custom', '--no-trunc'],
  ['network', 'ls', '--format', '{{.Name}} {{.IPv4}} {{.Internal}} {{.Labels}}'],
  ['network', 'inspect', 'app', 'back', 'nosuch'],
  ['pull', 'alpine:3.21'],
  ['run', '-d', '--name', 'db', '--network', 'app', 'alpine:3.21', 'sleep', '1000'],
  ['network', 'inspect', 'app'],
  ['inspect', '--format', '{{json .NetworkSettings.Networks}} {{.NetworkSettings.IPAddress}}', 'db'],
  ['ps', '--format', '{{.Names}} {{.Networks}}'],
  ['network', 'rm', 'app'],
  ['network', 'rm', 'bridge', 'nosuch'],
  ['network', 'rm', '-f', 'nosuch'],
  ['network', 'create', '-d', 'host', 'h2'],
  ['network', 'create', 'none'],
  // With --rm: the lab's attach of a container that never started stays open otherwise (hijack.ts), holding the server.
  ['run', '--rm', '--network', 'nope', 'alpine:3.21', 'true'],
  ['run', '--rm', '--network', 'host', 'alpine:3.21', 'hostname'],
  ['volume', 'create', 'data'],
  ['volume', 'create', '--label', 'team=a', 'labelled'],
  ['volume', 'ls'],
  ['volume', 'inspect', 'data', 'nosuch'],
  ['run', '--rm', '-v', 'data:/data', 'alpine:3.21', 'sh', '-c', 'echo hi > /data/x'],
  ['run', '--rm', '-v', 'data:/data', 'alpine:3.21', 'cat', '/data/x'],
  ['run', '--rm', '-v', 'data:/data:ro', 'alpine:3.21', 'sh', '-c', 'echo no > /data/y'],
  ['run', '-v', '/host/dir:/data', 'alpine:3.21', 'true'],
  ['run', '-v', ':/data', 'alpine:3.21', 'true'],
  ['run', '-d', '--name', 'user', '-v', 'data:/data', '-v', '/anon', 'alpine:3.21', 'sleep', '1000'],
  ['inspect', '--format', '{{json .Mounts}}', 'user'],
  ['volume', 'rm', 'data'],
  ['volume', 'ls', '--filter', 'dangling=true'],
  ['system', 'df'],
  ['rm', '-f', '-v', 'user'],
  ['volume', 'ls', '-q'],
  ['volume', 'prune', '-f'],
  ['volume', 'prune', '-a', '-f'],
  ['rm', '-f', 'db'],
  ['network', 'prune', '-f'],
  ['network', 'ls'],
];

/** Each step of `scenario` through the real CLI on a served engine and through the lab's CLI on its twin. */
function paritySuite(title: string, seed: number, scenario: readonly string[][]): void {
  (cliVersion ? suite : suite.skip)(`${title} (${cliVersion ?? skipReason})`, () => {
    let directory: string;
    let server: ApiServer;
    let env: NodeJS.ProcessEnv;
    let twin: Engine;

    suiteSetup(async () => {
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-lab-realcli-'));
      const socket = path.join(directory, 'run', 'docker.sock');
      // The real CLI reads `CREATED … ago` against its own wall clock, so lab time starts now.
      const now = Date.now();
      server = new ApiServer(new Engine({ clock: new FrozenClock(now), random: seededRandom(seed), pullSecondsPerMegabyte: 0 }), socket);
      twin = new Engine({ clock: new FrozenClock(now), random: seededRandom(seed), pullSecondsPerMegabyte: 0 });
      await server.start();
      fs.mkdirSync(path.join(directory, 'config'));
      env = { PATH: process.env.PATH, HOME: directory, DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: path.join(directory, 'config'), DOCKER_CLI_HINTS: 'false' };
    });

    suiteTeardown(async () => {
      await server.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    });

    for (const argv of scenario) {
      test(`docker ${argv.join(' ')}`, async function () {
        this.timeout(30_000);
        const real = await runReal(argv, env);
        const lab = await runDocker(twin, argv);
        // `docker images` lists an image's repositories in Go map order (imageFormatTaggedAndDigest): any order is right.
        const anyOrder = argv[0] === 'images' ? (printed: Printed) => ({ ...printed, stdout: printed.stdout.split('\n').sort().join('\n') }) : (printed: Printed) => printed;
        assert.deepStrictEqual(anyOrder(sameTime(lab)), anyOrder(sameTime(real)), `the lab terminal printed differently from ${cliVersion}`);
      });
    }
  });
}

paritySuite('the real docker CLI on the socket prints what the lab terminal prints', 11, CONTAINERS_AND_IMAGES);
paritySuite('the real docker CLI and the lab terminal print the same for volumes and networks', 21, VOLUMES_AND_NETWORKS);
