// Helpers for the learner scenarios.

/** Waits for the workbench after a reload, as drive.mjs does at start. */
export async function waitForWorkbench(page, sleep) {
  await page.waitForSelector('.monaco-workbench .part.activitybar .action-item', { timeout: 60000 });
  await page.waitForFunction(() => window.driver && window.driver.whenWorkbenchRestored, null, { timeout: 30000 }).catch(() => {});
  await page.evaluate(() => window.driver && window.driver.whenWorkbenchRestored()).catch(() => {});
  await sleep(2000);
}
