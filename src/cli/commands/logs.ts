import type { LogEntry } from '../../engine/types';
import type { CommandContext, CommandHandler } from './Command';
import { StatusError } from './Command';
import { getTimestamp, timestampToMilliseconds } from '../../engine/util/getTimestamp';
import { trimContainerId } from './trimContainerId';

/** The status docker exits with when Ctrl+C ends `docker logs -f` (128 + SIGINT, no message). */
const INTERRUPTED = 130;

/**
 * `docker logs [-f] [-n|--tail N] [-t] [--since] [--until] [--details] CONTAINER`
 * (docker/cli container/logs.go, moby's json-file reader and
 * httputils.WriteLogStream): stdout entries to stdout and stderr entries to
 * stderr as the client demultiplexes them (a TTY container has one stream,
 * all on stdout). `-f` follows a running container until it stops or Ctrl+C.
 */
export const logs: CommandHandler = async (ctx) => {
  const { engine, flags } = ctx;
  // The client inspects first: a missing container is the daemon's 404.
  const container = engine.containerInspect(trimContainerId(ctx.args[0]));
  const now = engine.clock.now();
  const since = timeOption(flags.string('since'), 'since', now, 'up');
  let until = timeOption(flags.string('until'), 'until', now, 'down');
  // The daemon ignores `--until 0`.
  if (flags.string('until') === '0') until = undefined;

  const output: LogOutput = {
    tty: container.Config.Tty === true,
    timestamps: flags.bool('timestamps'),
    details: flags.bool('details'),
  };
  const entries = engine.containerLogs(container.Id, { tail: tailLines(flags.string('tail')), since });
  // The reader stops at the first entry after --until, and then does not follow.
  const beyond = until === undefined ? -1 : entries.findIndex((entry) => entry.time > until!);
  const shown = beyond < 0 ? entries : entries.slice(0, beyond);
  // A stopped container's log has an end: the daemon only follows a running one.
  const following = flags.bool('follow') && container.State.Running && beyond < 0;
  if (following && !output.tty) {
    // A line still being written is streamed whole once it ends; shown now it would appear twice.
    while (shown.length && !shown[shown.length - 1].text.endsWith('\n')) shown.pop();
  }
  for (const entry of shown) write(ctx, output, entry);
  if (!following) return 0;
  return follow(ctx, container.Id, output, until);
};

interface LogOutput {
  tty: boolean;
  timestamps: boolean;
  details: boolean;
}

/** Streams new entries until the container stops (0), an entry passes --until (0), or Ctrl+C (130). */
async function follow(ctx: CommandContext, id: string, output: LogOutput, until: number | undefined): Promise<number> {
  const { engine, io } = ctx;
  let finish!: (status: number) => void;
  const finished = new Promise<number>((resolve) => { finish = resolve; });
  const subscription = engine.onContainerOutput((event) => {
    if (event.id !== id) return;
    if (until !== undefined && event.entry.time > until) {
      finish(0);
      return;
    }
    write(ctx, output, event.entry);
  });
  const interrupt = io.onInterrupt(() => finish(INTERRUPTED));
  engine.containerWait(id).then(() => finish(0), () => finish(0));
  try {
    return await finished;
  } finally {
    subscription.dispose();
    interrupt.dispose();
  }
}

function write(ctx: CommandContext, output: LogOutput, entry: LogEntry): void {
  let line = entry.text;
  // --details puts the entry's attributes (none without --log-opt labels/env) and a space first.
  if (output.details) line = ` ${line}`;
  if (output.timestamps) line = `${rfc3339NanoFixed(entry.time)} ${line}`;
  (entry.stream === 'stderr' && !output.tty ? ctx.io.stderr : ctx.io.stdout).write(line);
}

/** jsonmessage.RFC3339NanoFixed in UTC: always nine fraction digits. */
function rfc3339NanoFixed(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}

/** `--tail`: the daemon's strconv.Atoi; `all`, anything unreadable and negative numbers mean every line. */
function tailLines(value: string): number | 'all' {
  if (!/^[+-]?\d+$/.test(value)) return 'all';
  const lines = Number(value);
  return lines < 0 ? 'all' : lines;
}

/** `--since` / `--until` as the client converts them (errors are the client's), then as the daemon reads them. */
function timeOption(value: string, name: string, now: number, round: 'up' | 'down'): number | undefined {
  if (!value) return undefined;
  let timestamp: string;
  try {
    timestamp = getTimestamp(value, now);
  } catch (error) {
    throw new StatusError(`invalid value for "${name}": ${(error as Error).message}`, 1);
  }
  return timestampToMilliseconds(timestamp, round);
}
