import type { FlagDefinition } from '../cli/flags/FlagDefinition';
import type { CommandSpec } from '../cli/help/CommandTable';
import { commands } from '../cli/help/commands';
import type { CompletionSource } from './ShellHost';

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
  '--unix-socket', '--user-agent', '--verbose',
];

type ArgumentKind = 'containers' | 'running' | 'stopped' | 'paused' | 'images' | 'containers-or-images' | 'networks' | 'volumes';

/**
 * What the positional arguments of a command name, by the command's canonical path (so `stop`,
 * `container stop` and any alias share one entry): `kinds[i]` is for the i-th positional. The
 * last kind goes on (`docker rm a b c`) when the command's argument rule has no upper bound and
 * it reads flags after positionals; otherwise later positionals are free text (`docker logs web`,
 * `docker exec web ls`, `docker rename old new`). Like docker's own bash completion, `stop`
 * offers running containers, `start` stopped ones and `unpause` paused ones. This is the one
 * thing the command table cannot know; commands, aliases and flags come from it.
 */
const POSITIONALS: Readonly<Record<string, readonly ArgumentKind[]>> = {
  'container attach': ['running'], 'container exec': ['running'], 'container kill': ['running'],
  'container pause': ['running'], 'container stop': ['running'], 'container top': ['running'],
  'container stats': ['running'], 'container unpause': ['paused'], 'container start': ['stopped'],
  'container restart': ['containers'], 'container rm': ['containers'], 'container logs': ['containers'],
  'container port': ['containers'], 'container rename': ['containers'], 'container diff': ['containers'],
  'container export': ['containers'], 'container commit': ['containers'], 'container wait': ['containers'],
  'container update': ['containers'], 'container inspect': ['containers'],
  'container run': ['images'], 'container create': ['images'], 'image pull': ['images'], 'image push': ['images'],
  'image rm': ['images'], 'image history': ['images'], 'image save': ['images'], 'image tag': ['images', 'images'],
  'image inspect': ['images'],
  inspect: ['containers-or-images'],
  'network rm': ['networks'], 'network inspect': ['networks'],
  'network connect': ['networks', 'containers'], 'network disconnect': ['networks', 'containers'],
  'volume rm': ['volumes'], 'volume inspect': ['volumes'],
};

/**
 * Commands cobra's completion leaves out although they can be run: docker sets
 * `CompletionOptions.HiddenDefaultCmd` (cmd/docker/docker.go), which hides cobra's `completion`.
 * The table's own `hidden` mark is not used for commands: apart from `help` (which cobra offers
 * anyway) it records what docker's help hides for the lab's daemon (swarm commands, `checkpoint`),
 * and `docker __complete` never runs that hiding (hideUnsupportedFeatures), so docker 28.2.2
 * offers `stack`, `service`, `checkpoint`, ... on any daemon.
 */
const NOT_OFFERED_COMMANDS: ReadonlySet<string> = new Set(['completion']);

/**
 * Top-level commands missing from the table: `bake` is a stub (cli/command/builder/cmd.go
 * NewBakeStubCommand) that docker replaces by `docker buildx bake` and hides from help when
 * buildx is missing, so the capture never saw it. Completion still offers it; it has no flags.
 */
const STUB_COMMANDS: readonly string[] = ['bake'];

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
  let command: CommandSpec = commands.root;
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
      expectingValue = flagNeedsNextWord(command, arg);
    } else {
      if (command === commands.root && positionals.length === 0 && STUB_COMMANDS.includes(arg)) return [];
      const child = positionals.length === 0 ? commands.child(command, arg) : undefined;
      if (child) {
        command = child;
        continue;
      }
      positionals.push(arg);
      // pflag stops at the first positional when interspersed parsing is off (run, create, exec, top,
      // commit, tag): after `docker run IMAGE` comes the container's command line, not docker's flags.
      if (!command.interspersed) flagsEnded = true;
    }
  }
  // The value of a flag (`--name <Tab>`) is free text.
  if (expectingValue) return [];
  if (current.startsWith('-') && !flagsEnded) return flagNames(command, current);
  const children = commands.children(command);
  if (children.length > 0 && positionals.length === 0) {
    const names = children.filter((child) => !NOT_OFFERED_COMMANDS.has(child.name)).map((child) => child.name);
    return command === commands.root ? [...names, ...STUB_COMMANDS] : names;
  }
  const kind = positionalKind(command, positionals.length);
  return kind ? objectsOf(kind, source) : [];
}

/** What the positional at `index` names, or undefined for free text. */
function positionalKind(command: CommandSpec, index: number): ArgumentKind | undefined {
  const kinds = POSITIONALS[command.canonical];
  if (kinds === undefined) return undefined;
  if (index < kinds.length) return kinds[index];
  const unbounded = command.args.exact === undefined && command.args.max === undefined;
  return unbounded && command.interspersed ? kinds[kinds.length - 1] : undefined;
}

/**
 * The flags cobra's completion offers: every flag that is not hidden in docker's source. The
 * table marks a flag hidden when docker's help does not show it for the lab's daemon; those
 * hidden only for a daemon requirement (`requires`: Windows-only `--cpu-count`, experimental
 * `--squash`) are still offered, since `docker __complete` does not run that hiding.
 */
function offeredFlags(command: CommandSpec): FlagDefinition[] {
  // Known gap: flags docker hides on a non-swarm daemon by their "swarm" annotation (`volume create
  // --availability`, `volume ls --cluster`) carry no `requires` in the table, so they are not offered.
  return command.flags.filter((flag) => !flag.hidden || (flag.requires !== undefined && flag.deprecated === undefined));
}

/** Whether `arg` (a flag word) takes the next word as its value. Hidden flags count: `--net host`. */
function flagNeedsNextWord(command: CommandSpec, arg: string): boolean {
  if (arg.startsWith('--')) {
    if (arg.includes('=')) return false;
    const flag = command.flags.find((candidate) => candidate.long === arg.slice(2));
    return flag !== undefined && takesValue(flag);
  }
  // `-it`, `-p80:80`: short flags bundle; a value flag takes the rest of the word, or the next word.
  for (let i = 1; i < arg.length; i++) {
    const flag = command.flags.find((candidate) => candidate.short === arg[i]);
    if (flag !== undefined && takesValue(flag)) return i === arg.length - 1;
  }
  return false;
}

/** pflag: a bool flag, or one with a NoOptDefVal, does not read the next word. */
function takesValue(flag: FlagDefinition): boolean {
  return flag.type !== 'bool' && flag.noOptDefault === undefined;
}

function flagNames(command: CommandSpec, current: string): string[] {
  const names: string[] = [];
  for (const flag of offeredFlags(command)) {
    names.push(`--${flag.long}`);
    // Like cobra's completion, short forms are offered only until the word starts with `--`,
    // and not when pflag has deprecated the shorthand.
    if (flag.short !== undefined && flag.shorthandDeprecated === undefined && !current.startsWith('--')) names.push(`-${flag.short}`);
  }
  return names;
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
