import type { Engine } from '../../engine/Engine';
import type { CommandIO } from '../CommandIO';
import type { HostFiles } from '../HostFiles';

/** The parsed flags of one command, as pflag keeps them. */
export interface FlagValues {
  /** True when the flag was given on the command line (pflag's `Changed`). */
  changed(name: string): boolean;
  bool(name: string): boolean;
  string(name: string): string;
  int(name: string): number;
  /** Values of a repeatable flag (`-p`, `-e`), in order. */
  list(name: string): string[];
  /** Long names of every flag given on the command line. */
  changedNames(): string[];
}

/** What a command handler gets: the engine (the daemon), the terminal, and its parsed command line. */
export interface CommandContext {
  readonly engine: Engine;
  readonly io: CommandIO;
  readonly flags: FlagValues;
  readonly args: readonly string[];
  /** The command as docker names it in messages, e.g. `docker run`, `docker container ls`. */
  readonly commandName: string;
  /** The client's environment (`docker run -e NAME` takes NAME's value from it). */
  readonly environment: Readonly<Record<string, string>>;
  /** The learner's files on the host (`docker cp`, `--env-file`); absent where the lab has none. */
  readonly hostFiles?: HostFiles;
}

/** A docker CLI command: returns its exit status. Engine errors it does not catch are framed by DockerCli. */
export type CommandHandler = (ctx: CommandContext) => Promise<number>;

/**
 * An error the client reports itself, with the status docker exits with:
 * cli.StatusError in docker/cli. `message` is printed as it is (may be empty).
 */
export class StatusError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'StatusError';
  }
}
