// Bundles the extension (dist/extension.js) and the lab shell (dist/docker-lab.js) with esbuild.
//   node scripts/build.mjs               development: source maps
//   node scripts/build.mjs --production  minified, for the .vsix
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
// A production build starts clean, so no source map of a development build ends up in the .vsix.
if (production) fs.rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  // 'vscode' is provided by the extension host at run time.
  esbuild.build({ ...common, entryPoints: { extension: 'src/extension.ts' }, external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: { 'docker-lab': 'src/bin/docker-lab.ts' }, banner: { js: '#!/usr/bin/env node' } }),
]);
