import type { CompletionSource } from './ShellHost';
import { DOCKER_COMMAND_TREE, type DockerCommandNode } from './dockerCommandTree';

/** What Tab can put in place of the word before the cursor. */
export interface Completion {
  /** Where the word being completed starts in the text before the cursor (UTF-16 offset). */
  readonly start: number;
  /** The word typed so far. */
  readonly prefix: string;
  /** Every candidate starting with `prefix`, sorted, without duplicates. */
  readonly candidates: readonly string[];
}

/** What the first word of a line can be. */
export const COMMAND_NAMES: readonly string[] = ['clear', 'curl', 'docker', 'exit', 'help', 'history'];

/** The curl options the lab's curl understands (see curl.ts). */
const CURL_FLAGS: readonly string[] = [
  '-A', '-H', '-I', '-L', '-S', '-X', '-f', '-i', '-s', '-v',
  '--fail', '--head', '--header', '--include', '--location', '--request', '--show-error', '--silent',
  '--user-agent', '--verbose',
];

type ArgumentKind = 'containers' | 'running' | 'stopped' | 'paused' | 'images' | 'containers-or-images' | 'networks' | 'volumes';

/**
 * What the positional arguments of a command name. `kinds[i]` is for the
 * i-th positional; with `repeat` the last kind goes on (`docker rm a b c`),
 * without it later positionals are free text (`docker exec web ls`).
 */
interface PositionalRule {
  readonly kinds: readonly ArgumentKind[];
  readonly repeat?: boolean;
}

const many = (kind: ArgumentKind): PositionalRule => ({ kinds: [kind], repeat: true });
const first = (kind: ArgumentKind): PositionalRule => ({ kinds: [kind] });

/**
 * Commands whose arguments are live objects, by their path after `docker`.
 * Like docker's own bash completion, `stop` offers running containers and
 * `start` stopped ones.
 */
const POSITIONALS: Readonly<Record<string, PositionalRule>> = {
  attach: first('running'), exec: first('running'), kill: many('running'), pause: many('running'),
  stop: many('running'), top: first('running'), stats: many('running'), unpause: many('paused'),
  start: many('stopped'), restart: many('containers'), rm: many('containers'), logs: first('containers'),
  port: first('containers'), rename: first('containers'), diff: first('containers'), export: first('containers'),
  commit: first('containers'), wait: many('containers'), update: many('containers'),
  'container inspect': many('containers'),
  run: first('images'), create: first('images'), pull: first('images'), push: first('images'), rmi: many('images'),
  history: first('images'), save: many('images'), tag: { kinds: ['images', 'images'] },
  'image inspect': many('images'), 'image rm': many('images'), 'image history': first('images'),
  'image pull': first('images'), 'image push': first('images'), 'image save': many('images'),
  'image tag': { kinds: ['images', 'images'] },
  inspect: many('containers-or-images'),
  'network rm': many('networks'), 'network inspect': many('networks'),
  'network connect': { kinds: ['networks', 'containers'] }, 'network disconnect': { kinds: ['networks', 'containers'] },
  'volume rm': many('volumes'), 'volume inspect': many('volumes'),
};

/** `docker container X` works like `docker X` for these. */
const CONTAINER_SHORTHANDS = new Set([
  'attach', 'commit', 'create', 'diff', 'exec', 'export', 'kill', 'logs', 'pause', 'port', 'rename', 'restart', 'rm',
  'run', 'start', 'stats', 'stop', 'top', 'unpause', 'update', 'wait',
]);

/**
 * Completes the word before the cursor, as bash with docker's completion
 * would: command names first, then docker's commands, subcommands and flags,
 * then container names or image references where the command takes them.
 * A word with quotes, escapes or `$` is not completed.
 */
export function complete(textBeforeCursor: string, source: CompletionSource): Completion {
  const split = splitWords(textBeforeCursor);
  const none: Completion = { start: split.start, prefix: split.current, candidates: [] };
  if (!split.completable) return none;
  const options = candidatesFor(split.words, split.current, source);
  const candidates = [...new Set(options.filter((option) => option.startsWith(split.current)))].sort();
  return { start: split.start, prefix: split.current, candidates };
}

function candidatesFor(words: readonly string[], current: string, source: CompletionSource): readonly string[] {
  if (words.length === 0) return COMMAND_NAMES;
  if (words[0] === 'docker') return dockerCandidates(words.slice(1), current, source);
  if (words[0] === 'curl' && current.startsWith('-')) return CURL_FLAGS;
  return [];
}

function dockerCandidates(args: readonly string[], current: string, source: CompletionSource): readonly string[] {
  let node: DockerCommandNode = DOCKER_COMMAND_TREE;
  const path: string[] = [];
  const positionals: string[] = [];
  let expectingValue = false;
  let flagsEnded = false;
  for (const arg of args) {
    if (expectingValue) {
      expectingValue = false;
      continue;
    }
    if (!flagsEnded && arg === '--') {
      flagsEnded = true;
    } else if (!flagsEnded && arg.startsWith('-') && arg !== '-') {
      expectingValue = flagNeedsNextWord(node, arg);
    } else if (positionals.length === 0 && node.commands) {
      const child = findSubcommand(node, arg);
      if (child) {
        node = child.node;
        path.push(child.name);
      } else {
        positionals.push(arg);
      }
    } else {
      positionals.push(arg);
      // After `docker run IMAGE` or `docker exec CONTAINER` comes the container's command line, not docker's flags.
      if (positionals.length === 1 && takesCommandLine(path)) flagsEnded = true;
    }
  }
  // The value of a flag (`--name <Tab>`) is free text.
  if (expectingValue) return [];
  if (current.startsWith('-') && !flagsEnded) return flagNames(node, current);
  if (node.commands && positionals.length === 0) return Object.keys(node.commands);
  const rule = POSITIONALS[canonicalPath(path)];
  if (!rule) return [];
  const index = positionals.length;
  const kind = index < rule.kinds.length ? rule.kinds[index] : rule.repeat ? rule.kinds[rule.kinds.length - 1] : undefined;
  return kind ? objectsOf(kind, source) : [];
}

function takesCommandLine(path: readonly string[]): boolean {
  const key = canonicalPath(path);
  return key === 'run' || key === 'create' || key === 'exec';
}

/** `container stop` → `stop`, `image rm` → `image rm`: the key of POSITIONALS. */
function canonicalPath(path: readonly string[]): string {
  if (path.length === 2 && path[0] === 'container' && CONTAINER_SHORTHANDS.has(path[1])) return path[1];
  return path.join(' ');
}

function findSubcommand(node: DockerCommandNode, word: string): { name: string; node: DockerCommandNode } | undefined {
  const commands = node.commands ?? {};
  if (Object.hasOwn(commands, word)) return { name: word, node: commands[word] };
  for (const [name, child] of Object.entries(commands)) {
    if (child.aliases?.includes(word)) return { name, node: child };
  }
  return undefined;
}

/** Whether `arg` (a flag word) takes the next word as its value. */
function flagNeedsNextWord(node: DockerCommandNode, arg: string): boolean {
  const specs = node.flags.map(parseFlagSpec);
  if (arg.startsWith('--')) {
    if (arg.includes('=')) return false;
    return specs.some((spec) => spec.long === arg && spec.takesValue);
  }
  // `-it`, `-p80:80`: short flags bundle; a value flag takes the rest of the word, or the next word.
  for (let i = 1; i < arg.length; i++) {
    const spec = specs.find((candidate) => candidate.short === `-${arg[i]}`);
    if (spec?.takesValue) return i === arg.length - 1;
  }
  return false;
}

function flagNames(node: DockerCommandNode, current: string): string[] {
  const names: string[] = [];
  for (const spec of node.flags.map(parseFlagSpec)) {
    if (spec.long) names.push(spec.long);
    // Like cobra's completion, short forms are offered only until the word starts with `--`.
    if (spec.short && !current.startsWith('--')) names.push(spec.short);
  }
  return names;
}

function parseFlagSpec(spec: string): { short?: string; long?: string; takesValue: boolean } {
  const takesValue = spec.endsWith('=');
  const names = (takesValue ? spec.slice(0, -1) : spec).split('|');
  return {
    short: names.find((name) => !name.startsWith('--')),
    long: names.find((name) => name.startsWith('--')),
    takesValue,
  };
}

function objectsOf(kind: ArgumentKind, source: CompletionSource): readonly string[] {
  const containers = (test: (state: string) => boolean) =>
    source.containers().filter((container) => test(container.state)).map((container) => container.name);
  switch (kind) {
    case 'containers': return containers(() => true);
    case 'running': return containers((state) => state === 'running' || state === 'restarting');
    case 'stopped': return containers((state) => state === 'created' || state === 'exited' || state === 'dead');
    case 'paused': return containers((state) => state === 'paused');
    case 'images': return source.imageReferences();
    case 'containers-or-images': return [...containers(() => true), ...source.imageReferences()];
    case 'networks': return source.networkNames?.() ?? [];
    case 'volumes': return source.volumeNames?.() ?? [];
  }
}

/**
 * Splits the text before the cursor into the words of the last command and
 * the word being typed. Quotes are removed from earlier words; `;`, `&&`,
 * `||` and `|` start a new command.
 */
function splitWords(text: string): { words: string[]; current: string; start: number; completable: boolean } {
  let words: string[] = [];
  let current = '';
  let start = 0;
  let inWord = false;
  let plain = true;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      plain = true;
      continue;
    }
    if (c === ';' || c === '&' || c === '|') {
      words = [];
      current = '';
      inWord = false;
      plain = true;
      continue;
    }
    if (!inWord) {
      inWord = true;
      start = i;
    }
    if (c === '"' || c === "'") {
      quote = c;
      plain = false;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      plain = false;
    } else {
      if (c === '$') plain = false;
      current += c;
    }
  }
  if (!inWord) start = text.length;
  return { words, current, start, completable: plain && !quote };
}
