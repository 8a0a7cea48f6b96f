import type { ImageFacts } from './ImageFacts';
import programsData from '../data/programs.json';
import { imageFacts } from './ImageFacts';
import { nginxCompiler, nginxIndexPage, nginxVersion } from './nginxFacts';
import { notSimulatedMessage } from './notSimulated';
import type { FileEntry, HttpRequest, HttpResponse, ProcessContext, Program } from './Program';
import { readFollowing } from './readFollowing';
import { strftime } from './strftime';

const ROOT = '/usr/share/nginx/html';
const PID_FILE = '/run/nginx.pid';
/** nginx's temp paths (the package's --http-*-temp-path): made at start-up, 0700 for the nginx user. */
const TEMP_PATHS = ['client_temp', 'proxy_temp', 'fastcgi_temp', 'uwsgi_temp', 'scgi_temp'].map((name) => `/var/cache/nginx/${name}`);
/** The first worker's pid: the entrypoint's scripts used the ones before it (programs.json). */
const FIRST_WORKER_PID = 29;

/** A few of /etc/nginx/mime.types' entries, enough for the files a learner serves. */
const MIME_TYPES: Record<string, string> = {
  html: 'text/html', htm: 'text/html', css: 'text/css', js: 'application/javascript', json: 'application/json',
  txt: 'text/plain', xml: 'text/xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif',
  svg: 'image/svg+xml', ico: 'image/x-icon', pdf: 'application/pdf',
};

/**
 * nginx as the official image runs it (`nginx -g 'daemon off;'` from the
 * entrypoint): its start-up notices on stderr in the error-log format, then
 * the default server on port 80 serving /usr/share/nginx/html with nginx's
 * own headers, error pages, access log (stdout) and error log (stderr).
 * Signals: SIGQUIT graceful shutdown (the image's STOPSIGNAL), SIGTERM and
 * SIGINT fast shutdown, SIGHUP reload, SIGUSR1 reopen logs.
 *
 * Without `daemon off;` nginx daemonizes: the process the container runs
 * exits at once with 0, and so does the container.
 *
 * Not simulated: configuration other than the packaged one, `nginx -s`
 * (signalling the master from another process), `-V`, `-T`.
 */
export const nginx: Program = async (ctx) => {
  const facts = imageFacts(ctx.family, ctx.imageReference);
  const version = nginxVersion(facts);
  const args = ctx.argv.slice(1);
  let daemon = true;
  let test = false;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    switch (arg) {
      case '-v':
        ctx.stderr(`nginx version: nginx/${version}\n`);
        return 0;
      case '-t':
        test = true;
        break;
      case '-q':
        quiet = true;
        break;
      case '-g': {
        const directives = args[++i] ?? '';
        if (/(^|;)\s*daemon\s+off\s*;/.test(directives)) daemon = false;
        break;
      }
      case '-V': case '-T': case '-s': case '-h': case '-?': case '-c': case '-p': case '-e':
        ctx.stderr(notSimulatedMessage(`nginx ${arg}`));
        return 1;
      default:
        ctx.stderr(`nginx: invalid option: "${arg.replace(/^-/, '')}"\n`);
        return 1;
    }
  }
  if (test) {
    // ngx_init_cycle makes the temp directories even for a test.
    createTempPaths(ctx);
    if (!quiet) {
      ctx.stderr('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n'
        + 'nginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    }
    return 0;
  }
  return new NginxMaster(ctx, facts, version).run(daemon);
};

class NginxMaster {
  private workers: number[] = [];
  private connections = 0;
  /** When this nginx first served each changed file's current text (see modifiedTime). */
  private readonly firstSeen = new Map<string, { body: string; at: number }>();

  constructor(private readonly ctx: ProcessContext, private readonly facts: ImageFacts, private readonly version: string) {}

  async run(daemon: boolean): Promise<number> {
    const ctx = this.ctx;
    const cpus = Math.max(1, ctx.host.cpus);
    this.workers = Array.from({ length: cpus }, (_, i) => FIRST_WORKER_PID + i);
    if (!ctx.resumed) {
      createTempPaths(ctx);
      this.log(1, 'notice', 'using the "epoll" event method');
      this.log(1, 'notice', `nginx/${this.version}`);
      this.log(1, 'notice', `built by ${nginxCompiler(this.facts)}`);
      this.log(1, 'notice', `OS: ${ctx.host.kernelName} ${ctx.host.kernelRelease}`);
      this.log(1, 'notice', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
      // ngx_daemon(): the parent exits 0 here, leaving the daemon behind it.
      if (daemon) return 0;
      // ngx_create_pidfile: nginx.conf's `pid /run/nginx.pid;`, the master's pid and a newline.
      ctx.writeFile(PID_FILE, '1\n');
      this.startWorkers();
    }
    ctx.handleSignals(['SIGQUIT', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1']);
    ctx.listen(80, (request) => this.serve(request));
    for (;;) {
      const signal = await ctx.nextSignal();
      switch (signal) {
        case 'SIGQUIT':
          this.log(1, 'notice', 'signal 3 (SIGQUIT) received, shutting down');
          for (const pid of this.workers) {
            this.log(pid, 'notice', 'gracefully shutting down');
            this.log(pid, 'notice', 'exiting');
            this.log(pid, 'notice', 'exit');
          }
          this.reapWorkers();
          this.exit();
          return 0;
        case 'SIGTERM': case 'SIGINT':
          this.log(1, 'notice', `signal ${signal === 'SIGTERM' ? 15 : 2} (${signal}) received, exiting`);
          for (const pid of this.workers) {
            this.log(pid, 'notice', 'exiting');
            this.log(pid, 'notice', 'exit');
          }
          this.reapWorkers();
          this.exit();
          return 0;
        case 'SIGHUP': {
          this.log(1, 'notice', 'signal 1 (SIGHUP) received, reconfiguring');
          this.log(1, 'notice', 'reconfiguring');
          this.log(1, 'notice', 'using the "epoll" event method');
          const old = this.workers;
          const next = old[old.length - 1] + 1;
          this.workers = old.map((_, i) => next + i);
          this.startWorkers();
          for (const pid of old) {
            this.log(pid, 'notice', 'gracefully shutting down');
            this.log(pid, 'notice', 'exiting');
            this.log(pid, 'notice', 'exit');
          }
          for (const pid of old) {
            this.log(1, 'notice', `signal 17 (SIGCHLD) received from ${pid}`);
            this.log(1, 'notice', `worker process ${pid} exited with code 0`);
          }
          this.log(1, 'notice', 'signal 29 (SIGIO) received');
          break;
        }
        case 'SIGUSR1':
          this.log(1, 'notice', 'signal 10 (SIGUSR1) received, reopening logs');
          this.log(1, 'notice', 'reopening logs');
          for (const pid of this.workers) this.log(pid, 'notice', 'reopening logs');
          break;
      }
    }
  }

  /** ngx_master_process_exit: the pid file goes, then the last notice. */
  private exit(): void {
    if (this.ctx.readFile(PID_FILE)) this.ctx.remove(PID_FILE);
    this.log(1, 'notice', 'exit');
  }

  private startWorkers(): void {
    this.log(1, 'notice', 'start worker processes');
    for (const pid of this.workers) this.log(1, 'notice', `start worker process ${pid}`);
  }

  private reapWorkers(): void {
    for (const pid of this.workers) {
      this.log(1, 'notice', `signal 17 (SIGCHLD) received from ${pid}`);
      this.log(1, 'notice', `worker process ${pid} exited with code 0`);
    }
  }

  /** `yyyy/MM/dd HH:mm:ss [level] pid#tid: message` (ngx_log.c), UTC as in a container. */
  private log(pid: number, level: string, message: string): void {
    this.ctx.stderr(`${strftime('%Y/%m/%d %H:%M:%S', this.ctx.now())} [${level}] ${pid}#${pid}: ${message}\n`);
  }

  /** The default server (default.conf): static files from /usr/share/nginx/html, index.html for directories. */
  private serve(request: HttpRequest): HttpResponse {
    const now = this.ctx.now();
    const connection = ++this.connections;
    const uri = request.path || '/';
    const pathname = decodePath(uri.split('?')[0]);
    const method = request.method.toUpperCase();
    const header = (name: string) => Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1];
    let response: HttpResponse;
    if (method !== 'GET' && method !== 'HEAD') {
      response = this.errorPage(405, 'Not Allowed', request, now);
    } else {
      response = this.serveFile(request, pathname, method, connection, now);
    }
    const bytes = method === 'HEAD' ? 0 : new TextEncoder().encode(response.body).length;
    this.ctx.stdout(`${request.clientIp} - - [${strftime('%d/%b/%Y:%H:%M:%S +0000', now)}] "${method} ${uri} HTTP/1.1" ${response.status} ${bytes} "${header('referer') ?? '-'}" "${header('user-agent') ?? '-'}" "${header('x-forwarded-for') ?? '-'}"\n`);
    return response;
  }

  /**
   * The `location /` of default.conf: `root /usr/share/nginx/html; index
   * index.html index.htm;`, read from the container's files at the time of
   * the request (so a file the container rewrote is served as it is now). A
   * directory without its slash is redirected (301, to port 80's URL, as
   * absolute_redirect and port_in_redirect make it); a directory with no
   * index file is 403 (autoindex is off); anything else missing is 404.
   */
  private serveFile(request: HttpRequest, pathname: string, method: string, connection: number, now: number): HttpResponse {
    const directory = pathname.endsWith('/');
    const target = `${ROOT}${pathname}`;
    const logError = (message: string) => {
      const host = headerOf(request, 'host');
      this.log(this.workers[0], 'error', `*${connection} ${message}, client: ${request.clientIp}, server: localhost, request: "${method} ${request.path || '/'} HTTP/1.1"${host ? `, host: "${host}"` : ''}`);
    };
    if (directory) {
      const folder = readFollowing(this.ctx, target.replace(/\/$/, '') || '/');
      for (const index of ['index.html', 'index.htm']) {
        const entry = readFollowing(this.ctx, `${target}${index}`);
        if (entry?.type === 'file') return this.fileResponse(`${target}${index}`, entry, method, now);
      }
      if (folder?.type === 'dir') {
        logError(`directory index of "${target}" is forbidden`);
        return this.errorPage(403, 'Forbidden', request, now);
      }
      logError(`"${target}index.html" is not found (2: No such file or directory)`);
      return this.errorPage(404, 'Not Found', request, now);
    }
    const entry = readFollowing(this.ctx, target);
    if (entry?.type === 'file') return this.fileResponse(target, entry, method, now);
    if (entry?.type === 'dir') {
      const host = (headerOf(request, 'host') ?? 'localhost').replace(/:\d+$/, '');
      const page = this.errorPage(301, 'Moved Permanently', request, now);
      page.headers.Location = `http://${host}${pathname}/`;
      return page;
    }
    logError(`open() "${target}" failed (2: No such file or directory)`);
    return this.errorPage(404, 'Not Found', request, now);
  }

  /** 200 with the file as it is now; Last-Modified and ETag ("mtime-size" in hex) follow its text. */
  private fileResponse(path: string, entry: FileEntry, method: string, now: number): HttpResponse {
    const body = entry.content ?? '';
    const size = entry.size ?? new TextEncoder().encode(body).length;
    const modified = Math.floor(this.modifiedTime(path, body, now) / 1000);
    const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
    return {
      status: 200,
      statusText: 'OK',
      headers: {
        Server: `nginx/${this.version}`,
        Date: httpDate(now),
        'Content-Type': MIME_TYPES[extension] ?? 'application/octet-stream',
        'Content-Length': String(size),
        'Last-Modified': httpDate(modified * 1000),
        Connection: 'keep-alive',
        ETag: `"${modified.toString(16)}-${size.toString(16)}"`,
        'Accept-Ranges': 'bytes',
      },
      body: method === 'HEAD' ? '' : body,
    };
  }

  /**
   * A file's mtime: the image's welcome page keeps its packaged date. The
   * lab's files carry no times, so a file the container wrote is dated when
   * nginx first serves that text (no later than the write, within the
   * seconds it takes to ask), and keeps that date while its text stays.
   */
  private modifiedTime(path: string, body: string, now: number): number {
    const page = nginxIndexPage(this.facts);
    if (path === `${ROOT}/index.html` && body === page.content) return page.modified;
    if (path === `${ROOT}/50x.html` && body === programsData.nginx.files['/usr/share/nginx/html/50x.html'].all.content) return page.modified;
    const seen = this.firstSeen.get(path);
    if (seen && seen.body === body) return seen.at;
    this.firstSeen.set(path, { body, at: now });
    return now;
  }

  /**
   * nginx's built-in error page (ngx_http_special_response.c): CRLF lines,
   * the version in the tail (server_tokens on), and the padding MSIE and
   * Chrome get so they show it instead of their own.
   */
  private errorPage(status: number, text: string, request: HttpRequest, now: number): HttpResponse {
    const userAgent = Object.entries(request.headers).find(([key]) => key.toLowerCase() === 'user-agent')?.[1] ?? '';
    let body = `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n`
      + `<hr><center>nginx/${this.version}</center>\r\n</body>\r\n</html>\r\n`;
    if (wantsPadding(userAgent)) body += '<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n'.repeat(6);
    const headers: Record<string, string> = {
      Server: `nginx/${this.version}`,
      Date: httpDate(now),
      'Content-Type': 'text/html',
      'Content-Length': String(body.length),
      Connection: 'keep-alive',
    };
    return { status, statusText: text, headers, body: request.method.toUpperCase() === 'HEAD' ? '' : body };
  }
}

/** ngx_create_paths: each temp directory nginx.conf's paths name, when it is not there yet. */
function createTempPaths(ctx: ProcessContext): void {
  for (const path of TEMP_PATHS) {
    if (!ctx.readFile(path)) ctx.mkdir(path, { parents: true });
  }
}

function headerOf(request: HttpRequest, name: string): string | undefined {
  return Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/** ngx_http_process_user_agent: MSIE (not Opera), or Chrome (not Gecko/). */
function wantsPadding(userAgent: string): boolean {
  if (userAgent.includes('Opera')) return false;
  if (/MSIE .{2}/.test(userAgent)) return true;
  return !userAgent.includes('Gecko/') && userAgent.includes('Chrome/');
}

function httpDate(ms: number): string {
  return strftime('%a, %d %b %Y %H:%M:%S GMT', ms);
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
