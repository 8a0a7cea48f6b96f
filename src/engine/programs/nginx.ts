import type { ImageFacts } from './ImageFacts';
import { imageFacts } from './ImageFacts';
import { nginxCompiler, nginxIndexPage, nginxVersion } from './nginxFacts';
import { notSimulatedMessage } from './notSimulated';
import type { HttpRequest, HttpResponse, ProcessContext, Program } from './Program';
import { readFollowing } from './readFollowing';
import { strftime } from './strftime';

const ROOT = '/usr/share/nginx/html';
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

  constructor(private readonly ctx: ProcessContext, private readonly facts: ImageFacts, private readonly version: string) {}

  async run(daemon: boolean): Promise<number> {
    const ctx = this.ctx;
    const cpus = Math.max(1, ctx.host.cpus);
    this.workers = Array.from({ length: cpus }, (_, i) => FIRST_WORKER_PID + i);
    if (!ctx.resumed) {
      this.log(1, 'notice', 'using the "epoll" event method');
      this.log(1, 'notice', `nginx/${this.version}`);
      this.log(1, 'notice', `built by ${nginxCompiler(this.facts)}`);
      this.log(1, 'notice', `OS: ${ctx.host.kernelName} ${ctx.host.kernelRelease}`);
      this.log(1, 'notice', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
      // ngx_daemon(): the parent exits 0 here, leaving the daemon behind it.
      if (daemon) return 0;
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
          this.log(1, 'notice', 'exit');
          return 0;
        case 'SIGTERM': case 'SIGINT':
          this.log(1, 'notice', `signal ${signal === 'SIGTERM' ? 15 : 2} (${signal}) received, exiting`);
          for (const pid of this.workers) {
            this.log(pid, 'notice', 'exiting');
            this.log(pid, 'notice', 'exit');
          }
          this.reapWorkers();
          this.log(1, 'notice', 'exit');
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
    const worker = this.workers[0];
    const uri = request.path || '/';
    const pathname = decodePath(uri.split('?')[0]);
    const method = request.method.toUpperCase();
    const header = (name: string) => Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1];
    let response: HttpResponse;
    if (method !== 'GET' && method !== 'HEAD') {
      response = this.errorPage(405, 'Not Allowed', request, now);
    } else {
      const file = pathname.endsWith('/') ? `${ROOT}${pathname}index.html` : `${ROOT}${pathname}`;
      const entry = readFollowing(this.ctx, file);
      if (entry && entry.type === 'file') {
        const body = entry.content ?? '';
        const size = new TextEncoder().encode(body).length;
        const modified = Math.floor(nginxIndexPage(this.facts).modified / 1000);
        const extension = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
        response = {
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
      } else {
        const message = pathname.endsWith('/')
          ? `"${file}" is not found (2: No such file or directory)`
          : `open() "${file}" failed (2: No such file or directory)`;
        const host = header('host');
        this.log(worker, 'error', `*${connection} ${message}, client: ${request.clientIp}, server: localhost, request: "${method} ${uri} HTTP/1.1"${host ? `, host: "${host}"` : ''}`);
        response = this.errorPage(404, 'Not Found', request, now);
      }
    }
    const bytes = method === 'HEAD' ? 0 : new TextEncoder().encode(response.body).length;
    this.ctx.stdout(`${request.clientIp} - - [${strftime('%d/%b/%Y:%H:%M:%S +0000', now)}] "${method} ${uri} HTTP/1.1" ${response.status} ${bytes} "${header('referer') ?? '-'}" "${header('user-agent') ?? '-'}" "${header('x-forwarded-for') ?? '-'}"\n`);
    return response;
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
