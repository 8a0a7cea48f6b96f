import { CommandSpec, CommandTable } from '../help/CommandTable';
import { commands } from '../help/commands';
import { DEFAULT_HELP_WIDTH, helpText } from '../help/helpText';
import { FlagDefinition } from './FlagDefinition';
import { FlagSet } from './FlagSet';
import { FlagValues } from './FlagValues';
import { strconv } from './strconv';

/** What the simulated daemon answers to `GET /_ping`, which decides what docker refuses or hides. */
export interface DaemonProfile {
  /** "linux" or "windows"; "" when unknown. */
  readonly osType: string;
  readonly experimental: boolean;
}

/** dockerd 28.2.2 on Linux, experimental features off: what Docker Lab simulates. */
export const LINUX_DAEMON: DaemonProfile = { osType: 'linux', experimental: false };

/** Options of {@link parseDockerArgs}. */
export interface ParseDockerArgsOptions {
  /** The command tree; the captured docker 28.2.2 one by default. */
  readonly table?: CommandTable;
  /** Width of the terminal on stdin, for help texts (docker uses 80 when stdin is not a terminal). */
  readonly width?: number;
  readonly daemon?: DaemonProfile;
  /**
   * The client's environment: `-e NAME` takes NAME's value from it (opts.ValidateEnv), and
   * DOCKER_BUILDKIT changes what `docker build` says about the missing buildx.
   */
  readonly environment?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

/** Outcome of {@link parseDockerArgs}. */
export type DockerArgsResult =
  | {
      /** The command line is valid: run the command. */
      readonly kind: 'run';
      /** The command's canonical path: `docker ps`, `docker container list` -> "container ls". */
      readonly command: string;
      /** The path of the command as the table names it ("ps"). */
      readonly path: string;
      readonly spec: CommandSpec;
      readonly flags: FlagValues;
      readonly args: readonly string[];
      /** Positional arguments before `--`, or -1 (cobra ArgsLenAtDash). */
      readonly argsLengthAtDash: number;
      /** The global options (`-D`, `-H`, `--context`, `--log-level`, ...). */
      readonly globals: FlagValues;
      /** Printed before the command runs: flag deprecation warnings (stdout), the buildx warning (stderr). */
      readonly stdout: string;
      readonly stderr: string;
    }
  | {
      /**
       * Help or version text was printed; exit status 0. Print `stdout` and `stderr` as they
       * are: docker sends some help to stderr (`docker image`, bare `docker`) and prefixes
       * warnings (`-h` is deprecated, the buildx notice).
       */
      readonly kind: 'help';
      /** The help (or version) text alone, without the warnings. */
      readonly text: string;
      readonly stdout: string;
      readonly stderr: string;
      readonly exitCode: 0;
    }
  | {
      /** The CLI refused the command line before reaching the daemon: print, exit with `exitCode`. */
      readonly kind: 'error';
      readonly stdout: string;
      readonly stderr: string;
      readonly exitCode: number;
    };

/** The root's persistent --help (docker/cli cli/cobra.go): hidden, its -h shorthand deprecated. */
const HELP_FLAG: FlagDefinition = { long: 'help', short: 'h', type: 'bool', usage: 'Print usage', hidden: true, shorthandDeprecated: 'use --help' };

// docker/cli cmd/docker/builder.go, printed when buildx is not installed (it is not in Docker Lab).
const BUILDX_MISSING_WARNING = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            Install the buildx component to build images with BuildKit:
            https://docs.docker.com/go/buildx/`;
const BUILDKIT_DISABLED_WARNING = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0
            environment-variable.`;
const BUILDX_MISSING_ERROR = `ERROR: BuildKit is enabled but the buildx component is missing or broken.
       Install the buildx component to build images with BuildKit:
       https://docs.docker.com/go/buildx/`;
const BAKE_MISSING_ERROR = `ERROR: docker bake requires the buildx component but it is missing or broken.
       Install the buildx component to use bake:
       https://docs.docker.com/go/buildx/`;

const LOG_LEVELS = new Set(['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace']);

/** Go's len() of a string: UTF-8 bytes. cobra compares argument lengths in bytes. */
const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/** cobra isFlagArg. */
const isFlagArg = (argument: string): boolean =>
  (byteLength(argument) >= 3 && argument.startsWith('--')) || (byteLength(argument) >= 2 && argument[0] === '-' && argument[1] !== '-');

const pluralize = (word: string, count: number): string => (count === 1 ? word : word + 's');

/** strconv.ParseBool's accepted spellings, for DOCKER_BUILDKIT. */
function parseBoolOrUndefined(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/**
 * Reads a docker command line the way the docker 28.2.2 CLI does before it talks to the daemon:
 * global options, the command path (management commands, aliases, shortcuts), the command's
 * flags with pflag's rules, cobra's argument count rules, `--help`, `--version`, `docker help
 * TOPIC`, and every client-side error with docker's words and exit code (125 for flag errors,
 * 1 for usage errors). `argv` is what follows the word `docker`. Never throws.
 */
export function parseDockerArgs(argv: readonly string[], options: ParseDockerArgsOptions = {}): DockerArgsResult {
  return new DockerCommandLine(argv, options).parse();
}

/** One invocation of the CLI: the flag sets and output buffers cobra keeps while it runs. */
class DockerCommandLine {
  private readonly table: CommandTable;
  private readonly width: number;
  private readonly daemon: DaemonProfile;
  private readonly environment: ReadonlyMap<string, string>;
  /** The root's persistent --help, one value shared by every command that does not define its own. */
  private readonly helpSet = new FlagSet([HELP_FLAG]);
  private readonly flagSets = new Map<string, FlagSet>();
  /** cobra's per-command flagErrorBuf: deprecation warnings, printed (whole) after each clean parse. */
  private readonly warningBuffers = new Map<string, string>();
  private stdout = '';
  private stderr = '';

  constructor(private readonly argv: readonly string[], options: ParseDockerArgsOptions) {
    this.table = options.table ?? commands;
    this.width = options.width ?? DEFAULT_HELP_WIDTH;
    this.daemon = options.daemon ?? LINUX_DAEMON;
    const environment = options.environment ?? new Map<string, string>();
    this.environment = environment instanceof Map ? environment : new Map(Object.entries(environment));
  }

  parse(): DockerArgsResult {
    const root = this.table.root;
    const rootSet = this.flagSetOf(root);

    // cli.TopLevelCommand.HandleGlobalFlags: the root's flags, up to the first command word.
    const global = rootSet.parse(this.argv, { interspersed: false });
    // That flag set writes its warnings straight to stderr (pflag's default output).
    this.stderr += global.output;
    // Initialize() runs even when parsing failed, and its errors win.
    const initializeError = this.initialize(rootSet.values);
    if (initializeError !== undefined) return this.error(initializeError, 1);
    if (!global.ok) return this.error(this.flagError(root, global.error), 125);
    const rest = global.args;

    // processAliases -> processBuilder: build commands go to buildx, which Docker Lab lacks.
    const builderError = this.processBuilder(rest);
    if (builderError !== undefined) return this.error(builderError, 1);

    // cobra ExecuteC with TraverseChildren: find the command, parsing flags met on the way.
    const traversed = this.traverse(rest);
    if ('error' in traversed) return this.error(traversed.error, 1);
    return this.execute(traversed.command, traversed.args, rest);
  }

  /** cobra Command.execute on the command Traverse found. */
  private execute(spec: CommandSpec, args: readonly string[], executeArgs: readonly string[]): DockerArgsResult {
    const set = this.flagSetOf(spec);
    const parsed = set.parse(args, { interspersed: spec.interspersed });
    if (!parsed.ok) {
      // docker's FlagErrorFunc checks the daemon's support first.
      const unsupported = this.unsupported(spec, set.values);
      if (unsupported !== undefined) return this.error(unsupported, 1);
      return this.error(this.flagError(spec, parsed.error), 125);
    }
    this.printWarnings(spec, parsed.output);
    if (set.values.bool('help')) return this.showHelp(spec, executeArgs);
    if (spec === this.table.root && set.values.bool('version')) {
      // Root's version template: "Docker version {{.Version}}\n".
      this.stdout += this.table.version + '\n';
      return this.help(this.table.version);
    }
    if (!spec.runnable) return this.showHelp(spec, executeArgs);
    // setValidateArgs wraps Args with isSupported; PersistentPreRunE checks it again.
    const unsupported = this.unsupported(spec, set.values);
    if (unsupported !== undefined) return this.error(unsupported, 1);
    // docker itself has no Args rule: its RunE refuses unknown words.
    const argsError = spec === this.table.root ? undefined : this.validateArgs(spec, parsed.args);
    if (argsError !== undefined) return this.error(argsError, 1);
    if (spec === this.table.root) {
      if (parsed.args.length === 0) return this.bareHelp(spec);
      return this.error(`docker: unknown command: docker ${parsed.args[0]}\n\nRun 'docker --help' for more information`, 1);
    }
    if (spec.group) return this.bareHelp(spec);
    if (spec.path === 'help') return this.helpCommand(parsed.args);
    return {
      kind: 'run',
      command: spec.canonical,
      path: spec.path,
      spec,
      flags: set.values,
      args: parsed.args,
      argsLengthAtDash: parsed.argsLengthAtDash,
      globals: this.flagSetOf(this.table.root).values,
      stdout: this.stdout,
      stderr: this.stderr,
    };
  }

  /** TopLevelCommand.Initialize's checks on global options (log level, then --host with --context). */
  private initialize(globals: FlagValues): string | undefined {
    const logLevel = globals.string('log-level');
    if (logLevel !== '' && !LOG_LEVELS.has(logLevel.toLowerCase())) return `Unable to parse logging level: ${logLevel}`;
    if (globals.string('context') !== '' && globals.list('host').length > 0) return 'conflicting options: cannot specify both --host and --context';
    return undefined;
  }

  /**
   * cmd/docker/builder.go processBuilder, for a CLI without the buildx plugin (run before every
   * command). The daemon is assumed to announce BuildKit (Builder-Version 2), as dockerd 28 does.
   */
  private processBuilder(args: readonly string[]): string | undefined {
    let buildkitDisabled = false;
    let useBuilder = false;
    const variable = this.environment.get('DOCKER_BUILDKIT');
    if (variable !== undefined && variable !== '') {
      const enabled = parseBoolOrUndefined(variable);
      if (enabled === undefined) return `DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing ${strconv.quote(variable)}: invalid syntax`;
      if (enabled) useBuilder = true;
      else buildkitDisabled = true;
    }
    if (buildkitDisabled && args[0] === 'bake') buildkitDisabled = false;
    const forwarded = args[0] === 'bake' || args[0] === 'build' || args[0] === 'builder' || (args[0] === 'image' && args[1] === 'build');
    if (!forwarded) return undefined;
    if (buildkitDisabled) {
      if (this.daemon.osType !== 'windows') this.stderr += BUILDKIT_DISABLED_WARNING + '\n\n';
      return undefined;
    }
    if (args[0] === 'bake') return BAKE_MISSING_ERROR;
    if (useBuilder) return BUILDX_MISSING_ERROR;
    this.stderr += BUILDX_MISSING_WARNING + '\n\n';
    return undefined;
  }

  /**
   * cobra Command.Traverse from the root: flags before each command word are parsed on the
   * command they follow; the first word that is no sub-command ends the walk.
   */
  private traverse(args: readonly string[]): { command: CommandSpec; args: readonly string[] } | { error: string } {
    let current = this.table.root;
    let remaining = args;
    for (;;) {
      const flags: string[] = [];
      let inFlag = false;
      let next: CommandSpec | undefined;
      let index = 0;
      for (; index < remaining.length; index++) {
        const argument = remaining[index];
        if (argument.startsWith('--') && !argument.includes('=')) {
          // A long flag whose value may follow ("TODO: this isn't quite right" in cobra: it
          // assumes every flag without a default takes the next word).
          inFlag = !this.hasNoOptionDefault(current, argument.slice(2));
          flags.push(argument);
          continue;
        }
        if (argument.startsWith('-') && !argument.includes('=') && byteLength(argument) === 2 && !this.shortHasNoOptionDefault(current, argument.slice(1))) {
          inFlag = true;
          flags.push(argument);
          continue;
        }
        if (inFlag) {
          inFlag = false;
          flags.push(argument);
          continue;
        }
        if (isFlagArg(argument)) {
          flags.push(argument);
          continue;
        }
        next = this.table.child(current, argument);
        break;
      }
      if (next === undefined) return { command: current, args: remaining };
      const set = this.flagSetOf(current);
      const parsed = set.parse(flags, { interspersed: current.interspersed });
      // A failure here is returned raw, without docker's usage framing (exit 1).
      if (!parsed.ok) return { error: parsed.error };
      this.printWarnings(current, parsed.output);
      current = next;
      remaining = remaining.slice(index + 1);
    }
  }

  /** cobra's help path (flag.ErrHelp), through docker's help function. */
  private showHelp(spec: CommandSpec, executeArgs: readonly string[]): DockerArgsResult {
    if (executeArgs.length >= 1) {
      // docker's help function looks for a plugin by traversing the arguments again, which
      // re-parses (and re-prints the warnings of) every command on the way.
      const again = this.traverse(executeArgs);
      if ('error' in again) {
        this.stdout += again.error + '\n';
        return this.help(again.error);
      }
    }
    const unsupported = this.unsupported(spec, this.flagSetOf(spec).values);
    if (unsupported !== undefined) {
      // Printed with cmd.Println: to stdout, and the exit status stays 0.
      this.stdout += unsupported + '\n';
      return this.help(unsupported);
    }
    const text = helpText(spec, this.width);
    this.stdout += text;
    return this.help(text);
  }

  /** command.ShowHelp(stderr): what a management command (or docker itself) does when run bare. */
  private bareHelp(spec: CommandSpec): DockerArgsResult {
    const text = helpText(spec, this.width);
    this.stderr += spec.bareHelpPrefix + text;
    return this.help(text);
  }

  /** The `docker help [command]` command (cli/cobra.go helpCommand). */
  private helpCommand(topic: readonly string[]): DockerArgsResult {
    const [found, leftover, legacyError] = this.find(topic);
    if (legacyError || leftover.length > 0) return this.error(`unknown help topic: ${leftover.join(' ')}`, 1);
    return this.showHelp(found, []);
  }

  /** cobra Command.Find from the root (used by `docker help`). */
  private find(args: readonly string[]): [CommandSpec, readonly string[], boolean] {
    let current = this.table.root;
    let inner = args;
    for (;;) {
      const words = this.stripFlags(inner, current);
      if (words.length === 0) break;
      const next = this.table.child(current, words[0]);
      if (next === undefined) break;
      inner = this.argsMinusFirst(inner, current, words[0]);
      current = next;
    }
    // cobra's legacyArgs: the root (which has no Args rule) refuses unknown words.
    const legacyError = current === this.table.root && this.stripFlags(inner, current).length > 0;
    return [current, inner, legacyError];
  }

  /** cobra stripFlags: the words of `args` that are neither flags nor (probable) flag values. */
  private stripFlags(args: readonly string[], spec: CommandSpec): string[] {
    const words: string[] = [];
    const rest = [...args];
    while (rest.length > 0) {
      const argument = rest.shift() as string;
      if (argument === '--') break;
      const takesValue =
        (argument.startsWith('--') && !argument.includes('=') && !this.hasNoOptionDefault(spec, argument.slice(2))) ||
        (argument.startsWith('-') && !argument.includes('=') && byteLength(argument) === 2 && !this.shortHasNoOptionDefault(spec, argument.slice(1)));
      if (takesValue) {
        if (rest.length <= 1) break;
        rest.shift();
        continue;
      }
      if (argument !== '' && !argument.startsWith('-')) words.push(argument);
    }
    return words;
  }

  /** cobra argsMinusFirstX: `args` without the first word equal to `word` (flag values skipped). */
  private argsMinusFirst(args: readonly string[], spec: CommandSpec, word: string): readonly string[] {
    for (let position = 0; position < args.length; position++) {
      const argument = args[position];
      if (argument === '--') break;
      const takesValue =
        (argument.startsWith('--') && !argument.includes('=') && !this.hasNoOptionDefault(spec, argument.slice(2))) ||
        (argument.startsWith('-') && !argument.includes('=') && byteLength(argument) === 2 && !this.shortHasNoOptionDefault(spec, argument.slice(1)));
      if (takesValue) {
        position++;
        continue;
      }
      if (!argument.startsWith('-') && argument === word) return [...args.slice(0, position), ...args.slice(position + 1)];
    }
    return args;
  }

  /** The daemon-support checks of cmd/docker/docker.go isSupported; undefined when supported. */
  private unsupported(spec: CommandSpec, values: FlagValues): string | undefined {
    for (let current: CommandSpec | undefined = spec; current !== undefined; current = this.table.parent(current)) {
      if (current.experimental && !this.daemon.experimental) {
        return `${this.table.commandPath(spec)} is only supported on a Docker daemon with experimental features enabled`;
      }
    }
    const errors: string[] = [];
    for (const flag of this.flagSetOf(spec).definitions()) {
      if (!values.changed(flag.long) || flag.requires === undefined) continue;
      const { osType, experimental } = flag.requires;
      if (osType !== undefined && this.daemon.osType !== '' && osType !== this.daemon.osType) {
        errors.push(`"--${flag.long}" is only supported on a Docker daemon running on ${osType}, but the Docker daemon is running on ${this.daemon.osType}`);
        continue;
      }
      if (experimental && !this.daemon.experimental) errors.push(`"--${flag.long}" is only supported on a Docker daemon with experimental features enabled`);
    }
    return errors.length > 0 ? errors.join('\n') : undefined;
  }

  /** cobra Args validation with docker's (cli/required.go) or cobra's wording. */
  private validateArgs(spec: CommandSpec, args: readonly string[]): string | undefined {
    const rule = spec.args;
    const path = this.table.commandPath(spec);
    const usage = `\n\nUsage:  ${spec.useLine}\n\n`;
    if (rule.style === 'cobra') {
      if (rule.exact === 0 && args.length > 0) return `unknown command "${args[0]}" for "${path}"`;
      if (rule.exact !== undefined && rule.exact > 0 && args.length !== rule.exact) return `accepts ${rule.exact} arg(s), received ${args.length}`;
      return undefined;
    }
    if (rule.exact === 0) {
      if (args.length === 0) return undefined;
      if (spec.group) return `docker: unknown command: ${path} ${args[0]}${usage}Run '${path} --help' for more information`;
      return `docker: '${path}' accepts no arguments${usage}Run '${path} --help' for more information`;
    }
    if (rule.exact !== undefined) {
      if (args.length === rule.exact) return undefined;
      return `docker: '${path}' requires ${rule.exact} ${pluralize('argument', rule.exact)}${usage}Run '${path} --help' for more information`;
    }
    if (rule.min !== undefined && rule.max !== undefined) {
      if (args.length >= rule.min && args.length <= rule.max) return undefined;
      return `docker: '${path}' requires at least ${rule.min} and at most ${rule.max} ${pluralize('argument', rule.max)}${usage}Run '${path} --help' for more information`;
    }
    if (rule.min !== undefined) {
      if (args.length >= rule.min) return undefined;
      // RequiresMinArgs says "See", not "Run".
      return `docker: '${path}' requires at least ${rule.min} ${pluralize('argument', rule.min)}${usage}See '${path} --help' for more information`;
    }
    if (rule.max !== undefined) {
      if (args.length <= rule.max) return undefined;
      // RequiresMaxArgs really prints "SRun" (a typo in docker/cli cli/required.go).
      return `docker: '${path}' requires at most ${rule.max} ${pluralize('argument', rule.max)}${usage}SRun '${path} --help' for more information`;
    }
    return undefined;
  }

  /** docker's FlagErrorFunc framing (cli/cobra.go). */
  private flagError(spec: CommandSpec, error: string): string {
    return `${error}\n\nUsage:  ${spec.useLine}\n\nRun '${this.table.commandPath(spec)} --help' for more information`;
  }

  /** cobra ParseFlags: after a clean parse that added warnings, the whole buffer goes to stdout. */
  private printWarnings(spec: CommandSpec, output: string): void {
    if (output === '') return;
    const buffer = (this.warningBuffers.get(spec.path) ?? '') + output;
    this.warningBuffers.set(spec.path, buffer);
    this.stdout += buffer;
  }

  private hasNoOptionDefault(spec: CommandSpec, name: string): boolean {
    const flag = this.flagSetOf(spec).lookup(name);
    return flag !== undefined && (flag.type === 'bool' || flag.noOptDefault !== undefined);
  }

  private shortHasNoOptionDefault(spec: CommandSpec, name: string): boolean {
    if (name.length === 0) return false;
    const flag = this.flagSetOf(spec).lookupShorthand(name[0]);
    return flag !== undefined && (flag.type === 'bool' || flag.noOptDefault !== undefined);
  }

  /** A command's flags (cobra c.Flags() after merging the root's persistent --help). */
  private flagSetOf(spec: CommandSpec): FlagSet {
    let set = this.flagSets.get(spec.path);
    if (set === undefined) {
      set = new FlagSet(spec.flags, { environment: this.environment });
      // run and create define their own --help (without -h, which is --hostname there).
      set.adopt(this.helpSet, 'help');
      this.flagSets.set(spec.path, set);
    }
    return set;
  }

  private help(text: string): DockerArgsResult {
    return { kind: 'help', text, stdout: this.stdout, stderr: this.stderr, exitCode: 0 };
  }

  /** main(): the error's text and a newline on stderr. */
  private error(message: string, exitCode: number): DockerArgsResult {
    return { kind: 'error', stdout: this.stdout, stderr: this.stderr + message + '\n', exitCode };
  }
}
