import * as assert from 'node:assert';
import { TestLab } from '../helpers/TestLab';

/**
 * The seed's command list (section 4 of the study notes), end to end: what a
 * learner types first, with the output a Docker user recognises line by line.
 */
suite('the seed\'s basic commands, end to end', () => {
  test('version, images, pull, rmi, run -d -p --name, ps, ps -a, logs, stop, rm', async () => {
    const lab = new TestLab();

    assert.deepStrictEqual(await lab.docker('--version'), { stdout: 'Docker version 28.2.2, build e6534b4\n', stderr: '', code: 0 });
    assert.strictEqual(await lab.ok('images'), 'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');

    const pull = await lab.docker('pull', 'nginx:1.28.0');
    const lines = pull.stdout.split('\n');
    assert.strictEqual(lines[0], '1.28.0: Pulling from library/nginx');
    assert.strictEqual(lines.filter((l) => /^[0-9a-f]{12}: Pull complete$/.test(l)).length, 7);
    assert.deepStrictEqual(lines.slice(-4), [
      'Digest: sha256:552e7481ca93ffccd046aa658dbbed22caefbc09c66fa7cd247cbb90b8a5c609',
      'Status: Downloaded newer image for nginx:1.28.0',
      'docker.io/library/nginx:1.28.0',
      '',
    ]);

    assert.strictEqual(await lab.ok('images'), [
      'REPOSITORY   TAG       IMAGE ID       CREATED         SIZE',
      'nginx        1.28.0    34e04bb6b4bb   11 months ago   188MB',
      '',
    ].join('\n'));

    const rmi = (await lab.ok('rmi', 'nginx:1.28.0')).split('\n');
    assert.deepStrictEqual(rmi.slice(0, 3), [
      'Untagged: nginx:1.28.0',
      'Untagged: nginx@sha256:552e7481ca93ffccd046aa658dbbed22caefbc09c66fa7cd247cbb90b8a5c609',
      'Deleted: sha256:34e04bb6b4bb37d45845842374be0cd181723daffb230849b1984aaeaa96faba',
    ]);
    assert.strictEqual(rmi.filter((l) => l.startsWith('Deleted: sha256:')).length, 8);
    assert.strictEqual(await lab.ok('images', '-q'), '');

    const run = await lab.docker('run', '-d', '-p', '80:80', '--name', 'nginx-twitter', 'nginx:1.28.0');
    assert.strictEqual(run.code, 0);
    assert.match(run.stdout, /^[0-9a-f]{64}\n$/);
    assert.ok(run.stderr.startsWith("Unable to find image 'nginx:1.28.0' locally\n1.28.0: Pulling from library/nginx\n"));
    const id = run.stdout.slice(0, 12);

    await lab.clock.advance(10_000);
    const header = 'CONTAINER ID   IMAGE          COMMAND                  CREATED          STATUS          PORTS                                 NAMES';
    const row = `${id}   nginx:1.28.0   "/docker-entrypoint.…"   10 seconds ago   Up 10 seconds   0.0.0.0:80->80/tcp, [::]:80->80/tcp   nginx-twitter`;
    assert.strictEqual(await lab.ok('ps'), `${header}\n${row}\n`);
    assert.strictEqual(await lab.ok('ps', '-a'), `${header}\n${row}\n`);

    const curl = lab.engine.hostHttpRequest(80, { method: 'GET', path: '/', headers: { 'User-Agent': 'curl/8.14.1' } });
    assert.strictEqual(curl?.status, 200);

    const logs = await lab.docker('logs', 'nginx-twitter');
    assert.strictEqual(logs.code, 0);
    assert.ok(logs.stdout.startsWith('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n'));
    assert.ok(logs.stdout.includes('/docker-entrypoint.sh: Configuration complete; ready for start up\n'));
    assert.ok(logs.stdout.endsWith('172.17.0.1 - - [24/Nov/2026:09:00:10 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.14.1" "-"\n'));
    assert.ok(logs.stderr.includes('[notice] 1#1: nginx/1.28.0\n'));

    assert.strictEqual(await lab.ok('stop', 'nginx-twitter'), 'nginx-twitter\n');
    assert.match(await lab.ok('ps', '-a', '--format', '{{.Status}}'), /^Exited \(0\) (Less than a second|1 second) ago\n$/);
    assert.match((await lab.docker('logs', 'nginx-twitter')).stderr, /signal 3 \(SIGQUIT\) received, shutting down/);
    assert.strictEqual(await lab.ok('rm', 'nginx-twitter'), 'nginx-twitter\n');
    assert.strictEqual(await lab.ok('ps', '-a', '-q'), '');
  });
});
