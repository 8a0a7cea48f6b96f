import programsData from '../data/programs.json';
import { imageFacts } from './ImageFacts';
import { lookupEnv } from './lookupEnv';
import { notSimulatedMessage } from './notSimulated';
import type { ProcessContext, Program } from './Program';
import { readFollowing } from './readFollowing';
import { strftime } from './strftime';

/**
 * The official images' `docker-entrypoint.sh`, in the cases that are
 * simple: what each prints, which program it puts first, and the final
 * `exec "$@"` (an exec of a missing command fails as the image's /bin/sh
 * words it: dash on Debian images, busybox ash on alpine ones).
 *
 * - nginx (nginxinc/docker-nginx entrypoint/*): the configuration lines of
 *   programs.json when the command is `nginx`/`nginx-debug`, with what the
 *   IPv6 script does to the container's default.conf (it edits it on the
 *   first start; on a restart it finds it done), nothing printed with
 *   NGINX_ENTRYPOINT_QUIET_LOGS.
 * - redis (docker-library/redis): a first argument that is an option or a
 *   `.conf` file gets `redis-server` put before it; prints nothing.
 * - node (nodejs/docker-node): an option, or a word that is no command,
 *   gets `node` put before it.
 * - postgres (docker-library/postgres): with no POSTGRES_PASSWORD (and no
 *   POSTGRES_HOST_AUTH_METHOD=trust) the real "Database is uninitialized"
 *   error and exit 1; initializing a database is not simulated.
 * - mysql (docker-library/mysql): its [Entrypoint] notes, and the
 *   "password option is not specified" error without MYSQL_ROOT_PASSWORD,
 *   MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD.
 */
export const dockerEntrypoint: Program = async (ctx) => {
  const facts = imageFacts(ctx.family, ctx.imageReference);
  switch (facts.repository) {
    case 'nginx': return nginxEntrypoint(ctx);
    case 'redis': return redisEntrypoint(ctx);
    case 'node': return nodeEntrypoint(ctx);
    case 'postgres': return postgresEntrypoint(ctx);
    case 'mysql': return mysqlEntrypoint(ctx, facts.env.get('MYSQL_VERSION') ?? '');
    default:
      ctx.stderr(notSimulatedMessage('this image\'s docker-entrypoint.sh'));
      return 1;
  }
};

async function nginxEntrypoint(ctx: ProcessContext): Promise<number> {
  const command = ctx.argv[1];
  if ((command === 'nginx' || command === 'nginx-debug') && !ctx.resumed) {
    const entrypoint = programsData.nginx.entrypoint;
    const lines = [...entrypoint.defaultStartLines];
    // /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh, on the container's own default.conf.
    lines.splice(3, 2, ...listenOnIpv6(ctx));
    if (!lookupEnv(ctx.env, 'NGINX_ENTRYPOINT_QUIET_LOGS')) ctx.stdout(lines.map((line) => `${line}\n`).join(''));
  }
  return execArguments(ctx, ctx.argv.slice(1), 47);
}

const DEFAULT_CONF = '/etc/nginx/conf.d/default.conf';

/**
 * 10-listen-on-ipv6-by-default.sh (nginxinc/docker-nginx entrypoint/): a
 * default.conf that is missing, already has the IPv6 listen line (a
 * restart: the file is the container's), or differs from the packaged one
 * is left alone and said so; the packaged one gets `listen  [::]:80;` after
 * `listen       80;` (sed -i, so the file is replaced: docker diff shows
 * it C). The script touches the file first, which copies it up too. Its
 * lines, for the entrypoint's output.
 */
function listenOnIpv6(ctx: ProcessContext): string[] {
  const me = '10-listen-on-ipv6-by-default.sh';
  const entry = readFollowing(ctx, DEFAULT_CONF);
  if (!entry || entry.type !== 'file') return [`${me}: info: ${DEFAULT_CONF} is not a file or does not exist`];
  ctx.writeFile(DEFAULT_CONF, '', { append: true });
  const content = ctx.readFile(DEFAULT_CONF)?.content ?? '';
  if (/listen {2}\[::\]:80;/.test(content)) return [`${me}: info: IPv6 listen already enabled`];
  const packaged = programsData.nginx.files[DEFAULT_CONF];
  const checking = `${me}: info: Getting the checksum of ${DEFAULT_CONF}`;
  if (content !== packaged.content) return [checking, `${me}: info: ${DEFAULT_CONF} differs from the packaged version`];
  ctx.writeFile(DEFAULT_CONF, packaged.afterEntrypointIPv6Edit);
  return [checking, `${me}: info: Enabled listen on IPv6 in ${DEFAULT_CONF}`];
}

async function redisEntrypoint(ctx: ProcessContext): Promise<number> {
  let args = ctx.argv.slice(1);
  if (args.length && (args[0].startsWith('-') || args[0].endsWith('.conf'))) args = ['redis-server', ...args];
  return execArguments(ctx, args, 24);
}

async function nodeEntrypoint(ctx: ProcessContext): Promise<number> {
  let args = ctx.argv.slice(1);
  if (args.length && (args[0].startsWith('-') || !ctx.resolveProgram(args[0]))) args = ['node', ...args];
  return execArguments(ctx, args, 11);
}

async function postgresEntrypoint(ctx: ProcessContext): Promise<number> {
  let args = ctx.argv.slice(1);
  if (args.length && args[0].startsWith('-')) args = ['postgres', ...args];
  const wantsHelp = args.some((a) => ['-?', '--help', '--describe-config', '-V', '--version'].includes(a));
  if (args[0] === 'postgres' && !wantsHelp) {
    const password = lookupEnv(ctx.env, 'POSTGRES_PASSWORD') ?? '';
    const trust = lookupEnv(ctx.env, 'POSTGRES_HOST_AUTH_METHOD') === 'trust';
    if (!password && !trust) {
      // docker_verify_minimum_env: a heredoc with its leading tabs stripped (<<-).
      ctx.stderr(
        'Error: Database is uninitialized and superuser password is not specified.\n'
        + '       You must specify POSTGRES_PASSWORD to a non-empty value for the\n'
        + '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n'
        + '\n'
        + '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n'
        + '       connections without a password. This is *not* recommended.\n'
        + '\n'
        + '       See PostgreSQL documentation about "trust":\n'
        + '       https://www.postgresql.org/docs/current/auth-trust.html\n',
      );
      return 1;
    }
    ctx.stderr(notSimulatedMessage('PostgreSQL (initdb and the postgres server)'));
    return 1;
  }
  return execArguments(ctx, args, 0);
}

async function mysqlEntrypoint(ctx: ProcessContext, version: string): Promise<number> {
  let args = ctx.argv.slice(1);
  if (args.length && args[0].startsWith('-')) args = ['mysqld', ...args];
  const wantsHelp = args.some((a) => ['-?', '--help', '--print-defaults', '-V', '--version'].includes(a));
  if (args[0] === 'mysqld' && !wantsHelp) {
    // mysql_log: `date --rfc-3339=seconds` [type] [Entrypoint]: text
    const note = (text: string) => ctx.stdout(`${strftime('%Y-%m-%d %H:%M:%S+00:00', ctx.now())} [Note] [Entrypoint]: ${text}\n`);
    note(`Entrypoint script for MySQL Server ${version} started.`);
    note("Switching to dedicated user 'mysql'");
    // The script re-executes itself as mysql (gosu), so the first note comes twice.
    note(`Entrypoint script for MySQL Server ${version} started.`);
    const has = (name: string) => (lookupEnv(ctx.env, name) ?? '') !== '';
    if (!has('MYSQL_ROOT_PASSWORD') && !has('MYSQL_ALLOW_EMPTY_PASSWORD') && !has('MYSQL_RANDOM_ROOT_PASSWORD')) {
      ctx.stderr(`${strftime('%Y-%m-%d %H:%M:%S+00:00', ctx.now())} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n`
        + '    You need to specify one of the following as an environment variable:\n'
        + '    - MYSQL_ROOT_PASSWORD\n'
        + '    - MYSQL_ALLOW_EMPTY_PASSWORD\n'
        + '    - MYSQL_RANDOM_ROOT_PASSWORD\n');
      return 1;
    }
    note('Initializing database files');
    ctx.stderr(notSimulatedMessage('mysqld (the MySQL server)'));
    return 1;
  }
  return execArguments(ctx, args, 0);
}

/**
 * `exec "$@"`: runs the command in place of the script. A command that is
 * not there fails with status 127 and the script's shell's message
 * (`/docker-entrypoint.sh: 47: exec: foo: not found` from dash,
 * `/docker-entrypoint.sh: exec: line 47: foo: not found` from busybox ash,
 * `...: line N: exec: foo: not found` from bash for the bash scripts).
 */
async function execArguments(ctx: ProcessContext, args: string[], line: number): Promise<number> {
  if (args.length === 0) return 0;
  if (!ctx.resolveProgram(args[0])) {
    const script = scriptPath(ctx);
    if (line === 0) ctx.stderr(`${script}: line ${lastLine(ctx)}: exec: ${args[0]}: not found\n`);
    else if (ctx.family === 'alpine') ctx.stderr(`${script}: exec: line ${line}: ${args[0]}: not found\n`);
    else ctx.stderr(`${script}: ${line}: exec: ${args[0]}: not found\n`);
    return 127;
  }
  return ctx.exec(args);
}

/** $0 of the script: what the kernel passes, the path found on PATH for `docker-entrypoint.sh`. */
function scriptPath(ctx: ProcessContext): string {
  const invoked = ctx.argv[0] ?? 'docker-entrypoint.sh';
  return invoked.includes('/') ? invoked : `/usr/local/bin/${invoked}`;
}

/** The line of the final `exec "$@"` in the bash entrypoints: postgres 18 (377), mysql innovation (413). */
function lastLine(ctx: ProcessContext): number {
  return imageFacts(ctx.family, ctx.imageReference).repository === 'mysql' ? 413 : 377;
}
