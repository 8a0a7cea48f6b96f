import type { CommandIO } from '../cli/CommandIO';
import type { HostHttpRequest, HostHttpResponse, ShellHost, StreamedHttpResponse } from './ShellHost';

/** Sends a request to a host port; undefined when nothing listens there. */
export type HttpClient = (hostPort: number, request: HostHttpRequest) => HostHttpResponse | undefined | Promise<HostHttpResponse | undefined>;

/**
 * The curl the lab imitates: 8.14.1, the version Debian 13 ships (current
 * when docker 28.2.2 was). Its messages changed in 8.9 ("Couldn't connect" became
 * "Could not connect", lib/strerror.c), so the version matters.
 */
export const CURL_VERSION = '8.14.1';

const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/** Options the lab's curl understands; `value` ones take the next word. */
const OPTIONS: Readonly<Record<string, { name: string; value?: boolean }>> = {
  '-i': { name: 'include' }, '--include': { name: 'include' },
  '-I': { name: 'head' }, '--head': { name: 'head' },
  '-s': { name: 'silent' }, '--silent': { name: 'silent' },
  '-S': { name: 'show-error' }, '--show-error': { name: 'show-error' },
  '-v': { name: 'verbose' }, '--verbose': { name: 'verbose' },
  '-f': { name: 'fail' }, '--fail': { name: 'fail' },
  '-L': { name: 'location' }, '--location': { name: 'location' },
  '-h': { name: 'help' }, '--help': { name: 'help' },
  '-X': { name: 'request', value: true }, '--request': { name: 'request', value: true },
  '-H': { name: 'header', value: true }, '--header': { name: 'header', value: true },
  '-A': { name: 'user-agent', value: true }, '--user-agent': { name: 'user-agent', value: true },
  '--url': { name: 'url', value: true },
  '--unix-socket': { name: 'unix-socket', value: true },
};

/** Real curl options the lab does not simulate: they get a plain "not simulated" rather than "is unknown". */
const NOT_SIMULATED = new Set([
  '-o', '--output', '-O', '--remote-name', '-d', '--data', '--data-raw', '--data-binary', '--json', '-F', '--form',
  '-u', '--user', '-k', '--insecure', '-w', '--write-out', '-x', '--proxy', '-m', '--max-time', '--connect-timeout',
  '-b', '--cookie', '-c', '--cookie-jar', '-e', '--referer', '--compressed', '-T', '--upload-file', '-G', '--get',
  '-N', '--no-buffer', '-#', '--progress-bar', '-V', '--version', '-M', '--manual', '-4', '-6', '--http2', '--http1.0',
  '-0', '-K', '--config', '-D', '--dump-header', '--retry', '-Z', '--parallel', '-j', '--junk-session-cookies',
]);

interface CurlOptions {
  include: boolean;
  head: boolean;
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  fail: boolean;
  location: boolean;
  method?: string;
  userAgent: string;
  headers: string[];
  urls: string[];
  /** `--unix-socket PATH`: connect there instead of to the URL's host and port. */
  unixSocket?: string;
}

interface Target {
  host: string;
  port: number;
  path: string;
  /** Whether the URL named the port (then the Host header carries it). */
  explicitPort: boolean;
}

/** Hosts that reach the lab's published ports: Docker publishes on 0.0.0.0 and [::]. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '0.0.0.0' || host === '[::1]' || host === '[::]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * `curl` in the lab: HTTP requests to the ports containers publish on the lab's
 * host (`curl localhost:8080`). There is no other network: any other name fails
 * to resolve (exit 6) and other addresses fail to connect (exit 7), the way curl
 * fails on a machine without a network. `--unix-socket /var/run/docker.sock`
 * talks to the lab's daemon (the Engine API), when the host has sockets.
 * Options: -i, -I, -s, -S, -v, -f, -L, -X, -H, -A, --unix-socket. Messages
 * and exit codes are curl 8.14.1's.
 *
 * Not simulated: HTTPS, request bodies, the progress meter curl draws on
 * stderr when its output is not a terminal, writing to files.
 */
export async function curl(argv: readonly string[], io: CommandIO, http: HttpClient, unixSocket?: ShellHost['unixSocket']): Promise<number> {
  const parsed = parseOptions(argv, io);
  if (typeof parsed === 'number') return parsed;
  const options = parsed;
  const showErrors = !options.silent || options.showError;
  const fail = (code: number, message: string): number => {
    if (options.verbose) io.stderr.write(`* ${message}\n`);
    if (showErrors) io.stderr.write(`curl: (${code}) ${message}\n`);
    return code;
  };
  if (options.urls.length === 0) {
    io.stderr.write(`curl: (2) no URL specified\n${TRY_HELP}`);
    return 2;
  }
  let status = 0;
  for (const url of options.urls) {
    status = options.unixSocket === undefined
      ? await fetchUrl(url, options, io, http, fail)
      : await fetchFromSocket(url, options.unixSocket, options, io, unixSocket, fail);
  }
  return status;
}

async function fetchUrl(url: string, options: CurlOptions, io: CommandIO, http: HttpClient,
  fail: (code: number, message: string) => number): Promise<number> {
  let method = options.method ?? (options.head ? 'HEAD' : 'GET');
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const target = parseUrl(current);
    if ('code' in target) return fail(target.code, target.message);
    const verbose = (line: string) => {
      if (options.verbose) io.stderr.write(line);
    };
    const hostHeader = target.explicitPort ? `${target.host}:${target.port}` : target.host;
    if (!isLoopback(target.host)) {
      if (/^[\d.]+$/.test(target.host) || target.host.startsWith('[')) {
        verbose(`*   Trying ${target.host}:${target.port}...\n`);
        return fail(7, `Failed to connect to ${target.host} port ${target.port} after 0 ms: Could not connect to server`);
      }
      return fail(6, `Could not resolve host: ${target.host}`);
    }
    const address = target.host === 'localhost' ? '127.0.0.1' : target.host.replace(/^\[|\]$/g, '');
    if (target.host === 'localhost') {
      verbose(`* Host localhost:${target.port} was resolved.\n* IPv6: (none)\n* IPv4: 127.0.0.1\n`);
    }
    verbose(`*   Trying ${address.includes(':') ? `[${address}]` : address}:${target.port}...\n`);
    const request: HostHttpRequest = { method, path: target.path, headers: requestHeaders(options, hostHeader) };
    const response = await http(target.port, request);
    if (!response) {
      verbose(`* connect to ${address} port ${target.port} from ${address} port 0 failed: Connection refused\n`);
      return fail(7, `Failed to connect to ${target.host} port ${target.port} after 0 ms: Could not connect to server`);
    }
    verbose(`* Connected to ${target.host} (${address}) port ${target.port}\n* using HTTP/1.x\n`);
    verbose(`> ${method} ${target.path} HTTP/1.1\r\n`);
    for (const [name, value] of Object.entries(request.headers)) verbose(`> ${name}: ${value}\r\n`);
    verbose('> \r\n* Request completely sent off\n');
    // curl prints the response head with the server's own CRLF line ends.
    const head = [`HTTP/1.1 ${response.status} ${response.statusText}`,
      ...Object.entries(response.headers).map(([name, value]) => `${name}: ${value}`)];
    for (const line of head) verbose(`< ${line}\r\n`);
    verbose('< \r\n');
    const location = headerValue(response.headers, 'location');
    const redirect = options.location && location !== undefined && [301, 302, 303, 307, 308].includes(response.status);
    if (options.fail && response.status >= 400) {
      verbose(`* closing connection #0\n`);
      return fail(22, `The requested URL returned error: ${response.status}`);
    }
    if (options.include || options.head) io.stdout.write(head.map((line) => `${line}\r\n`).join('') + '\r\n');
    if (redirect && location !== undefined) {
      if (redirects >= 50) return fail(47, 'Maximum (50) redirects followed');
      verbose(`* Connection #0 to host ${target.host} left intact\n* Issue another request to this URL: '${resolveLocation(current, location)}'\n`);
      current = resolveLocation(current, location);
      // Like curl: 301/302/303 turn a POST into a GET unless -X forced the method.
      if (options.method === undefined && response.status !== 307 && response.status !== 308 && !options.head) method = 'GET';
      continue;
    }
    if (!options.head && method !== 'HEAD') io.stdout.write(response.body);
    verbose(`* Connection #0 to host ${target.host} left intact\n`);
    return 0;
  }
}

/**
 * One request over a unix socket (`--unix-socket PATH`): the URL's host only
 * names the Host header, the socket is the connection. The body is printed
 * as it arrives (an event stream too), until the server ends it or Ctrl+C.
 */
async function fetchFromSocket(url: string, socketPath: string, options: CurlOptions, io: CommandIO,
  unixSocket: ShellHost['unixSocket'], fail: (code: number, message: string) => number): Promise<number> {
  const target = parseUrl(url);
  if ('code' in target) return fail(target.code, target.message);
  const verbose = (line: string) => {
    if (options.verbose) io.stderr.write(line);
  };
  const method = options.method ?? (options.head ? 'HEAD' : 'GET');
  const request: HostHttpRequest = { method, path: target.path, headers: requestHeaders(options, target.explicitPort ? `${target.host}:${target.port}` : target.host) };
  verbose(`*   Trying ${socketPath}:0...\n`);
  const aborted = new AbortController();
  const interrupt = io.onInterrupt(() => aborted.abort());
  try {
    let response: StreamedHttpResponse | undefined;
    try {
      response = await unixSocket?.(socketPath, request, aborted.signal);
    } catch {
      if (aborted.signal.aborted) return 130;
      return fail(56, 'Recv failure: Connection reset by peer');
    }
    if (!response) {
      verbose(`* Immediate connect fail for ${socketPath}: No such file or directory\n`);
      return fail(7, `Failed to connect to ${target.host} port ${target.port} after 0 ms: Could not connect to server`);
    }
    verbose(`* Connected to ${target.host} (${socketPath}) port ${target.port}\n* using HTTP/1.x\n`);
    verbose(`> ${method} ${target.path} HTTP/1.1\r\n`);
    for (const [name, value] of Object.entries(request.headers)) verbose(`> ${name}: ${value}\r\n`);
    verbose('> \r\n* Request completely sent off\n');
    const head = [`HTTP/1.1 ${response.status} ${response.statusText}`, ...Object.entries(response.headers).map(([name, value]) => `${name}: ${value}`)];
    for (const line of head) verbose(`< ${line}\r\n`);
    verbose('< \r\n');
    if (options.fail && response.status >= 400) {
      aborted.abort();
      return fail(22, `The requested URL returned error: ${response.status}`);
    }
    if (options.include || options.head) io.stdout.write(head.map((line) => `${line}\r\n`).join('') + '\r\n');
    if (options.head || method === 'HEAD') {
      aborted.abort();
    } else {
      for await (const chunk of response.body) io.stdout.write(chunk);
    }
    if (aborted.signal.aborted && !options.head && method !== 'HEAD') return 130;
    verbose(`* Connection #0 to host ${target.host} left intact\n`);
    return 0;
  } finally {
    interrupt.dispose();
  }
}

function requestHeaders(options: CurlOptions, host: string): Record<string, string> {
  const headers: Record<string, string> = { Host: host, 'User-Agent': options.userAgent, Accept: '*/*' };
  for (const header of options.headers) {
    // `-H 'Name:'` removes a header curl would send; `-H 'Name;'` sends it empty (curl's manual).
    const colon = header.indexOf(':');
    const semicolon = header.indexOf(';');
    let name: string;
    let value: string | undefined;
    if (colon > 0) {
      name = header.slice(0, colon).trim();
      value = header.slice(colon + 1).trim();
      if (value === '') value = undefined;
    } else if (semicolon > 0 && header.slice(semicolon + 1).trim() === '') {
      name = header.slice(0, semicolon).trim();
      value = '';
    } else {
      continue;
    }
    for (const existing of Object.keys(headers)) {
      if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    }
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

function resolveLocation(base: string, location: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return location;
  const target = parseUrl(base);
  if ('code' in target) return location;
  const authority = target.explicitPort ? `${target.host}:${target.port}` : target.host;
  if (location.startsWith('/')) return `http://${authority}${location}`;
  const directory = target.path.replace(/[^/]*$/, '');
  return `http://${authority}${directory}${location}`;
}

/** Splits a URL the way curl reads one: no scheme means http, the port defaults to 80. */
function parseUrl(url: string): Target | { code: number; message: string } {
  let rest = url;
  let scheme = 'http';
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  if (scheme === 'https') {
    return { code: 1, message: 'Protocol "https" is not simulated in Docker Lab (the lab\'s containers serve plain http://)' };
  }
  if (scheme !== 'http') return { code: 1, message: `Protocol "${scheme}" not supported` };
  const end = rest.search(/[/?#]/);
  let authority = end < 0 ? rest : rest.slice(0, end);
  let path = end < 0 ? '/' : rest.slice(end);
  path = path.replace(/#.*$/, '');
  if (path.startsWith('?')) path = '/' + path;
  if (path === '') path = '/';
  authority = authority.replace(/^.*@/, '');
  let host: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return { code: 3, message: 'URL rejected: Bad IPv6 address' };
    host = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after.startsWith(':')) portText = after.slice(1);
    else if (after !== '') return { code: 3, message: 'URL rejected: Bad IPv6 address' };
  } else {
    const colon = authority.indexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
    portText = colon < 0 ? undefined : authority.slice(colon + 1);
  }
  if (host === '') return { code: 3, message: 'URL rejected: No host part in the URL' };
  let port = 80;
  const explicitPort = portText !== undefined && portText !== '';
  if (explicitPort) {
    if (!/^\d+$/.test(portText ?? '') || Number(portText) > 65535) {
      return { code: 3, message: 'URL rejected: Port number was not a decimal number between 0 and 65535' };
    }
    port = Number(portText);
  }
  return { host: host.toLowerCase(), port, path, explicitPort: explicitPort && port !== 80 };
}

function parseOptions(argv: readonly string[], io: CommandIO): CurlOptions | number {
  const options: CurlOptions = {
    include: false, head: false, silent: false, showError: false, verbose: false, fail: false, location: false,
    userAgent: `curl/${CURL_VERSION}`, headers: [], urls: [],
  };
  const usageError = (message: string): number => {
    io.stderr.write(`curl: ${message}\n${TRY_HELP}`);
    return 2;
  };
  const apply = (name: string, value: string | undefined) => {
    switch (name) {
      case 'include': options.include = true; break;
      case 'head': options.head = true; break;
      case 'silent': options.silent = true; break;
      case 'show-error': options.showError = true; break;
      case 'verbose': options.verbose = true; break;
      case 'fail': options.fail = true; break;
      case 'location': options.location = true; break;
      case 'request': options.method = value; break;
      case 'header': options.headers.push(value ?? ''); break;
      case 'user-agent': options.userAgent = value ?? ''; break;
      case 'url': options.urls.push(value ?? ''); break;
      case 'unix-socket': options.unixSocket = value; break;
    }
  };
  let wantsHelp = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') {
      options.urls.push(arg);
      continue;
    }
    if (arg.startsWith('--')) {
      const option = OPTIONS[arg];
      if (!option) {
        return usageError(NOT_SIMULATED.has(arg) ? `option ${arg}: not simulated in Docker Lab` : `option ${arg}: is unknown`);
      }
      let value: string | undefined;
      if (option.value) {
        if (i + 1 >= argv.length) return usageError(`option ${arg}: requires parameter`);
        value = argv[++i];
      }
      if (option.name === 'help') wantsHelp = true;
      apply(option.name, value);
      continue;
    }
    // Short options bundle (`-sS`, `-si`); a value option takes the rest of the word or the next word (`-XPOST`, `-X POST`).
    for (let j = 1; j < arg.length; j++) {
      const flag = `-${arg[j]}`;
      const option = OPTIONS[flag];
      if (!option) {
        return usageError(NOT_SIMULATED.has(flag) ? `option ${flag}: not simulated in Docker Lab` : `option ${flag}: is unknown`);
      }
      if (option.value) {
        let value = arg.slice(j + 1);
        if (value === '') {
          if (i + 1 >= argv.length) return usageError(`option ${flag}: requires parameter`);
          value = argv[++i];
        }
        apply(option.name, value);
        break;
      }
      if (option.name === 'help') wantsHelp = true;
      apply(option.name, undefined);
    }
  }
  if (wantsHelp) {
    io.stdout.write(HELP);
    return 0;
  }
  return options;
}

const HELP = `Usage: curl [options...] <url>
Docker Lab's curl reaches the ports containers publish on this lab's host
(http://localhost:PORT). It understands these options:
 -f, --fail                 Fail fast with no output on HTTP errors
 -H, --header <header>      Pass custom header(s) to server
 -I, --head                 Show document info only
 -i, --include              Include response headers in output
 -L, --location             Follow redirects
 -S, --show-error           Show error even when -s is used
 -s, --silent               Silent mode
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
     --unix-socket <path>   Connect through this Unix domain socket
                            (/var/run/docker.sock: the lab's Docker daemon)
 -X, --request <method>     Specify request method to use
`;
