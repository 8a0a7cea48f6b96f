import type { ProgressMessage } from '../engine/types';
import { humanSize } from '../engine/util/units';
import type { OutputStream } from './CommandIO';
import { StatusError } from './commands/Command';

/** aec.EraseLine(aec.EraseModes.All): erase the whole line the cursor is on. */
const ERASE_LINE = '\x1b[2K';

/** aec.Up(n): nothing for 0, as aec returns an empty sequence then. */
function cursorUp(lines: number): string {
  return lines > 0 ? `\x1b[${lines}A` : '';
}

/** aec.Down(n): nothing for 0. */
function cursorDown(lines: number): string {
  return lines > 0 ? `\x1b[${lines}B` : '';
}

/**
 * Width jsonmessage assumes when it cannot ask the terminal for one: what the
 * non-terminal path sees (GetWinsize fails), which only decides whether a
 * progress string is empty.
 */
const UNKNOWN_TERMINAL_WIDTH = 200;

/**
 * moby pkg/jsonmessage `JSONProgress.String` (v28.2.2) for the byte counts a
 * pull reports: an optional bar (only on terminals wider than 110 columns),
 * then `current/total` in go-units HumanSize. Empty when nothing is known
 * yet; the remaining-time estimate needs a start time, which pulls never send.
 */
export function progressString(detail: NonNullable<ProgressMessage['progressDetail']>, width: number): string {
  const current = detail.current ?? 0;
  const total = detail.total ?? 0;
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  // Go: int(float64(current)/float64(total)*100) / 2, capped at 50.
  const percentage = Math.min(50, Math.trunc(Math.trunc((current / total) * 100) / 2));
  let bar = '';
  if (width > 110) {
    bar = `[${'='.repeat(Math.max(0, percentage))}>${' '.repeat(Math.max(0, 50 - percentage))}] `;
  }
  // `%8v/%v`; a current beyond the total drops the total ("wonky" counts).
  const numbers = current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

/**
 * Draws a daemon's JSON message stream the way the docker CLI does
 * (moby pkg/jsonmessage `DisplayJSONMessagesStream` and `JSONMessage.Display`
 * at v28.2.2), message by message as they arrive.
 *
 * - Not a terminal: one line per message; messages whose progress string is
 *   not empty (`Downloading`, `Extracting` with byte counts) are skipped, so a
 *   piped `docker pull` shows `Pulling fs layer`, `Download complete`, ...
 * - A terminal: each layer id gets its own line, the first time it shows up;
 *   later messages for that id move the cursor up to its line (`ESC[nA`),
 *   erase it (`ESC[2K\r`), redraw `id: Status progress` and move back down.
 *   The status is always followed by a space there (`Pull complete `), and
 *   the bar appears only when the terminal is wider than 110 columns.
 *   A message without an id (`Digest: ...`) ends the group of lines.
 *
 * Used by `docker pull` (stdout) and by the implicit pull of `docker run` /
 * `docker create` (stderr).
 */
export class JsonMessageRenderer {
  /** Line of each layer id, counted from the first line of the current group. */
  private lines = new Map<string, number>();
  private failure: string | undefined;

  /**
   * @param out where to draw (stdout for `docker pull`, stderr for `run`'s pull)
   * @param isTerminal whether `out` is a terminal (cursor movement and bars)
   * @param columns the terminal's width, for the progress bar
   */
  constructor(
    private readonly out: OutputStream,
    private readonly isTerminal: boolean,
    private readonly columns: number,
  ) {}

  /** The error message the stream carried (`errorDetail`), if any: the CLI stops there. */
  get error(): string | undefined {
    return this.failure;
  }

  /** Draws one message. After an error message, the rest is ignored, as the CLI stops reading. */
  write(message: ProgressMessage): void {
    if (this.failure !== undefined) return;
    const id = message.id ?? '';
    const hasProgress = message.progressDetail !== undefined;
    let diff = 0;
    let text = '';
    if (id !== '' && (hasProgress || (message.progress ?? '') !== '')) {
      let line = this.lines.get(id);
      if (line === undefined) {
        // A new id: its line is the next one below the group.
        line = this.lines.size;
        this.lines.set(id, line);
        if (this.isTerminal) text += '\n';
      }
      diff = this.lines.size - line;
      if (this.isTerminal) text += cursorUp(diff);
    } else {
      // Anything that is not progress starts a new group: earlier lines are never redrawn.
      this.lines = new Map();
    }
    const failure = message.errorDetail?.message ?? message.error;
    if (failure !== undefined) {
      // Display returns the error before writing anything of the message itself.
      this.failure = failure;
    } else {
      text += this.display(message);
    }
    if (id !== '' && this.isTerminal) text += cursorDown(diff);
    if (text) this.out.write(text);
  }

  /**
   * The stream ended. Throws the stream's error as the CLI reports it (its
   * message alone, exit 1) when the daemon sent one.
   */
  end(): void {
    if (this.failure !== undefined) throw new StatusError(this.failure, 1);
  }

  /** JSONMessage.Display for the fields the engine's messages have (no time, from or stream). */
  private display(message: ProgressMessage): string {
    const status = message.status ?? '';
    const detail = message.progressDetail;
    let text = '';
    let endOfLine = '';
    if (this.isTerminal && detail !== undefined) {
      text += `${ERASE_LINE}\r`;
      endOfLine = '\r';
    } else if (detail !== undefined && progressString(detail, UNKNOWN_TERMINAL_WIDTH) !== '') {
      // No progress bars when the output is not a terminal.
      return '';
    }
    if (message.id) text += `${message.id}: `;
    if (detail !== undefined && this.isTerminal) {
      text += `${status} ${progressString(detail, this.columns)}${endOfLine}`;
    } else if (message.progress) {
      text += `${status} ${message.progress}${endOfLine}`;
    } else {
      text += `${status}${endOfLine}\n`;
    }
    return text;
  }
}
