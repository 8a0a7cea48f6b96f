import type { Engine } from '../engine/Engine';
import { EngineError, NotModifiedError } from '../engine/errors';
import type { CommandIO } from './CommandIO';
import type { CommandHandler, FlagValues } from './commands/Command';
import { StatusError } from './commands/Command';
import { create } from './commands/create';
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
import { version, shortVersion } from './commands/version';
import { wait } from './commands/wait';
import { parseDockerArgs } from './flags/parseDockerArgs';

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
  'image ls': images,
  'image pull': pull,
  'image rm': rmi,
  'image tag': tag,
  'image history': history,
  'image inspect': imageInspect,
  inspect,
  version,
  'system info': info,
};

/**
 * The docker client of Docker Lab: argv (the words after `docker`) in, the
 * docker CLI's output and exit status out. Engine errors it is not told
 * otherwise about are printed as the CLI prints API errors:
 * `Error response from daemon: ...`, exit 1.
 */
export class DockerCli {
  constructor(readonly engine: Engine, private readonly environment: Record<string, string> = {}) {}

  async run(argv: readonly string[], io: CommandIO): Promise<number> {
    const parsed = parseDockerArgs(argv);
    switch (parsed.kind) {
      case 'help':
        io.stdout.write(parsed.text);
        return 0;
      case 'version':
        io.stdout.write(shortVersion);
        return 0;
      case 'error':
        if (parsed.stdout) io.stdout.write(parsed.stdout);
        if (parsed.stderr) io.stderr.write(parsed.stderr);
        return parsed.exitCode;
      case 'command':
        break;
    }
    const handler = HANDLERS[parsed.command];
    const commandName = `docker ${parsed.invokedAs}`;
    if (!handler) {
      io.stderr.write(`${commandName}: not simulated in Docker Lab yet.\n`);
      return 1;
    }
    try {
      return await handler({ engine: this.engine, io, flags: parsed.flags as FlagValues, args: parsed.args, commandName, environment: this.environment });
    } catch (e) {
      return reportError(e, io);
    }
  }

  /** The canonical paths of the commands the lab runs, for completion and help. */
  static simulatedCommands(): string[] {
    return Object.keys(HANDLERS);
  }
}

function reportError(e: unknown, io: CommandIO): number {
  if (e instanceof StatusError) {
    if (e.message) io.stderr.write(`${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof NotModifiedError) return 0;
  if (e instanceof EngineError) {
    io.stderr.write(`Error response from daemon: ${e.message}\n`);
    return 1;
  }
  throw e;
}
