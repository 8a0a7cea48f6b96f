/**
 * The lab's state on disk, for `docker-lab --state FILE` and the extension's
 * global storage: written atomically, read back through the engine's
 * versioned `restore`, and never lost when it cannot be read.
 */
import * as fs from 'node:fs';

/** What reading a state file found. */
export type LoadResult<T> =
  /** No file: a fresh lab. */
  | { kind: 'missing' }
  | { kind: 'loaded'; value: T }
  /**
   * The file could not be read back (not JSON, not a Docker Lab state, written
   * by a newer Docker Lab): it was renamed to `aside`, untouched, and the lab
   * starts empty. `reason` says why, in English.
   */
  | { kind: 'set-aside'; aside: string; reason: string };

/**
 * Reads `file` and hands its JSON to `restore` (which throws on a snapshot it
 * refuses). A file that cannot be restored is moved to
 * `FILE.corrupt-<timestamp>` rather than overwritten by the next save.
 */
export function loadStateFile<T>(file: string, restore: (json: unknown) => T, now: Date = new Date()): LoadResult<T> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    return { kind: 'loaded', value: restore(JSON.parse(text)) };
  } catch (error) {
    const aside = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, aside);
    const reason = error instanceof SyntaxError ? 'it is not valid JSON' : error instanceof Error ? error.message : String(error);
    return { kind: 'set-aside', aside, reason };
  }
}

/**
 * Writes `snapshot` to `file` atomically: a temporary file in the same
 * directory, flushed to disk, then renamed over the old one. A crash at any
 * point leaves either the old file or the new one, never half of either.
 */
export function saveStateFile(file: string, snapshot: unknown): void {
  const temporary = `${file}.tmp-${process.pid}`;
  const descriptor = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(descriptor, JSON.stringify(snapshot) + '\n');
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Timers, injectable so tests decide when time passes. */
export interface Timers {
  setTimeout(callback: () => void, milliseconds: number): unknown;
  clearTimeout(handle: unknown): void;
}

const NODE_TIMERS: Timers = {
  setTimeout: (callback, milliseconds) => setTimeout(callback, milliseconds),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How a StateSaver waits. */
export interface StateSaverOptions {
  /** Quiet time after the last change before saving (ms). */
  delay?: number;
  /** A burst of changes that never goes quiet is still saved this long after its first change (ms). */
  maxDelay?: number;
  /** A save failed (disk full, directory gone); told once until a save succeeds again. */
  onError?: (error: unknown) => void;
  timers?: Timers;
}

/**
 * Saves a snapshot to a state file some time after changes: `schedule()` on
 * every change, `flush()` when the state must be on disk now (the window
 * closes, the lab is reset). Saves are debounced (`delay` after the last
 * change, at most `maxDelay` after the first) and atomic.
 */
export class StateSaver {
  private timer: unknown;
  private dirtySince: number | undefined;
  private failing = false;
  private readonly delay: number;
  private readonly maxDelay: number;
  private readonly timers: Timers;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => unknown,
    private readonly options: StateSaverOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.delay = options.delay ?? 500;
    this.maxDelay = options.maxDelay ?? 3000;
    this.timers = options.timers ?? NODE_TIMERS;
  }

  /** True when changes wait to be saved. */
  get isDirty(): boolean {
    return this.dirtySince !== undefined;
  }

  /** Something changed: save after the state has been quiet for `delay`. */
  schedule(): void {
    const now = this.now();
    this.dirtySince ??= now;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delay, this.dirtySince + this.maxDelay - now));
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /** Saves now if anything changed since the last save. True when the file is up to date. */
  flush(): boolean {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.dirtySince === undefined) return true;
    try {
      saveStateFile(this.file, this.snapshot());
      this.dirtySince = undefined;
      this.failing = false;
      return true;
    } catch (error) {
      // Still dirty: the next change or flush tries again.
      if (!this.failing) this.options.onError?.(error);
      this.failing = true;
      return false;
    }
  }

  /** Saves what is pending and stops. */
  dispose(): void {
    this.flush();
  }
}
