import type { Token, Tokens } from 'marked';
import { Marked } from 'marked';

/** Code fences with these languages are lines for the Docker Lab terminal: they get "Run in terminal". */
const RUNNABLE = new Set(['sh', 'shell', 'bash', 'console']);

/** Labels of the buttons on code blocks, in the lesson's language. */
export interface CodeBlockLabels {
  run: string;
  copy: string;
}

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Renders a lesson's Markdown to HTML for the lesson webview. Code fences
 * become blocks with a "Copy" button, and "Run in terminal" when their
 * language is sh/shell/bash/console; the webview reads the command from the
 * block's text. Raw HTML in the Markdown is shown as text, not markup.
 */
export function renderLessonMarkdown(markdown: string, labels: CodeBlockLabels): string {
  return lessonMarked(labels).parse(markdown, { async: false });
}

/** Renders one line of Markdown (a hint, a goal) without a paragraph around it; HTML stays text. */
export function renderInline(markdown: string): string {
  return lessonMarked({ run: '', copy: '' }).parseInline(markdown, { async: false });
}

function lessonMarked(labels: CodeBlockLabels): Marked {
  return new Marked({
    gfm: true,
    renderer: {
      code({ text, lang }: Tokens.Code): string {
        const language = fenceLanguage(lang);
        const runnable = RUNNABLE.has(language);
        const buttons = [
          runnable ? `<button class="code-run" data-action="run" title="${escapeHtml(labels.run)}">${escapeHtml(labels.run)}</button>` : '',
          `<button class="code-copy" data-action="copy" title="${escapeHtml(labels.copy)}">${escapeHtml(labels.copy)}</button>`,
        ].join('');
        return `<div class="code-block${runnable ? ' runnable' : ''}"><pre><code class="language-${escapeHtml(language || 'text')}">${escapeHtml(text)}</code></pre>`
          + `<div class="code-actions">${buttons}</div></div>\n`;
      },
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(text);
      },
    },
  });
}

/** The command lines of a lesson's runnable code blocks, in order (one entry per line). */
export function runnableLines(markdown: string): string[] {
  return codeTokens(markdown)
    .filter((token) => RUNNABLE.has(fenceLanguage(token.lang)))
    .flatMap((token) => token.text.split('\n').filter((line) => line.trim() !== ''));
}

/** Every code block's text (any language), in order: what ko/en parity compares. */
export function codeBlocks(markdown: string): string[] {
  return codeTokens(markdown).map((token) => token.text);
}

function fenceLanguage(lang: string | undefined): string {
  return (lang ?? '').trim().split(/\s+/)[0].toLowerCase();
}

/** The code tokens of a Markdown text, nested ones (in lists, quotes) included. */
function codeTokens(markdown: string): Tokens.Code[] {
  const found: Tokens.Code[] = [];
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'code') found.push(token as Tokens.Code);
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) visit(children);
      const items = (token as { items?: { tokens: Token[] }[] }).items;
      if (items) for (const item of items) visit(item.tokens);
    }
  };
  visit(new Marked({ gfm: true }).lexer(markdown));
  return found;
}
