import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DockerLabApi } from '../../src/extension';

const EXTENSION_ID = 'docker-lab.docker-lab';

/** Polls `probe` until it returns something truthy (VS Code and the lab work asynchronously). */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Shows the Docker Lab sidebar (what activates it) and returns the API `activate()` gave. */
export async function activateLab(): Promise<DockerLabApi> {
  const extension = vscode.extensions.getExtension<DockerLabApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await vscode.commands.executeCommand('workbench.view.extension.dockerLab');
  return waitFor('activation', () => extension.isActive && extension.exports);
}
