import * as assert from 'node:assert';
import { archiveSize } from '../../../../src/cli/commands/archiveSize';
import { posixPath } from '../../../../src/engine/util/posixPath';
import type { ArchiveEntry } from '../../../../src/engine/Engine';
import { MemoryHostFiles } from '../../helpers/MemoryHostFiles';
import { TestLab } from '../../helpers/TestLab';

const CWD = '/home/learner/lab';

/** What cp.go's copyProgress writes to stderr on a terminal around its closing line. */
function progress(header: 'to' | 'from', closing: string): string {
  return `\x1b[sPreparing to copy...\x1b[?25l\x1b[u\x1b[2KCopying ${header} container - 0B\x1b[?25h\x1b[u\x1b[2K${closing}\n`;
}

/** A lab with a running `web` (nginx:alpine) and a host with a page and a small site. */
async function labWithWeb(options: { tty?: boolean } = {}): Promise<{ lab: TestLab; host: MemoryHostFiles }> {
  const host = new MemoryHostFiles(CWD, {
    'index.html': '<h1>hello</h1>\n',
    'site/a.txt': 'a\n',
    'site/b/c.txt': 'c\n',
  });
  const lab = new TestLab({ hostFiles: host, tty: options.tty });
  await lab.ok('run', '-d', '--name', 'web', 'nginx:alpine');
  return { lab, host };
}

const silent = { stdout: '', stderr: '', code: 0 };

/** What nginx itself writes at start-up (default.conf's IPv6 edit, its pid file, its temp directories): not the copy's doing. */
const NGINX_START_UP = new Set([
  'C /etc', 'C /etc/nginx', 'C /etc/nginx/conf.d', 'C /etc/nginx/conf.d/default.conf', 'C /run', 'A /run/nginx.pid',
  'C /var', 'C /var/cache', 'C /var/cache/nginx', 'A /var/cache/nginx/client_temp', 'A /var/cache/nginx/fastcgi_temp',
  'A /var/cache/nginx/proxy_temp', 'A /var/cache/nginx/scgi_temp', 'A /var/cache/nginx/uwsgi_temp',
]);

/** docker diff's lines without nginx's own start-up changes. */
function withoutStartUp(diff: string): string {
  return diff.split('\n').filter((line) => !NGINX_START_UP.has(line)).join('\n');
}

suite('docker cp', () => {
  suite('host to container', () => {
    test('a file into an existing directory keeps its name; without a terminal nothing is printed', async () => {
      const { lab } = await labWithWeb();
      assert.deepStrictEqual(await lab.docker('cp', 'index.html', 'web:/usr/share/nginx/html/'), silent);
      assert.strictEqual(await lab.ok('exec', 'web', 'cat', '/usr/share/nginx/html/index.html'), '<h1>hello</h1>\n');
      assert.strictEqual(withoutStartUp(await lab.ok('diff', 'web')), 'C /usr\nC /usr/share\nC /usr/share/nginx\nC /usr/share/nginx/html\nC /usr/share/nginx/html/index.html\n');
    });

    test('on a terminal: the progress, then "Successfully copied" with the tar stream\'s size and the destination as given', async () => {
      const { lab } = await labWithWeb({ tty: true });
      // 512 header + 512 content + 1,024 end = 2,048 bytes.
      assert.deepStrictEqual(await lab.docker('cp', 'index.html', 'web:/usr/share/nginx/html/'), {
        stdout: '',
        stderr: progress('to', 'Successfully copied 2.05kB to web:/usr/share/nginx/html/'),
        code: 0,
      });
      assert.deepStrictEqual(await lab.docker('container', 'cp', '-q', 'index.html', 'web:/tmp/'), silent);
    });

    test('--quiet=false without a terminal: no progress drawing, but the closing line', async () => {
      const { lab } = await labWithWeb();
      assert.deepStrictEqual(await lab.docker('cp', '--quiet=false', 'index.html', 'web:/tmp/'), { stdout: '', stderr: 'Successfully copied 2.05kB to web:/tmp/\n', code: 0 });
    });

    test('a file to a new name, and over an existing file', async () => {
      const { lab } = await labWithWeb();
      await lab.ok('cp', 'index.html', 'web:/tmp/page.html');
      await lab.ok('cp', 'site/a.txt', 'web:/tmp/page.html');
      assert.strictEqual(await lab.ok('exec', 'web', 'cat', '/tmp/page.html'), 'a\n');
    });

    test('a directory, recursively: created under the new name, or inside an existing directory', async () => {
      const { lab } = await labWithWeb({ tty: true });
      const copied = await lab.docker('cp', 'site', 'web:/srv/www');
      // site/, a.txt, b/, b/c.txt: 4 headers, 2 padded contents, and the end.
      assert.strictEqual(copied.stderr, progress('to', 'Successfully copied 4.1kB to web:/srv/www'));
      await lab.ok('cp', 'site', 'web:/srv/www');
      assert.strictEqual(withoutStartUp(await lab.ok('diff', 'web')), [
        'C /srv', 'A /srv/www', 'A /srv/www/a.txt', 'A /srv/www/b', 'A /srv/www/b/c.txt',
        'A /srv/www/site', 'A /srv/www/site/a.txt', 'A /srv/www/site/b', 'A /srv/www/site/b/c.txt', '',
      ].join('\n'));
    });

    test('dir/. copies what is in the directory, not the directory', async () => {
      const { lab } = await labWithWeb();
      await lab.ok('cp', 'site/.', 'web:/tmp');
      assert.strictEqual(withoutStartUp(await lab.ok('diff', 'web')), 'C /tmp\nA /tmp/a.txt\nA /tmp/b\nA /tmp/b/c.txt\n');
    });

    test('a symlink is copied as a link; -L copies what it points to under the link\'s name', async () => {
      const { lab, host } = await labWithWeb();
      host.link('latest', 'site/a.txt');
      await lab.ok('cp', 'latest', 'web:/tmp/link');
      await lab.ok('cp', '-L', 'latest', 'web:/tmp/');
      assert.match(await lab.ok('exec', 'web', 'ls', '-l', '/tmp/link'), / \/tmp\/link -> site\/a\.txt\n$/);
      assert.strictEqual(await lab.ok('exec', 'web', 'cat', '/tmp/latest'), 'a\n');
    });

    test('a local path with a colon is taken for a container unless it starts with . or /', async () => {
      const { lab, host } = await labWithWeb();
      host.add('a:b.txt', 'colon\n');
      await lab.ok('cp', './a:b.txt', 'web:/tmp/');
      assert.strictEqual(await lab.ok('exec', 'web', 'cat', '/tmp/a:b.txt'), 'colon\n');
      assert.deepStrictEqual(await lab.docker('cp', 'a:b.txt', 'web:/tmp/'), { stdout: '', stderr: 'copying between containers is not supported\n', code: 1 });
    });

    test('errors: a missing source, a file for a directory that does not exist, a directory over a file', async () => {
      const { lab } = await labWithWeb();
      assert.deepStrictEqual(await lab.docker('cp', 'nosuch.txt', 'web:/tmp'), { stdout: '', stderr: `lstat ${CWD}/nosuch.txt: no such file or directory\n`, code: 1 });
      assert.deepStrictEqual(await lab.docker('cp', 'index.html/', 'web:/tmp'), { stdout: '', stderr: `lstat ${CWD}/index.html/: not a directory\n`, code: 1 });
      assert.deepStrictEqual(await lab.docker('cp', 'index.html', 'web:/nonexistent/'), { stdout: '', stderr: 'no such directory\n', code: 1 });
      assert.deepStrictEqual(await lab.docker('cp', 'site', 'web:/etc/hosts'), { stdout: '', stderr: 'cannot copy directory\n', code: 1 });
    });

    test('errors from the daemon: a missing parent directory, and a directory in the way of a file', async () => {
      const { lab, host } = await labWithWeb();
      assert.deepStrictEqual(await lab.docker('cp', 'index.html', 'web:/nonexistent/page.html'), {
        stdout: '',
        stderr: 'Error response from daemon: Could not find the file /nonexistent in container web\n',
        code: 1,
      });
      host.add('conf.d', 'not a directory\n');
      assert.deepStrictEqual(await lab.docker('cp', 'conf.d', 'web:/etc/nginx/'), {
        stdout: '',
        stderr: 'Error response from daemon: cannot overwrite directory "/etc/nginx/conf.d" with non-directory "/etc/nginx"\n',
        code: 1,
      });
    });

    test('a container that does not exist: found out only when the archive is sent, after the progress line', async () => {
      const { lab } = await labWithWeb({ tty: true });
      assert.deepStrictEqual(await lab.docker('cp', 'index.html', 'nope:/tmp'), {
        stdout: '',
        stderr: `${progress('to', 'Successfully copied 2.05kB to nope:/tmp')}Error response from daemon: No such container: nope\n`,
        code: 1,
      });
    });

    test('- (a tar archive on stdin): the destination must be a directory, then the lab says it is not simulated', async () => {
      const { lab } = await labWithWeb();
      assert.deepStrictEqual(await lab.docker('cp', '-', 'web:/etc/hosts'), { stdout: '', stderr: 'destination "web:/etc/hosts" must be a directory\n', code: 1 });
      const result = await lab.docker('cp', '-', 'web:/tmp');
      assert.strictEqual(result.code, 1);
      assert.match(result.stderr, /^Docker Lab: docker cp with - \(a tar archive on standard input or output\) is not simulated/);
    });
  });

  suite('container to host', () => {
    test('a file into the working directory; on a terminal the destination is printed absolute, with its /.', async () => {
      const { lab, host } = await labWithWeb({ tty: true });
      assert.deepStrictEqual(await lab.docker('cp', 'web:/usr/share/nginx/html/50x.html', '.'), {
        stdout: '',
        stderr: progress('from', `Successfully copied 2.05kB to ${CWD}/.`),
        code: 0,
      });
      const copied = host.get('50x.html');
      assert.ok(copied?.type === 'file' && copied.content.startsWith('<!DOCTYPE html>') && copied.mode === 0o644);
    });

    test('a directory, recursively, to a new name and then into it', async () => {
      const { lab, host } = await labWithWeb();
      assert.deepStrictEqual(await lab.docker('cp', 'web:/usr/share/nginx/html', 'html'), silent);
      await lab.ok('cp', 'web:/usr/share/nginx/html', 'html');
      assert.deepStrictEqual(host.list('html'), [`${CWD}/html/50x.html`, `${CWD}/html/html`, `${CWD}/html/html/50x.html`, `${CWD}/html/html/index.html`, `${CWD}/html/index.html`]);
    });

    test('a file over an existing file, and to a new name', async () => {
      const { lab, host } = await labWithWeb();
      await lab.ok('cp', 'web:/etc/hostname', 'index.html');
      await lab.ok('cp', 'web:/etc/hostname', 'site/name');
      assert.deepStrictEqual(host.get('index.html'), { type: 'file', content: 'a08ff49b6f77\n', mode: 0o644 });
      assert.deepStrictEqual(host.get('site/name'), { type: 'file', content: 'a08ff49b6f77\n', mode: 0o644 });
    });

    test('a file the lab knows only by its size is written with a note saying so', async () => {
      const { lab, host } = await labWithWeb();
      await lab.ok('cp', 'web:/bin/busybox', 'busybox');
      const copied = host.get('busybox');
      assert.ok(copied?.type === 'file');
      assert.match(copied.content, /^Docker Lab knows this file's size \(\d+ bytes\) but not its contents\.\n$/);
    });

    test('a link comes out as a link; -L follows it and keeps the name asked for', async () => {
      const { lab, host } = await labWithWeb();
      await lab.ok('cp', 'site/a.txt', 'web:/tmp/a.txt');
      host.link('pointer', 'a.txt').link('dangling', 'site/a.txt');
      await lab.ok('cp', 'pointer', 'web:/tmp/pointer');
      await lab.ok('cp', 'dangling', 'web:/tmp/dangling');
      await lab.ok('cp', 'web:/tmp/pointer', 'out-link');
      await lab.ok('cp', '-L', 'web:/tmp/pointer', 'out-file');
      assert.deepStrictEqual(host.get('out-link'), { type: 'symlink', target: 'a.txt' });
      assert.deepStrictEqual(host.get('out-file'), { type: 'file', content: 'a\n', mode: 0o644 });
      // The link is relative to /tmp in the container: -L asks for /tmp/site/a.txt, which is not there.
      assert.deepStrictEqual(await lab.docker('cp', '-L', 'web:/tmp/dangling', 'out'), {
        stdout: '',
        stderr: 'Error response from daemon: Could not find the file /tmp/site/a.txt in container web\n',
        code: 1,
      });
    });

    test('errors: missing in the container, a file asked for as a directory, output directory missing', async () => {
      const { lab } = await labWithWeb();
      assert.deepStrictEqual(await lab.docker('cp', 'web:/nope', '.'), { stdout: '', stderr: 'Error response from daemon: Could not find the file /nope in container web\n', code: 1 });
      assert.deepStrictEqual(await lab.docker('cp', 'web:/etc/hosts/', '.'), { stdout: '', stderr: 'Error response from daemon: lstat /etc/hosts/: not a directory\n', code: 1 });
      assert.deepStrictEqual(await lab.docker('cp', 'web:/etc/hosts', 'nodir/hosts'), { stdout: '', stderr: `invalid output path: directory "${CWD}/nodir" does not exist\n`, code: 1 });
      assert.deepStrictEqual(await lab.docker('cp', 'nope:/etc/hosts', '.'), { stdout: '', stderr: 'Error response from daemon: No such container: nope\n', code: 1 });
    });

    test('errors of the copy rules, after the progress line: no such directory, a directory over a file, a file over a directory', async () => {
      const { lab } = await labWithWeb({ tty: true });
      assert.deepStrictEqual(await lab.docker('cp', 'web:/etc/hosts', 'newdir/'), {
        stdout: '',
        stderr: `${progress('from', `Successfully copied 0B to ${CWD}/newdir/`)}no such directory\n`,
        code: 1,
      });
      assert.strictEqual((await lab.docker('cp', 'web:/usr/share/nginx/html', 'index.html')).stderr.split('\n').slice(-2).join('\n'), 'cannot copy directory\n');
      await lab.ok('exec', 'web', 'sh', '-c', 'echo x > /tmp/site');
      assert.strictEqual((await lab.docker('cp', 'web:/tmp/site', '.')).stderr.split('\n').slice(-2).join('\n'), `cannot overwrite directory "${CWD}/site" with non-directory "${CWD}"\n`);
    });

    test('- (a tar archive on stdout) is not simulated, once the source is found', async () => {
      const { lab } = await labWithWeb();
      assert.deepStrictEqual(await lab.docker('cp', 'web:/nope', '-'), { stdout: '', stderr: 'Error response from daemon: Could not find the file /nope in container web\n', code: 1 });
      const result = await lab.docker('cp', 'web:/etc/hosts', '-');
      assert.strictEqual(result.code, 1);
      assert.match(result.stderr, /is not simulated; give a path instead\.\n$/);
    });
  });

  test('the client\'s own errors: empty arguments, no container, two containers', async () => {
    const { lab } = await labWithWeb();
    const error = (message: string) => ({ stdout: '', stderr: `${message}\n`, code: 1 });
    assert.deepStrictEqual(await lab.docker('cp', '', 'web:/tmp'), error('source can not be empty'));
    assert.deepStrictEqual(await lab.docker('cp', 'index.html', ''), error('destination can not be empty'));
    assert.deepStrictEqual(await lab.docker('cp', 'index.html', 'copy.html'), error('must specify at least one container source'));
    assert.deepStrictEqual(await lab.docker('cp', ':/x', '.'), error('must specify at least one container source'));
    assert.deepStrictEqual(await lab.docker('cp', 'web:/etc/hosts', 'web:/tmp/'), error('copying between containers is not supported'));
    assert.deepStrictEqual(await lab.docker('cp', ' :/etc/hosts', '.'), error('invalid container name or ID: value is empty'));
  });

  test('usage: exactly two arguments, as docker 28.2.2 says', async () => {
    const { lab } = await labWithWeb();
    assert.deepStrictEqual(await lab.docker('cp', 'a'), {
      stdout: '',
      stderr: "docker: 'docker cp' requires 2 arguments\n\nUsage:  docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH\n\nRun 'docker cp --help' for more information\n",
      code: 1,
    });
  });

  test('without the host\'s files (a lab with none) the lab says plainly they are not available', async () => {
    const lab = new TestLab();
    await lab.ok('run', '-d', '--name', 'web', 'nginx:alpine');
    const expected = { stdout: '', stderr: 'Docker Lab: docker cp copies to and from the host\'s files, and they are not available here.\n', code: 1 };
    assert.deepStrictEqual(await lab.docker('cp', 'web:/etc/hosts', '.'), expected);
    assert.deepStrictEqual(await lab.docker('cp', 'index.html', 'web:/tmp'), expected);
  });

  suite('the size "Successfully copied" counts: the tar stream', () => {
    const file = (name: string, size: number): ArchiveEntry => [name, { kind: 'file', mode: 0o644, size }];
    const cases: [string, ArchiveEntry[], number][] = [
      ['an empty file: a header and the end', [file('a', 0)], 1536],
      ['512 bytes fill one block', [file('a', 512)], 2048],
      ['513 bytes need two', [file('a', 513)], 2560],
      ['a directory with a file', [['d', { kind: 'dir', mode: 0o755 }], file('d/a', 3)], 2560],
      ['a symlink is a header', [['l', { kind: 'symlink', target: 'a' }]], 1536],
      ['a 100-byte name fits the ustar field', [file('n'.repeat(100), 1)], 2048],
      ['a longer name needs a PAX header first', [file('n'.repeat(101), 1)], 3072],
      ['so does a name that is not ASCII', [file('café', 1)], 3072],
      ['a directory\'s trailing slash counts: 100 characters become 101', [['d'.repeat(100), { kind: 'dir', mode: 0o755 }]], 2560],
    ];
    for (const [what, entries, size] of cases) {
      test(what, () => assert.strictEqual(archiveSize(entries), size));
    }
  });

  suite('paths as filepath and go-archive handle them', () => {
    const cleanCases: [string, string][] = [['', '.'], ['/', '/'], ['a/./b/', 'a/b'], ['/a/../..', '/'], ['../a', '../a'], ['a//b', 'a/b']];
    for (const [path, cleaned] of cleanCases) test(`Clean(${JSON.stringify(path)}) is ${JSON.stringify(cleaned)}`, () => assert.strictEqual(posixPath.clean(path), cleaned));

    const splitCases: [string, [string, string]][] = [['/a/b', ['/a', 'b']], ['/a/b/', ['/a', 'b']], ['/a/b/.', ['/a/b', '.']], ['b', ['.', 'b']], ['/', ['/', '/']]];
    for (const [path, split] of splitCases) test(`SplitPathDirEntry(${JSON.stringify(path)})`, () => assert.deepStrictEqual(posixPath.splitPathDirEntry(path), split));

    const preserveCases: [string, string, string][] = [['/w', '.', '/w/.'], ['/w/d', 'd/', '/w/d/'], ['/w/d', 'd/.', '/w/d/.'], ['/w/d', 'd', '/w/d'], ['/', '/', '/']];
    for (const [cleaned, original, result] of preserveCases) {
      test(`PreserveTrailingDotOrSeparator(${JSON.stringify(cleaned)}, ${JSON.stringify(original)})`, () => assert.strictEqual(posixPath.preserveTrailingDotOrSeparator(cleaned, original), result));
    }
  });
});
