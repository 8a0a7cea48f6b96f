import type { Timers } from '../../../src/persistence/stateFile';

/** setTimeout/clearTimeout that fire only when a test advances time. */
export class ManualTimers implements Timers {
  now = 0;
  private pending = new Map<number, { at: number; callback: () => void }>();
  private nextHandle = 1;

  setTimeout(callback: () => void, milliseconds: number): unknown {
    const handle = this.nextHandle++;
    this.pending.set(handle, { at: this.now + milliseconds, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves time on by `milliseconds`, firing due timers in order (and timers they set, when due). */
  advance(milliseconds: number): void {
    const until = this.now + milliseconds;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }
}
