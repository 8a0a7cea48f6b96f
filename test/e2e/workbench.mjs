// Helpers for the learner scenarios.

/** Waits for the workbench after a reload, as drive.mjs does at start. */
export async function waitForWorkbench(page, sleep) {
  await page.waitForSelector('.monaco-workbench .part.activitybar .action-item', { timeout: 60000 });
  await page.waitForFunction(() => window.driver && window.driver.whenWorkbenchRestored, null, { timeout: 30000 }).catch(() => {});
  await page.evaluate(() => window.driver && window.driver.whenWorkbenchRestored()).catch(() => {});
  await sleep(2000);
}

/** The webview frame that shows the concepts panel (its tab list). */
export async function conceptsFrame(page, timeout = 20000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.locator('[role="tablist"] [data-tab="architecture"]').count().catch(() => 0)) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the concepts panel did not open');
}
