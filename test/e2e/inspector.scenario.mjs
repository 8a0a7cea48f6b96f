// The layer inspector, driven like a learner: pull nginx:1.28.0 and run a container in the
// Docker Lab terminal, let the container change files (docker exec), then open the inspector
// from the sidebar's context menus, on the image and on the container; walk it with the
// keyboard; reload the window and find it again. Screenshots: inspector-image.png,
// inspector-container.png (copied to docs/screenshots for the README).
//
//   node ../shared/tools/vscode-web/drive.mjs --ext . --scenario test/e2e/inspector.scenario.mjs --shots out/e2e-shots --size 1680x1000
import path from 'node:path';
import { waitForWorkbench } from './workbench.mjs';

const sidebar = '.part.sidebar';

/** The webview frame that shows the inspector (optionally: once it shows `selector`). */
async function inspectorFrame(page, selector = '#layers .layer', timeout = 20000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.locator('#layers').count().catch(() => 0) && await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the layer inspector did not show ${selector}`);
}

/**
 * Right-clicks a sidebar row, picks "Inspect Layers" and waits for the inspector to show
 * `selector`. The Containers view redraws its rows every second ("Up 5 seconds"): a click
 * that lands during a redraw is lost, as it would be for a person, who tries again.
 */
async function inspectFromMenu(page, rowLabel, selector) {
  const row = page.locator(`${sidebar} .monaco-list-row[aria-label^="${rowLabel}"]`).first();
  let seen = 'no menu';
  for (let attempt = 0; attempt < 4; attempt++) {
    await row.click({ button: 'right' });
    const item = page.locator('.context-view .monaco-menu .action-item', { hasText: 'Inspect Layers' }).first();
    if (!(await item.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false))) {
      seen = await page.locator('.context-view').first().innerText().catch(() => 'no menu');
      await page.keyboard.press('Escape');
      continue;
    }
    // A menu ignores a click that comes right after it opened (the right button's release).
    await new Promise((resolve) => setTimeout(resolve, 400));
    await item.click().catch(() => undefined);
    const frame = await inspectorFrame(page, selector, 8000).catch(() => undefined);
    if (frame) return frame;
    seen = 'the menu item was clicked';
    if (await page.locator('.context-view .monaco-menu').first().isVisible().catch(() => false)) {
      await page.keyboard.press('Escape');
      await page.locator('.context-view .monaco-menu').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    }
  }
  throw new Error(`"Inspect Layers" on ${rowLabel} did not show ${selector} (${seen})`);
}

/** The tree row whose name is exactly `name` (optionally with a mark class: `.mark-A`). */
function row(frame, name, extra = '') {
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return frame.locator(`#tree .row${extra}`).filter({ has: frame.locator('.name', { hasText: exact }) }).first();
}

/** The tree's rows as `mark name` lines. */
async function treeRows(frame) {
  return frame.locator('#tree .row').evaluateAll((rows) => rows.map((row) => `${row.querySelector('.mark')?.textContent ?? ''} ${row.querySelector('.name')?.textContent ?? ''}`.trim()));
}

export default async (context) => {
  const { page, shots } = context;
  try {
    await scenario(context);
  } catch (error) {
    await page.screenshot({ path: path.join(shots, 'inspector-FAILED.png') }).catch(() => {});
    throw error;
  }
};

async function scenario({ page, step, expectText, sleep }) {
  const type = async (line, expect) => {
    await step({ terminalType: line });
    if (expect) await expectText(expect, 'terminal', 30000);
  };

  await step({ activity: 'Docker Lab' });
  await step({ command: 'Docker Lab: Open Terminal' });
  await expectText('Type "help"', 'terminal', 20000);
  await type('docker pull nginx:1.28.0', 'Status: Downloaded newer image for nginx:1.28.0');
  await type('docker run -d --name web -p 8080:80 nginx:1.28.0');
  await expectText('web', 'page', 20000);
  await type('docker exec web sh -c "echo hello > /usr/share/nginx/html/hello.html; rm /etc/nginx/conf.d/default.conf"');
  await type('docker diff web', 'A /usr/share/nginx/html/hello.html');

  // The image, from its tag's context menu in the Images view.
  await page.locator(`${sidebar} .monaco-list-row[aria-label^="1.28.0"]`).first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('nginx 1.28.0 is not listed in the Images view'); });
  let frame = await inspectFromMenu(page, '1.28.0', '#layers .layer:nth-child(7)');
  const layerCount = await frame.locator('#layers .layer').count();
  if (layerCount !== 7) throw new Error(`nginx:1.28.0 should show 7 layers, shows ${layerCount}`);
  // The RUN layer that installs nginx: /etc opened, its new and changed entries marked.
  await frame.locator('#layers .layer[data-index="1"]').click();
  await row(frame, 'etc', '.mark-C').waitFor({ timeout: 10000 });
  await row(frame, 'etc').click();
  await row(frame, 'nginx', '.mark-A').waitFor({ timeout: 10000 })
    .catch(() => { throw new Error('opening /etc in layer 1 does not show nginx as added'); });
  await row(frame, 'nginx').click();
  await row(frame, 'nginx.conf').waitFor({ timeout: 10000 });
  // Keyboard: Up/Down moves, Left folds, Right unfolds.
  await frame.locator('#tree').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await row(frame, 'nginx', '[aria-expanded="false"]').waitFor({ timeout: 10000 })
    .catch(() => { throw new Error('ArrowLeft on a child and again on its directory did not fold /etc/nginx'); });
  await page.keyboard.press('ArrowRight');
  await row(frame, 'nginx', '[aria-expanded="true"]').waitFor({ timeout: 10000 });
  await step({ command: 'View: Hide Panel' });
  await step({ screenshot: 'inspector-image.png', settle: 800 });

  // The union up to layer 1, and `/` to filter it.
  await frame.locator('[data-mode="union"]').click();
  await row(frame, 'bin').waitFor({ timeout: 10000 })
    .catch(() => { throw new Error('the union of layer 1 does not show /bin from the base layer'); });
  await frame.locator('#tree').focus();
  await page.keyboard.press('/');
  await page.keyboard.type('mime', { delay: 30 });
  await row(frame, 'mime.types').waitFor({ timeout: 10000 })
    .catch(() => { throw new Error('filtering the union by "mime" does not show /etc/nginx/mime.types'); });
  await page.keyboard.press('Escape');
  await frame.locator('[data-mode="layer"]').click();

  // The container, from its context menu in the Containers view: the writable layer on top.
  frame = await inspectFromMenu(page, 'web', '#layers .layer.writable');
  await row(frame, 'default.conf', '.mark-D').waitFor({ timeout: 10000 })
    .catch(() => { throw new Error('the writable layer does not show default.conf as removed'); });
  const shown = await treeRows(frame);
  for (const expected of ['~C etc', '−D default.conf', '+A hello.html']) {
    if (!shown.includes(expected)) throw new Error(`the writable layer should show ${expected}; shows ${shown.join(' | ')}`);
  }
  // The container writes one more file: the open inspector follows.
  await step({ command: 'View: Toggle Panel Visibility' });
  await type('docker exec web sh -c "echo note > /tmp/note.txt"');
  await row(frame, 'note.txt', '.mark-A').waitFor({ timeout: 10000 })
    .catch(() => { throw new Error('a file the container wrote after the inspector opened did not appear'); });
  await step({ command: 'View: Hide Panel' });
  // The container hid the image's default.conf: a wasted copy, listed with the layer that removed it.
  await frame.locator('#wasted-summary').click();
  await frame.locator('#wasted-rows button', { hasText: '/etc/nginx/conf.d/default.conf' }).first().waitFor({ timeout: 10000 })
    .catch(() => { throw new Error('the removed default.conf is not listed as wasted'); });
  await frame.locator('#layers').focus();
  await step({ screenshot: 'inspector-container.png', settle: 800 });

  // After a reload the inspector comes back on the container.
  await page.reload();
  await waitForWorkbench(page, sleep);
  const again = await inspectorFrame(page, '#layers .layer.writable', 30000);
  await row(again, 'hello.html').waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('after the reload the inspector does not show the container\'s changes'); });
}
