import * as assert from 'node:assert';
import { findProgram } from '../../../src/engine/programs/ProgramTable';
import type { BaseFamily } from '../../../src/engine/Registry';
import { DEFAULT_PATH, runCommand } from './FakeProcess';

suite('programs: findProgram', () => {
  // [family, image, name, found?] — what exec would find in each image.
  const cases: [BaseFamily, string, string, boolean][] = [
    ['scratch', 'hello-world:latest', '/hello', true],
    ['scratch', 'hello-world:latest', 'hello', false],
    ['scratch', 'hello-world:latest', 'ls', false],
    ['scratch', 'hello-world:latest', 'sh', false],
    ['scratch', 'hello-world:latest', '/bin/sh', false],
    ['alpine', 'alpine:latest', '/bin/sh', true],
    ['alpine', 'alpine:latest', 'sh', true],
    ['alpine', 'alpine:latest', 'ash', true],
    ['alpine', 'alpine:latest', 'ls', true],
    ['alpine', 'alpine:latest', 'bash', false],
    ['alpine', 'alpine:latest', '/bin/bash', false],
    ['alpine', 'alpine:latest', 'apk', true],
    ['alpine', 'alpine:3.21', 'uname', true],
    ['busybox', 'busybox:latest', 'sh', true],
    ['busybox', 'busybox:latest', 'bash', false],
    ['busybox', 'busybox:latest', '/bin/ls', true],
    ['busybox', 'busybox:latest', '/usr/bin/env', true],
    ['debian', 'debian:bookworm-slim', 'bash', true],
    ['debian', 'debian:bookworm-slim', '/bin/bash', true],
    ['debian', 'debian:bookworm-slim', '/usr/bin/bash', true],
    ['debian', 'debian:bookworm-slim', 'sh', true],
    ['debian', 'debian:bookworm-slim', 'ls', true],
    ['debian', 'debian:bookworm-slim', 'ps', false],
    ['debian', 'debian:bookworm-slim', 'nginx', false],
    ['debian', 'debian:bookworm-slim', 'apt-get', true],
    ['ubuntu', 'ubuntu:24.04', '/bin/bash', true],
    ['ubuntu', 'ubuntu:latest', 'bash', true],
    ['debian', 'nginx:1.28.0', 'nginx', true],
    ['debian', 'nginx:1.28.0', '/usr/sbin/nginx', true],
    ['debian', 'nginx:1.28.0', 'nginx-debug', true],
    ['debian', 'nginx:1.28.0', '/docker-entrypoint.sh', true],
    ['debian', 'nginx:1.28.0', 'docker-entrypoint.sh', false],
    ['alpine', 'nginx:alpine', '/usr/sbin/nginx', true],
    ['alpine', 'nginx:alpine', 'bash', false],
    ['debian', 'redis:latest', 'docker-entrypoint.sh', true],
    ['debian', 'redis:latest', 'redis-server', true],
    ['debian', 'redis:latest', 'redis-cli', true],
    ['debian', 'node:22', 'node', true],
    ['alpine', 'node:22-alpine', 'node', true],
    ['debian', 'python:3.12-slim', 'python3', true],
    ['debian', 'python:3.12-slim', 'python', true],
    ['debian', 'postgres:latest', 'postgres', false],
    ['oraclelinux', 'mysql:latest', 'mysqld', true],
    ['oraclelinux', 'mysql:latest', 'bash', true],
    ['debian', 'httpd:latest', 'httpd-foreground', true],
  ];
  for (const [family, image, name, found] of cases) {
    test(`${image}: ${name} is ${found ? '' : 'not '}there`, () => {
      assert.strictEqual(findProgram(family, image, name, DEFAULT_PATH) !== undefined, found);
    });
  }

  test('postgres is found on the image\'s own PATH (it adds /usr/lib/postgresql/18/bin)', () => {
    const path = `${DEFAULT_PATH}:/usr/lib/postgresql/18/bin`;
    assert.ok(findProgram('debian', 'postgres:latest', 'postgres', path));
    assert.ok(findProgram('debian', 'postgres:latest', 'postgres', `PATH=${path}`), 'accepts the PATH=... form too');
  });

  test('a bare name is not searched when PATH is empty', () => {
    assert.strictEqual(findProgram('alpine', 'alpine', 'ls', ''), undefined);
  });

  test('references name the same image however they are written', () => {
    for (const reference of ['nginx', 'nginx:latest', 'docker.io/library/nginx:latest', 'library/nginx']) {
      assert.ok(findProgram('debian', reference, 'nginx', DEFAULT_PATH), reference);
    }
  });

  test('a program in the image that the lab does not simulate says so and fails', async () => {
    const result = await runCommand({ family: 'debian', image: 'redis:latest', argv: ['redis-cli'] });
    assert.strictEqual(result.stderr, 'Docker Lab: redis-cli is not simulated in this lab\n');
    assert.strictEqual(result.code, 1);
  });
});
