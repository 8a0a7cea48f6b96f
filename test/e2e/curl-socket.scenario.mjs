// Lesson 4's request by hand: in the Docker Lab terminal, curl --unix-socket
// /var/run/docker.sock sends GET /containers/json to the lab's daemon (in process,
// no docker CLI needed), prints the JSON docker ps formats, and the architecture
// view lists the call as the socket's, from curl.
//
//   node ../shared/tools/vscode-web/drive.mjs --ext . --settings test/e2e/curl-socket.settings.json --scenario test/e2e/curl-socket.scenario.mjs --shots out/e2e-shots --size 1680x1000
import { conceptsFrame } from './workbench.mjs';

export default async ({ page, step, expectText }) => {
  await step({ activity: 'Docker Lab' });
  await step({ command: 'Docker Lab: Open Terminal' });
  await expectText('Type "help"', 'terminal', 20000);
  await step({ command: 'Docker Lab: Show Concepts' });
  const frame = await conceptsFrame(page);
  await frame.locator('[role="tab"][data-tab="architecture"]').click();
  await step({ terminalType: 'docker run -d --name web -p 8080:80 nginx:1.28.0' });
  await expectText('Status: Downloaded newer image', 'terminal', 30000);
  await step({ terminalType: 'curl -s --unix-socket /var/run/docker.sock http://localhost/v1.50/containers/json' });
  await expectText('"Names":["/web"]', 'terminal', 20000);
  await frame.locator('.calls tbody tr.socket', { hasText: 'curl/8.14.1' }).first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('curl\'s call is not listed as the socket\'s in the architecture view'); });
  await step({ screenshot: 'curl-unix-socket.png', settle: 800 });
};
