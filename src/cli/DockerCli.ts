import type { Engine } from '../engine/Engine';
import { EngineError, NotModifiedError } from '../engine/errors';
import type { CommandIO } from './CommandIO';
import type { HostFiles } from './HostFiles';
import type { CommandHandler } from './commands/Command';
import { StatusError } from './commands/Command';
import { build } from './commands/build';
import { commit } from './commands/commit';
import { cp } from './commands/cp';
import { create } from './commands/create';
import { df } from './commands/df';
import { diff } from './commands/diff';
import { exec } from './commands/exec';
import { images } from './commands/images';
import { imageInspect } from './commands/imageInspect';
import { history } from './commands/history';
import { info } from './commands/info';
import { containerInspect, inspect } from './commands/inspect';
import { kill } from './commands/kill';
import { logs } from './commands/logs';
import { pause } from './commands/pause';
import { port } from './commands/port';
import { ps } from './commands/ps';
import { pull } from './commands/pull';
import { rename } from './commands/rename';
import { restart } from './commands/restart';
import { rm } from './commands/rm';
import { rmi } from './commands/rmi';
import { run } from './commands/run';
import { start } from './commands/start';
import { stop } from './commands/stop';
import { tag } from './commands/tag';
import { unpause } from './commands/unpause';
import { version } from './commands/version';
import { wait } from './commands/wait';
import { NETWORK_COMMANDS } from './commands/networkCommands';
import { VOLUME_COMMANDS } from './commands/volumeCommands';
import { parseDockerArgs } from './flags/parseDockerArgs';
import { TemplateError } from './template/TemplateError';

/**
 * The commands the lab runs, by their canonical path in the docker CLI's
 * command tree (`docker ps` is `container ls`). Every other command of the
 * real CLI parses as it does there, then says plainly it is not simulated.
 */
const HANDLERS: Record<string, CommandHandler> = {
  'container run': run,
  'container create': create,
  'container start': start,
  'container stop': stop,
  'container restart': restart,
  'container kill': kill,
  'container pause': pause,
  'container unpause': unpause,
  'container rename': rename,
  'container rm': rm,
  'container ls': ps,
  'container logs': logs,
  'container inspect': containerInspect,
  'container port': port,
  'container wait': wait,
  'container exec': exec,
  'container diff': diff,
  'container commit': commit,
  'container cp': cp,
  'image ls': images,
  'image build': build,
  'image pull': pull,
  'image rm': rmi,
  'image tag': tag,
  'image history': history,
  'image inspect': imageInspect,
  inspect,
  version,
  'system info': info,
  'system df': df,
  ...VOLUME_COMMANDS,
  ...NETWORK_COMMANDS,
};

/**
 * The docker client of Docker Lab: argv (the words after `docker`) in, the
 * docker CLI's output and exit status out. Engine errors it is not told
 * otherwise about are printed as the CLI prints API errors:
 * `Error response from daemon: ...`, exit 1.
 */
export class DockerCli {
  private readonly hostFiles: HostFiles | undefined;

  /** `options.hostFiles`: the learner's files (`docker cp`); without them, commands that need them say so. */
  constructor(readonly engine: Engine, private readonly environment: Record<string, string> = {}, options: DockerCliOptions = {}) {
    this.hostFiles = options.hostFiles;
  }

  async run(argv: readonly string[], io: CommandIO): Promise<number> {
    const parsed = parseDockerArgs(argv, { environment: this.environment, width: io.isTTY ? io.columns : 80 });
    if (parsed.stdout) io.stdout.write(parsed.stdout);
    if (parsed.stderr) io.stderr.write(parsed.stderr);
    switch (parsed.kind) {
      case 'help':
        // The help text is already in parsed.stdout.
        return 0;
      case 'error':
        return parsed.exitCode;
      case 'run':
        break;
    }
    const handler = HANDLERS[parsed.command];
    const commandName = `docker ${parsed.path}`;
    if (!handler) {
      io.stderr.write(`${commandName}: this command is not simulated in Docker Lab yet.\n`);
      return 1;
    }
    try {
      return await handler({ engine: this.engine, io, flags: parsed.flags, args: parsed.args, commandName, environment: this.environment, hostFiles: this.hostFiles });
    } catch (e) {
      return reportError(e, io);
    }
  }

  /** The canonical paths of the commands the lab runs, for completion and help. */
  static simulatedCommands(): string[] {
    return Object.keys(HANDLERS);
  }
}

/** What a DockerCli may be given besides the engine and the environment. */
export interface DockerCliOptions {
  /** The host side of `docker cp` and `--env-file`: the workspace folder, the working directory, or a test's map. */
  hostFiles?: HostFiles;
}

function reportError(e: unknown, io: CommandIO): number {
  if (e instanceof StatusError) {
    if (e.message) io.stderr.write(`${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof NotModifiedError) return 0;
  if (e instanceof TemplateError) {
    // A bad --format: docker prints the template's error and exits 1.
    io.stderr.write(`${e.message}\n`);
    return 1;
  }
  if (e instanceof EngineError) {
    // The client trims the daemon's message (client/request.go checkResponseErr).
    io.stderr.write(`Error response from daemon: ${e.message.trim()}\n`);
    return 1;
  }
  throw e;
}
