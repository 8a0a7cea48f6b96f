import * as assert from 'node:assert';
import { TestLab } from '../../helpers/TestLab';

const NGINX_ID = 'sha256:34e04bb6b4bb37d45845842374be0cd181723daffb230849b1984aaeaa96faba';

async function labWithNginx(): Promise<TestLab> {
  const lab = new TestLab();
  await lab.ok('pull', '-q', 'nginx:1.28.0');
  return lab;
}

suite('docker image inspect', () => {
  test('a JSON array, 4-space indented, keys in the API\'s order (docker 28: API 1.50)', async () => {
    const lab = await labWithNginx();
    const out = await lab.ok('image', 'inspect', 'nginx:1.28.0');
    assert.ok(out.startsWith(`[\n    {\n        "Id": "${NGINX_ID}",\n        "RepoTags": [\n            "nginx:1.28.0"\n        ],\n`), out);
    assert.ok(out.endsWith('\n    }\n]\n'), out);
    const [image] = JSON.parse(out) as Record<string, unknown>[];
    assert.deepStrictEqual(Object.keys(image), [
      'Id', 'RepoTags', 'RepoDigests', 'Parent', 'Comment', 'Created', 'DockerVersion', 'Author', 'Config',
      'Architecture', 'Os', 'Size', 'GraphDriver', 'RootFS', 'Metadata',
    ]);
    // The OCI image config: its own field order, empty fields left out.
    assert.deepStrictEqual(Object.keys(image.Config as object), ['ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Labels', 'StopSignal']);
    assert.strictEqual((image.RootFS as { Layers: string[] }).Layers.length, 7);
  });

  test('strings escaped as the daemon\'s Go encoder does: <, > and & as \\u003c, \\u003e, \\u0026', async () => {
    const lab = await labWithNginx();
    const out = await lab.ok('image', 'inspect', 'nginx:1.28.0');
    assert.ok(out.includes('"maintainer": "NGINX Docker Maintainers \\u003cdocker-maint@nginx.com\\u003e"'), out);
  });

  test('LastTagTime is a Go RFC3339Nano time (no trailing zeros in the fraction)', async () => {
    const lab = await labWithNginx();
    const [image] = JSON.parse(await lab.ok('image', 'inspect', 'nginx:1.28.0')) as { Metadata: { LastTagTime: string } }[];
    assert.match(image.Metadata.LastTagTime, /^2026-11-24T09:00:00(\.\d*[1-9])?Z$/);
  });

  test('-f runs the Go template once per image', async () => {
    const lab = await labWithNginx();
    await lab.ok('pull', '-q', 'alpine');
    assert.strictEqual(await lab.ok('image', 'inspect', '-f', '{{.Id}}', 'nginx:1.28.0', 'alpine'),
      `${NGINX_ID}\nsha256:320994c3b997e2ec6433f717f153e108023c5bec8fefa8d76b83451d16d05ea8\n`);
    assert.strictEqual(await lab.ok('image', 'inspect', '--format', '{{.Config.Cmd}} {{json .RepoTags}} {{.Os}}/{{.Architecture}}', 'nginx:1.28.0'),
      '[nginx -g daemon off;] ["nginx:1.28.0"] linux/amd64\n');
    assert.strictEqual(await lab.ok('image', 'inspect', '-f', '{{index .Config.Labels "maintainer"}}', 'nginx:1.28.0'),
      'NGINX Docker Maintainers <docker-maint@nginx.com>\n');
  });

  test('by id prefix, by full id and by digest', async () => {
    const lab = await labWithNginx();
    const ids = await lab.ok('image', 'inspect', '-f', '{{.Id}}', '34e04bb6', NGINX_ID, 'nginx@sha256:552e7481ca93ffccd046aa658dbbed22caefbc09c66fa7cd247cbb90b8a5c609');
    assert.strictEqual(ids, `${NGINX_ID}\n`.repeat(3));
  });

  test('an image that is not there: the daemon\'s error after the output, exit 1', async () => {
    const lab = await labWithNginx();
    assert.deepStrictEqual(await lab.docker('image', 'inspect', 'nosuch'), {
      stdout: '[]\n',
      stderr: 'Error response from daemon: No such image: nosuch:latest\n',
      code: 1,
    });
    assert.deepStrictEqual(await lab.docker('image', 'inspect', '-f', '{{.Os}}', 'nosuch', 'nginx:1.28.0', 'other:1'), {
      stdout: 'linux\n',
      stderr: 'Error response from daemon: No such image: nosuch:latest\nError response from daemon: No such image: other:1\n',
      code: 1,
    });
    // An empty name never reaches the daemon (moby client objectNotFoundError).
    assert.deepStrictEqual(await lab.docker('image', 'inspect', ''), { stdout: '[]\n', stderr: 'Error: No such image: \n', code: 1 });
  });

  test('-f json: the daemon\'s JSON compacted into one array line (inspect.NewJSONInspector)', async () => {
    const lab = await labWithNginx();
    const out = await lab.ok('image', 'inspect', '-f', 'json', 'nginx:1.28.0');
    assert.ok(out.startsWith(`[{"Id":"${NGINX_ID}","RepoTags":["nginx:1.28.0"],`), out);
    assert.ok(out.endsWith('}}]\n') && !out.slice(0, -1).includes('\n'), out);
    assert.ok(out.includes('\\u003cdocker-maint@nginx.com\\u003e'), out);
  });

  test('a template that does not parse: docker\'s "template parsing error", exit 64', async () => {
    const lab = await labWithNginx();
    assert.deepStrictEqual(await lab.docker('image', 'inspect', '-f', '{{', 'nginx:1.28.0'), {
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      code: 64,
    });
  });
});
