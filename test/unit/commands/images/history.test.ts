import * as assert from 'node:assert';
import { TestLab } from '../../helpers/TestLab';

/** The lab's clock reads 2026-11-24; nginx:1.28.0 was built on 2025-12-08. */
async function labWithNginx(): Promise<TestLab> {
  const lab = new TestLab();
  await lab.ok('pull', '-q', 'nginx:1.28.0');
  return lab;
}

suite('docker history', () => {
  test('nginx:1.28.0: newest step first, the image id on top, <missing> below, CREATED BY cut at 45 with …', async () => {
    const lab = await labWithNginx();
    assert.strictEqual(await lab.ok('history', 'nginx:1.28.0'), [
      'IMAGE          CREATED         CREATED BY                                      SIZE      COMMENT',
      '34e04bb6b4bb   11 months ago   CMD ["nginx" "-g" "daemon off;"]                0B        ',
      '<missing>      11 months ago   STOPSIGNAL SIGQUIT                              0B        ',
      '<missing>      11 months ago   EXPOSE map[80/tcp:{}]                           0B        ',
      '<missing>      11 months ago   ENTRYPOINT ["/docker-entrypoint.sh"]            0B        ',
      '<missing>      11 months ago   COPY 30-tune-worker-processes.sh /docker-ent…   3.63kB    buildkit.dockerfile.v0',
      '<missing>      11 months ago   COPY 20-envsubst-on-templates.sh /docker-ent…   3.15kB    buildkit.dockerfile.v0',
      '<missing>      11 months ago   COPY 15-local-resolvers.envsh /docker-entryp…   1.05kB    buildkit.dockerfile.v0',
      '<missing>      11 months ago   COPY 10-listen-on-ipv6-by-default.sh /docker…   2.48kB    buildkit.dockerfile.v0',
      '<missing>      11 months ago   COPY docker-entrypoint.sh / # buildkit          1.64kB    buildkit.dockerfile.v0',
      '<missing>      11 months ago   RUN set -x     && groupadd --system --gid 10…   115MB     buildkit.dockerfile.v0',
      '<missing>      11 months ago   ENV DYNPKG_RELEASE=1~bookworm                   0B        ',
      '<missing>      11 months ago   ENV PKG_RELEASE=1~bookworm                      0B        ',
      '<missing>      11 months ago   ENV NJS_RELEASE=1~bookworm                      0B        ',
      '<missing>      11 months ago   ENV NJS_VERSION=0.8.10                          0B        ',
      '<missing>      11 months ago   ENV NGINX_VERSION=1.28.0                        0B        ',
      '<missing>      11 months ago   LABEL maintainer=NGINX Docker Maintainers <d…   0B        ',
      "<missing>      11 months ago   RUN # debian.sh --arch 'amd64' out/ 'bookwor…   73.4MB    buildkit.dockerfile.v0",
      '',
    ].join('\n'));
    assert.strictEqual(await lab.ok('image', 'history', 'nginx:1.28.0'), await lab.ok('history', 'nginx:1.28.0'));
  });

  test('-q: the ids alone, <missing> included', async () => {
    const lab = await labWithNginx();
    assert.strictEqual(await lab.ok('history', '-q', 'nginx:1.28.0'), `34e04bb6b4bb\n${'<missing>\n'.repeat(16)}`);
  });

  test('-H=false: CREATED AT in RFC 3339 and sizes in bytes', async () => {
    const lab = await labWithNginx();
    const lines = (await lab.ok('history', '-H=false', 'nginx:1.28.0')).split('\n');
    assert.strictEqual(lines[0], 'IMAGE          CREATED AT             CREATED BY                                      SIZE        COMMENT');
    assert.strictEqual(lines[1], '34e04bb6b4bb   2025-12-08T22:39:09Z   CMD ["nginx" "-g" "daemon off;"]                0           ');
    assert.strictEqual(lines[17], "<missing>      2025-12-08T00:00:00Z   RUN # debian.sh --arch 'amd64' out/ 'bookwor…   73393887    buildkit.dockerfile.v0");
  });

  test('--no-trunc: the full id and the whole CREATED BY', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'hello-world');
    assert.strictEqual(await lab.ok('history', '--no-trunc', 'hello-world'), [
      'IMAGE                                                                     CREATED        CREATED BY                SIZE      COMMENT',
      'sha256:e2ac70e7319a02c5a477f5825259bd118b94e8b02c279c67afa63adab6d8685b   8 months ago   CMD ["/hello"]            0B        ',
      '<missing>                                                                 8 months ago   COPY hello / # buildkit   6.28kB    buildkit.dockerfile.v0',
      '',
    ].join('\n'));
    await lab.ok('pull', '-q', 'nginx:1.28.0');
    const run = (await lab.ok('history', '--no-trunc', '--format', '{{.CreatedBy}}', 'nginx:1.28.0')).split('\n')[9];
    assert.ok(run.startsWith('RUN set -x ') && run.endsWith('mkdir /docker-entrypoint.d # buildkit') && run.length > 45, run);
  });

  test('--format json: the history context\'s fields, keys sorted', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'hello-world');
    const lines = (await lab.ok('history', '--format', 'json', 'hello-world')).trimEnd().split('\n');
    assert.strictEqual(lines[0], '{"Comment":"","CreatedAt":"2026-03-23T21:33:59Z","CreatedBy":"CMD [\\"/hello\\"]","CreatedSince":"8 months ago","ID":"e2ac70e7319a","Size":"0B"}');
    assert.deepStrictEqual(JSON.parse(lines[1]), {
      Comment: 'buildkit.dockerfile.v0', CreatedAt: '2026-03-23T21:33:59Z', CreatedBy: 'COPY hello / # buildkit', CreatedSince: '8 months ago', ID: '<missing>', Size: '6.28kB',
    });
  });

  test('--format json escapes <, > and & as docker\'s formatter.MarshalJSON (json.Marshal) does', async () => {
    const lab = new TestLab();
    await lab.ok('pull', '-q', 'hello-world');
    const missing = (await lab.ok('history', '--format', 'json', 'hello-world')).trimEnd().split('\n')[1];
    assert.ok(missing.includes('"ID":"\\u003cmissing\\u003e"'), missing);
  });

  test('an unknown image: the daemon\'s error, exit 1', async () => {
    const lab = new TestLab();
    assert.deepStrictEqual(await lab.docker('history', 'nosuch'), { stdout: '', stderr: 'Error response from daemon: No such image: nosuch:latest\n', code: 1 });
  });
});
