import * as assert from 'node:assert';
import programsData from '../../../src/engine/data/programs.json';
import { FakeProcess } from './FakeProcess';

const ENTRYPOINT_LINES = programsData.nginx.entrypoint.defaultStartLines.map((line) => `${line}\n`).join('');
const INDEX_1_28 = programsData.nginx.files['/usr/share/nginx/html/index.html']['nginx:1.28.0'].content;

/** `docker run nginx:1.28.0`: the entrypoint with the image's default command. */
function startNginx(options: Partial<ConstructorParameters<typeof FakeProcess>[0]> = {}): FakeProcess {
  return new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], ...options }).start();
}

suite('programs: nginx image', () => {
  test('first start: the entrypoint\'s 9 lines on stdout, nginx\'s notices on stderr (UTC, 1#1, host kernel, one worker per CPU from pid 29)', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    assert.strictEqual(nginx.stdout, ENTRYPOINT_LINES);
    assert.strictEqual(nginx.stderr, [
      '2026/11/24 09:00:00 [notice] 1#1: using the "epoll" event method',
      '2026/11/24 09:00:00 [notice] 1#1: nginx/1.28.0',
      '2026/11/24 09:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
      '2026/11/24 09:00:00 [notice] 1#1: OS: Linux 6.8.0-79-generic',
      '2026/11/24 09:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
      '2026/11/24 09:00:00 [notice] 1#1: start worker processes',
      '2026/11/24 09:00:00 [notice] 1#1: start worker process 29',
      '2026/11/24 09:00:00 [notice] 1#1: start worker process 30',
      '',
    ].join('\n'));
  });

  test('a restart finds the IPv6 listen it added to the container\'s default.conf the first time', async () => {
    const first = startNginx();
    await first.advance(10);
    first.signal('SIGQUIT');
    await first.exited;
    const nginx = startNginx({ previousStarts: 1, files: first.files() });
    await nginx.advance(10);
    assert.ok(nginx.stdout.includes('10-listen-on-ipv6-by-default.sh: info: IPv6 listen already enabled\n'));
    assert.ok(!nginx.stdout.includes('Getting the checksum'));
    assert.strictEqual(nginx.stdout.split('\n').length - 1, 8);
  });

  test('NGINX_ENTRYPOINT_QUIET_LOGS silences the entrypoint, not nginx', async () => {
    const nginx = startNginx({ env: ['NGINX_ENTRYPOINT_QUIET_LOGS=1'] });
    await nginx.advance(10);
    assert.strictEqual(nginx.stdout, '');
    assert.match(nginx.stderr, /start worker processes/);
  });

  test('a resumed container prints nothing again and serves', async () => {
    const nginx = startNginx({ resumed: true });
    await nginx.advance(10);
    assert.strictEqual(nginx.output, '');
    assert.strictEqual(nginx.request(80, { path: '/' }).status, 200);
  });

  test('GET / answers index.html with nginx\'s headers and logs the request', async () => {
    const nginx = startNginx();
    await nginx.advance(60_000);
    const response = nginx.request(80, { path: '/' });
    assert.strictEqual(response.status, 200);
    assert.strictEqual(response.body, INDEX_1_28);
    assert.deepStrictEqual(response.headers, {
      Server: 'nginx/1.28.0',
      Date: 'Tue, 24 Nov 2026 09:01:00 GMT',
      'Content-Type': 'text/html',
      'Content-Length': '615',
      'Last-Modified': 'Wed, 23 Apr 2025 11:48:54 GMT',
      Connection: 'keep-alive',
      ETag: '"6808d3a6-267"',
      'Accept-Ranges': 'bytes',
    });
    assert.ok(nginx.stdout.endsWith('172.17.0.1 - - [24/Nov/2026:09:01:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"\n'));
  });

  test('the user agent and method of the request appear in the access log; HEAD sends no body', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    const response = nginx.request(80, { path: '/index.html', method: 'HEAD', headers: { 'user-agent': 'Wget/1.21.3' } });
    assert.strictEqual(response.body, '');
    assert.strictEqual(response.headers['Content-Length'], '615');
    assert.ok(nginx.stdout.endsWith('"HEAD /index.html HTTP/1.1" 200 0 "-" "Wget/1.21.3" "-"\n'));
  });

  test('a missing file: 404 page, error-log line on stderr, access-log line on stdout', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    const response = nginx.request(80, { path: '/nope' });
    assert.strictEqual(response.status, 404);
    assert.strictEqual(response.body, '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.28.0</center>\r\n</body>\r\n</html>\r\n');
    assert.strictEqual(response.headers['Content-Length'], '153');
    assert.ok(nginx.stderr.endsWith('2026/11/24 09:00:00 [error] 29#29: *1 open() "/usr/share/nginx/html/nope" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: "GET /nope HTTP/1.1", host: "localhost:8080"\n'));
    assert.ok(nginx.stdout.endsWith('"GET /nope HTTP/1.1" 404 153 "-" "curl/8.5.0" "-"\n'));
  });

  test('browsers get the padded error page (MSIE and Chrome friendly-page workaround)', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    const response = nginx.request(80, { path: '/favicon.ico', headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' } });
    assert.strictEqual(response.headers['Content-Length'], String(153 + 6 * 67));
  });

  test('docker stop (SIGQUIT): graceful shutdown lines, exit 0', async () => {
    const nginx = startNginx();
    await nginx.advance(1000);
    const before = nginx.stderr.length;
    nginx.signal('SIGQUIT');
    assert.strictEqual(await nginx.exited, 0);
    const expected = programsData.nginx.errorLog.stopOnSIGQUIT.lines;
    const lines = nginx.stderr.slice(before).trimEnd().split('\n').map((line) => line.replace(/^2026\/11\/24 09:00:01 \[notice\] /, ''));
    assert.deepStrictEqual(lines, [
      `1#1: ${expected[0].template}`,
      `29#29: ${expected[1].template}`, `29#29: ${expected[2].template}`, `29#29: ${expected[3].template}`,
      `30#30: ${expected[1].template}`, `30#30: ${expected[2].template}`, `30#30: ${expected[3].template}`,
      '1#1: signal 17 (SIGCHLD) received from 29', '1#1: worker process 29 exited with code 0',
      '1#1: signal 17 (SIGCHLD) received from 30', '1#1: worker process 30 exited with code 0',
      `1#1: ${expected[6].template}`,
    ]);
    assert.strictEqual(nginx.http.size, 0);
  });

  test('SIGTERM: fast shutdown, exit 0', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    nginx.signal('SIGTERM');
    assert.strictEqual(await nginx.exited, 0);
    assert.match(nginx.stderr, /\[notice\] 1#1: signal 15 \(SIGTERM\) received, exiting\n/);
    assert.match(nginx.stderr, /\[notice\] 29#29: exiting\n.*\[notice\] 29#29: exit\n/s);
  });

  test('SIGHUP reloads: new workers start, old ones leave, nginx keeps serving', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    nginx.signal('SIGHUP');
    await nginx.advance(10);
    assert.match(nginx.stderr, /1#1: signal 1 \(SIGHUP\) received, reconfiguring\n.*1#1: reconfiguring\n/s);
    assert.match(nginx.stderr, /start worker process 31\n/);
    assert.strictEqual(nginx.exitCode, undefined);
    assert.strictEqual(nginx.request(80, { path: '/' }).status, 200);
  });

  test('nginx -v and nginx -t', async () => {
    const version = new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['nginx', '-v'] }).start();
    assert.strictEqual(await version.run(), 0);
    assert.strictEqual(version.stderr, 'nginx version: nginx/1.28.0\n');
    const check = new FakeProcess({ family: 'alpine', image: 'nginx:alpine', argv: ['nginx', '-t'] }).start();
    assert.strictEqual(await check.run(), 0);
    assert.strictEqual(check.stderr, 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
  });

  test('nginx:latest serves its newer welcome page with its own version and compiler', async () => {
    const nginx = new FakeProcess({ family: 'debian', image: 'nginx:latest', argv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'] }).start();
    await nginx.advance(10);
    assert.match(nginx.stderr, /1#1: nginx\/1\.31\.3\n.*built by gcc 14\.2\.0 \(Debian 14\.2\.0-19\) \n/s);
    const response = nginx.request(80, { path: '/' });
    assert.strictEqual(response.headers['Content-Length'], '896');
    assert.strictEqual(response.headers.Server, 'nginx/1.31.3');
  });

  test('without daemon off; nginx daemonizes: the container\'s process exits 0 after the first notices', async () => {
    const nginx = new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['/docker-entrypoint.sh', 'nginx'] }).start();
    assert.strictEqual(await nginx.run(), 0);
    assert.strictEqual(nginx.stderr.split('\n').length - 1, 5);
  });

  test('docker run nginx ls /: the entrypoint prints nothing and execs the command', async () => {
    const run = new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['/docker-entrypoint.sh', 'ls', '/usr/share/nginx/html'] }).start();
    assert.strictEqual(await run.run(), 0);
    assert.strictEqual(run.output, '50x.html\nindex.html\n');
  });

  test('docker run nginx foo: exec fails as dash (debian) or busybox ash (alpine) says it, 127', async () => {
    const debian = new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['/docker-entrypoint.sh', 'foo'] }).start();
    assert.strictEqual(await debian.run(), 127);
    assert.strictEqual(debian.stderr, '/docker-entrypoint.sh: 47: exec: foo: not found\n');
    const alpine = new FakeProcess({ family: 'alpine', image: 'nginx:alpine', argv: ['/docker-entrypoint.sh', 'foo'] }).start();
    assert.strictEqual(await alpine.run(), 127);
    assert.strictEqual(alpine.stderr, '/docker-entrypoint.sh: exec: line 47: foo: not found\n');
  });
});

/** The paths of `docker diff`, as `KIND path`. */
function diffOf(fake: FakeProcess): string[] {
  return fake.files().changes().map((change) => `${change.kind} ${change.path}`);
}

suite('programs: what nginx writes, and serving the container\'s current files', () => {
  const freshDiff = [
    'C /etc', 'C /etc/nginx', 'C /etc/nginx/conf.d', 'C /etc/nginx/conf.d/default.conf',
    'C /run', 'A /run/nginx.pid',
    'C /var', 'C /var/cache', 'C /var/cache/nginx',
    'A /var/cache/nginx/client_temp', 'A /var/cache/nginx/fastcgi_temp', 'A /var/cache/nginx/proxy_temp', 'A /var/cache/nginx/scgi_temp', 'A /var/cache/nginx/uwsgi_temp',
  ];

  test('docker diff of a fresh nginx:1.28.0 container: the entrypoint\'s default.conf edit, the pid file, the temp directories', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    assert.deepStrictEqual(diffOf(nginx), freshDiff);
    assert.strictEqual(nginx.files().readFile('/run/nginx.pid')?.content, '1\n');
    assert.strictEqual(nginx.files().readFile('/etc/nginx/conf.d/default.conf')?.content, programsData.nginx.files['/etc/nginx/conf.d/default.conf'].afterEntrypointIPv6Edit);
  });

  test('nginx:alpine writes the same', async () => {
    const nginx = new FakeProcess({ family: 'alpine', image: 'nginx:alpine', argv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'] }).start();
    await nginx.advance(10);
    assert.deepStrictEqual(diffOf(nginx), freshDiff);
  });

  test('docker stop: nginx removes its pid file on the way out (/run stays copied up)', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    nginx.signal('SIGQUIT');
    await nginx.exited;
    assert.deepStrictEqual(diffOf(nginx), freshDiff.filter((line) => line !== 'A /run/nginx.pid'));
  });

  test('an edited default.conf is left alone: the script says it differs from the packaged version', async () => {
    const setup = new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['sh', '-c', 'echo "# mine" >> /etc/nginx/conf.d/default.conf'] }).start();
    await setup.run();
    const nginx = startNginx({ files: setup.files() });
    await nginx.advance(10);
    assert.ok(nginx.stdout.includes('10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf differs from the packaged version\n'));
    assert.ok(!/listen {2}\[::\]:80;/.test(nginx.files().readFile('/etc/nginx/conf.d/default.conf')?.content ?? ''));
  });

  test('docker exec web sh -c \'echo hello > .../index.html\': the next request gets hello, with its length, date and ETag', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    const edit = new FakeProcess({ family: 'debian', image: 'nginx:1.28.0', argv: ['sh', '-c', 'echo hello > /usr/share/nginx/html/index.html'], files: nginx.files() }).start();
    await edit.run();
    await nginx.advance(5000);
    const response = nginx.request(80, { path: '/' });
    assert.strictEqual(response.body, 'hello\n');
    assert.strictEqual(response.headers['Content-Length'], '6');
    assert.strictEqual(response.headers['Last-Modified'], 'Tue, 24 Nov 2026 09:00:05 GMT');
    assert.strictEqual(response.headers.ETag, `"${(Date.UTC(2026, 10, 24, 9, 0, 5) / 1000).toString(16)}-6"`);
    assert.ok(nginx.stdout.endsWith('"GET / HTTP/1.1" 200 6 "-" "curl/8.5.0" "-"\n'));
    // The same text keeps its date; the packaged page put back gets the packaged one.
    await nginx.advance(5000);
    assert.strictEqual(nginx.request(80, { path: '/' }).headers['Last-Modified'], 'Tue, 24 Nov 2026 09:00:05 GMT');
  });

  test('index.html removed: GET / is 403 (no index, autoindex off), as nginx logs it', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    nginx.files().remove('/usr/share/nginx/html/index.html');
    const response = nginx.request(80, { path: '/' });
    assert.strictEqual(response.status, 403);
    assert.strictEqual(response.body, '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.28.0</center>\r\n</body>\r\n</html>\r\n');
    assert.ok(nginx.stderr.endsWith('[error] 29#29: *1 directory index of "/usr/share/nginx/html/" is forbidden, client: 172.17.0.1, server: localhost, request: "GET / HTTP/1.1", host: "localhost:8080"\n'));
    assert.ok(nginx.stdout.endsWith('"GET / HTTP/1.1" 403 153 "-" "curl/8.5.0" "-"\n'));
  });

  test('a directory without its slash is redirected to port 80\'s URL (absolute_redirect, port_in_redirect)', async () => {
    const nginx = startNginx();
    await nginx.advance(10);
    nginx.files().mkdir('/usr/share/nginx/html/docs');
    nginx.files().writeFile('/usr/share/nginx/html/docs/index.html', 'docs\n');
    const redirect = nginx.request(80, { path: '/docs' });
    assert.deepStrictEqual([redirect.status, redirect.headers.Location], [301, 'http://localhost/docs/']);
    assert.strictEqual(nginx.request(80, { path: '/docs/' }).body, 'docs\n');
    assert.strictEqual(nginx.request(80, { path: '/nothing/' }).status, 404);
    assert.ok(nginx.stderr.endsWith('"/usr/share/nginx/html/nothing/index.html" is not found (2: No such file or directory), client: 172.17.0.1, server: localhost, request: "GET /nothing/ HTTP/1.1", host: "localhost:8080"\n'));
  });
});
