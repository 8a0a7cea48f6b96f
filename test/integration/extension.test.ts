import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { DockerLabApi } from '../../src/extension';
import { activateLab, waitFor } from './lab';
import type { ContainerNode } from '../../src/views/ContainersTreeProvider';
import type { ImageNode } from '../../src/views/ImagesTreeProvider';

suite('Docker Lab in VS Code', () => {
  let api: DockerLabApi;

  /** The Containers view's rows, as the view gets them. */
  const containerRows = () => api.views.containers.getChildren() as ContainerNode[];
  const row = (name: string) => containerRows().find((n) => n.container.Names[0] === `/${name}`);

  suiteSetup(async function () {
    this.timeout(60_000);
    api = await activateLab();
    await vscode.workspace.getConfiguration('dockerLab').update('confirmRemove', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('dockerLab').update('confirmRemove', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the three views exist and can be focused', async () => {
    for (const view of ['dockerLab.lessons', 'dockerLab.containers', 'dockerLab.images']) {
      await vscode.commands.executeCommand(`${view}.focus`);
    }
  });

  test('a fresh lab lists nothing: the views show their welcome text', () => {
    assert.deepStrictEqual(containerRows(), []);
    assert.deepStrictEqual(api.views.images.getChildren(), []);
  });

  test('a command typed into the Docker Lab terminal shows up in the Containers view', async () => {
    const changed = new Promise<void>((resolve) => api.views.containers.onDidChangeTreeData(() => resolve()));
    await vscode.commands.executeCommand('dockerLab.openTerminal');
    const terminal = await waitFor('a Docker Lab terminal', () => api.terminals.all[0]);
    assert.strictEqual(terminal.name, 'Docker Lab');
    terminal.sendText('docker run -d --name web -p 8080:80 nginx:1.28.0');
    const node = await waitFor('web running', () => row('web')?.container.State === 'running' && row('web'));
    await changed;
    const item = api.views.containers.getTreeItem(node);
    assert.strictEqual(item.label, 'web');
    assert.match(String(item.description), /^nginx:1\.28\.0 · Up /);
    assert.strictEqual(item.contextValue, 'container:running');
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'debug-start');
    assert.match((item.tooltip as vscode.MarkdownString).value, /0\.0\.0\.0:8080->80\/tcp/);
    // The shell waits at its prompt again, and the command is in its history.
    const shell = api.terminals.shellOf(terminal);
    await waitFor('the prompt', () => shell?.isBusy === false);
    assert.ok(shell?.historyEntries.includes('docker run -d --name web -p 8080:80 nginx:1.28.0'));
  });

  test('the Images view lists the pulled image with its layers and the instructions that made them', () => {
    const repositories = api.views.images.getChildren() as ImageNode[];
    assert.deepStrictEqual(repositories.map((r) => api.views.images.getTreeItem(r).label), ['nginx']);
    const tags = api.views.images.getChildren(repositories[0]);
    const tag = api.views.images.getTreeItem(tags[0]);
    assert.strictEqual(tag.label, '1.28.0');
    assert.match(String(tag.description), /^\d+(\.\d+)?MB · /);
    const layers = api.views.images.getChildren(tags[0]);
    assert.strictEqual(layers.length, api.engine.imageLayers('nginx:1.28.0').length);
    assert.ok(layers.length > 1);
    const bottom = api.views.images.getTreeItem(layers[0]);
    assert.match(String(bottom.label), /^[0-9a-f]{12}$/);
    // nginx:1.28.0 is built on Debian bookworm's root filesystem; its last layer copies an entrypoint script.
    assert.match(String(bottom.description), /^\d+(\.\d+)?MB · RUN # debian\.sh --arch 'amd64' out\/ 'bookworm'/);
    const top = api.views.images.getTreeItem(layers[layers.length - 1]);
    assert.match(String(top.description), /kB · COPY 30-tune-worker-processes\.sh \/docker-entrypoint\.d$/);
  });

  test('context actions stop, start, pause and unpause through the same engine', async () => {
    const exec = (command: string) => vscode.commands.executeCommand(command, row('web'));
    await exec('dockerLab.containers.stop');
    assert.strictEqual(row('web')?.container.State, 'exited');
    assert.strictEqual(api.views.containers.getTreeItem(row('web') as ContainerNode).contextValue, 'container:exited');
    await exec('dockerLab.containers.start');
    assert.strictEqual(row('web')?.container.State, 'running');
    await exec('dockerLab.containers.pause');
    assert.strictEqual(row('web')?.container.State, 'paused');
    await exec('dockerLab.containers.unpause');
    assert.strictEqual(row('web')?.container.State, 'running');
    // The lab's events say the same as `docker events` would.
    const actions = api.engine.events().filter((e) => e.Actor.Attributes.name === 'web').map((e) => e.Action);
    const lifecycle = actions.filter((a) => ['stop', 'start', 'pause', 'unpause'].includes(a));
    assert.deepStrictEqual(lifecycle.slice(-4), ['stop', 'start', 'pause', 'unpause'], actions.join(','));
  });

  test('Inspect opens a read-only JSON document with what docker inspect prints', async () => {
    await vscode.commands.executeCommand('dockerLab.containers.inspect', row('web'));
    const editor = await waitFor('the inspect document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'docker-lab-inspect' && vscode.window.activeTextEditor);
    const inspected = JSON.parse(editor.document.getText()) as { Name: string; State: { Status: string } }[];
    assert.strictEqual(inspected[0].Name, '/web');
    assert.strictEqual(inspected[0].State.Status, 'running');
    assert.strictEqual(editor.document.languageId, 'json');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('an action the daemon refuses fails in Docker\'s words and changes nothing', async () => {
    // Unpause a running container: the daemon refuses, as `docker unpause web` would be refused.
    const web = row('web') as ContainerNode;
    const results = await vscode.commands.executeCommand<{ status: number; stderr: string }[]>('dockerLab.containers.unpause', web);
    assert.deepStrictEqual(results.map((r) => [r.status, r.stderr]),
      [[1, `Error response from daemon: Container ${web.container.Id} is not paused\n`]]);
    assert.strictEqual(row('web')?.container.State, 'running');
  });

  test('the lab survives a reload: saved to global storage, restored whole', async () => {
    const terminal = api.terminals.all[0];
    terminal.sendText('docker create --name later alpine:3.21 echo hi');
    await waitFor('later created', () => row('later'));
    assert.strictEqual(api.save(), true);
    const saved = JSON.parse(fs.readFileSync(api.stateFile, 'utf8')) as { schemaVersion: number };
    assert.strictEqual(saved.schemaVersion, 1);
    const before = containerRows().map((n) => [n.container.Id, n.container.State]);
    api.reloadFromDisk();
    assert.deepStrictEqual(containerRows().map((n) => [n.container.Id, n.container.State]), before);
    assert.strictEqual(api.engine.hostHttpRequest(8080, { method: 'GET', path: '/', headers: {} })?.status, 200,
      'nginx serves on its published port again');
  });

  test('Remove removes containers (running ones with docker rm -f)', async () => {
    await vscode.commands.executeCommand('dockerLab.containers.remove', row('later'));
    await vscode.commands.executeCommand('dockerLab.containers.remove', row('web'));
    assert.deepStrictEqual(containerRows(), []);
  });

  test('Show Logs follows the logs in a Docker Lab terminal', async () => {
    const terminal = api.terminals.all[0];
    terminal.sendText('docker run --name hello hello-world');
    await waitFor('hello exited', () => row('hello')?.container.State === 'exited');
    await waitFor('the prompt', () => api.terminals.shellOf(terminal)?.isBusy === false);
    await vscode.commands.executeCommand('dockerLab.containers.showLogs', row('hello'));
    const shell = await waitFor('the logs command in a shell', () => api.terminals.all.map((t) => api.terminals.shellOf(t))
      .find((s) => s?.historyEntries.at(-1) === 'docker logs --tail 1000 -f hello'));
    await waitFor('logs -f of an exited container to return', () => shell.isBusy === false);
    assert.strictEqual(shell.lastStatus, 0);
  });

  test('Reset Lab empties the lab and saves the empty lab', async () => {
    await vscode.commands.executeCommand('dockerLab.resetLab');
    assert.deepStrictEqual(containerRows(), []);
    assert.deepStrictEqual(api.views.images.getChildren(), []);
    const saved = JSON.parse(fs.readFileSync(api.stateFile, 'utf8')) as { state: { containers: unknown[]; images: unknown[] } };
    assert.deepStrictEqual([saved.state.containers.length, saved.state.images.length], [0, 0]);
  });
});
