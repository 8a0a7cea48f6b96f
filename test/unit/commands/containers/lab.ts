import { ManualClock } from '../../../../src/engine/Clock';
import { Emitter } from '../../../../src/engine/Emitter';
import { Engine } from '../../../../src/engine/Engine';
import { EngineError, NotModifiedError } from '../../../../src/engine/errors';
import type { ContainerCreateRequest } from '../../../../src/engine/types';
import { seededRandom } from '../../../../src/engine/util/seededRandom';
import type { CommandIO } from '../../../../src/cli/CommandIO';
import type { CommandHandler, FlagValues } from '../../../../src/cli/commands/Command';
import { StatusError } from '../../../../src/cli/commands/Command';

/** What one command printed and returned. */
export interface Transcript {
  status: number;
  stdout: string;
  stderr: string;
}

/** Flags as the parser hands them over: the ones given, and the defaults of the rest. */
export type Flags = Record<string, string | number | boolean | string[]>;

/** A terminal a test can type into and press Ctrl+C on. */
export class FakeTerminal implements CommandIO {
  stdoutText = '';
  stderrText = '';
  readonly isTTY = true;
  readonly columns = 80;
  private readonly interrupts = new Emitter<void>();
  readonly onInterrupt = this.interrupts.event;
  private readonly lines: (string | null)[] = [];
  private waiting: ((line: string | null) => void) | undefined;

  readonly stdout = { write: (text: string) => { this.stdoutText += text; } };
  readonly stderr = { write: (text: string) => { this.stderrText += text; } };
  readonly stdin = {
    readLine: (): Promise<string | null> => {
      if (this.lines.length) return Promise.resolve(this.lines.shift()!);
      return new Promise((resolve) => { this.waiting = resolve; });
    },
  };

  /** Ctrl+C. */
  interrupt(): void {
    this.interrupts.fire();
  }

  /** A line typed (null: Ctrl+D). */
  type(line: string | null): void {
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting(line);
    } else {
      this.lines.push(line);
    }
  }
}

/** An engine on a manual clock with images pulled, and a way to run commands against it. */
export class Lab {
  readonly clock = new ManualClock();
  readonly engine = new Engine({ clock: this.clock, random: seededRandom(11), pullSecondsPerMegabyte: 0 });

  static async with(...images: string[]): Promise<Lab> {
    const lab = new Lab();
    for (const image of images) await lab.clock.settle(lab.engine.imagePull(image));
    return lab;
  }

  /** Creates (and with `started`, starts) a container; returns its id. */
  create(name: string, request: ContainerCreateRequest, started = true): string {
    const { Id } = this.engine.containerCreate(request, name);
    if (started) this.engine.containerStart(Id);
    return Id;
  }

  /** Lets the lab's time run until nothing is left to do now (no timers fire). */
  async idle(): Promise<void> {
    await this.clock.advance(0);
  }

  /**
   * Runs a handler to completion on lab time, reporting errors the way
   * DockerCli does (StatusError as is, engine errors framed, exit 1).
   */
  async run(handler: CommandHandler, args: string[], flags: Flags = {}, defaults: Flags = {}, terminal = new FakeTerminal()): Promise<Transcript> {
    const status = await this.clock.settle(this.start(handler, args, flags, defaults, terminal));
    return { status, stdout: terminal.stdoutText, stderr: terminal.stderrText };
  }

  /** Starts a handler without waiting for it (for -f, -a and Ctrl+C); settle the promise on the lab's clock. */
  start(handler: CommandHandler, args: string[], flags: Flags = {}, defaults: Flags = {}, terminal = new FakeTerminal()): Promise<number> {
    const ctx = { engine: this.engine, io: terminal, flags: flagValues(flags, defaults), args, commandName: 'docker', environment: {} };
    return handler(ctx).catch((e: unknown) => {
      if (e instanceof StatusError) {
        if (e.message) terminal.stderr.write(`${e.message}\n`);
        return e.exitCode;
      }
      if (e instanceof NotModifiedError) return 0;
      if (e instanceof EngineError) {
        terminal.stderr.write(`Error response from daemon: ${e.message}\n`);
        return 1;
      }
      throw e;
    });
  }

  /** `docker ps -a`'s STATUS of a container. */
  status(name: string): string {
    return this.engine.containerList({ all: true }).find((c) => c.Names[0] === `/${name}`)?.Status ?? '(removed)';
  }
}

function flagValues(given: Flags, defaults: Flags): FlagValues {
  const value = (name: string) => (name in given ? given[name] : defaults[name]);
  return {
    changed: (name) => name in given,
    bool: (name) => value(name) === true,
    string: (name) => String(value(name) ?? ''),
    int: (name) => Number(value(name) ?? 0),
    list: (name) => (value(name) as string[] | undefined) ?? [],
    changedNames: () => Object.keys(given),
  };
}
