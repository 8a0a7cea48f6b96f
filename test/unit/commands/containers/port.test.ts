import * as assert from 'node:assert';
import { port } from '../../../../src/cli/commands/port';
import { Lab } from './lab';

async function web(): Promise<Lab> {
  const lab = await Lab.with('nginx:1.28.0');
  lab.create('web', {
    Image: 'nginx:1.28.0',
    ExposedPorts: { '9000/tcp': {} },
    HostConfig: {
      PortBindings: {
        '80/tcp': [{ HostIp: '', HostPort: '8080' }],
        '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '8443' }],
        '53/udp': [{ HostIp: '', HostPort: '5353' }],
      },
    },
  });
  return lab;
}

suite('docker port', () => {
  test('lists every binding in natural order, IPv6 in brackets; an exposed port without binding is left out', async () => {
    const lab = await web();

    const result = await lab.run(port, ['web']);

    assert.deepStrictEqual(result, {
      status: 0,
      stdout: '53/udp -> 0.0.0.0:5353\n53/udp -> [::]:5353\n80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n443/tcp -> 127.0.0.1:8443\n',
      stderr: '',
    });
  });

  test('one port: just the host addresses; tcp unless another protocol is named', async () => {
    const lab = await web();

    assert.deepStrictEqual(await lab.run(port, ['web', '80']), { status: 0, stdout: '0.0.0.0:8080\n[::]:8080\n', stderr: '' });
    assert.deepStrictEqual(await lab.run(port, ['web', '53/udp']), { status: 0, stdout: '0.0.0.0:5353\n[::]:5353\n', stderr: '' });
  });

  test('a port that is not published is the client\'s error, naming the port and container as given', async () => {
    const lab = await web();

    assert.deepStrictEqual(await lab.run(port, ['web', '81']), { status: 1, stdout: '', stderr: "Error: No public port '81' published for web\n" });
    assert.deepStrictEqual(await lab.run(port, ['web', '53/tcp']), { status: 1, stdout: '', stderr: "Error: No public port '53/tcp' published for web\n" });
    assert.deepStrictEqual(await lab.run(port, ['web', '9000']), { status: 1, stdout: '', stderr: "Error: No public port '9000' published for web\n" });
  });

  test('a port that is not a 16-bit number: strconv\'s words', async () => {
    const lab = await web();

    assert.strictEqual((await lab.run(port, ['web', 'http'])).stderr, 'Error: invalid port (http): strconv.ParseUint: parsing "http": invalid syntax\n');
    assert.strictEqual((await lab.run(port, ['web', '70000/tcp'])).stderr, 'Error: invalid port (70000): strconv.ParseUint: parsing "70000": value out of range\n');
  });

  test('a stopped container has no bindings: nothing listed, no error', async () => {
    const lab = await web();
    await lab.clock.settle(lab.engine.containerStop('web'));

    assert.deepStrictEqual(await lab.run(port, ['web']), { status: 0, stdout: '', stderr: '' });
  });

  test('a missing container is the daemon\'s 404', async () => {
    const lab = await Lab.with('alpine:latest');
    assert.deepStrictEqual(await lab.run(port, ['nope']), { status: 1, stdout: '', stderr: 'Error response from daemon: No such container: nope\n' });
  });
});
