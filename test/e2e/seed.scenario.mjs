// A learner's first session, driven in a real VS Code (code-server) by
// ../shared/tools/vscode-web/drive.mjs:
//
//   node ../shared/tools/vscode-web/drive.mjs --ext . --scenario test/e2e/seed.scenario.mjs --shots media/screenshots
//
// Opens Docker Lab from the activity bar, runs the study notes' command list in
// the Docker Lab terminal, manages the container from the sidebar, reloads the
// window and finds the lab as it was left. Fails (exit 1) when a step does not
// show what a learner should see; leaves screenshots in --shots.

import { waitForWorkbench } from './workbench.mjs';

export default async ({ page, step, expectText, sleep }) => {
  const sidebar = '.part.sidebar';
  const type = async (line, expect) => {
    await step({ terminalType: line });
    if (expect) await expectText(expect, 'terminal', 20000);
  };

  // 1. The activity bar icon opens the sidebar; empty views tell the learner what to do.
  await step({ activity: 'Docker Lab' });
  await expectText('No containers yet', 'page', 20000);
  // A wider sidebar, as a learner would drag it, so descriptions are not cut.
  const box = await page.locator(sidebar).boundingBox();
  await page.mouse.move(box.x + box.width + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 150, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await step({ screenshot: 'sidebar-welcome.png', settle: 800 });

  // 2. The welcome view's button opens a Docker Lab terminal.
  await step({ clickText: 'Open Terminal', within: sidebar });
  await expectText('Type "help"', 'terminal', 20000);
  await step({ command: 'View: Toggle Maximized Panel' });

  // 3. The study notes' commands, in their order.
  await type('docker --version', 'Docker version 28.2.2, build e6534b4');
  await type('docker run hello-world', 'https://docs.docker.com/get-started/');
  await type('clear');
  await type('docker images', 'REPOSITORY    TAG       IMAGE ID       CREATED        SIZE');
  await type('docker pull nginx:1.28.0', 'Status: Downloaded newer image for nginx:1.28.0');
  await type('docker run -d -p 80:80 --name nginx-twitter nginx:1.28.0');
  await expectText('nginx-twitter', 'page', 20000);
  await type('docker ps', 'nginx-twitter');
  await step({ screenshot: 'terminal-and-sidebar.png', settle: 1200 });
  await type('docker ps -a', 'hello-world');
  await type('curl localhost', 'Thank you for using nginx.');
  await type('docker logs nginx-twitter', '"GET / HTTP/1.1" 200');

  // 4. The Images view: the tag and, under it, the layers with their instructions.
  await step({ treeItem: '1.28.0' });
  await expectText('COPY docker-entrypoint.sh', 'page', 20000);
  await step({ screenshot: 'images-layers.png', selector: sidebar, settle: 500 });
  await step({ treeItem: '1.28.0' });

  // 5. Right-click the running container: the actions a running container has.
  await page.locator(`${sidebar} .monaco-list-row[aria-label^="nginx-twitter"]`).first().click({ button: 'right' });
  await page.locator('.context-view .monaco-menu').first().waitFor({ state: 'visible', timeout: 10000 });
  await step({ screenshot: 'container-menu.png', settle: 500 });
  await step({ press: 'Escape' });

  // 6. Reload the window: the lab comes back as it was (nginx still up, hello-world exited).
  await page.reload();
  await waitForWorkbench(page, sleep);
  const docker = page.locator('.part.activitybar .action-item [aria-label^="Docker Lab"]').first();
  if (!(await page.locator(`${sidebar} .monaco-list-row[aria-label^="nginx-twitter"]`).count())) await docker.click();
  await expectText('nginx-twitter', 'page', 30000);
  // The Docker Lab terminal is back too, with a fresh prompt.
  await page.locator('.terminal-tabs-entry, .single-terminal-tab, .panel .action-item', { hasText: 'Docker Lab' }).first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('no Docker Lab terminal after the reload'); });
  const row = await page.locator(`${sidebar} .monaco-list-row[aria-label^="nginx-twitter"]`).first().getAttribute('aria-label');
  if (!/Up /.test(row ?? '')) throw new Error(`after the reload nginx-twitter should still be up; its row says ${row}`);
  await step({ screenshot: 'after-reload.png', settle: 800 });

  // 7. Stop it from the sidebar (inline action), then finish the notes' list in a new terminal.
  // The row redraws every second while its status reads "Up N seconds"; a click
  // that lands during a redraw is lost, as it would be for a person, who clicks again.
  const nginxRow = `${sidebar} .monaco-list-row[aria-label^="nginx-twitter"]`;
  const exited = () => page.waitForFunction(() => [...document.querySelectorAll('.part.sidebar .monaco-list-row')]
    .some((r) => /^nginx-twitter, .*Exited \(0\)/.test(r.getAttribute('aria-label') ?? '')), null, { timeout: 5000 })
    .then(() => true, () => false);
  let stopped = false;
  for (let attempt = 0; attempt < 4 && !stopped; attempt++) {
    await page.locator(nginxRow).first().hover();
    await page.locator(`${nginxRow} .action-label[aria-label^="Stop"]`).first().click();
    stopped = await exited();
  }
  if (!stopped) {
    const label = await page.locator(nginxRow).first().getAttribute('aria-label').catch(() => null);
    throw new Error(`Stop from the sidebar did not stop nginx-twitter; its row says ${label}`);
  }
  await step({ command: 'Docker Lab: Open Terminal' });
  await expectText('Type "help"', 'terminal', 20000);
  await type('docker rm nginx-twitter', 'nginx-twitter');
  await type('docker rmi nginx:1.28.0', 'Untagged: nginx:1.28.0');
  await type('docker ps -a', 'hello-world');
  await step({ screenshot: 'finished.png', settle: 800 });
};
