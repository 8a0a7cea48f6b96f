/**
 * A lesson's title: `title:` in its YAML front matter, else its first `# `
 * heading, else `fallback` (the file name).
 */
export function lessonTitle(markdown: string, fallback: string): string {
  const text = markdown.replace(/^\uFEFF/, '');
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (front) {
    const title = /^title:\s*(.+?)\s*$/m.exec(front[1]);
    if (title) return title[1].replace(/^(['"])(.*)\1$/, '$2');
  }
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(front ? text.slice(front[0].length) : text);
  return heading ? heading[1] : fallback;
}
