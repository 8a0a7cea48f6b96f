import { FLAG_TYPES, FlagDefinition } from '../flags/FlagDefinition';

/**
 * A cobra Args rule of the docker CLI. docker/cli's own (cli/required.go): `{ exact: 0 }` is
 * cli.NoArgs, `{ min }` RequiresMinArgs, `{ max }` RequiresMaxArgs, `{ min, max }`
 * RequiresRangeArgs, `{ exact }` ExactArgs. `style: 'cobra'` marks cobra's own validators
 * (cobra.ExactArgs, cobra.NoArgs), which word their errors differently.
 */
export interface ArgsRule {
  readonly exact?: number;
  readonly min?: number;
  readonly max?: number;
  readonly style?: 'cobra';
}

/** One command of the docker CLI, as captured from docker 28.2.2 by scripts/capture-help.mjs. */
export interface CommandSpec {
  /** Space-separated command words without "docker": "container ls"; "" is docker itself. */
  readonly path: string;
  readonly words: readonly string[];
  /** The last word ("ls"); "docker" for the root. */
  readonly name: string;
  /** The path that names this command's behaviour: `ps`, `container ls` and `container list` are all "container ls". */
  readonly canonical: string;
  /** Other names cobra accepts for this word ("list", "ps" for container ls). */
  readonly aliases: readonly string[];
  /** cobra UseLine, as printed after "Usage:  " in errors. */
  readonly useLine: string;
  readonly args: ArgsRule;
  /** False when flags stop at the first positional (run, create, exec, top, commit, tag). */
  readonly interspersed: boolean;
  /** Has sub-commands (a management command such as `container`). */
  readonly group: boolean;
  /** False for cobra's own `completion`, which prints its help to stdout whatever it is given. */
  readonly runnable: boolean;
  /** Printed before the help when a group is run bare (`docker manifest` starts with a blank line). */
  readonly bareHelpPrefix: string;
  /** Not listed in its parent's help (legacy swarm commands on a non-swarm daemon, completion, help). */
  readonly hidden: boolean;
  /** Refused by a daemon without experimental features (docker checkpoint). */
  readonly experimental: boolean;
  /** Every flag the command accepts, inherited persistent ones included, except --help (added by the parser). */
  readonly flags: readonly FlagDefinition[];
  /** `docker <path> --help` at 80 columns, exactly as docker 28.2.2 prints it to stdout. */
  readonly help: string;
}

/** The shape of src/cli/help/commands.json. */
export interface CommandTableData {
  readonly version: string;
  readonly columns: number;
  readonly commands: ReadonlyArray<{
    readonly path: string;
    readonly canonical?: string;
    readonly aliases?: readonly string[];
    readonly useLine: string;
    readonly args: ArgsRule;
    readonly interspersed?: boolean;
    readonly group?: boolean;
    readonly runnable?: boolean;
    readonly bareHelpPrefix?: string;
    readonly hidden?: boolean;
    readonly experimental?: boolean;
    readonly flags: readonly FlagDefinition[];
    readonly help: string;
  }>;
}

/** The docker CLI's command tree: lookups by path, by word under a parent, and children. */
export class CommandTable {
  /** `docker --version`'s text: "Docker version 28.2.2, build e6534b4". */
  readonly version: string;
  /** The width the stored help texts were captured at. */
  readonly columns: number;
  readonly root: CommandSpec;
  private readonly byPath = new Map<string, CommandSpec>();
  private readonly childrenOf = new Map<string, CommandSpec[]>();

  constructor(data: CommandTableData) {
    this.version = data.version;
    this.columns = data.columns;
    for (const entry of data.commands) {
      for (const flag of entry.flags) {
        if (!FLAG_TYPES.includes(flag.type)) throw new Error(`command "${entry.path}": flag --${flag.long} has unknown type ${flag.type}`);
      }
      const words = entry.path === '' ? [] : entry.path.split(' ');
      const spec: CommandSpec = {
        path: entry.path,
        words,
        name: words.length === 0 ? 'docker' : words[words.length - 1],
        canonical: entry.canonical ?? entry.path,
        aliases: entry.aliases ?? [],
        useLine: entry.useLine,
        args: entry.args,
        interspersed: entry.interspersed ?? true,
        group: entry.group ?? false,
        runnable: entry.runnable ?? true,
        bareHelpPrefix: entry.bareHelpPrefix ?? '',
        hidden: entry.hidden ?? false,
        experimental: entry.experimental ?? false,
        flags: entry.flags,
        help: entry.help,
      };
      this.byPath.set(spec.path, spec);
      if (words.length > 0) {
        const parent = words.slice(0, -1).join(' ');
        const siblings = this.childrenOf.get(parent) ?? [];
        siblings.push(spec);
        this.childrenOf.set(parent, siblings);
      }
    }
    const root = this.byPath.get('');
    if (root === undefined) throw new Error('command table has no root command');
    this.root = root;
  }

  /** The command at a path ("container ls"), or undefined. Aliases are not followed. */
  get(path: string): CommandSpec | undefined {
    return this.byPath.get(path);
  }

  /** The parent command, or undefined for the root. */
  parent(spec: CommandSpec): CommandSpec | undefined {
    return spec.words.length === 0 ? undefined : this.byPath.get(spec.words.slice(0, -1).join(' '));
  }

  /** Sub-commands, in docker's (alphabetical) order. */
  children(spec: CommandSpec): readonly CommandSpec[] {
    return this.childrenOf.get(spec.path) ?? [];
  }

  /** cobra findNext: the sub-command called `word` by name or alias (exact, case-sensitive). */
  child(spec: CommandSpec, word: string): CommandSpec | undefined {
    return this.children(spec).find((child) => child.name === word || child.aliases.includes(word));
  }

  /** Every command, root first. */
  all(): CommandSpec[] {
    return [...this.byPath.values()];
  }

  /** "docker container ls": cobra CommandPath, as errors name the command. */
  commandPath(spec: CommandSpec): string {
    return spec.path === '' ? 'docker' : `docker ${spec.path}`;
  }
}
