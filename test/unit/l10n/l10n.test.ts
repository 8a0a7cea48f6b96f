import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

/** The repository root (this file runs from out/test/unit/l10n). */
const ROOT = path.resolve(__dirname, '../../../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function messageText(value: unknown): string {
  return typeof value === 'string' ? value : (value as { message: string }).message;
}

suite('l10n: every string the learner reads has a Korean translation', () => {
  test('l10n/bundle.l10n.json is what `npm run l10n` extracts from the sources now', async function () {
    this.timeout(30_000);
    const files = sourceFiles(path.join(ROOT, 'src')).map((file) => ({ extension: '.ts', contents: fs.readFileSync(file, 'utf8') }));
    const extracted = await getL10nJson(files);
    assert.deepStrictEqual(Object.keys(readJson('l10n/bundle.l10n.json')).sort(), Object.keys(extracted).sort(),
      'run `npm run l10n` and translate the new strings in l10n/bundle.l10n.ko.json');
  });

  test('the Korean bundle has exactly the English keys, with the same placeholders', () => {
    const english = readJson('l10n/bundle.l10n.json');
    const korean = readJson('l10n/bundle.l10n.ko.json');
    assert.deepStrictEqual(Object.keys(korean).sort(), Object.keys(english).sort());
    for (const [key, value] of Object.entries(korean)) {
      assert.deepStrictEqual(placeholders(messageText(value)), placeholders(key), key);
      assert.notStrictEqual(messageText(value).trim(), '', key);
    }
  });

  test('package.json\'s %keys% are all in package.nls.json, and package.nls.ko.json translates each', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const used = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))].sort();
    const english = readJson('package.nls.json');
    const korean = readJson('package.nls.ko.json');
    assert.deepStrictEqual(Object.keys(english).sort(), used, 'package.nls.json holds exactly the keys package.json uses');
    assert.deepStrictEqual(Object.keys(korean).sort(), used);
    // Command links in welcome views must survive translation.
    for (const key of used) {
      const links = (text: unknown) => [...String(text).matchAll(/\]\((command:[^)]+)\)/g)].map((m) => m[1]);
      assert.deepStrictEqual(links(korean[key]), links(english[key]), key);
    }
  });
});
