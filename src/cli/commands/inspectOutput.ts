import type { CommandIO } from '../CommandIO';
import { parseTemplate } from '../template/GoTemplate';
import { StatusError } from './Command';
import { asGoValue } from './goValues';
import { escapeLikeGo } from '../../engine/util/goJsonEscape';

/**
 * One object found (or the error for a reference that was not). `typed` is
 * what templates see when it differs from the JSON: the Go struct still has
 * the fields `omitempty` leaves out of the JSON, as nil.
 */
export type InspectResult = { ok: true; value: unknown; typed?: unknown } | { ok: false; error: string };

/**
 * docker/cli inspect.Inspect: prints the objects as an indented JSON array
 * (`[]` when none was found), as one compact line for `-f json`, or each
 * through the `-f` template; then the errors, in argument order, exit 1.
 */
export function writeInspect(io: CommandIO, results: readonly InspectResult[], format: string): number {
  const errors: string[] = [];
  const found: unknown[] = [];
  if (format && format !== 'json') {
    let template;
    try {
      template = parseTemplate(format);
    } catch (e) {
      // A template that does not parse: exit 64, as the CLI's TemplateInspector.
      throw new StatusError(`template parsing error: ${e instanceof Error ? e.message : String(e)}`, 64);
    }
    let out = '';
    for (const result of results) {
      if (!result.ok) {
        errors.push(result.error);
        continue;
      }
      try {
        out += `${template.execute(asGoValue(result.typed ?? result.value))}\n`;
      } catch (e) {
        errors.push(`template parsing error: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    io.stdout.write(out || '\n');
  } else {
    for (const result of results) {
      if (result.ok) found.push(result.value);
      else errors.push(result.error);
    }
    if (!found.length) io.stdout.write('[]\n');
    else io.stdout.write(`${format === 'json' ? goJson(found) : goJsonIndent(found)}\n`);
  }
  if (errors.length) throw new StatusError(errors.join('\n'), 1);
  return 0;
}

/**
 * JSON as the daemon encodes it (Go's encoder escapes <, > and & in strings)
 * and the CLI indents it (json.Indent with four spaces).
 */
export function goJsonIndent(value: unknown): string {
  return escapeLikeGo(JSON.stringify(value, null, 4));
}

/** The daemon's JSON compacted, as `-f json` prints it. */
function goJson(value: unknown): string {
  return escapeLikeGo(JSON.stringify(value));
}
