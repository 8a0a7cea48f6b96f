import type { FlagValues } from './Command';
import { StatusError } from './Command';

/** What `docker stop` and `docker restart` send with the request. */
export interface StopOptions {
  /** The signal to send first; undefined for the container's own stop signal. */
  signal?: string;
  /** Seconds to wait before SIGKILL (-1: forever); undefined for the container's own timeout. */
  timeout?: number;
}

/**
 * Reads `-s/--signal` and `-t/--timeout` (and the deprecated `--time`, bound
 * to the same value) as docker/cli's stop.go and restart.go do: the timeout is
 * sent only when one of the flags was given, and giving both is an error.
 */
export function stopOptions(flags: FlagValues): StopOptions {
  const timeoutGiven = flags.changed('timeout');
  const timeGiven = flags.changed('time');
  if (timeoutGiven && timeGiven) {
    throw new StatusError('conflicting options: cannot specify both --timeout and --time', 1);
  }
  const signal = flags.string('signal');
  return {
    signal: signal || undefined,
    timeout: timeoutGiven ? flags.int('timeout') : timeGiven ? flags.int('time') : undefined,
  };
}
