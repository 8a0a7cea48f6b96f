import * as assert from 'node:assert';
import type { CommandIO } from '../../../src/cli/CommandIO';
import { Emitter } from '../../../src/engine/Emitter';
import { curl, type HttpClient } from '../../../src/shell/curl';
import type { HostHttpRequest, HostHttpResponse } from '../../../src/shell/ShellHost';

const PAGE = '<h1>Welcome to nginx!</h1>\n';

/** A host with nginx published on 8080 and a redirect on 8081. */
function fakeHost() {
  const requests: { port: number; request: HostHttpRequest }[] = [];
  const http: HttpClient = (port, request) => {
    requests.push({ port, request });
    if (port === 8080) {
      if (request.path === '/missing') {
        return { status: 404, statusText: 'Not Found', headers: { Server: 'nginx/1.28.0', 'Content-Length': '153' }, body: '<h1>404</h1>\n' };
      }
      const response: HostHttpResponse = {
        status: 200, statusText: 'OK',
        headers: { Server: 'nginx/1.28.0', 'Content-Type': 'text/html', 'Content-Length': String(PAGE.length) },
        body: PAGE,
      };
      return response;
    }
    if (port === 8081) return { status: 301, statusText: 'Moved Permanently', headers: { Location: 'http://localhost:8080/' }, body: 'moved\n' };
    return undefined;
  };
  return { http, requests };
}

async function run(argv: string[], http = fakeHost().http) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: { write: (text) => { stdout += text; } },
    stderr: { write: (text) => { stderr += text; } },
    stdin: { readLine: async () => null },
    isTTY: true,
    columns: 80,
    onInterrupt: new Emitter<void>().event,
  };
  const status = await curl(argv, io, http);
  return { status, stdout, stderr };
}

suite('curl', () => {
  test('prints the body of a published port, nothing else', async () => {
    assert.deepStrictEqual(await run(['localhost:8080']), { status: 0, stdout: PAGE, stderr: '' });
  });

  test('sends GET with curl\'s default headers to the port, path and query of the URL', async () => {
    const host = fakeHost();
    await run(['http://127.0.0.1:8080/index.html?x=1#top'], host.http);
    assert.deepStrictEqual(host.requests, [{
      port: 8080,
      request: { method: 'GET', path: '/index.html?x=1', headers: { Host: '127.0.0.1:8080', 'User-Agent': 'curl/8.14.1', Accept: '*/*' } },
    }]);
  });

  test('port 80 is the default and is not repeated in the Host header', async () => {
    const host = fakeHost();
    await run(['http://localhost'], host.http);
    await run(['localhost:80/a'], host.http);
    assert.deepStrictEqual(host.requests.map((r) => [r.port, r.request.path, r.request.headers.Host]), [[80, '/', 'localhost'], [80, '/a', 'localhost']]);
  });

  test('-i prints the status line and headers with CRLF first', async () => {
    const { stdout } = await run(['-i', 'localhost:8080']);
    assert.strictEqual(stdout,
      'HTTP/1.1 200 OK\r\nServer: nginx/1.28.0\r\nContent-Type: text/html\r\nContent-Length: 27\r\n\r\n' + PAGE);
  });

  test('-I sends HEAD and prints only the head', async () => {
    const host = fakeHost();
    const { stdout } = await run(['-I', 'localhost:8080'], host.http);
    assert.strictEqual(host.requests[0].request.method, 'HEAD');
    assert.strictEqual(stdout, 'HTTP/1.1 200 OK\r\nServer: nginx/1.28.0\r\nContent-Type: text/html\r\nContent-Length: 27\r\n\r\n');
  });

  test('-X sets the method, bundled or separate; -H adds, replaces and removes headers', async () => {
    const host = fakeHost();
    await run(['-XDELETE', 'localhost:8080', '-H', 'X-Lab: 1', '-H', 'accept: text/html', '-H', 'User-Agent:'], host.http);
    await run(['--request', 'PUT', '--url', 'localhost:8080'], host.http);
    assert.deepStrictEqual(host.requests.map((r) => r.request.method), ['DELETE', 'PUT']);
    assert.deepStrictEqual(host.requests[0].request.headers, { Host: 'localhost:8080', 'X-Lab': '1', accept: 'text/html' });
  });

  test('nothing listening: exit 7 with curl 8\'s message', async () => {
    assert.deepStrictEqual(await run(['localhost:9999']), {
      status: 7, stdout: '',
      stderr: 'curl: (7) Failed to connect to localhost port 9999 after 0 ms: Could not connect to server\n',
    });
  });

  test('-s silences the error, -sS shows it again', async () => {
    assert.deepStrictEqual(await run(['-s', 'localhost:9999']), { status: 7, stdout: '', stderr: '' });
    const shown = await run(['-sS', 'localhost:9999']);
    assert.strictEqual(shown.stderr, 'curl: (7) Failed to connect to localhost port 9999 after 0 ms: Could not connect to server\n');
  });

  test('other hosts do not resolve: the lab has no outside network', async () => {
    assert.deepStrictEqual(await run(['https://example.com']), { status: 1, stdout: '', stderr: 'curl: (1) Protocol "https" is not simulated in Docker Lab (the lab\'s containers serve plain http://)\n' });
    assert.deepStrictEqual(await run(['example.com']), { status: 6, stdout: '', stderr: 'curl: (6) Could not resolve host: example.com\n' });
    assert.deepStrictEqual(await run(['http://web:80/']), { status: 6, stdout: '', stderr: 'curl: (6) Could not resolve host: web\n' });
  });

  test('an address that is not the host\'s fails to connect', async () => {
    const result = await run(['172.17.0.2']);
    assert.deepStrictEqual(result, { status: 7, stdout: '', stderr: 'curl: (7) Failed to connect to 172.17.0.2 port 80 after 0 ms: Could not connect to server\n' });
  });

  test('0.0.0.0 and [::1] reach the host like localhost', async () => {
    assert.strictEqual((await run(['0.0.0.0:8080'])).stdout, PAGE);
    assert.strictEqual((await run(['http://[::1]:8080/'])).stdout, PAGE);
  });

  test('URL errors: bad port (3), unknown scheme (1)', async () => {
    assert.deepStrictEqual(await run(['localhost:99999']), { status: 3, stdout: '', stderr: 'curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n' });
    assert.deepStrictEqual(await run(['gopher://localhost']), { status: 1, stdout: '', stderr: 'curl: (1) Protocol "gopher" not supported\n' });
  });

  test('usage errors exit 2 with curl\'s hint', async () => {
    const hint = "curl: try 'curl --help' or 'curl --manual' for more information\n";
    assert.deepStrictEqual(await run([]), { status: 2, stdout: '', stderr: 'curl: (2) no URL specified\n' + hint });
    assert.deepStrictEqual(await run(['-X']), { status: 2, stdout: '', stderr: 'curl: option -X: requires parameter\n' + hint });
    assert.deepStrictEqual(await run(['--bogus', 'localhost']), { status: 2, stdout: '', stderr: 'curl: option --bogus: is unknown\n' + hint });
    assert.deepStrictEqual(await run(['-o', 'f', 'localhost']), { status: 2, stdout: '', stderr: 'curl: option -o: not simulated in Docker Lab\n' + hint });
  });

  test('-f fails with 22 on an HTTP error and prints no body', async () => {
    assert.deepStrictEqual(await run(['-f', 'localhost:8080/missing']), {
      status: 22, stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n',
    });
    assert.deepStrictEqual(await run(['localhost:8080/missing']), { status: 0, stdout: '<h1>404</h1>\n', stderr: '' });
  });

  test('a redirect is printed as is, and followed with -L', async () => {
    assert.strictEqual((await run(['localhost:8081'])).stdout, 'moved\n');
    assert.strictEqual((await run(['-L', 'localhost:8081'])).stdout, PAGE);
  });

  test('-v tells the exchange on stderr, with > and < lines', async () => {
    const { stdout, stderr } = await run(['-v', 'localhost:8080']);
    assert.strictEqual(stdout, PAGE);
    assert.ok(stderr.includes('> GET / HTTP/1.1\r\n> Host: localhost:8080\r\n> User-Agent: curl/8.14.1\r\n> Accept: */*\r\n> \r\n'), stderr);
    assert.ok(stderr.includes('< HTTP/1.1 200 OK\r\n< Server: nginx/1.28.0\r\n'), stderr);
    assert.ok(stderr.endsWith('* Connection #0 to host localhost left intact\n'), stderr);
  });
});
