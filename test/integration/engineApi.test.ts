import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as vscode from 'vscode';
import type { DockerLabApi } from '../../src/extension';
import type { ContainerNode } from '../../src/views/ContainersTreeProvider';
import { activateLab, waitFor } from './lab';

/** One request on the lab's socket, as a Docker client sends it. */
function call(socketPath: string, method: string, url: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ socketPath, method, path: url, headers: body ? { 'Content-Type': 'application/json' } : {} }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

suite('Docker Lab: the Engine API socket in VS Code', () => {
  let api: DockerLabApi;

  suiteSetup(async function () {
    this.timeout(60_000);
    api = await activateLab();
  });

  // The next suites start from an empty lab.
  suiteTeardown(() => api.engine.reset());

  test('Start Engine API serves the lab: a container made through the socket shows in the Containers view; Stop removes the socket', async function () {
    this.timeout(60_000);
    const socket = await vscode.commands.executeCommand<string>('dockerLab.startEngineApi');
    assert.ok(socket && fs.existsSync(socket), `socket ${socket}`);
    assert.strictEqual(api.engineApi.exportLine, `export DOCKER_HOST=unix://${socket}`);
    const ping = await call(socket, 'GET', '/_ping');
    assert.deepStrictEqual([ping.status, ping.text], [200, 'OK']);
    const pull = await call(socket, 'POST', '/v1.50/images/create?fromImage=alpine&tag=latest');
    assert.match(pull.text, /Status: (Downloaded newer image|Image is up to date) for alpine:latest/);
    const created = await call(socket, 'POST', '/v1.50/containers/create?name=from-socket', JSON.stringify({ Image: 'alpine', Cmd: ['sleep', '300'] }));
    assert.strictEqual(created.status, 201);
    assert.strictEqual((await call(socket, 'POST', '/v1.50/containers/from-socket/start')).status, 204);
    await waitFor('the container in the Containers view', () =>
      (api.views.containers.getChildren() as ContainerNode[]).some((node) => node.container.Names[0] === '/from-socket' && node.container.State === 'running'));
    assert.strictEqual((await call(socket, 'DELETE', '/v1.50/containers/from-socket?force=1')).status, 204);
    await vscode.commands.executeCommand('dockerLab.stopEngineApi');
    assert.ok(!fs.existsSync(socket), 'the socket is gone after Stop Engine API');
    assert.strictEqual(api.engineApi.socketPath, undefined);
  });

  test('curl --unix-socket /var/run/docker.sock in a Docker Lab terminal reaches the daemon in process, without a socket file', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('dockerLab.openTerminal');
    const terminal = await waitFor('a Docker Lab terminal', () => api.terminals.all[0]);
    const shell = await waitFor('its shell', () => api.terminals.shellOf(terminal));
    await waitFor('the prompt', () => shell.isBusy === false);
    let output = '';
    const listening = shell.onOutput((text) => { output += text; });
    const clients: (string | undefined)[] = [];
    const calls = api.engine.onApiCall((call) => clients.push(call.client));
    try {
      terminal.sendText('curl --unix-socket /var/run/docker.sock http://localhost/v1.50/version');
      await waitFor('curl to finish', () => output.includes('curl --unix-socket') && shell.isBusy === false);
      assert.ok(output.includes('"ApiVersion":"1.50"'), output);
      assert.strictEqual(shell.lastStatus, 0);
      assert.deepStrictEqual(clients, ['curl/8.14.1']);
      assert.strictEqual(api.engineApi.socketPath, undefined, 'no Engine API socket was started for it');
    } finally {
      listening.dispose();
      calls.dispose();
    }
  });
});
