// `npm start`: VS Code with Docker Lab loaded as a development extension when `code`
// is on the PATH; otherwise the lab shell (docker-lab) right here in the terminal.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });

const build = run(process.execPath, [path.join(root, 'scripts/build.mjs')]);
if (build.status !== 0) process.exit(build.status ?? 1);

const hasCode = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  console.log('Opening VS Code with Docker Lab (click the Docker Lab icon in the activity bar)…');
  const code = run('code', ['--extensionDevelopmentPath', root], { shell: process.platform === 'win32' });
  process.exit(code.status ?? 0);
}
console.log('`code` is not on the PATH: starting the lab shell here instead (type "exit" to leave).');
const lab = run(process.execPath, [path.join(root, 'dist/docker-lab.js'), ...process.argv.slice(2)]);
process.exit(lab.status ?? 0);
