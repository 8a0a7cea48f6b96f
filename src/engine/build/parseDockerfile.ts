import { DockerfileParser } from 'dockerfile-ast';
import type { Flag, Heredoc, Instruction, Property } from 'dockerfile-ast';
import { goQuote } from '../util/goQuote';
import type { SourceLines } from './BuildError';

/** What every instruction carries: its keyword, its text and where it is. */
export interface InstructionBase {
  /** The keyword in capitals (`RUN`). */
  keyword: string;
  /** The keyword as written (`run`). */
  written: string;
  /**
   * BuildKit's `node.Original`, trimmed: the instruction's logical line,
   * continuation lines joined and comment lines dropped
   * (`COPY --from=build /out /app/`). Vertex names are made from it.
   */
  original: string;
  location: SourceLines;
}

/** An ENV or LABEL pair, its value as written (quotes and `$VAR` still in it). */
export interface KeyValue {
  key: string;
  value: string;
  /** Written in the legacy `ENV key value` form. */
  noDelimiter: boolean;
}

/** A file a heredoc gives (`RUN <<EOF`, `COPY <<EOF /dest`). */
export interface HeredocFile {
  name: string;
  content: string;
}

export type DockerfileCommand = InstructionBase & (
  | { kind: 'RUN'; prependShell: boolean; args: string[]; heredocs: HeredocFile[] }
  | { kind: 'CMD' | 'ENTRYPOINT'; prependShell: boolean; args: string[] }
  | { kind: 'COPY' | 'ADD'; sources: string[]; contents: HeredocFile[]; dest: string; from: string; chown: string; chmod: string; link: boolean }
  | { kind: 'ENV' | 'LABEL'; pairs: KeyValue[] }
  | { kind: 'ARG'; args: { key: string; value: string | undefined }[] }
  | { kind: 'WORKDIR' | 'USER' | 'STOPSIGNAL' | 'MAINTAINER'; value: string }
  | { kind: 'EXPOSE'; ports: string[] }
  | { kind: 'VOLUME'; volumes: string[] }
  | { kind: 'SHELL'; shell: string[] }
  | { kind: 'HEALTHCHECK'; test: string[] | null; options: Record<string, string> }
  | { kind: 'ONBUILD'; expression: string }
);

/** A `FROM` and the instructions up to the next one. */
export interface DockerfileStage extends InstructionBase {
  kind: 'FROM';
  /** The base as written (`alpine:3.20`, `${BASE}`, `build`, `scratch`). */
  baseName: string;
  /** The stage's name in lower case (`AS Build` -> `build`), or ''. */
  name: string;
  /** The `as` keyword as written, for the casing check. */
  asWritten: string;
  platform: string;
  commands: DockerfileCommand[];
}

/** A Dockerfile build check finding (BuildKit's linter), before the frontend formats it. */
export interface LintFinding {
  rule: string;
  message: string;
  url: string;
  location: SourceLines;
}

/** A parsed Dockerfile: the ARGs before the first FROM, the stages, and the checks' findings. */
export interface ParsedDockerfile {
  metaArgs: Extract<DockerfileCommand, { kind: 'ARG' }>[];
  stages: DockerfileStage[];
  escapeToken: string;
  lint: LintFinding[];
}

/** A Dockerfile the frontend refuses, with BuildKit's message and the lines it points at. */
export class DockerfileSyntaxError extends Error {
  constructor(message: string, readonly location: SourceLines | undefined) {
    super(message);
    this.name = 'DockerfileSyntaxError';
  }
}

/** command.Commands: the instructions BuildKit knows, for the `did you mean` suggestion. */
const INSTRUCTIONS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

/** The flags each instruction accepts (BuildKit's BFlags per parse function, without the -labs ones). */
const ALLOWED_FLAGS: Readonly<Record<string, readonly string[]>> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security'],
  COPY: ['chown', 'from', 'chmod', 'link'],
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};
const BOOLEAN_FLAGS = new Set(['link', 'keep-git-dir']);

const RULE_URL = (slug: string) => `https://docs.docker.com/go/dockerfile/rule/${slug}/`;

/**
 * Reads a Dockerfile with dockerfile-ast and shapes it the way BuildKit's
 * parser and `instructions.Parse` do (frontend/dockerfile/parser and
 * instructions), refusing what they refuse with their messages:
 * `dockerfile parse error on line 3: unknown instruction: COPPY (did you mean COPY?)`,
 * `no build stage in current context`, `the Dockerfile cannot be empty`.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  if (text.length === 0) throw new DockerfileSyntaxError('the Dockerfile cannot be empty', undefined);
  const document = DockerfileParser.parse(text);
  const escapeToken = document.getEscapeCharacter();
  const lines = text.split('\n');
  const result: ParsedDockerfile = { metaArgs: [], stages: [], escapeToken, lint: [] };

  for (const instruction of document.getInstructions()) {
    const location = linesOf(instruction);
    const original = logicalLine(instruction.getTextContent(), escapeToken);
    const base = { keyword: instruction.getKeyword(), written: instruction.getInstruction(), original, location };
    let parsed: DockerfileStage | DockerfileCommand;
    try {
      parsed = parseInstruction(instruction, base, lines, escapeToken);
    } catch (e) {
      // instructions.Parse wraps its errors with the line; the line parser's own (JSON) errors only carry the location.
      if (e instanceof InstructionError) {
        throw new DockerfileSyntaxError(`dockerfile parse error on line ${location.start}: ${e.message}`, location);
      }
      if (e instanceof LineError) throw new DockerfileSyntaxError(e.message, location);
      throw e;
    }
    if (parsed.kind === 'MAINTAINER') {
      result.lint.push({ rule: 'MaintainerDeprecated', message: 'Maintainer instruction is deprecated in favor of using label', url: RULE_URL('maintainer-deprecated'), location });
    }
    if (parsed.kind === 'FROM') {
      lintFrom(parsed, result.lint);
      result.stages.push(parsed);
      continue;
    }
    if (result.stages.length === 0) {
      if (parsed.kind === 'ARG') {
        result.metaArgs.push(parsed);
        continue;
      }
      throw new DockerfileSyntaxError('no build stage in current context', location);
    }
    result.stages[result.stages.length - 1].commands.push(parsed);
  }
  if (result.stages.length === 0) throw new DockerfileSyntaxError('dockerfile contains no stages to build', undefined);
  lintCasing(result);
  lintStages(result);
  return result;
}

/** An error inside one instruction; parseDockerfile frames it as `dockerfile parse error on line N: ...`. */
class InstructionError extends Error {}

/** An error of BuildKit's line parser (before instructions.Parse): reported with its location only. */
class LineError extends Error {}

function linesOf(instruction: Instruction): SourceLines {
  const range = instruction.getRange();
  return { start: range.start.line + 1, end: range.end.line + 1 };
}

/**
 * BuildKit's parser loop: continuation lines (ending in the escape
 * character) are joined as they are, comment lines and empty lines inside
 * the instruction dropped, the first line's indentation trimmed.
 */
export function logicalLine(raw: string, escapeToken: string): string {
  const continuation = new RegExp(`(^|[^${escapeRegExp(escapeToken)}])${escapeRegExp(escapeToken)}[ \\t]*$`);
  const physical = raw.split('\n').map((line) => line.replace(/\r$/, ''));
  let out = '';
  let first = true;
  for (const line of physical) {
    if (!first) {
      if (/^\s*#/.test(line)) continue;
      if (line.trim() === '') continue;
    }
    const text = first ? line.replace(/^\s+/, '') : line;
    first = false;
    const match = continuation.exec(text);
    if (match) {
      out += text.slice(0, match.index) + match[1];
      continue;
    }
    out += text;
    break;
  }
  return out.trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** parser.parseJSON: the rest as a JSON array of strings, undefined when it is not a JSON array. */
function parseJsonArray(rest: string): string[] | undefined {
  const trimmed = rest.replace(/^\s+/, '');
  if (!trimmed.startsWith('[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  if (!value.every((item) => typeof item === 'string')) {
    throw new LineError('when using JSON array syntax, arrays must be comprised of strings only');
  }
  return value as string[];
}

/** BuildKit's parseWords: words split at white space outside quotes, the quotes and escapes kept. */
function parseWords(rest: string, escapeToken: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  let blankOk = false;
  const characters = [...rest];
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i];
    if (!inWord && !quote) {
      if (/\s/.test(character)) continue;
      inWord = true;
    }
    if (quote) {
      if (character === quote) quote = '';
      if (character === escapeToken && quote !== "'" && quote !== '') {
        if (i + 1 === characters.length) continue;
        word += character + characters[++i];
        continue;
      }
      word += character;
      continue;
    }
    if (/\s/.test(character)) {
      if (blankOk || word.length > 0) words.push(word);
      word = '';
      inWord = false;
      blankOk = false;
      continue;
    }
    if (character === "'" || character === '"') {
      quote = character;
      blankOk = true;
    }
    if (character === escapeToken) {
      if (i + 1 === characters.length) continue;
      word += character + characters[++i];
      continue;
    }
    word += character;
  }
  if ((inWord || quote) && (blankOk || word.length > 0)) words.push(word);
  return words;
}

/**
 * splitCommand and extractBuilderFlags: the logical line after the keyword
 * and its leading `--flags` (whose values dockerfile-ast gives), trimmed.
 */
function argumentsOf(original: string, escapeToken: string): string {
  const split = /^\S+[\t\v\f\r ]+([\s\S]*)$/.exec(original.trim());
  if (!split) return '';
  const line = split[1];
  let position = 0;
  for (;;) {
    while (position < line.length && /\s/.test(line[position])) position++;
    if (position >= line.length) return '';
    if (!line.startsWith('--', position)) return line.slice(position).trim();
    // A flag word: up to white space outside quotes; a bare `--` ends the flags.
    let quote = '';
    let word = '';
    for (; position < line.length; position++) {
      const character = line[position];
      if (!quote && /\s/.test(character)) break;
      if (!quote && (character === "'" || character === '"')) quote = character;
      else if (quote && character === quote) quote = '';
      else if (character === escapeToken && position + 1 < line.length) word += line[++position];
      else word += character;
    }
    if (word === '--') return line.slice(position).trim();
  }
}

function flagsOf(instruction: Instruction, keyword: string): Map<string, string> {
  const withFlags = instruction as Instruction & { getFlags?: () => Flag[] };
  const flags = new Map<string, string>();
  const allowed = ALLOWED_FLAGS[keyword] ?? [];
  for (const flag of withFlags.getFlags?.() ?? []) {
    const name = flag.getName();
    if (!allowed.includes(name)) throw new InstructionError(`unknown flag: ${name}`);
    if (flags.has(name)) throw new InstructionError(`duplicate flag specified: ${name}`);
    const value = flag.getValue();
    if (BOOLEAN_FLAGS.has(name)) {
      if (value !== null && value !== 'true' && value !== 'false') throw new InstructionError(`expecting boolean value for flag ${name}, not: ${value}`);
      flags.set(name, value ?? 'true');
      continue;
    }
    if (value === null) throw new InstructionError(`missing a value on flag: ${name}`);
    flags.set(name, value);
  }
  return flags;
}

function heredocsOf(instruction: Instruction, lines: readonly string[]): HeredocFile[] {
  const withHeredocs = instruction as unknown as { getHeredocs?: () => Heredoc[] };
  const heredocs = withHeredocs.getHeredocs?.() ?? [];
  return heredocs.map((heredoc) => {
    const range = heredoc.getContentRange();
    let content = '';
    if (range) {
      for (let line = range.start.line; line <= range.end.line; line++) {
        const text = lines[line] ?? '';
        const from = line === range.start.line ? range.start.character : 0;
        const to = line === range.end.line ? range.end.character : text.length;
        content += `${text.slice(from, to)}\n`;
      }
    }
    return { name: heredoc.getName(), content };
  });
}

function parseInstruction(instruction: Instruction, base: InstructionBase, lines: readonly string[], escapeToken: string): DockerfileStage | DockerfileCommand {
  const keyword = base.keyword;
  const rest = argumentsOf(base.original, escapeToken);
  switch (keyword) {
    case 'FROM': {
      const flags = flagsOf(instruction, keyword);
      const args = rest.split(/\s+/).filter((word) => word !== '');
      let name = '';
      if (args.length === 3 && args[1].toLowerCase() === 'as') {
        name = args[2].toLowerCase();
        if (!/^[a-z][a-z0-9-_.]*$/.test(name)) {
          throw new InstructionError(`invalid name for build stage: "${args[2]}", name can't start with a number or contain symbols`);
        }
      } else if (args.length !== 1) {
        throw new InstructionError('FROM requires either one or three arguments');
      }
      return { ...base, kind: 'FROM', baseName: args[0], name, asWritten: args[1] ?? '', platform: flags.get('platform') ?? '', commands: [] };
    }
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT': {
      flagsOf(instruction, keyword);
      const heredocs = keyword === 'RUN' ? heredocsOf(instruction, lines) : [];
      // A heredoc's body follows the logical line: it is not part of the command line.
      const commandLine = rest;
      const json = parseJsonArray(commandLine);
      const args = json ?? (commandLine === '' ? [] : [commandLine]);
      if (keyword === 'RUN') return { ...base, kind: 'RUN', prependShell: json === undefined, args, heredocs };
      return { ...base, kind: keyword, prependShell: json === undefined, args };
    }
    case 'COPY':
    case 'ADD': {
      const flags = flagsOf(instruction, keyword);
      const heredocs = heredocsOf(instruction, lines);
      const args = parseJsonArray(rest) ?? rest.split(/\s+/).filter((word) => word !== '');
      if (args.length < 2) {
        throw new InstructionError(`${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`);
      }
      const dest = args[args.length - 1];
      const sources: string[] = [];
      const contents: HeredocFile[] = [];
      for (const source of args.slice(0, -1)) {
        const heredoc = /^<<-?["']?([^"'<]+)["']?$/.exec(source);
        const file = heredoc ? heredocs.find((h) => h.name === heredoc[1]) : undefined;
        if (heredoc && file) contents.push(file);
        else sources.push(source);
      }
      return {
        ...base, kind: keyword, sources, contents, dest,
        from: flags.get('from') ?? '', chown: flags.get('chown') ?? '', chmod: flags.get('chmod') ?? '', link: flags.get('link') === 'true',
      };
    }
    case 'ENV':
    case 'LABEL': {
      flagsOf(instruction, keyword);
      const properties = (instruction as Instruction & { getProperties(): Property[] }).getProperties();
      const pairs = keyValues(rest, keyword, escapeToken, properties);
      if (pairs.length === 0) throw new InstructionError(`${keyword} requires at least one argument`);
      return { ...base, kind: keyword, pairs };
    }
    case 'ARG': {
      const words = parseWords(rest, escapeToken);
      if (words.length === 0) throw new InstructionError('ARG requires at least one argument');
      const args = words.map((word) => {
        const equals = word.indexOf('=');
        if (equals === 0) throw new InstructionError('ARG names can not be blank');
        return equals > 0 ? { key: word.slice(0, equals), value: word.slice(equals + 1) } : { key: word, value: undefined };
      });
      return { ...base, kind: 'ARG', args };
    }
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
    case 'MAINTAINER': {
      const words = keyword === 'MAINTAINER' ? (rest ? [rest] : []) : rest.split(/\s+/).filter((word) => word !== '');
      if (words.length !== 1) throw new InstructionError(`${keyword} requires exactly one argument`);
      return { ...base, kind: keyword, value: words[0] };
    }
    case 'EXPOSE': {
      const ports = rest.split(/\s+/).filter((word) => word !== '');
      if (ports.length === 0) throw new InstructionError('EXPOSE requires at least one argument');
      return { ...base, kind: 'EXPOSE', ports: ports.sort() };
    }
    case 'VOLUME': {
      const volumes = (parseJsonArray(rest) ?? rest.split(/\s+/).filter((word) => word !== '')).map((volume) => volume.trim());
      if (volumes.length === 0) throw new InstructionError('VOLUME requires at least one argument');
      if (volumes.some((volume) => volume === '')) throw new InstructionError('VOLUME specified can not be an empty string');
      return { ...base, kind: 'VOLUME', volumes };
    }
    case 'SHELL': {
      const json = parseJsonArray(rest);
      if (json === undefined) {
        if (rest === '') throw new InstructionError('SHELL requires at least one argument');
        throw new InstructionError('SHELL requires the arguments to be in JSON form');
      }
      if (json.length === 0) throw new InstructionError('SHELL requires at least one argument');
      return { ...base, kind: 'SHELL', shell: json };
    }
    case 'HEALTHCHECK':
      return parseHealthcheck(instruction, base, rest);
    case 'ONBUILD': {
      if (rest === '') throw new InstructionError('ONBUILD requires at least one argument');
      const trigger = rest.split(/\s+/)[0].toUpperCase();
      if (trigger === 'ONBUILD') throw new InstructionError('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new InstructionError(`${trigger} isn't allowed as an ONBUILD trigger`);
      return { ...base, kind: 'ONBUILD', expression: rest };
    }
    default: {
      const suggestion = suggest(base.written, INSTRUCTIONS);
      throw new InstructionError(`unknown instruction: ${base.written}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`);
    }
  }
}

/** ENV and LABEL pairs: `key=value ...`, or the legacy `key value` (parser.parseNameVal). */
function keyValues(rest: string, keyword: string, escapeToken: string, properties: readonly Property[]): KeyValue[] {
  const words = parseWords(rest, escapeToken);
  if (words.length === 0) return [];
  if (!words[0].includes('=')) {
    const parts = rest.split(/[\t\v\f\r ]+/);
    if (parts.length < 2) throw new InstructionError(`${keyword} must have two arguments`);
    const key = parts[0];
    // The legacy form's value is the rest of the line as written.
    const value = rest.slice(rest.indexOf(key) + key.length).replace(/^[\t\v\f\r ]+/, '');
    return [{ key, value, noDelimiter: true }];
  }
  for (const word of words) {
    const equals = word.indexOf('=');
    if (equals < 0) throw new InstructionError(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    if (equals === 0) throw new InstructionError(`${keyword} names can not be blank`);
  }
  // dockerfile-ast's properties are the same pairs; their raw values keep the quotes the frontend's word processing removes.
  if (properties.length === words.length) {
    return properties.map((property) => ({ key: property.getName(), value: property.getUnescapedValue() ?? '', noDelimiter: false }));
  }
  return words.map((word) => ({ key: word.slice(0, word.indexOf('=')), value: word.slice(word.indexOf('=') + 1), noDelimiter: false }));
}

function parseHealthcheck(instruction: Instruction, base: InstructionBase, rest: string): DockerfileCommand {
  const flags = flagsOf(instruction, 'HEALTHCHECK');
  const options = Object.fromEntries(flags);
  if (rest === '') throw new InstructionError('HEALTHCHECK requires at least one argument');
  const [type, ...tail] = rest.split(/(\s+)/);
  const command = tail.join('').trim();
  const upper = type.toUpperCase();
  if (upper === 'NONE') {
    if (command !== '') throw new InstructionError('HEALTHCHECK NONE takes no arguments');
    return { ...base, kind: 'HEALTHCHECK', test: ['NONE'], options };
  }
  if (upper !== 'CMD') throw new InstructionError(`Unknown type "${upper}" in HEALTHCHECK (try CMD)`);
  if (command === '') throw new InstructionError('Missing command after HEALTHCHECK CMD');
  const json = parseJsonArray(command);
  return { ...base, kind: 'HEALTHCHECK', test: json ? ['CMD', ...json] : ['CMD-SHELL', command], options };
}

/**
 * BuildKit's suggest.Search: the closest name within a Levenshtein distance
 * of 2, compared case-insensitively, returned in the casing of the input.
 */
export function suggest(value: string, options: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  let match: string | undefined;
  let best = 3;
  for (const option of options) {
    const candidate = option.toLowerCase();
    if (candidate === lower) return undefined;
    const distance = levenshtein(lower, candidate);
    if (distance < best) {
      best = distance;
      match = candidate;
    }
  }
  if (match === undefined) return undefined;
  if (value === value.toLowerCase()) return match;
  if (value === value.toUpperCase()) return match.toUpperCase();
  return match;
}

function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The FROM checks of instructions.Parse: StageNameCasing and FromAsCasing. */
function lintFrom(stage: DockerfileStage, lint: LintFinding[]): void {
  const args = stage.original.replace(/^\S+\s+/, '').replace(/--\S+\s+/g, '').split(/\s+/);
  if (args.length === 3 && args[2] !== args[2].toLowerCase()) {
    lint.push({ rule: 'StageNameCasing', message: `Stage name '${args[2]}' should be lowercase`, url: RULE_URL('stage-name-casing'), location: stage.location });
  }
  if (args.length >= 3) {
    const from = stage.written;
    const as = args[1];
    const fromLower = from === from.toLowerCase();
    const fromUpper = from === from.toUpperCase();
    if ((fromLower && as !== as.toLowerCase()) || (fromUpper && !fromLower && as !== as.toUpperCase())) {
      lint.push({ rule: 'FromAsCasing', message: `'${as}' and '${from}' keywords' casing do not match`, url: RULE_URL('from-as-casing'), location: stage.location });
    }
  }
}

/** validateCommandCasing: instructions should all be upper case or all lower case, as most of them are. */
function lintCasing(parsed: ParsedDockerfile): void {
  const all: InstructionBase[] = [...parsed.metaArgs, ...parsed.stages.flatMap((stage) => [stage, ...stage.commands])];
  let lower = 0;
  let upper = 0;
  for (const instruction of all) {
    if (instruction.written === instruction.written.toLowerCase()) lower++;
    else if (instruction.written === instruction.written.toUpperCase()) upper++;
  }
  const majorityLower = lower > upper;
  for (const instruction of all) {
    const written = instruction.written;
    const consistent = majorityLower ? written === written.toLowerCase() : written === written.toUpperCase();
    if (!consistent) {
      parsed.lint.push({
        rule: 'ConsistentInstructionCasing',
        message: `Command '${written}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`,
        url: RULE_URL('consistent-instruction-casing'),
        location: instruction.location,
      });
    }
  }
}

/** Per-stage checks made while the frontend dispatches: legacy ENV/LABEL form, repeated CMD/ENTRYPOINT, relative WORKDIR. */
function lintStages(parsed: ParsedDockerfile): void {
  const names = new Set<string>();
  for (const stage of parsed.stages) {
    if (stage.name) {
      if (names.has(stage.name)) {
        parsed.lint.push({ rule: 'DuplicateStageName', message: `Duplicate stage name "${stage.name}", stage names should be unique`, url: RULE_URL('duplicate-stage-name'), location: stage.location });
      }
      names.add(stage.name);
    }
  }
}
