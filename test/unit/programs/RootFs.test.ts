import * as assert from 'node:assert';
import programsData from '../../../src/engine/data/programs.json';
import { findProgram } from '../../../src/engine/programs/ProgramTable';
import { buildRootFs } from '../../../src/engine/programs/RootFs';
import type { BaseFamily } from '../../../src/engine/Registry';
import { DEFAULT_PATH } from './FakeProcess';

const options = { hostname: 'abc123def456', env: [], ipAddress: '172.17.0.3' };

function read(family: BaseFamily, image: string, path: string): string | undefined {
  const fs = buildRootFs(family, image, options);
  let entry = fs.readFile(path);
  while (entry?.type === 'symlink') {
    const target: string = entry.target ?? '';
    entry = fs.readFile(target.startsWith('/') ? target : `${path.slice(0, path.lastIndexOf('/'))}/${target}`);
  }
  return entry?.content;
}

suite('programs: RootFs', () => {
  test('/etc/hostname and /etc/hosts as docker writes them', () => {
    assert.strictEqual(read('alpine', 'alpine', '/etc/hostname'), 'abc123def456\n');
    assert.strictEqual(read('debian', 'nginx:1.28.0', '/etc/hosts'),
      '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\n'
      + 'ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n172.17.0.3\tabc123def456\n');
    const none = buildRootFs('alpine', 'alpine', { hostname: 'h', env: [] }).readFile('/etc/hosts');
    assert.ok(!none?.content?.includes('\th\n'), 'no own line without an address');
  });

  // [family, image, the PRETTY_NAME its os-release must carry]
  const releases: [BaseFamily, string, string][] = [
    ['alpine', 'alpine:latest', 'PRETTY_NAME="Alpine Linux v3.24"'],
    ['alpine', 'alpine:3.21', 'PRETTY_NAME="Alpine Linux v3.21"'],
    ['alpine', 'nginx:alpine', 'PRETTY_NAME="Alpine Linux v3.24"'],
    ['debian', 'debian:bookworm-slim', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"'],
    ['debian', 'nginx:1.28.0', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"'],
    ['debian', 'debian:trixie-slim', 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"'],
    ['debian', 'nginx:latest', 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"'],
    ['ubuntu', 'ubuntu:24.04', 'PRETTY_NAME="Ubuntu 24.04.5 LTS"'],
    ['ubuntu', 'ubuntu:latest', 'PRETTY_NAME="Ubuntu 26.04 LTS"'],
    ['oraclelinux', 'mysql:latest', 'PRETTY_NAME="Oracle Linux Server 9.7"'],
  ];
  for (const [family, image, pretty] of releases) {
    test(`${image}: /etc/os-release says ${pretty}`, () => {
      assert.ok(read(family, image, '/etc/os-release')?.split('\n').includes(pretty));
    });
  }

  test('alpine 3.24\'s os-release, whole', () => {
    assert.strictEqual(read('alpine', 'alpine', '/etc/os-release'),
      'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.24.2\nPRETTY_NAME="Alpine Linux v3.24"\n'
      + 'HOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n');
  });

  test('busybox and hello-world have no os-release', () => {
    assert.strictEqual(buildRootFs('busybox', 'busybox', options).readFile('/etc/os-release'), undefined);
    assert.strictEqual(buildRootFs('scratch', 'hello-world', options).readFile('/etc/os-release'), undefined);
  });

  test('the top of / per family (without the hidden .dockerenv)', () => {
    const top = (family: BaseFamily, image: string) => buildRootFs(family, image, options).readDir('/')?.filter((n) => !n.startsWith('.'));
    assert.deepStrictEqual(top('scratch', 'hello-world'), ['dev', 'etc', 'hello', 'proc', 'sys']);
    assert.deepStrictEqual(top('alpine', 'alpine'), ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']);
    assert.deepStrictEqual(top('busybox', 'busybox'), ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']);
    assert.deepStrictEqual(top('debian', 'debian:bookworm-slim'), ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']);
    assert.ok(top('debian', 'nginx:1.28.0')?.includes('docker-entrypoint.sh'));
    assert.ok(buildRootFs('alpine', 'alpine', options).readDir('/')?.includes('.dockerenv'));
  });

  test('nginx images carry their default files, index.html per version', () => {
    const files = programsData.nginx.files;
    assert.strictEqual(read('debian', 'nginx:1.28.0', '/usr/share/nginx/html/index.html'), files['/usr/share/nginx/html/index.html']['nginx:1.28.0'].content);
    assert.strictEqual(read('alpine', 'nginx:alpine', '/usr/share/nginx/html/index.html'), files['/usr/share/nginx/html/index.html']['nginx:latest and nginx:alpine (1.31.x)'].content);
    assert.strictEqual(read('debian', 'nginx:latest', '/usr/share/nginx/html/50x.html'), files['/usr/share/nginx/html/50x.html'].all.content);
    assert.strictEqual(read('debian', 'nginx:1.28.0', '/etc/nginx/conf.d/default.conf'), files['/etc/nginx/conf.d/default.conf'].content);
    assert.strictEqual(read('debian', 'nginx:1.28.0', '/etc/nginx/nginx.conf'), files['/etc/nginx/nginx.conf'].content);
    assert.strictEqual(buildRootFs('alpine', 'alpine', options).readFile('/etc/nginx/nginx.conf'), undefined);
  });

  test('hello-world has /hello and nothing to list in /bin', () => {
    const fs = buildRootFs('scratch', 'hello-world', options);
    assert.strictEqual(fs.readFile('/hello')?.type, 'file');
    assert.strictEqual(fs.readDir('/bin'), undefined);
  });

  test('merged /usr: /bin is a symlink to usr/bin on debian and lists the same names', () => {
    const fs = buildRootFs('debian', 'debian:bookworm-slim', options);
    assert.deepStrictEqual(fs.readFile('/bin'), { type: 'symlink', target: 'usr/bin', mode: 0o777 });
    assert.deepStrictEqual(fs.readDir('/bin'), fs.readDir('/usr/bin'));
    assert.strictEqual(fs.readFile('/bin/ls')?.type, 'file');
  });

  // Everything `ls /bin` shows must be runnable, and the shells must be there or not as findProgram says.
  const listings: [BaseFamily, string, string][] = [
    ['alpine', 'alpine', '/bin'], ['alpine', 'alpine', '/usr/bin'], ['alpine', 'alpine', '/sbin'],
    ['busybox', 'busybox', '/bin'], ['debian', 'debian:bookworm-slim', '/usr/bin'], ['ubuntu', 'ubuntu:24.04', '/bin'],
    ['debian', 'nginx:1.28.0', '/usr/sbin'], ['debian', 'redis:latest', '/usr/local/bin'],
  ];
  for (const [family, image, directory] of listings) {
    test(`${image}: every entry of ${directory} is a program findProgram finds`, () => {
      const names = buildRootFs(family, image, options).readDir(directory) ?? [];
      assert.ok(names.length > 0);
      for (const name of names) assert.ok(findProgram(family, image, `${directory}/${name}`, DEFAULT_PATH), `${directory}/${name}`);
    });
  }

  test('alpine has /bin/sh (a symlink to busybox) but no bash anywhere', () => {
    const fs = buildRootFs('alpine', 'alpine', options);
    assert.deepStrictEqual(fs.readFile('/bin/sh'), { type: 'symlink', target: '/bin/busybox', mode: 0o777 });
    for (const directory of ['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin']) {
      assert.ok(!(fs.readDir(directory) ?? []).includes('bash'), directory);
    }
  });
});
