// Runs the integration suite (out/test/integration/index.js) in a real VS Code.
//
// With ../shared/tools/vscode-web beside the repository (an offline machine with
// code-server set up by its setup.sh), the suite runs in code-server's extension host
// through drive.mjs --tests. Otherwise @vscode/test-electron downloads VS Code and runs
// it there, the usual way. DOCKER_LAB_TEST_HOST=electron|code-server picks one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tests = path.join(root, 'out/test/integration/index.js');
const drive = path.resolve(root, '../shared/tools/vscode-web/drive.mjs');

if (!fs.existsSync(tests)) {
  console.error('out/test/integration/index.js is missing: run `npm run compile` first');
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist/extension.js'))) {
  console.error('dist/extension.js is missing: run `npm run build` first');
  process.exit(1);
}

const host = process.env.DOCKER_LAB_TEST_HOST ?? (fs.existsSync(drive) ? 'code-server' : 'electron');
if (host === 'code-server') {
  console.log(`integration tests: code-server (${path.relative(root, drive)} --tests)`);
  const result = spawnSync(process.execPath, [drive, '--ext', root, '--tests', tests, '--tests-timeout', '300000'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
} else {
  console.log('integration tests: VS Code through @vscode/test-electron');
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: tests,
      // A throwaway profile: the lab's saved state of a previous run must not leak in.
      launchArgs: ['--disable-extensions', '--user-data-dir', fs.mkdtempSync(path.join(root, 'out', '.vscode-test-user-'))],
    });
  } catch (error) {
    console.error(`integration tests failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
