import * as assert from 'node:assert';
import { flagValidators } from '../../../src/cli/flags/flagValidators';
import { GoError } from '../../../src/cli/flags/GoError';
import { goUnits } from '../../../src/cli/flags/goUnits';
import { parseGoDuration } from '../../../src/engine/util/parseGoDuration';
import { parseGoIp } from '../../../src/cli/flags/parseGoIp';
import { parseMountSpec } from '../../../src/cli/flags/parseMountSpec';
import { parseNanoCpus } from '../../../src/cli/flags/parseNanoCpus';
import { readCsvRecord } from '../../../src/cli/flags/readCsvRecord';
import { validateImageReference } from '../../../src/cli/flags/validateImageReference';

function outcome(task: () => unknown): unknown {
  try {
    return task();
  } catch (error) {
    if (error instanceof GoError) return 'error: ' + error.message;
    throw error;
  }
}

function table(name: string, parse: (text: string) => unknown, cases: Array<[string, unknown]>): void {
  for (const [input, expected] of cases) assert.deepStrictEqual(outcome(() => parse(input)), expected, `${name}(${JSON.stringify(input)})`);
}

const SECOND = 1_000_000_000;

// Error texts marked (docker) were printed by docker 28.2.2 for the flag noted.
suite('flag value parsers', () => {
  test('time.ParseDuration (--health-interval, --since, ...)', () => {
    table('parseGoDuration', parseGoDuration, [
      ['0', 0],
      ['10s', 10 * SECOND],
      ['1.5h', 5400 * SECOND],
      ['2h45m', 9900 * SECOND],
      ['300ms', 0.3 * SECOND],
      ['-1.5s', -1.5 * SECOND],
      ['+5m', 300 * SECOND],
      ['1us', 1000],
      ['1\u00b5s', 1000],
      ['1\u03bcs', 1000],
      ['.5s', 0.5 * SECOND],
      ['1ns', 1],
      ['5', 'error: time: missing unit in duration "5"'], // (docker) run --health-interval 5
      ['5x', 'error: time: unknown unit "x" in duration "5x"'], // (docker)
      ['1.5.5s', 'error: time: missing unit in duration "1.5.5s"'], // (docker)
      ['é', 'error: time: invalid duration "\\xc3\\xa9"'], // (docker)
      ['', 'error: time: invalid duration ""'],
      ['-', 'error: time: invalid duration "-"'],
      ['.s', 'error: time: invalid duration ".s"'],
      ['s', 'error: time: invalid duration "s"'],
      ['1h2', 'error: time: missing unit in duration "1h2"'],
      ['9999999999h', 'error: time: invalid duration "9999999999h"'],
    ]);
  });

  test('units.RAMInBytes (--memory, --shm-size): binary multiples and go-units errors', () => {
    table('ramInBytes', goUnits.ramInBytes, [
      ['100', 100],
      ['1k', 1024],
      ['1kb', 1024],
      ['1KiB', 1024],
      ['512m', 512 * 1024 ** 2],
      ['1.5g', 1.5 * 1024 ** 3],
      ['64 MiB', 64 * 1024 ** 2],
      ['10b', 10],
      ['1_000', 1000],
      ['abc', "error: invalid size: 'abc'"], // (docker) run -m abc
      ['1x', "error: invalid suffix: 'x'"], // (docker) run -m 1x
      ['1.2.3', 'error: strconv.ParseFloat: parsing "1.2.3": invalid syntax'], // (docker)
      ['-5', "error: invalid size: '-5'"], // (docker)
      ['inf', "error: invalid size: 'inf'"], // (docker)
      ['1KIBB', "error: invalid suffix: 'KIBB'"], // (docker) too long: reported before lower-casing
      ['1KiX', "error: invalid suffix: 'kix'"], // (docker)
      ['1bb', "error: invalid suffix: 'bb'"],
      ['1ki', "error: invalid suffix: 'ki'"],
    ]);
  });

  test('units.ParseUlimit (--ulimit)', () => {
    table('parseUlimit', goUnits.parseUlimit, [
      ['nofile=1024:2048', { name: 'nofile', soft: 1024, hard: 2048 }],
      ['nproc=512', { name: 'nproc', soft: 512, hard: 512 }],
      ['core=-1', { name: 'core', soft: -1, hard: -1 }],
      ['x', 'error: invalid ulimit argument: x'], // (docker)
      ['bogus=1', 'error: invalid ulimit type: bogus'],
      ['nofile=2:1', 'error: ulimit soft limit must be less than or equal to hard limit: 2 > 1'], // (docker)
      ['nofile=-1:5', 'error: ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 5'],
      ['nofile=1:2:3', 'error: too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`'],
      ['nofile=a', 'error: strconv.ParseInt: parsing "a": invalid syntax'],
    ]);
  });

  test('opts.ParseCPUs (--cpus): rationals in nano CPUs', () => {
    table('parseNanoCpus', parseNanoCpus, [
      ['1.5', 1_500_000_000],
      ['0.5', 500_000_000],
      ['3/2', 1_500_000_000],
      ['1e3', 1000 * SECOND],
      ['-1', -SECOND],
      ['0x10', 16 * SECOND],
      ['1_0', 10 * SECOND],
      ['abc', 'error: failed to parse abc as a rational number'], // (docker)
      ['1/0', 'error: failed to parse 1/0 as a rational number'], // (docker)
      ['3/2x', 'error: failed to parse 3/2x as a rational number'], // (docker)
      ['', 'error: failed to parse  as a rational number'],
      ['0.0000000001', 'error: value is too precise'], // (docker)
    ]);
  });

  test('encoding/csv first record (stringSlice flags such as rmi --platform)', () => {
    table('readCsvRecord', readCsvRecord, [
      ['a', ['a']],
      ['a,b', ['a', 'b']],
      ['"a,b",c', ['a,b', 'c']],
      ['"a""b"', ['a"b']],
      ['a,', ['a', '']],
      ['a\nb', ['a']],
      ['\n\na', ['a']],
      ['a"b', 'error: parse error on line 1, column 2: bare " in non-quoted-field'], // (docker)
      ['"a', 'error: parse error on line 1, column 3: extraneous or missing " in quoted-field'], // (docker)
      ['"a"b', 'error: parse error on line 1, column 3: extraneous or missing " in quoted-field'],
      ['"a\nb', 'error: record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field'],
      ['\n', 'error: EOF'],
    ]);
  });

  test('net.ParseIP + String (--dns stores the canonical form)', () => {
    table('parseGoIp', parseGoIp, [
      ['1.2.3.4', '1.2.3.4'],
      ['255.255.255.255', '255.255.255.255'],
      ['::1', '::1'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['2001:DB8::1', '2001:db8::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['::ffff:1.2.3.4', '1.2.3.4'],
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
      ['01.2.3.4', undefined],
      ['256.1.1.1', undefined],
      ['1.2.3', undefined],
      ['fe80::1%eth0', undefined],
      ['1::2::3', undefined],
      ['x', undefined],
    ]);
  });

  test('reference.ParseNormalizedNamed (build --tag)', () => {
    const check = (text: string): string => (validateImageReference(text), 'ok');
    table('validateImageReference', check, [
      ['nginx', 'ok'],
      ['nginx:1.28.0', 'ok'],
      ['library/nginx:latest', 'ok'],
      ['localhost:5000/my-app:v1', 'ok'],
      ['ghcr.io/owner/app@sha256:' + 'a'.repeat(64), 'ok'],
      ['MyImage', 'error: invalid reference format: repository name (library/MyImage) must be lowercase'], // (docker) build -t MyImage
      ['Example.com/app', 'ok'],
      ['nginx:', 'error: invalid reference format'],
      ['nginx:bad tag', 'error: invalid reference format'],
      ['', 'error: invalid reference format'],
      ['a'.repeat(64), `error: invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
      ['app@sha256:abc', 'error: invalid reference format'],
      ['app@sha256:' + 'a'.repeat(63) + 'g' + 'a'.repeat(1), 'error: invalid reference format'],
      ['app@sha512:' + 'a'.repeat(64), 'error: invalid checksum digest length'],
      ['app@md5:' + 'a'.repeat(32), 'error: unsupported digest algorithm'],
    ]);
  });

  test('opts.MountOpt (--mount): fields, defaults and docker\'s errors', () => {
    table('parseMountSpec', parseMountSpec, [
      ['type=bind,source=/src,target=/app,readonly', { type: 'bind', source: '/src', target: '/app', readOnly: true }],
      ['src=data,dst=/data', { type: 'volume', source: 'data', target: '/data', readOnly: false }],
      ['Type=TMPFS,Target=/t,tmpfs-size=64m,tmpfs-mode=1770', { type: 'tmpfs', source: '', target: '/t', readOnly: false, tmpfsOptions: { sizeBytes: 64 * 1024 ** 2, mode: 0o1770 } }],
      ['target=/v,volume-label=a=b,volume-nocopy', { type: 'volume', source: '', target: '/v', readOnly: false, volumeOptions: { labels: { a: 'b' }, noCopy: true } }],
      ['x', "error: invalid field 'x' must be a key=value pair"], // (docker)
      ['type=bind,source=/a', 'error: target is required'], // (docker)
      ['type=,target=/b', 'error: type is required'], // (docker)
      ['foo=bar,target=/b', "error: unexpected key 'foo' in 'foo=bar'"], // (docker)
      ['type=bind,target=/b,ro=maybe', 'error: invalid value for ro: maybe'], // (docker)
      ['type=bind,target=/b,volume-nocopy', "error: cannot mix 'volume-*' options with mount type 'bind'"], // (docker)
      ['type=bind,target=/b,bind-recursive=nope', 'error: invalid value for bind-recursive: nope (must be "enabled", "disabled", "writable", or "readonly")'], // (docker)
      ['type=bind,target=/b,bind-recursive=readonly,ro', "error: option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction"], // (docker)
      ['"a', 'error: parse error on line 1, column 3: extraneous or missing " in quoted-field'], // (docker)
    ]);
  });

  test('list validators of docker run, exec, build', () => {
    const context = { environment: new Map([['HOME', '/root']]) };
    const cases: Array<[string, string, unknown]> = [
      ['attach', 'STDOUT', 'stdout'],
      ['attach', 'foo', 'error: valid streams are STDIN, STDOUT and STDERR'], // (docker) run -a foo
      ['env', 'A=1', 'A=1'],
      ['env', 'A=', 'A='],
      ['env', 'HOME', 'HOME=/root'],
      ['env', 'NOPE', 'NOPE'],
      ['env', '=x', 'error: invalid environment variable: =x'], // (docker) run -e =x
      ['extraHost', 'db:10.0.0.2', 'db:10.0.0.2'],
      ['extraHost', 'db=::1', 'db:::1'],
      ['extraHost', 'db=[::1]', 'db:::1'],
      ['extraHost', 'gw:host-gateway', 'gw:host-gateway'],
      ['extraHost', 'foo', 'error: bad format for add-host: "foo"'], // (docker)
      ['extraHost', 'foo:bar', 'error: invalid IP address in add-host: "bar"'], // (docker)
      ['ipAddress', '8.8.8.8', '8.8.8.8'],
      ['ipAddress', ' 0:0::1 ', '::1'],
      ['ipAddress', 'x', 'error: IP address is not correctly formatted: x'], // (docker) run --dns x
      ['dnsSearch', 'example.com', 'example.com'],
      ['dnsSearch', '.', '.'],
      ['dnsSearch', '123', 'error: 123 is not a valid domain'],
      ['label', 'a=b', 'a=b'],
      ['label', 'a', 'a'],
      ['label', '=x', "error: invalid label '=x': empty name"], // (docker) run -l =x
      ['label', 'a b=c', "error: label 'a b' contains whitespaces"],
      ['link', 'db:alias', 'db:alias'],
      ['link', 'a:b:c', 'error: bad format for links: a:b:c'], // (docker)
      ['sysctl', 'net.ipv4.ip_forward=1', 'net.ipv4.ip_forward=1'],
      ['sysctl', 'kernel.shmmax=1', 'kernel.shmmax=1'],
      ['sysctl', 'foo', "error: sysctl 'foo' is not allowed"], // (docker)
      ['sysctl', 'vm.swappiness=1', "error: sysctl 'vm.swappiness=1' is not allowed"],
      ['deviceCgroupRule', 'c 1:3 mr', 'c 1:3 mr'],
      ['deviceCgroupRule', 'x', "error: invalid device cgroup format 'x'"],
      ['weightDevice', '/dev/sda:200', '/dev/sda:200'],
      ['weightDevice', '/dev/sda:5', 'error: invalid weight for device: /dev/sda:5'],
      ['weightDevice', 'sda:200', 'error: bad format for device path: sda:200'],
      ['throttleBps', '/dev/sda:1mb', '/dev/sda:1mb'],
      ['throttleBps', '/dev/sda', 'error: bad format: /dev/sda'],
      ['throttleIops', '/dev/sda:x', 'error: invalid rate for device: /dev/sda:x. The correct format is <device-path>:<number>. Number must be a positive integer'],
      ['reference', 'app:v1', 'app:v1'],
    ];
    for (const [name, input, expected] of cases) {
      assert.deepStrictEqual(outcome(() => flagValidators[name](input, context)), expected, `${name}(${JSON.stringify(input)})`);
    }
  });
});
