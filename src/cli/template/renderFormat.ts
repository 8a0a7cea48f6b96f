/**
 * The docker CLI's `--format` contract for list commands (`docker ps`,
 * `docker images`, `docker history`, ...), after docker/cli v28.2.2
 * cli/command/formatter/formatter.go and custom.go:
 *
 * - `table` (or an empty format) is the command's default table format;
 * - a format starting with `table` prints a header line, rendered from the
 *   same template on the header context, then the rows, aligned by a
 *   TabWriter(10, 1, 3, ' ', 0);
 * - `json` is `{{json .}}`: one JSON object per row;
 * - anything else is a template printed once per row, each followed by a newline;
 * - spaces around the format are trimmed and the two-character sequences
 *   `\t` and `\n` become a tab and a newline before parsing.
 */
import { GO_MARSHAL_JSON, goJson } from './goJson';
import { GO_TYPE, goMap, goType } from './goValue';
import { dockerHeaderFunctions, parseTemplate } from './GoTemplate';
import { TabWriter } from './TabWriter';
import { TemplateError } from './TemplateError';

/** formatter.TableFormatKey: the prefix that makes a format a table. */
const tableFormatKey = 'table';
/** formatter.JSONFormat: what `--format json` means. */
const jsonFormat = '{{json .}}';

/** Options of {@link renderFormat}. */
export interface RenderFormatOptions {
  /**
   * Go type of the rows for error messages, when the rows do not name it
   * themselves with GO_TYPE: `*formatter.ContainerContext` gives docker's
   * `can't evaluate field Foo in type *formatter.ContainerContext`.
   */
  readonly rowType?: string;
  /**
   * How `{{json .}}` (and `--format json`) encodes a row. `context` (the
   * default) is docker's formatter.MarshalJSON, used by every list command:
   * the row's upper-case fields and argument-less methods, keys sorted.
   * `fields` encodes the row as the struct it is (fields in order), for data
   * that is not a formatter context.
   */
  readonly rowJson?: 'context' | 'fields';
}

/** The header context docker gives table headers: formatter.SubHeaderContext, a map[string]string with a Label method. */
class SubHeaderContext {
  /** `{{.Label "com.example.vendor"}}` in a header prints `vendor`: the last dot-separated part, `-` and `_` as spaces. */
  Label(name: string): string {
    const parts = String(name).split('.');
    return parts[parts.length - 1].replace(/[-_]/g, ' ');
  }
}

/** The header context as the template sees it: a Go map of column titles, plus Label. */
function headerContext(header: Readonly<Record<string, string>>): object {
  const context = Object.assign(new SubHeaderContext(), header);
  return goMap(context, 'formatter.SubHeaderContext');
}

/**
 * What docker's formatter.MarshalJSON makes of a row for `{{json .}}`: every
 * exported method without arguments (here: every field and zero-argument
 * function whose name starts with an upper-case letter), as a map, so with
 * sorted keys. It is encoded with json.Marshal, which escapes <, > and &
 * (`"Digest":"\u003cnone\u003e"`).
 */
function marshalRow(row: object): object {
  const result: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (let holder: object | null = row; holder !== null && holder !== Object.prototype; holder = Object.getPrototypeOf(holder) as object | null) {
    for (const name of Object.getOwnPropertyNames(holder)) {
      if (seen.has(name) || name === 'constructor' || name === 'toJSON' || name === 'FullHeader' || !/^\p{Lu}/u.test(name)) {
        continue;
      }
      seen.add(name);
      const value = (row as Record<string, unknown>)[name];
      if (typeof value === 'function') {
        if (value.length === 0) {
          result[name] = (value as () => unknown).call(row);
        }
      } else if (Object.prototype.propertyIsEnumerable.call(holder, name) || holder !== row) {
        result[name] = value;
      }
    }
  }
  return goMap(result, 'map[string]interface {}');
}

/** The row as templates see it: the same fields and methods, with docker's JSON form and the row type. */
function rowContext(row: object, options: RenderFormatOptions): object {
  const context = Object.create(Object.getPrototypeOf(row) as object | null) as object;
  // Descriptors keep getters, methods and the GO_MAP / GO_TYPE markers.
  Object.defineProperties(context, Object.getOwnPropertyDescriptors(row));
  if (options.rowType !== undefined && typeof (row as { [GO_TYPE]?: unknown })[GO_TYPE] !== 'string') {
    goType(context, options.rowType);
  }
  const hasOwnJson = typeof (row as { toJSON?: unknown }).toJSON === 'function' || typeof (row as { [GO_MARSHAL_JSON]?: unknown })[GO_MARSHAL_JSON] === 'function';
  if ((options.rowJson ?? 'context') === 'context' && !hasOwnJson) {
    Object.defineProperty(context, GO_MARSHAL_JSON, {
      value: () => goJson(marshalRow(row), { escapeHTML: true }),
      enumerable: false,
      configurable: true,
    });
  }
  return context;
}

/**
 * Renders `rows` with a docker `--format` value exactly as the docker CLI
 * prints them (formatter.Context.Write).
 *
 * @param format the `--format` value (`table`, `table {{.ID}}\t{{.Image}}`, `json`, `{{.Names}}`), or ''
 * @param header column titles by field name (`{ ID: 'CONTAINER ID', Image: 'IMAGE' }`), the table header's data
 * @param rows the objects the template reads, one per output line (fields, or methods such as `Label(name)`)
 * @param defaultTableFormat what `table` or '' means for this command (`table {{.ID}}\t...`)
 * @returns the complete output, ending in a newline (empty when there are no rows and no table)
 * @throws TemplateError whose message is docker's: `template parsing error: template: :1:2: executing ...`
 */
export function renderFormat(
  format: string,
  header: Readonly<Record<string, string>>,
  rows: readonly object[],
  defaultTableFormat: string,
  options: RenderFormatOptions = {},
): string {
  // NewContainerFormat & co.: `table` (and no format at all) mean the default table.
  let source = format;
  if ((source === tableFormatKey || source === '') && defaultTableFormat !== '') {
    source = defaultTableFormat;
  }
  const isTable = source.startsWith(tableFormatKey);

  // Context.preFormat.
  let finalFormat = source;
  if (isTable) {
    finalFormat = finalFormat.slice(tableFormatKey.length);
  } else if (source === 'json') {
    finalFormat = jsonFormat;
  }
  finalFormat = finalFormat.replace(/^ +| +$/g, '').replace(/\\t|\\n/g, (escape) => (escape === '\\t' ? '\t' : '\n'));

  let template;
  try {
    template = parseTemplate(finalFormat);
  } catch (error) {
    throw wrap(error);
  }

  let body = '';
  for (const row of rows) {
    try {
      body += template.execute(rowContext(row, options));
    } catch (error) {
      // docker stops at the first failing row and prints nothing.
      throw wrap(error);
    }
    body += '\n';
  }

  if (!isTable) {
    return body;
  }
  // Context.postFormat: the header is the same template on the header context,
  // with HeaderFunctions; its errors are ignored and what it printed so far is kept.
  let headerLine: string;
  try {
    headerLine = template.execute(headerContext(header), { functions: dockerHeaderFunctions });
  } catch (error) {
    if (!(error instanceof TemplateError)) {
      throw error;
    }
    headerLine = error.partialOutput;
  }
  const writer = new TabWriter(10, 1, 3, ' ', 0);
  writer.write(headerLine);
  writer.write('\n');
  writer.write(body);
  return writer.flush();
}

/** docker's errors.Wrap(err, "template parsing error"), for parse and execution errors alike. */
function wrap(error: unknown): unknown {
  if (error instanceof TemplateError) {
    return new TemplateError(`template parsing error: ${error.message}`, error.partialOutput);
  }
  return error;
}
