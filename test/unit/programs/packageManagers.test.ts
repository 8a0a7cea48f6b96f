import * as assert from 'node:assert';
import { findProgram } from '../../../src/engine/programs/ProgramTable';
import { FakeProcess } from './FakeProcess';
import type { FakeProcessOptions } from './FakeProcess';

const ALPINE = { family: 'alpine', image: 'alpine:latest' } as const;
const DEBIAN = { family: 'debian', image: 'debian:bookworm-slim' } as const;

/** Runs a shell command in a container; what it printed and `docker diff` after it. */
async function run(image: Pick<FakeProcessOptions, 'family' | 'image'>, script: string, options: Partial<FakeProcessOptions> = {}) {
  const fake = new FakeProcess({ ...image, argv: ['sh', '-c', script], ...options }).start();
  const code = await fake.run();
  return { fake, code, stdout: fake.stdout, stderr: fake.stderr, diff: fake.files().changes().map((change) => `${change.kind} ${change.path}`) };
}

suite('programs: apk (Alpine)', () => {
  test('apk add curl: apk 3\'s lines, no fetch notes without a terminal, the OK summary', async () => {
    const result = await run(ALPINE, 'apk add curl');
    assert.strictEqual(result.code, 0);
    assert.strictEqual(result.stdout, [
      '(1/9) Installing brotli-libs (1.1.0-r2)', '(2/9) Installing c-ares (1.34.5-r0)', '(3/9) Installing libunistring (1.3-r0)',
      '(4/9) Installing libidn2 (2.3.7-r0)', '(5/9) Installing nghttp2-libs (1.65.0-r0)', '(6/9) Installing libpsl (0.21.5-r3)',
      '(7/9) Installing zstd-libs (1.5.7-r0)', '(8/9) Installing libcurl (8.14.1-r2)', '(9/9) Installing curl (8.14.1-r2)',
      'Executing busybox-1.37.0-r30.trigger', 'OK: 12.9 MiB in 25 packages', '',
    ].join('\n'));
    assert.strictEqual(result.stderr, '');
  });

  test('docker diff after apk add curl: the program, its libraries, apk\'s database and the cached indexes', async () => {
    const { diff } = await run(ALPINE, 'apk add curl');
    for (const line of ['C /etc/apk', 'A /usr/bin/curl', 'A /usr/lib/libcurl.so.4', 'C /lib/apk/db', 'A /var/cache/apk/APKINDEX.6729bc3d.tar.gz']) assert.ok(diff.includes(line), line);
    const noCache = await run(ALPINE, 'apk add --no-cache curl');
    assert.ok(!noCache.diff.some((line) => line.startsWith('A /var/cache/apk/')));
  });

  test('on a terminal apk draws each index fetch as a progress note and erases it', async () => {
    const result = await run(ALPINE, 'apk add -q curl', { tty: true });
    assert.strictEqual(result.stdout, '');
    const shown = await run(ALPINE, 'apk add curl', { tty: true });
    assert.ok(shown.stdout.startsWith('\x1b7[fetch https://dl-cdn.alpinelinux.org/alpine/v3.24/main/x86_64/APKINDEX.tar.gz]\x1b8\x1b[0K'
      + '\x1b7[fetch https://dl-cdn.alpinelinux.org/alpine/v3.24/community/x86_64/APKINDEX.tar.gz]\x1b8\x1b[0K(1/9) Installing brotli-libs'));
  });

  // [command, stdout, stderr, exit code]; sizes in apk_fmt_human_size's form (KiB below 10000 KiB).
  const cases: [string, string, string, number][] = [
    ['apk add nosuch', '', 'ERROR: unable to select packages:\n  nosuch (no such package):\n    required by: world[nosuch]\n', 1],
    ['apk add nosuch curl other', '', 'ERROR: unable to select packages:\n  nosuch (no such package):\n    required by: world[nosuch]\n  other (no such package):\n    required by: world[other]\n', 2],
    ['apk add busybox', 'OK: 8470 KiB in 16 packages\n', '', 0],
    ['apk add curl >/dev/null; apk add curl', 'OK: 12.9 MiB in 25 packages\n', '', 0],
    ['apk add -q vim; echo $?', '0\n', '', 0],
    ['apk add curl >/dev/null; apk add git', '(1/3) Installing libexpat (2.7.1-r0)\n(2/3) Installing pcre2 (10.43-r1)\n(3/3) Installing git (2.49.1-r0)\nExecuting busybox-1.37.0-r30.trigger\nOK: 27.5 MiB in 28 packages\n', '', 0],
    ['apk add curl >/dev/null; apk del curl | tail -n 2', '(9/9) Purging brotli-libs (1.1.0-r2)\nOK: 8470 KiB in 16 packages\n', '', 0],
    ['apk search curl', '', 'Docker Lab: apk search curl is not simulated in this lab\n', 1],
  ];
  for (const [command, stdout, stderr, code] of cases) {
    test(command, async () => {
      const result = await run(ALPINE, command);
      assert.deepStrictEqual([result.stdout, result.stderr, result.code], [stdout, stderr, code]);
    });
  }

  test('what apk installed runs: bash is the lab\'s bash, curl says it is not simulated; apk del takes them away', async () => {
    const result = await run(ALPINE, 'bash -c "echo in bash"; apk add -q bash curl; bash -c "echo in bash"; curl -s localhost; echo $?; apk del -q bash curl; bash -c true');
    assert.strictEqual(result.stdout, 'in bash\n1\n');
    assert.strictEqual(result.stderr, 'sh: bash: not found\nDocker Lab: curl is not simulated in this lab\nsh: bash: not found\n');
  });
});

suite('programs: apt-get (Debian)', () => {
  test('a slim image has no package lists: apt-get install fails until apt-get update', async () => {
    const result = await run(DEBIAN, 'apt-get install -y curl');
    assert.deepStrictEqual([result.stdout, result.stderr, result.code],
      ['Reading package lists...\nBuilding dependency tree...\nReading state information...\n', 'E: Unable to locate package curl\n', 100]);
    assert.deepStrictEqual(result.diff, []);
  });

  test('apt-get update fetches the three archives\' indexes and keeps them in /var/lib/apt/lists', async () => {
    const result = await run(DEBIAN, 'apt-get update');
    assert.strictEqual(result.stdout, [
      'Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]',
      'Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]',
      'Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]',
      'Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8792 kB]',
      'Get:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [6924 B]',
      'Get:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [272 kB]',
      'Fetched 9325 kB in 1s (7460 kB/s)',
      'Reading package lists...', '',
    ].join('\n'));
    assert.ok(result.diff.includes('A /var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4'));
    assert.ok(result.diff.includes('C /var/lib/apt/lists'));
    const again = await run(DEBIAN, 'apt-get update -qq; apt-get update', {});
    assert.strictEqual(again.stdout, 'Hit:1 http://deb.debian.org/debian bookworm InRelease\nHit:2 http://deb.debian.org/debian bookworm-updates InRelease\n'
      + 'Hit:3 http://deb.debian.org/debian-security bookworm-security InRelease\nReading package lists...\n');
  });

  test('apt-get install -y curl: the plan, the downloads, dpkg\'s unpack and setup, and what docker diff shows', async () => {
    const result = await run(DEBIAN, 'apt-get update -qq && apt-get install -y curl');
    const lines = result.stdout.split('\n');
    assert.deepStrictEqual(lines.slice(0, 4), ['Reading package lists...', 'Building dependency tree...', 'Reading state information...', 'The following additional packages will be installed:']);
    assert.ok(result.stdout.includes('The following NEW packages will be installed:\n  ca-certificates curl krb5-locales libbrotli1 libcurl4 libgssapi-krb5-2\n'));
    assert.ok(result.stdout.includes('0 upgraded, 22 newly installed, 0 to remove and 0 not upgraded.\nNeed to get 6132 kB of archives.\nAfter this operation, 15.8 MB of additional disk space will be used.\n'));
    assert.ok(result.stdout.includes('Get:19 http://deb.debian.org/debian bookworm/main amd64 curl amd64 7.88.1-10+deb12u15 [316 kB]\n'));
    assert.ok(result.stdout.includes('Selecting previously unselected package libssl3:amd64.\n(Reading database ... 6089 files and directories currently installed.)\nPreparing to unpack .../00-libssl3_3.0.22-1~deb12u2_amd64.deb ...\n'));
    assert.ok(result.stdout.includes('Setting up curl (7.88.1-10+deb12u15) ...\n'));
    assert.ok(result.stdout.endsWith('Processing triggers for libc-bin (2.36-9+deb12u14) ...\nProcessing triggers for ca-certificates (20250419~deb12u2) ...\n'
      + 'Updating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n'));
    assert.match(result.stderr, /^debconf: delaying package configuration, since apt-utils is not installed\n/);
    assert.strictEqual(result.code, 0);
    for (const line of ['A /usr/bin/curl', 'C /var/lib/dpkg/status', 'A /var/lib/dpkg/info/curl.list', 'A /var/log/apt/history.log', 'A /usr/lib/x86_64-linux-gnu/libcurl.so.4']) {
      assert.ok(result.diff.includes(line), line);
    }
    const status = result.fake.files().readFile('/var/lib/dpkg/status')?.content ?? '';
    assert.match(status, /Package: curl\nStatus: install ok installed\n/);
  });

  // [command, stdout, stderr, exit code]
  const cases: [string, string, string, number][] = [
    ['apt-get update -qq; apt-get install -y nosuch', 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n', 'E: Unable to locate package nosuch\n', 100],
    ['apt-get install -qq bash', '', '', 0],
    ['apt-get install -y -q bash', 'bash is already the newest version (5.2.15-2+b8).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n', '', 0],
    ['apt-get update -qq; apt-get install -q nano; echo $?',
      'The following additional packages will be installed:\n  libgpm2 libncursesw6\nSuggested packages:\n  gpm hunspell\nThe following NEW packages will be installed:\n  libgpm2 libncursesw6 nano\n'
      + '0 upgraded, 3 newly installed, 0 to remove and 0 not upgraded.\nNeed to get 838 kB of archives.\nAfter this operation, 3339 kB of additional disk space will be used.\nDo you want to continue? [Y/n] Abort.\n1\n', '', 0],
    ['apt-get upgrade', '', 'Docker Lab: apt-get upgrade is not simulated in this lab\n', 1],
  ];
  for (const [command, stdout, stderr, code] of cases) {
    test(command, async () => {
      const result = await run(DEBIAN, command);
      assert.deepStrictEqual([result.stdout, result.stderr, result.code], [stdout, stderr, code]);
    });
  }

  test('apt without a terminal warns that its interface is not stable', async () => {
    const result = await run(DEBIAN, 'apt update -qq');
    assert.strictEqual(result.stderr, '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  });

  test('the alternatives make vim and editor exist; what they run is not simulated', async () => {
    const result = await run(DEBIAN, 'apt-get update -qq; apt-get install -y -qq vim >/dev/null 2>&1; ls -l /usr/bin/vim; vim x; echo $?');
    assert.match(result.stdout, /^lrwxrwxrwx 1 root root 21 .* \/usr\/bin\/vim -> \/etc\/alternatives\/vim\n1\n$/);
    assert.strictEqual(result.stderr, 'Docker Lab: vim is not simulated in this lab\n');
  });

  test('apt-get remove -y takes the package\'s files away', async () => {
    const result = await run(DEBIAN, 'apt-get update -qq; apt-get install -y -qq curl >/dev/null 2>&1; apt-get remove -y curl; ls /usr/bin/curl');
    assert.ok(result.stdout.includes('The following packages will be REMOVED:\n  curl\n0 upgraded, 0 newly installed, 1 to remove and 0 not upgraded.\nAfter this operation, 501 kB disk space will be freed.\n'));
    assert.ok(result.stdout.endsWith('Removing curl (7.88.1-10+deb12u15) ...\n'));
    assert.strictEqual(result.stderr, "ls: cannot access '/usr/bin/curl': No such file or directory\n");
  });
});

suite('programs: finding programs in the container\'s own files', () => {
  test('a script the learner wrote runs through its #! interpreter once it is executable (Permission denied before)', async () => {
    const script = 'printf "#!/bin/sh\\necho script says \\$1\\n" > /tmp/hi.sh; /tmp/hi.sh one; echo $?; chmod +x /tmp/hi.sh; /tmp/hi.sh two; cd /tmp && ./hi.sh three';
    const dash = await run(DEBIAN, script);
    assert.deepStrictEqual([dash.stdout, dash.stderr], ['126\nscript says two\nscript says three\n', 'sh: 1: /tmp/hi.sh: Permission denied\n']);
    const ash = await run(ALPINE, script);
    assert.strictEqual(ash.stderr, 'sh: /tmp/hi.sh: Permission denied\n');
  });

  test('a program the container deleted is gone for its shell; Debian\'s awk (an alternatives link) still runs', async () => {
    const alpine = await run(ALPINE, 'rm /bin/ls && ls /');
    assert.deepStrictEqual([alpine.stdout, alpine.stderr, alpine.code], ['', 'sh: ls: not found\n', 127]);
    const debian = await run(DEBIAN, 'command -v awk >/dev/null && echo found; rm /usr/bin/ls; ls');
    assert.deepStrictEqual([debian.stdout, debian.stderr], ['found\n', 'sh: 1: ls: not found\n']);
  });

  test('findProgram with the container\'s files: a deleted program is gone, an added one is found', async () => {
    const result = await run(ALPINE, 'rm /bin/ls; apk add -q bash');
    const files = result.fake.files();
    assert.strictEqual(findProgram('alpine', 'alpine:latest', 'ls', '/usr/bin:/bin', files), undefined);
    assert.ok(findProgram('alpine', 'alpine:latest', 'ls', '/usr/bin:/bin'), 'without files the image\'s table decides');
    assert.ok(findProgram('alpine', 'alpine:latest', 'bash', '/usr/bin:/bin', files));
    assert.strictEqual(findProgram('alpine', 'alpine:latest', 'bash', '/usr/bin:/bin'), undefined);
    assert.ok(findProgram('alpine', 'alpine:latest', 'cat', '/usr/bin:/bin', files), 'busybox applet links still run');
  });

  test('chmod: octal and symbolic modes as ls -l shows them; GNU and busybox errors', async () => {
    const result = await run(DEBIAN, 'cd /tmp && echo x > f && chmod 640 f && ls -l f && chmod u+x,g-r f && ls -l f && chmod +x f && ls -l f; chmod 755 nope; chmod abc f');
    assert.deepStrictEqual(result.stdout.split('\n').filter(Boolean).map((line) => line.slice(0, 10)), ['-rw-r-----', '-rwx------', '-rwx--x--x']);
    assert.strictEqual(result.stderr, "chmod: cannot access 'nope': No such file or directory\nchmod: invalid mode: 'abc'\nTry 'chmod --help' for more information.\n");
    const busybox = await run(ALPINE, 'chmod 755 /nope; chmod abc /tmp');
    assert.strictEqual(busybox.stderr, "chmod: /nope: No such file or directory\nchmod: invalid mode 'abc'\n");
  });
});
