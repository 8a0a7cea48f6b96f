import { GoError } from './GoError';

const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/**
 * Go's encoding/csv: `csv.NewReader(strings.NewReader(text)).Read()` — the first record of
 * `text`, as pflag's stringSlice and stringToString flags read their values ("a,b", `"a,b",c`).
 * Errors are Go's ParseError texts with 1-based byte columns:
 * `parse error on line 1, column 2: bare " in non-quoted-field`,
 * `parse error on line 1, column 3: extraneous or missing " in quoted-field`, or `EOF` when the
 * text holds no record at all.
 */
export function readCsvRecord(text: string): string[] {
  // readLine: lines keep their "\n"; "\r\n" reads as "\n"; a final "\r" before EOF is dropped.
  const lines: string[] = [];
  let rest = text;
  while (rest !== '') {
    const newline = rest.indexOf('\n');
    let line = newline >= 0 ? rest.slice(0, newline + 1) : rest;
    rest = newline >= 0 ? rest.slice(newline + 1) : '';
    if (line.endsWith('\r\n')) line = line.slice(0, -2) + '\n';
    else if (newline < 0 && line.endsWith('\r')) line = line.slice(0, -1);
    lines.push(line);
  }
  let lineIndex = 0;
  // readRecord skips empty lines.
  while (lineIndex < lines.length && lines[lineIndex] === '\n') lineIndex++;
  if (lineIndex >= lines.length) throw new GoError('EOF');
  const recordLine = lineIndex + 1;
  let lineNumber = recordLine;
  let line = lines[lineIndex++];
  const fields: string[] = [];
  const newlineLength = (value: string): number => (value.endsWith('\n') ? 1 : 0);
  let column = 1;
  const parseError = (errorLine: number, errorColumn: number, reason: string): GoError =>
    new GoError(
      recordLine !== errorLine
        ? `record on line ${recordLine}; parse error on line ${errorLine}, column ${errorColumn}: ${reason}`
        : `parse error on line ${errorLine}, column ${errorColumn}: ${reason}`,
    );
  for (;;) {
    if (line.length === 0 || line[0] !== '"') {
      // Non-quoted field: up to the next comma or the end of the line.
      const comma = line.indexOf(',');
      const field = comma >= 0 ? line.slice(0, comma) : line.slice(0, line.length - newlineLength(line));
      const quote = field.indexOf('"');
      if (quote >= 0) throw parseError(lineNumber, column + byteLength(field.slice(0, quote)), 'bare " in non-quoted-field');
      fields.push(field);
      if (comma >= 0) {
        column += byteLength(line.slice(0, comma)) + 1;
        line = line.slice(comma + 1);
        continue;
      }
      return fields;
    }
    // Quoted field, possibly over several lines.
    line = line.slice(1);
    column += 1;
    let field = '';
    for (;;) {
      const quote = line.indexOf('"');
      if (quote >= 0) {
        field += line.slice(0, quote);
        column += byteLength(line.slice(0, quote)) + 1;
        line = line.slice(quote + 1);
        if (line[0] === '"') {
          field += '"';
          line = line.slice(1);
          column += 1;
        } else if (line[0] === ',') {
          line = line.slice(1);
          column += 1;
          fields.push(field);
          break;
        } else if (newlineLength(line) === line.length) {
          fields.push(field);
          return fields;
        } else {
          throw parseError(lineNumber, column - 1, 'extraneous or missing " in quoted-field');
        }
      } else if (line.length > 0) {
        field += line;
        column += byteLength(line);
        if (lineIndex < lines.length) {
          line = lines[lineIndex++];
          lineNumber++;
          column = 1;
        } else {
          line = '';
        }
      } else {
        throw parseError(lineNumber, column, 'extraneous or missing " in quoted-field');
      }
    }
  }
}
