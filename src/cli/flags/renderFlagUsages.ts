import { FlagDefinition } from './FlagDefinition';

// pflag's FlagUsagesWrapped (v1.0.6): the "Options:" block of docker's help. docker calls it
// with the width of the terminal on stdin minus one, or 79 when stdin is not a terminal
// (docker/cli cli/cobra.go wrappedFlagUsages). pflag measures in bytes; the docker texts are
// ASCII, so string lengths are the same.

/** The placeholder pflag prints after a flag's name (UnquoteUsage's type names). */
function placeholderOf(definition: FlagDefinition): string {
  if (definition.placeholder !== undefined) return definition.placeholder;
  switch (definition.type) {
    case 'bool': return '';
    case 'stringSlice': return 'strings';
    case 'float64': return 'float';
    case 'int64': return 'int';
    case 'uint64': return 'uint';
    case 'swapBytes': return 'bytes';
    default: return definition.type;
  }
}

/** wrapN: splits `text` at the last whitespace before `width` (allowing `slop` more at the end). */
function wrapN(width: number, slop: number, text: string): [string, string] {
  if (width + slop > text.length) return [text, ''];
  const head = text.slice(0, width);
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (space <= 0) return [text, ''];
  const newline = head.lastIndexOf('\n');
  if (newline > 0 && newline < space) return [text.slice(0, newline), text.slice(newline + 1)];
  return [text.slice(0, space), text.slice(space + 1)];
}

/** wrap: wraps `text` to `columns` with `indent` on every line but the first. */
function wrap(indent: number, columns: number, text: string): string {
  if (columns === 0) return text.split('\n').join('\n' + ' '.repeat(indent));
  let width = columns - indent;
  let result = '';
  // Not enough room: start the usage on its own line, indented by 16.
  if (width < 24) {
    indent = 16;
    width = columns - indent;
    result += '\n' + ' '.repeat(indent);
  }
  if (width < 24) return text.split('\n').join(result);
  // Leave a little slop to avoid an orphan word on the last line.
  const slop = 5;
  width -= slop;
  let [line, rest] = wrapN(width, slop, text);
  result += line.split('\n').join('\n' + ' '.repeat(indent));
  while (rest !== '') {
    [line, rest] = wrapN(width, slop, rest);
    result += '\n' + ' '.repeat(indent) + line.split('\n').join('\n' + ' '.repeat(indent));
  }
  return result;
}

/**
 * pflag FlagSet.FlagUsagesWrapped(columns): one line per visible flag ("  -a, --all   usage
 * (default x)"), usages aligned and wrapped to `columns` (0: no wrapping). Flags are listed in
 * the order given; pflag sorts them by name.
 */
export function renderFlagUsages(flags: readonly FlagDefinition[], columns: number): string {
  const lines: Array<{ left: string; usage: string }> = [];
  let widest = 0;
  for (const flag of flags) {
    if (flag.hidden) continue;
    let left = flag.short !== undefined && flag.shorthandDeprecated === undefined ? `  -${flag.short}, --${flag.long}` : `      --${flag.long}`;
    const placeholder = placeholderOf(flag);
    if (placeholder !== '') left += ' ' + placeholder;
    if (flag.noOptDefault !== undefined) {
      if (flag.type === 'string') left += `[="${flag.noOptDefault}"]`;
      else if (!(flag.type === 'bool' && flag.noOptDefault === 'true')) left += `[=${flag.noOptDefault}]`;
    }
    // pflag counts a separator byte in the width, hence the + 1.
    widest = Math.max(widest, left.length + 1);
    let usage = flag.usage;
    if (flag.defaultText !== undefined) usage += ` (default ${flag.defaultText})`;
    if (flag.deprecated !== undefined) usage += ` (DEPRECATED: ${flag.deprecated})`;
    lines.push({ left, usage });
  }
  let out = '';
  for (const { left, usage } of lines) {
    // fmt.Fprintln(left, spacing, usage): operands joined by single spaces.
    out += left + ' ' + ' '.repeat(widest - left.length) + ' ' + wrap(widest + 2, columns, usage) + '\n';
  }
  return out;
}
