// The concepts panel, driven like a learner: open it, run containers in the Docker Lab
// terminal and see them drawn on the shared kernel, then watch a command's API calls
// travel the architecture picture. Screenshots of the three views.
//
//   node ../shared/tools/vscode-web/drive.mjs --ext . --settings test/e2e/concepts.settings.json --scenario test/e2e/concepts.scenario.mjs --shots out/e2e-shots --size 1680x1000
import { conceptsFrame, waitForWorkbench } from './workbench.mjs';

export default async ({ page, step, expectText, sleep }) => {
  await step({ activity: 'Docker Lab' });
  await step({ command: 'Docker Lab: Open Terminal' });
  await expectText('Type "help"', 'terminal', 20000);
  await step({ command: 'Docker Lab: Show Concepts' });
  const frame = await conceptsFrame(page);
  for (const [line, expect] of [
    ['docker run -d --name web -p 8080:80 nginx:1.28.0', 'Status: Downloaded newer image'],
    ['docker run -d --name cache redis', 'Status: Downloaded newer image for redis:latest'],
    ['docker run -d --name api -p 3000:80 nginx:1.28.0', undefined],
  ]) {
    await step({ terminalType: line });
    if (expect) await expectText(expect, 'terminal', 30000);
  }
  // The container side draws each running container on the one kernel.
  for (const name of ['web', 'cache', 'api']) {
    await frame.locator(`.diagram[data-view="vm"] svg [aria-label*="${name}"]`).first().waitFor({ timeout: 20000 })
      .catch(() => { throw new Error(`${name} is not drawn in the VM-vs-container view`); });
  }
  await step({ screenshot: 'concepts-vm.png', settle: 800 });

  // Architecture: a command's calls light its path and top the list.
  await frame.locator('[role="tab"][data-tab="architecture"]').click();
  await step({ terminalType: 'docker stop api' });
  await frame.locator('.calls tbody tr', { hasText: '/stop' }).first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('the stop call is not listed in the architecture view'); });
  await step({ terminalType: 'docker pull alpine' });
  await frame.locator('.diagram[data-view="architecture"] [data-edge="daemon-registry"].flash, .diagram[data-view="architecture"] .flash[data-edge="daemon-registry"]').first()
    // A straight <line> has an empty box, so "visible" never holds for it: wait for it to be there.
    .waitFor({ state: 'attached', timeout: 20000 }).catch(async () => {
      const calls = await frame.locator('.calls tbody').textContent();
      const edges = await frame.locator('.diagram[data-view="architecture"] [data-edge]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-edge')}:${e.getAttribute('class')}`));
      throw new Error(`a pull did not light the path to the registry; calls: ${calls}; edges: ${edges.join(' ')}`);
    });
  await step({ screenshot: 'concepts-architecture.png', settle: 200 });

  await frame.locator('[role="tab"][data-tab="desktop"]').click();
  await frame.locator('.diagram[data-view="desktop"] svg [aria-label*="web"]').first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('web is not drawn inside Docker Desktop\'s VM'); });
  await step({ command: 'View: Hide Panel' });
  await step({ screenshot: 'concepts-desktop.png', settle: 800 });

  // After a reload the panel comes back (webview serializer) on the same view, drawn from the restored lab.
  await page.reload();
  await waitForWorkbench(page, sleep);
  const again = await conceptsFrame(page, 30000);
  await again.locator('[role="tab"][data-tab="desktop"][aria-selected="true"]').waitFor({ timeout: 20000 })
    .catch(async () => {
      const selected = await again.locator('[role="tab"][aria-selected="true"]').getAttribute('data-tab').catch(() => null);
      throw new Error(`after the reload the concepts panel is not on the Docker Desktop view but on ${selected}`);
    });
  await again.locator('.diagram[data-view="desktop"] svg [aria-label*="cache"]').first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('after the reload the running containers are not drawn'); });
};
