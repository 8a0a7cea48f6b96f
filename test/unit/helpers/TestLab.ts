import type { CommandIO } from '../../../src/cli/CommandIO';
import { DockerCli } from '../../../src/cli/DockerCli';
import type { HostFiles } from '../../../src/cli/HostFiles';
import { ManualClock } from '../../../src/engine/Clock';
import { Emitter } from '../../../src/engine/Emitter';
import { Engine } from '../../../src/engine/Engine';
import { seededRandom } from '../../../src/engine/util/seededRandom';

/** What one command printed and returned. */
export interface Transcript {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * A lab for transcript tests: a fresh engine on a manual clock (time only
 * moves when the test says, or when a command waits for a timer), seeded ids,
 * instant pulls, and a docker CLI whose output is captured.
 */
export class TestLab {
  readonly clock = new ManualClock();
  readonly engine: Engine;
  readonly cli: DockerCli;
  /** Lines the next commands read from stdin. */
  readonly stdinLines: (string | null)[] = [];
  readonly interrupts = new Emitter<void>();

  /** `hostFiles`: the host side of `docker cp` (a MemoryHostFiles); without it the lab has no host files. */
  constructor(options: { seed?: number; tty?: boolean; columns?: number; hostFiles?: HostFiles } = {}) {
    this.engine = new Engine({ clock: this.clock, random: seededRandom(options.seed ?? 1), pullSecondsPerMegabyte: 0 });
    this.cli = new DockerCli(this.engine, { HOME: '/root' }, { hostFiles: options.hostFiles });
    this.tty = options.tty ?? false;
    this.columns = options.columns ?? 80;
  }

  tty: boolean;
  columns: number;
  /** How much lab time a command may take before the lab presses Ctrl+C. */
  settleLimitMs = 3600_000;

  /** Runs `docker ARGS...` to completion (moving lab time as needed) and returns what it printed. */
  async docker(...argv: string[]): Promise<Transcript> {
    const out: string[] = [];
    const err: string[] = [];
    const io: CommandIO = {
      stdout: { write: (text) => { out.push(text); } },
      stderr: { write: (text) => { err.push(text); } },
      stdin: { readLine: async () => (this.stdinLines.length ? this.stdinLines.shift()! : null) },
      isTTY: this.tty,
      columns: this.columns,
      onInterrupt: this.interrupts.event,
    };
    const running = this.cli.run(argv, io);
    let code: number | undefined;
    // A command still waiting when nothing else can happen gets Ctrl+C, as a learner would press it.
    for (let presses = 0; code === undefined; presses++) {
      try {
        code = await this.clock.settle(running, this.settleLimitMs);
      } catch (e) {
        if (!(e instanceof Error) || !e.message.startsWith('ManualClock.settle') || presses > 3) throw e;
        this.interrupts.fire();
      }
    }
    return { stdout: out.join(''), stderr: err.join(''), code };
  }

  /** Like docker(), but fails the test unless the command succeeded; returns stdout. */
  async ok(...argv: string[]): Promise<string> {
    const t = await this.docker(...argv);
    if (t.code !== 0) throw new Error(`docker ${argv.join(' ')} exited ${t.code}: ${t.stderr}`);
    return t.stdout;
  }
}
