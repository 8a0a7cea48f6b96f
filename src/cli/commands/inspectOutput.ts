import type { CommandIO } from '../CommandIO';
import { parseTemplate } from '../template/GoTemplate';
import { TemplateError } from '../template/TemplateError';
import { StatusError } from './Command';
import { asGoValue } from './goValues';

/** One object found (or the error for a reference that was not). */
export type InspectResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * docker/cli inspect.Inspect: prints the objects as an indented JSON array
 * (`[]` when none was found), or each through the `-f` template, then the
 * errors for references that were not found, one per line, exit 1.
 */
export function writeInspect(io: CommandIO, results: readonly InspectResult[], format: string): number {
  const errors = results.filter((r): r is { ok: false; error: string } => !r.ok).map((r) => r.error);
  const found = results.filter((r): r is { ok: true; value: unknown } => r.ok).map((r) => r.value);
  if (format) {
    let template;
    try {
      template = parseTemplate(format);
    } catch (e) {
      // A template that does not parse: exit 64, as the CLI's TemplateInspector.
      throw new StatusError(e instanceof TemplateError ? e.message : String(e), 64);
    }
    let out = '';
    for (const value of found) {
      try {
        out += `${template.execute(asGoValue(value))}\n`;
      } catch (e) {
        errors.push(`template parsing error: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    io.stdout.write(out || '\n');
  } else {
    io.stdout.write(`${found.length ? goJsonIndent(found) : '[]'}\n`);
  }
  if (errors.length) throw new StatusError(errors.join('\n'), 1);
  return 0;
}

/**
 * JSON as the daemon encodes it (Go's encoder escapes <, > and & in strings)
 * and the CLI indents it (json.Indent with four spaces).
 */
export function goJsonIndent(value: unknown): string {
  return JSON.stringify(value, null, 4)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
