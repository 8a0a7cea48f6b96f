import * as assert from 'node:assert';
import { FakeProcess, runCommand } from './FakeProcess';

suite('programs: redis-server', () => {
  test('docker run redis: the default start lines (non-TTY, no modules), then SIGTERM saves and exits 0', async () => {
    const redis = new FakeProcess({ family: 'debian', image: 'redis:latest', argv: ['docker-entrypoint.sh', 'redis-server'] }).start();
    await redis.advance(1000);
    const ts = '24 Nov 2026 09:00:00.000';
    assert.strictEqual(redis.stdout, [
      `1:C ${ts} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `1:C ${ts} * Redis version=8.10.1, bits=64, commit=00000000, modified=1, pid=1, just started`,
      `1:C ${ts} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
      `1:M ${ts} * monotonic clock: POSIX clock_gettime`,
      `1:M ${ts} * Running mode=standalone, port=6379.`,
      `1:M ${ts} * Server initialized`,
      `1:M ${ts} * Ready to accept connections tcp`,
      '',
    ].join('\n'));
    assert.strictEqual(redis.http.size, 0, 'redis speaks no HTTP');
    redis.signal('SIGTERM');
    assert.strictEqual(await redis.exited, 0);
    const stop = '24 Nov 2026 09:00:01.000';
    assert.ok(redis.stdout.endsWith([
      '1:signal-handler (1795510801) Received SIGTERM scheduling shutdown...',
      `1:M ${stop} * User requested shutdown...`,
      `1:M ${stop} * Saving the final RDB snapshot before exiting.`,
      `1:M ${stop} * DB saved on disk`,
      `1:M ${stop} # Redis is now ready to exit, bye bye...`,
      '',
    ].join('\n')));
  });

  test('docker run redis --port 7000: the entrypoint puts redis-server first', async () => {
    const redis = new FakeProcess({ family: 'debian', image: 'redis:latest', argv: ['docker-entrypoint.sh', '--port', '7000'] }).start();
    await redis.advance(10);
    assert.match(redis.stdout, /Running mode=standalone, port=7000\.\n/);
  });

  test('docker run redis nosuch: exec fails with dash\'s words and 127', async () => {
    const result = await runCommand({ family: 'debian', image: 'redis:latest', argv: ['docker-entrypoint.sh', 'nosuch'] });
    assert.deepStrictEqual([result.stderr, result.code], ['/usr/local/bin/docker-entrypoint.sh: 24: exec: nosuch: not found\n', 127]);
  });
});

suite('programs: the images whose server is not simulated', () => {
  test('postgres without POSTGRES_PASSWORD: the entrypoint\'s real error block, exit 1', async () => {
    const result = await runCommand({ family: 'debian', image: 'postgres:latest', argv: ['docker-entrypoint.sh', 'postgres'] });
    assert.strictEqual(result.stderr,
      'Error: Database is uninitialized and superuser password is not specified.\n'
      + '       You must specify POSTGRES_PASSWORD to a non-empty value for the\n'
      + '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n'
      + '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n'
      + '       connections without a password. This is *not* recommended.\n\n'
      + '       See PostgreSQL documentation about "trust":\n'
      + '       https://www.postgresql.org/docs/current/auth-trust.html\n');
    assert.strictEqual(result.code, 1);
  });

  test('postgres with a password: says plainly that it is not simulated', async () => {
    const result = await runCommand({ family: 'debian', image: 'postgres:latest', argv: ['docker-entrypoint.sh', 'postgres'], env: ['POSTGRES_PASSWORD=secret'] });
    assert.deepStrictEqual([result.stderr, result.code], ['Docker Lab: PostgreSQL (initdb and the postgres server) is not simulated in this lab\n', 1]);
  });

  test('mysql without a root password: the [Entrypoint] notes and the real error, exit 1', async () => {
    const result = await runCommand({ family: 'oraclelinux', image: 'mysql:latest', argv: ['docker-entrypoint.sh', 'mysqld'] });
    assert.strictEqual(result.stdout,
      '2026-11-24 09:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 26.7.0-1.el9 started.\n'
      + "2026-11-24 09:00:00+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n"
      + '2026-11-24 09:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 26.7.0-1.el9 started.\n');
    assert.strictEqual(result.stderr,
      '2026-11-24 09:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n'
      + '    You need to specify one of the following as an environment variable:\n'
      + '    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n');
    assert.strictEqual(result.code, 1);
  });

  test('docker run node / python: no terminal and no input means end of input: exit 0, silently', async () => {
    for (const [family, image, argv] of [['debian', 'node:22', ['docker-entrypoint.sh', 'node']], ['alpine', 'node:22-alpine', ['docker-entrypoint.sh', 'node']], ['debian', 'python:3.12-slim', ['python3']]] as const) {
      const result = await runCommand({ family, image, argv: [...argv] });
      assert.deepStrictEqual([result.output, result.code], ['', 0], image);
    }
  });

  test('node and python REPLs (docker run -it) are not simulated; --version is', async () => {
    const repl = await runCommand({ family: 'debian', image: 'node:22', argv: ['docker-entrypoint.sh', 'node'], tty: true, interactive: true, stdin: [] });
    assert.deepStrictEqual([repl.stderr, repl.code], ['Docker Lab: the Node.js REPL is not simulated in this lab\n', 1]);
    const version = await runCommand({ family: 'debian', image: 'node:22', argv: ['docker-entrypoint.sh', '--version'] });
    assert.deepStrictEqual([version.stdout, version.code], ['v22.23.2\n', 0]);
    const python = await runCommand({ family: 'debian', image: 'python:3.12-slim', argv: ['python3', '--version'] });
    assert.strictEqual(python.stdout, 'Python 3.12.13\n');
  });

  test('httpd is not simulated: one plain line, exit 1', async () => {
    const result = await runCommand({ family: 'debian', image: 'httpd:latest', argv: ['httpd-foreground'] });
    assert.deepStrictEqual([result.stderr, result.code], ['Docker Lab: httpd-foreground is not simulated in this lab\n', 1]);
  });
});
