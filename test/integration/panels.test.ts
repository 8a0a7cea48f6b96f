import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DockerLabApi } from '../../src/extension';
import { activateLab, waitFor } from './lab';

suite('Docker Lab concepts panel in VS Code', () => {
  let api: DockerLabApi;

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

  test('Show Concepts opens the panel; a container run in the terminal appears in it with its API calls', async () => {
    await vscode.commands.executeCommand('dockerLab.showConcepts');
    const panel = await waitFor('the concepts panel', () => api.concepts.conceptsPanel);
    assert.strictEqual(panel.panel.title, 'Docker Lab: Concepts');
    assert.deepStrictEqual(panel.lastUpdate?.containers, []);
    await api.terminals.runLine('docker run -d --name concept-web -p 8088:80 nginx:1.28.0');
    const update = await waitFor('concept-web in the panel', () => panel.lastUpdate?.containers.includes('concept-web') && panel.lastUpdate);
    assert.match(update.views.vm.svg, /concept-web/);
    assert.ok(update.views.vm.outline.some((line) => line.includes('concept-web')));
    const calls = await waitFor('the start call', () => {
      const list = panel.lastUpdate!.calls.map((c) => `${c.method} ${c.path.replace(/[0-9a-f]{64}/, 'ID')} ${c.status}`);
      return list.includes('POST /containers/ID/start 204') && list;
    });
    assert.ok(calls.includes('POST /images/create 200'), `a pull reached the registry: ${calls.join(', ')}`);
  });

  test('stopping the container redraws the panel; the sidebar\'s reads are not listed as calls', async () => {
    const panel = api.concepts.conceptsPanel!;
    await vscode.commands.executeCommand('dockerLab.refresh');
    await vscode.commands.executeCommand('dockerLab.containers.stop', api.views.containers.getChildren().find((n) => n.container.Names[0] === '/concept-web'));
    await waitFor('concept-web gone from the drawing', () => !panel.lastUpdate?.containers.includes('concept-web'));
    // The refresh came just before the stop: its reads would be among the last calls.
    const added = panel.lastUpdate!.calls.slice(-4).map((c) => c.operation);
    assert.ok(added.includes('ContainerStop'));
    assert.ok(!added.includes('ContainerList'), `sidebar redraws are not API calls: ${added.join(', ')}`);
  });

  test('the panel follows the lesson language', async () => {
    await vscode.workspace.getConfiguration('dockerLab').update('lessonLanguage', 'ko', vscode.ConfigurationTarget.Global);
    await waitFor('the Korean title', () => api.concepts.conceptsPanel?.panel.title === 'Docker Lab: 개념');
  });
});
