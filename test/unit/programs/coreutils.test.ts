import * as assert from 'node:assert';
import type { BaseFamily } from '../../../src/engine/Registry';
import { FakeProcess, IMAGES, runCommand, TEST_HOST } from './FakeProcess';

const run = (family: BaseFamily, image: string, argv: string[], extra: { tty?: boolean; stdin?: string[] } = {}) =>
  runCommand({ family, image, argv, ...extra });

suite('programs: uname shows the host kernel in every container', () => {
  const kernel = `${TEST_HOST.kernelRelease} ${TEST_HOST.kernelVersion} x86_64`;
  // The teaching point: containers share the host's kernel; only the node name is theirs.
  const cases: [keyof typeof IMAGES, string][] = [
    ['alpine', `Linux c0ffee123456 ${kernel} Linux\n`],
    ['busybox', `Linux c0ffee123456 ${kernel} GNU/Linux\n`],
    ['debian', `Linux c0ffee123456 ${kernel} GNU/Linux\n`],
    ['ubuntu', `Linux c0ffee123456 ${kernel} GNU/Linux\n`],
  ];
  for (const [name, expected] of cases) {
    test(`${name}: uname -a`, async () => {
      const { family, image } = IMAGES[name];
      assert.strictEqual((await run(family, image, ['uname', '-a'])).stdout, expected);
    });
  }

  test('uname -r, -s, -m, -n and no option', async () => {
    const { family, image } = IMAGES.alpine;
    assert.strictEqual((await run(family, image, ['uname', '-r'])).stdout, `${TEST_HOST.kernelRelease}\n`);
    assert.strictEqual((await run(family, image, ['uname'])).stdout, 'Linux\n');
    assert.strictEqual((await run(family, image, ['uname', '-s', '-m'])).stdout, 'Linux x86_64\n');
    assert.strictEqual((await run(family, image, ['uname', '-n'])).stdout, 'c0ffee123456\n');
  });

  test('a different host kernel shows through', async () => {
    const result = await runCommand({ ...IMAGES.debian, argv: ['uname', '-r'], host: { kernelRelease: '6.6.87.2-microsoft-standard-WSL2' } });
    assert.strictEqual(result.stdout, '6.6.87.2-microsoft-standard-WSL2\n');
  });

  test('GNU: an unknown option', async () => {
    const result = await run('debian', 'debian:bookworm-slim', ['uname', '-z']);
    assert.deepStrictEqual([result.stderr, result.code], ["uname: invalid option -- 'z'\nTry 'uname --help' for more information.\n", 1]);
  });
});

suite('programs: coreutils and busybox applets', () => {
  test('id: root\'s groups as docker computes them from the image\'s /etc/group', async () => {
    assert.strictEqual((await run('alpine', 'alpine', ['id'])).stdout,
      'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n');
    assert.strictEqual((await run('busybox', 'busybox', ['id'])).stdout, 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['id'])).stdout, 'uid=0(root) gid=0(root) groups=0(root)\n');
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['id', '-u'])).stdout, '0\n');
  });

  test('whoami, hostname, pwd', async () => {
    assert.strictEqual((await run('alpine', 'alpine', ['whoami'])).stdout, 'root\n');
    assert.strictEqual((await run('alpine', 'alpine', ['hostname'])).stdout, 'c0ffee123456\n');
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['hostname', '-i'])).stdout, '172.17.0.2\n');
    assert.strictEqual((await runCommand({ ...IMAGES.debian, argv: ['pwd'], cwd: '/data' })).stdout, '/data\n');
  });

  test('date: UTC in the default format of both (C locale), +FORMAT, -I, -R', async () => {
    assert.strictEqual((await run('alpine', 'alpine', ['date'])).stdout, 'Tue Nov 24 09:00:00 UTC 2026\n');
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['date'])).stdout, 'Tue Nov 24 09:00:00 UTC 2026\n');
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['date', '+%Y-%m-%d %H:%M:%S %s'])).stdout, '2026-11-24 09:00:00 1795510800\n');
    assert.strictEqual((await run('alpine', 'alpine', ['date', '-Iseconds'])).stdout, '2026-11-24T09:00:00+00:00\n');
    assert.strictEqual((await run('alpine', 'alpine', ['date', '-R'])).stdout, 'Tue, 24 Nov 2026 09:00:00 +0000\n');
  });

  test('cat: a file, a missing file (GNU vs busybox wording), stdin', async () => {
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['cat', '/etc/hostname'])).stdout, 'c0ffee123456\n');
    const gnu = await run('debian', 'debian:bookworm-slim', ['cat', '/x']);
    assert.deepStrictEqual([gnu.stderr, gnu.code], ['cat: /x: No such file or directory\n', 1]);
    const busybox = await run('alpine', 'alpine', ['cat', '/x']);
    assert.deepStrictEqual([busybox.stderr, busybox.code], ["cat: can't open '/x': No such file or directory\n", 1]);
    assert.strictEqual((await run('alpine', 'alpine', ['cat'], { stdin: ['typed', 'lines'] })).stdout, 'typed\nlines\n');
  });

  test('cat /etc/os-release follows the symlink to /usr/lib/os-release', async () => {
    const result = await run('ubuntu', 'ubuntu:24.04', ['cat', '/etc/os-release']);
    assert.ok(result.stdout.startsWith('PRETTY_NAME="Ubuntu 24.04.5 LTS"\n'));
  });

  test('ls without a terminal: one name per line, like the real tools', async () => {
    const result = await run('alpine', 'alpine', ['ls', '/']);
    assert.strictEqual(result.stdout, 'bin\ndev\netc\nhome\nlib\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n');
  });

  test('ls with a terminal: busybox columns in colour, GNU plain columns (colour only with --color)', async () => {
    const alpine = await run('alpine', 'alpine', ['ls', '/usr/share/../'], { tty: true });
    assert.ok(alpine.stdout.includes('\x1b[1;34mbin\x1b[m'), alpine.stdout);
    const debian = await run('debian', 'debian:bookworm-slim', ['ls', '/'], { tty: true });
    // GNU pads with tabs to 8-column stops where it can, as `ls /` in a debian container does.
    assert.strictEqual(debian.stdout, 'bin   dev  home  lib64\tmnt  proc  run\t srv  tmp  var\nboot  etc  lib\t media\topt  root  sbin  sys  usr\n');
    const coloured = await run('debian', 'debian:bookworm-slim', ['ls', '--color=auto', '/usr'], { tty: true });
    assert.ok(coloured.stdout.startsWith('\x1b[0m\x1b[01;34mbin\x1b[0m'), coloured.stdout);
  });

  test('ls -la shows dot files, . and .., modes and symlinks', async () => {
    const result = await run('debian', 'debian:bookworm-slim', ['ls', '-la', '/']);
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /^total \d+$/);
    assert.match(lines[1], /^drwxr-xr-x 2 root root 4096 .* \.$/);
    assert.ok(lines.some((line) => /^-rwxr-xr-x 1 root root +0 Nov 24 09:00 \.dockerenv$/.test(line)), result.stdout);
    assert.ok(lines.some((line) => /^lrwxrwxrwx 1 root root +7 Aug +3 00:00 bin -> usr\/bin$/.test(line)), result.stdout);
  });

  test('ls of a missing path: GNU exits 2, busybox 1', async () => {
    const gnu = await run('debian', 'debian:bookworm-slim', ['ls', '/x']);
    assert.deepStrictEqual([gnu.stderr, gnu.code], ["ls: cannot access '/x': No such file or directory\n", 2]);
    const busybox = await run('alpine', 'alpine', ['ls', '/x']);
    assert.deepStrictEqual([busybox.stderr, busybox.code], ['ls: /x: No such file or directory\n', 1]);
  });

  test('env prints the process environment in docker\'s order; printenv one variable', async () => {
    assert.strictEqual((await run('alpine', 'alpine', ['env'])).stdout,
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=c0ffee123456\nHOME=/root\n');
    const printenv = await run('alpine', 'alpine', ['printenv', 'HOME', 'NOPE']);
    assert.deepStrictEqual([printenv.stdout, printenv.code], ['/root\n', 1]);
  });

  test('echo: busybox and GNU take -n and -e', async () => {
    assert.strictEqual((await run('alpine', 'alpine', ['echo', '-n', 'a'])).stdout, 'a');
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['echo', '-e', 'a\\tb'])).stdout, 'a\tb\n');
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['echo', 'a\\tb'])).stdout, 'a\\tb\n');
  });

  test('sleep accepts 1, 0.5, 1s, 2m and sums its arguments, in lab time', async () => {
    for (const [args, ms] of [[['1'], 1000], [['0.5'], 500], [['1s'], 1000], [['2m'], 120_000], [['1', '2s'], 3000]] as const) {
      const process = new FakeProcess({ ...IMAGES.alpine, argv: ['sleep', ...args] }).start();
      const start = process.clock.now();
      assert.strictEqual(await process.run(), 0);
      assert.strictEqual(process.clock.now() - start, ms, args.join(' '));
    }
  });

  test('sleep infinity never ends (until killed); a bad interval is an error', async () => {
    const process = new FakeProcess({ ...IMAGES.debian, argv: ['sleep', 'infinity'] }).start();
    await process.advance(3_600_000);
    assert.strictEqual(process.exitCode, undefined);
    process.signal('SIGKILL');
    assert.strictEqual(await process.exited, 137);
    const bad = await run('debian', 'debian:bookworm-slim', ['sleep', 'abc']);
    assert.deepStrictEqual([bad.stderr, bad.code], ["sleep: invalid time interval 'abc'\nTry 'sleep --help' for more information.\n", 1]);
    const busybox = await run('alpine', 'alpine', ['sleep', 'abc']);
    assert.deepStrictEqual([busybox.stderr, busybox.code], ["sleep: invalid number 'abc'\n", 1]);
  });

  test('a resumed sleep waits only for what was left', async () => {
    // It started 4 s before the lab was reloaded.
    const process = new FakeProcess({ ...IMAGES.alpine, argv: ['sleep', '10'], resumed: true, startedAt: Date.UTC(2026, 10, 24, 8, 59, 56) }).start();
    await process.advance(5999);
    assert.strictEqual(process.exitCode, undefined);
    await process.advance(1);
    assert.strictEqual(process.exitCode, 0);
  });

  test('head and wc on a file and on stdin', async () => {
    assert.strictEqual((await run('debian', 'nginx:1.28.0', ['head', '-n', '2', '/etc/nginx/nginx.conf'])).stdout, '\nuser  nginx;\n');
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['wc', '-l'], { stdin: ['a', 'b'] })).stdout, '2\n');
    assert.strictEqual((await run('debian', 'debian:bookworm-slim', ['wc'], { stdin: ['a b', 'c'] })).stdout, '      2       3       6\n');
    assert.strictEqual((await run('alpine', 'alpine', ['wc'], { stdin: ['a b', 'c'] })).stdout, '        2         3         6\n');
  });

  test('tail -f keeps the container running (the classic keep-alive)', async () => {
    const process = new FakeProcess({ ...IMAGES.debian, argv: ['tail', '-f', '/etc/hostname'] }).start();
    await process.advance(60_000);
    assert.strictEqual(process.stdout, 'c0ffee123456\n');
    assert.strictEqual(process.exitCode, undefined);
  });
});
