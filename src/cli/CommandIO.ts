import type { Event } from '../engine/Emitter';

/** Where a command writes: the terminal, a test's buffer, an API response. */
export interface OutputStream {
  write(text: string): void;
}

/** Where a command reads its standard input, one line at a time. */
export interface InputSource {
  /** The next line without its newline, or null at end of input (Ctrl+D, or no stdin). */
  readLine(): Promise<string | null>;
}

/**
 * The terminal as a command sees it. Output uses "\n"; the terminal adapter
 * turns it into "\r\n". Commands never touch the terminal in any other way.
 */
export interface CommandIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: InputSource;
  /** True when stdout is a terminal: `docker pull` draws progress bars, `docker run -t` is allowed. */
  readonly isTTY: boolean;
  /** Terminal width in columns. */
  readonly columns: number;
  /**
   * Fires on each Ctrl+C while the command runs. A command that does not
   * listen is interrupted by the shell (like a process killed by SIGINT).
   */
  readonly onInterrupt: Event<void>;
}
