import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DockerLabApi } from '../../src/extension';
import type { ContainerNode } from '../../src/views/ContainersTreeProvider';
import type { ImageNode } from '../../src/views/ImagesTreeProvider';
import { activateLab, waitFor } from './lab';

suite('Docker Lab layer inspector in VS Code', () => {
  let api: DockerLabApi;
  const idle = () => api.terminals.all.every((t) => api.terminals.shellOf(t)?.isBusy === false);
  const run = async (line: string) => {
    await waitFor('an idle terminal', idle);
    await api.terminals.runLine(line);
    await waitFor(`"${line}" to finish`, idle, 30_000);
  };

  suiteSetup(async function () {
    this.timeout(60_000);
    api = await activateLab();
    await vscode.workspace.getConfiguration('dockerLab').update('lessonLanguage', 'en', vscode.ConfigurationTarget.Global);
    api.engine.reset();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('dockerLab').update('lessonLanguage', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.engine.reset();
  });

  test('an image pulled in the terminal opens in the inspector: seven layers, the top one selected, its page running', async function () {
    this.timeout(90_000);
    await run('docker pull nginx:1.28.0');
    await waitFor('nginx:1.28.0 in the lab', () => api.engine.hasImage('nginx:1.28.0'), 30_000);
    await vscode.commands.executeCommand('dockerLab.inspectLayers', 'nginx:1.28.0');
    const panel = await waitFor('the inspector panel', () => api.inspector.inspectorPanel);
    await waitFor('the inspector page to run its script', () => panel.pageReady);
    assert.strictEqual(panel.panel.title, 'Layers: nginx:1.28.0');
    const subject = panel.lastSubject!;
    assert.strictEqual(subject.summary.name, 'nginx:1.28.0');
    assert.deepStrictEqual(subject.layers.map((layer) => layer.shortDigest), [
      'ae4ce04d0e1c', '049fab013ee9', '7f0da823c3c6', 'e92ea34e4fd2', 'd9cafe4fb0f5', '276a6b624459', '9aec91fa40af',
    ]);
    assert.strictEqual(subject.layers[2].instruction, 'COPY docker-entrypoint.sh /');
    // The install step rewrites the base's /etc/passwd, /etc/group, ... and dpkg's status: a little waste, as dive shows for nginx.
    assert.ok(subject.summary.efficiency.score > 0.999 && subject.summary.efficiency.score < 1, String(subject.summary.efficiency.score));
    assert.ok(subject.summary.efficiency.files.some((file) => file.path === '/var/lib/dpkg/status'));
    const view = panel.lastView!;
    assert.strictEqual(view.selected, 6);
    assert.deepStrictEqual(view.rows.map((row) => `${row.mark} ${row.path}`), ['C /docker-entrypoint.d', 'A /docker-entrypoint.d/30-tune-worker-processes.sh']);
  });

  test('"Inspect Layers" on a layer row of the Images view opens that layer of that image', async () => {
    const images = api.views.images;
    const repository = images.getChildren().find((node) => node.kind === 'repository' && node.entry.repository === 'nginx') as ImageNode;
    const tag = images.getChildren(repository)[0];
    const layer = images.getChildren(tag)[1];
    assert.strictEqual(layer.kind, 'layer');
    await vscode.commands.executeCommand('dockerLab.images.inspectLayers', layer);
    const panel = api.inspector.inspectorPanel!;
    await waitFor('layer 1 selected', () => panel.lastView?.selected === 1);
    assert.deepStrictEqual(panel.lastView!.rows.map((row) => row.name), ['docker-entrypoint.d', 'etc', 'usr', 'var']);
  });

  test('a container: the writable layer on top, marked as docker diff prints it, redrawn when the container writes a file', async function () {
    this.timeout(90_000);
    await run('docker run -d --name inspect-web nginx:1.28.0');
    await run('docker exec inspect-web sh -c "echo hello > /usr/share/nginx/html/hello.html; rm /etc/nginx/conf.d/default.conf"');
    await waitFor('the container\'s changes', () => api.engine.containerChanges('inspect-web').length > 0);
    await vscode.commands.executeCommand('dockerLab.refresh');
    const node = await waitFor('inspect-web in the Containers view',
      () => api.views.containers.getChildren().find((n: ContainerNode) => n.container.Names[0] === '/inspect-web'));
    await vscode.commands.executeCommand('dockerLab.containers.inspectLayers', node);
    const panel = api.inspector.inspectorPanel!;
    await waitFor('the container in the inspector', () => panel.lastSubject?.summary.kind === 'container' && panel.lastSubject);
    assert.strictEqual(panel.panel.title, 'Layers: inspect-web');
    const subject = panel.lastSubject!;
    assert.strictEqual(subject.layers.length, 8);
    assert.ok(subject.layers[7].writable);
    const diff = () => api.engine.containerChanges('inspect-web').map((change) => `${'CAD'[change.Kind]} ${change.Path}`);
    assert.deepStrictEqual(panel.lastView!.rows.filter((row) => row.mark).map((row) => `${row.mark} ${row.path}`), diff());
    assert.ok(diff().includes('D /etc/nginx/conf.d/default.conf') && diff().includes('A /usr/share/nginx/html/hello.html'));
    // The container writes another file: the open inspector follows.
    await run('docker exec inspect-web sh -c "echo later > /tmp/later.txt"');
    await waitFor('/tmp/later.txt in the inspector', () => panel.lastView?.rows.some((row) => row.path === '/tmp/later.txt' && row.mark === 'A'));
    assert.deepStrictEqual(panel.lastView!.rows.filter((row) => row.mark).map((row) => `${row.mark} ${row.path}`), diff());
  });

  test('a removed container leaves the last view with a notice', async () => {
    const panel = api.inspector.inspectorPanel!;
    await run('docker rm -f inspect-web');
    await waitFor('the notice', () => panel.lastSubject?.gone === true);
    assert.strictEqual(panel.lastSubject!.summary.name, 'inspect-web');
  });
});
