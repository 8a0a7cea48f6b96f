// Steps shared by the lesson scenarios (lesson-en, lesson-ko).
export { waitForWorkbench } from './workbench.mjs';

/** The webview frame that shows the lesson (VS Code nests it in two iframes). */
export async function lessonFrame(page, timeout = 20000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.locator('main.lesson-body').count().catch(() => 0)) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the lesson view did not open');
}

/**
 * Clicks the Lessons view's row whose label contains `text`, scrolling the
 * view with the mouse wheel until the row is in sight (the tree only draws
 * the rows it shows).
 */
export async function clickTreeRow(page, text) {
  // The Lessons view's list: the one whose rows carry the lesson progress icons.
  const list = page.locator('.part.sidebar .monaco-list', {
    has: page.locator('.codicon-circle-large-outline, .codicon-circle-large-filled, .codicon-pass-filled'),
  }).first();
  const row = list.locator(`.monaco-list-row[aria-label*="${text}"]`).first();
  const box = await list.boundingBox();
  if (!box) throw new Error('the Lessons view is not showing');
  for (let turn = 0; turn < 20; turn++) {
    const rowBox = await row.boundingBox().catch(() => null);
    if (rowBox && box && rowBox.y >= box.y && rowBox.y + rowBox.height <= box.y + box.height) {
      await row.click();
      return;
    }
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 60);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`no row "${text}" in the Lessons view`);
}

/**
 * Opens a lesson from the Lessons view, presses "Run in terminal" on `command`'s
 * block, waits for the first exercise to pass in the lesson and in the tree,
 * and takes a screenshot of the lesson beside the terminal.
 */
export async function playLesson({ page, step, expectText, sleep }, { lessonRow, command, passedText, treeProgress, screenshot }) {
  await step({ activity: 'Docker Lab' });
  await clickTreeRow(page, lessonRow);
  const frame = await lessonFrame(page);
  const block = frame.locator('.code-block', { hasText: command }).first();
  await block.scrollIntoViewIfNeeded();
  await block.locator('button.code-run').click();
  await expectText('Status: Downloaded newer image for nginx:1.28.0', 'terminal', 30000);
  // The exercise turns passed in the lesson...
  await frame.locator('.exercise[data-status="passed"]').first().waitFor({ timeout: 20000 })
    .catch(() => { throw new Error('the first exercise did not turn passed in the lesson view'); });
  const status = await frame.locator('.exercise[data-status="passed"] .status-text').first().textContent();
  if (status?.trim() !== passedText) throw new Error(`the passed exercise says "${status}", expected "${passedText}"`);
  // ...and in the Lessons view.
  await expectText(treeProgress, 'page', 20000);
  await frame.locator('.exercise[data-status="passed"]').first().scrollIntoViewIfNeeded();
  await frame.locator('.exercise[data-status="passed"] [data-toggle="goal"]').first().click();
  await step({ screenshot, settle: 1000 });
  await sleep(100);
}
