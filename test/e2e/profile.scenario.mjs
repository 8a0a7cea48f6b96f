// The terminal's profile drop-down offers "Docker Lab", and a terminal opened from it
// is a lab terminal like any other: what runs there shows in the sidebar.
//
//   node ../shared/tools/vscode-web/drive.mjs --ext . --scenario test/e2e/profile.scenario.mjs --shots out/e2e-shots

export default async ({ page, step, expectText, sleep }) => {
  await step({ activity: 'Docker Lab' });
  await expectText('No containers yet', 'page', 20000);
  await step({ command: 'View: Toggle Terminal' });
  // The drop-down beside "+" in the terminal panel lists the profiles, contributed ones included.
  const dropdown = page.locator('.panel [aria-label^="Launch Profile"], .panel .action-item .monaco-dropdown').first();
  await dropdown.waitFor({ state: 'visible', timeout: 20000 });
  // Toggle Terminal also starts the default shell; when it comes up it takes the focus
  // and closes any open menu. Let it settle, and open the menu again if it closed anyway.
  await page.locator('.panel .xterm').first().waitFor({ state: 'visible', timeout: 20000 }).catch(() => {});
  await sleep(1500);
  const entry = page.locator('.context-view').getByText('Docker Lab', { exact: true }).first();
  let chosen = false;
  for (let attempt = 0; attempt < 3 && !chosen; attempt++) {
    await dropdown.click();
    const open = await entry.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
    if (open && attempt === 0) await step({ screenshot: 'profile-menu.png' });
    chosen = open && await entry.click({ timeout: 3000 }).then(() => true, () => false);
    if (!chosen) await step({ press: 'Escape' });
  }
  if (!chosen) throw new Error('the profile drop-down closed each time before "Docker Lab" could be chosen');
  // The new terminal may open behind the default one: select its tab.
  const tab = page.locator('.terminal-tabs-entry', { hasText: 'Docker Lab' }).first();
  await tab.waitFor({ state: 'visible', timeout: 20000 });
  await tab.click();
  await expectText('Type "help"', 'terminal', 20000);
  await step({ terminalType: 'docker run hello-world' });
  await expectText('docs.docker.com/get-started', 'terminal', 20000);
  await expectText('Exited (0)', 'page', 20000);
};
