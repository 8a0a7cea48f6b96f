// The real docker CLI drives the lab: "Docker Lab: Start Engine API", then in
// an ordinary bash terminal of VS Code the learner pastes the export line and
// types docker commands. The container appears in the lab's Containers view,
// and the architecture view lists the calls as they arrive from the socket.
// Needs a docker CLI on PATH (the client only; no daemon).
//
//   node ../shared/tools/vscode-web/drive.mjs --ext . --settings test/e2e/engine-api.settings.json --scenario test/e2e/engine-api.scenario.mjs --shots out/e2e-shots --size 1680x1000
import * as fs from 'node:fs';
import * as path from 'node:path';
import { conceptsFrame } from './workbench.mjs';

const dockerOnPath = (process.env.PATH ?? '').split(path.delimiter).some((directory) => {
  try {
    fs.accessSync(path.join(directory, 'docker'), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

export default async ({ page, step, expectText, textOf, sleep }) => {
  if (!dockerOnPath) {
    console.log('engine-api scenario: skipped, no docker CLI on PATH');
    return;
  }
  // Focus by command, not by a click: the shell's command decorations can cover the terminal.
  const shell = async (line) => {
    await step({ command: 'Terminal: Focus Terminal' });
    await page.keyboard.type(line, { delay: 20 });
    await page.keyboard.press('Enter');
  };
  await step({ activity: 'Docker Lab' });
  await step({ command: 'Docker Lab: Start Engine API' });
  await expectText('export DOCKER_HOST=unix://', 'notifications', 20000);
  const notice = await textOf('notifications');
  const exportLine = /export DOCKER_HOST=unix:\/\/\S+\.sock/.exec(notice)?.[0];
  if (!exportLine) throw new Error(`no export line in: ${notice}`);
  await page.keyboard.press('Escape');

  await step({ command: 'Docker Lab: Show Concepts' });
  const frame = await conceptsFrame(page);
  await frame.locator('[role="tab"][data-tab="architecture"]').click();

  // An ordinary shell, as on any machine with the docker CLI installed.
  await step({ command: 'Terminal: Create New Terminal' });
  await sleep(1500);
  await shell(`${exportLine} DOCKER_CLI_HINTS=false; clear`);
  await shell('docker run -d --name from-cli -p 8080:80 nginx:1.28.0');
  await expectText('Status: Downloaded newer image for nginx:1.28.0', 'terminal', 30000);
  await shell('docker ps');
  await expectText('0.0.0.0:8080->80/tcp', 'terminal', 20000);

  // The lab saw it all: the container in its tree, the socket's calls in the architecture view.
  await step({ treeItem: 'Containers' }).catch(() => undefined);
  await page.locator('.monaco-list-row[aria-label*="from-cli"]').first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('the container made by the real CLI is not in the Containers view'); });
  await frame.locator('.calls tbody tr.socket', { hasText: '/containers/json' }).filter({ hasText: 'Docker-Client/' }).first().waitFor({ timeout: 20000 })
    .catch(async () => {
      throw new Error(`the CLI's docker ps call is not listed as the socket's in the architecture view: ${await frame.locator('.calls tbody').textContent()}`);
    });
  await step({ screenshot: 'engine-api-real-cli.png', settle: 800 });

  await step({ command: 'Docker Lab: Stop Engine API' });
  await expectText('no longer serves the Engine API', 'notifications', 20000);
  await shell('docker ps');
  await expectText('Cannot connect to the Docker daemon', 'terminal', 20000);
  await step({ screenshot: 'engine-api-stopped.png', settle: 500 });
};
