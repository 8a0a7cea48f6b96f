import * as assert from 'node:assert';
import type { PortMapping, PortSummaryInput } from '../../../src/engine/util/ports';
import {
  convertToStandardNotation,
  displayablePorts,
  isValidIp,
  parsePortRange,
  parsePortSpec,
  parsePortSpecs,
  PortSpecError,
  splitProtoPort,
} from '../../../src/engine/util/ports';

function mapping(port: string, HostIp: string, HostPort: string): PortMapping {
  return { port, binding: { HostIp, HostPort } };
}

suite('ports: parsePortSpec (-p)', () => {
  // Expected values from go-connections v0.5.0 nat.ParsePortSpec.
  const cases: [string, PortMapping[]][] = [
    ['80', [mapping('80/tcp', '', '')]],
    ['8080:80', [mapping('80/tcp', '', '8080')]],
    ['127.0.0.1:8080:80', [mapping('80/tcp', '127.0.0.1', '8080')]],
    ['8080:80/udp', [mapping('80/udp', '', '8080')]],
    ['80/TCP', [mapping('80/tcp', '', '')]], // the protocol is lower-cased
    ['80/', [mapping('80/tcp', '', '')]],
    ['8000-8001:80-81', [mapping('80/tcp', '', '8000'), mapping('81/tcp', '', '8001')]],
    ['8000-8010:80', [mapping('80/tcp', '', '8000-8010')]], // a host range to allocate one port from
    ['0.0.0.0:1234-1235:3333-3334/tcp', [mapping('3333/tcp', '0.0.0.0', '1234'), mapping('3334/tcp', '0.0.0.0', '1235')]],
    ['[::1]:80:80', [mapping('80/tcp', '::1', '80')]],
    ['::1:80:80', [mapping('80/tcp', '::1', '80')]], // IPv6 without brackets: all but the last two parts
    ['::ffff:1.2.3.4:80:80', [mapping('80/tcp', '::ffff:1.2.3.4', '80')]],
    ['127.0.0.1::80', [mapping('80/tcp', '127.0.0.1', '')]], // empty host port: any free port
    [':80', [mapping('80/tcp', '', '')]],
    ['[]:80:80', [mapping('80/tcp', '', '80')]],
    ['1-2-3', [mapping('1/tcp', '', ''), mapping('2/tcp', '', '')]], // only the first two range parts count
  ];
  for (const [spec, expected] of cases) {
    test(`${spec}`, () => {
      assert.deepStrictEqual(parsePortSpec(spec), expected);
    });
  }

  // Messages as `docker run -p <spec>` prints them (checked against docker 28.2.2).
  const errors: [string, string][] = [
    ['abc', 'invalid containerPort: abc'],
    ['80:abc', 'invalid containerPort: abc'],
    ['80-79', 'invalid containerPort: 80-79'],
    ['65536', 'invalid containerPort: 65536'],
    ['-1', 'invalid containerPort: -1'],
    ['+80', 'invalid containerPort: +80'],
    ['99999:80', 'invalid hostPort: 99999'],
    ['1.2.3.4:80', 'invalid hostPort: 1.2.3.4'],
    ['1.2.3:80:80', 'invalid IP address: 1.2.3'],
    ['01.2.3.4:80:80', 'invalid IP address: 01.2.3.4'],
    ['localhost:1234:1234/tcp', 'invalid IP address: localhost'],
    ['fe80::1%eth0:80:80', 'invalid IP address: fe80::1%eth0'],
    ['1:2:3:4:5:6:7:8:9:80:80', 'invalid IP address: 1:2:3:4:5:6:7:8:9'],
    ['a:b:c:d', 'invalid IP address: a:b'],
    ['[zz]:80:80', 'invalid IP address: zz'],
    ['[::1:80:80', "invalid IP address [::1: address [::1:: missing ']' in address"],
    ['[::1]x:80:80', 'invalid IP address [::1]x: address [::1]x:: missing port in address'],
    ['[[::1]:80:80', "invalid IP address [[::1]: address [[::1]:: unexpected '[' in address"],
    ['80/xyz', 'invalid proto: xyz'],
    ['', 'no port specified: <empty>'],
    ['80:', 'no port specified: 80:<empty>'],
    ['/tcp', 'no port specified: /tcp<empty>'],
    ['8080:80-81', 'invalid ranges specified for container and host Ports: 80-81 and 8080'],
  ];
  for (const [spec, message] of errors) {
    test(`${JSON.stringify(spec)} fails: ${message}`, () => {
      assert.throws(() => parsePortSpec(spec), (error: Error) => error instanceof PortSpecError && error.message === message);
    });
  }
});

suite('ports: parsePortSpecs', () => {
  test('collects exposed ports and accumulates bindings per container port', () => {
    assert.deepStrictEqual(parsePortSpecs(['8080:80', '127.0.0.1:8081:80', '53/udp']), {
      exposedPorts: { '80/tcp': {}, '53/udp': {} },
      bindings: {
        '80/tcp': [{ HostIp: '', HostPort: '8080' }, { HostIp: '127.0.0.1', HostPort: '8081' }],
        '53/udp': [{ HostIp: '', HostPort: '' }],
      },
    });
  });

  test('the first bad spec fails the whole list', () => {
    assert.throws(() => parsePortSpecs(['80', 'abc']), /invalid containerPort: abc/);
  });
});

suite('ports: pieces', () => {
  // go-connections TestSplitProtoPort.
  const splits: [string, [string, string]][] = [
    ['1234/tcp', ['tcp', '1234']],
    ['1234/udp', ['udp', '1234']],
    ['1234', ['tcp', '1234']],
    ['1234/', ['tcp', '1234']],
    ['/tcp', ['', '']],
    ['', ['', '']],
  ];
  for (const [raw, expected] of splits) {
    test(`splitProtoPort(${JSON.stringify(raw)})`, () => {
      assert.deepStrictEqual(splitProtoPort(raw), expected);
    });
  }

  test('parsePortRange gives strconv/go-connections messages (quoted by --expose)', () => {
    assert.deepStrictEqual(parsePortRange('8000-9000'), [8000, 9000]);
    assert.throws(() => parsePortRange(''), /^PortSpecError: empty string specified for ports$/);
    assert.throws(() => parsePortRange('x'), /strconv\.ParseUint: parsing "x": invalid syntax/);
    assert.throws(() => parsePortRange('70000'), /strconv\.ParseUint: parsing "70000": value out of range/);
    assert.throws(() => parsePortRange('9-8'), /invalid range specified for port: 9-8/);
  });

  // Go net.ParseIP (netip rules since Go 1.22).
  const ips: [string, boolean][] = [
    ['127.0.0.1', true], ['0.0.0.0', true], ['255.255.255.255', true], ['256.0.0.1', false], ['01.2.3.4', false], ['1.2.3', false],
    ['::', true], ['::1', true], ['1:2:3:4:5:6:7:8', true], ['1:2:3:4:5:6:7::', true], ['::ffff:1.2.3.4', true],
    ['1:2:3:4:5:6:1.2.3.4', true], ['1:2:3:4:5:1.2.3.4', false], ['1::2::3', false], [':::', false],
    ['00000::1', false], ['1:2:3:4:5:6:7:8:9', false], ['fe80::1%eth0', false], ['localhost', false], ['', false],
  ];
  for (const [ip, valid] of ips) {
    test(`isValidIp(${JSON.stringify(ip)}) is ${valid}`, () => {
      assert.strictEqual(isValidIp(ip), valid);
    });
  }

  test('--publish long syntax converts to the short one (docker/cli convertToStandardNotation)', () => {
    assert.deepStrictEqual(
      convertToStandardNotation(['published=8080,target=80', 'target=53,published=53,protocol=udp', '9000:9000']),
      ['8080:80/tcp', '53:53/udp', '9000:9000'],
    );
    assert.throws(() => convertToStandardNotation(['a=b,c']), /^PortSpecError: invalid publish opts format \(should be name=value but got 'c'\)$/);
    assert.throws(() => convertToStandardNotation(['=b']), /got '=b'/);
  });
});

suite('ports: displayablePorts (docker ps PORTS)', () => {
  const tcp = (PrivatePort: number, IP?: string, PublicPort?: number): PortSummaryInput => ({ PrivatePort, IP, PublicPort, Type: 'tcp' });
  const udp = (PrivatePort: number, IP?: string, PublicPort?: number): PortSummaryInput => ({ PrivatePort, IP, PublicPort, Type: 'udp' });

  // Cases from docker/cli v28.2.2 TestDisplayablePorts, plus what `-p 8080:80` shows on a dual-stack daemon.
  const cases: [string, PortSummaryInput[], string][] = [
    ['an exposed port', [tcp(9988)], '9988/tcp'],
    ['an exposed udp port', [udp(9988)], '9988/udp'],
    ['an IP with no public port', [tcp(9988, '0.0.0.0')], '0.0.0.0:0->9988/tcp'],
    ['IPv6 gets brackets', [tcp(9988, '::')], '[::]:0->9988/tcp'],
    ['a public port without IP is not shown', [tcp(9988, undefined, 8899)], '9988/tcp'],
    ['a published port', [tcp(9988, '4.3.2.1', 8899)], '4.3.2.1:8899->9988/tcp'],
    ['a published IPv6 port', [tcp(9988, '::1', 8899)], '[::1]:8899->9988/tcp'],
    ['public == private', [tcp(9988, '4.3.2.1', 9988)], '4.3.2.1:9988->9988/tcp'],
    ['duplicates stay', [udp(9988), udp(9988)], '9988/udp, 9988/udp'],
    ['a same-number range collapses', [udp(9998, '1.2.3.4', 9998), udp(9999, '1.2.3.4', 9999)], '1.2.3.4:9998-9999->9998-9999/udp'],
    ['an IPv6 same-number range collapses', [udp(9998, '::1', 9998), udp(9999, '::1', 9999)], '[::1]:9998-9999->9998-9999/udp'],
    ['a shifted range does not collapse', [udp(9998, '1.2.3.4', 8887), udp(9999, '1.2.3.4', 8888)], '1.2.3.4:8887->9998/udp, 1.2.3.4:8888->9999/udp'],
    ['an exposed range collapses', [udp(9998), udp(9999)], '9998-9999/udp'],
    ['groups come before shifted mappings', [tcp(6677, '1.2.3.4', 7766), udp(9988, undefined, 8899)], '9988/udp, 1.2.3.4:7766->6677/tcp'],
    [
      'shifted mappings are sorted by private port, then IP',
      [udp(9988, '1.2.3.4', 8899), tcp(9988, '1.2.3.4', 8899), tcp(2233, '4.3.2.1', 3322), tcp(2233, '::1', 3322)],
      '4.3.2.1:3322->2233/tcp, [::1]:3322->2233/tcp, 1.2.3.4:8899->9988/tcp, 1.2.3.4:8899->9988/udp',
    ],
    [
      'many kinds at once',
      [
        tcp(80), tcp(1024), udp(80), udp(1024),
        tcp(1024, '1.1.1.1', 80), udp(1024, '1.1.1.1', 80), tcp(80, '1.1.1.1', 1024), udp(80, '1.1.1.1', 1024),
        tcp(1024, '2.1.1.1', 80), udp(1024, '2.1.1.1', 80), tcp(80, '2.1.1.1', 1024), udp(80, '2.1.1.1', 1024),
        { PrivatePort: 12345, Type: 'sctp' },
      ],
      '80/tcp, 80/udp, 1024/tcp, 1024/udp, 12345/sctp, 1.1.1.1:1024->80/tcp, 1.1.1.1:1024->80/udp, 2.1.1.1:1024->80/tcp, 2.1.1.1:1024->80/udp, 1.1.1.1:80->1024/tcp, 1.1.1.1:80->1024/udp, 2.1.1.1:80->1024/tcp, 2.1.1.1:80->1024/udp',
    ],
    ['-p 8080:80 on IPv4 and IPv6', [tcp(80, '0.0.0.0', 8080), tcp(80, '::', 8080)], '0.0.0.0:8080->80/tcp, [::]:8080->80/tcp'],
    ['-p 8000-8001:80-81 lists each port', [tcp(80, '0.0.0.0', 8000), tcp(81, '0.0.0.0', 8001)], '0.0.0.0:8000->80/tcp, 0.0.0.0:8001->81/tcp'],
    ['-p 8000-8001:8000-8001 collapses', [tcp(8000, '0.0.0.0', 8000), tcp(8001, '0.0.0.0', 8001)], '0.0.0.0:8000-8001->8000-8001/tcp'],
    // docker/cli quirk: a group closed by a gap is written at once, groups still open at the end follow in creation order.
    ['a gap closes a group early', [tcp(80), tcp(81), tcp(83), udp(53)], '80-81/tcp, 53/udp, 83/tcp'],
    ['nothing', [], ''],
  ];
  for (const [what, ports, expected] of cases) {
    test(`${what}: ${expected.slice(0, 60)}`, () => {
      assert.strictEqual(displayablePorts(ports), expected);
    });
  }

  test('does not reorder the caller\'s array', () => {
    const ports = [tcp(81), tcp(80)];
    displayablePorts(ports);
    assert.deepStrictEqual(ports.map((p) => p.PrivatePort), [81, 80]);
  });
});
