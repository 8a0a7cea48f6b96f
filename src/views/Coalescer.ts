import type { Timers } from '../persistence/stateFile';

const GLOBAL_TIMERS: Timers = {
  setTimeout: (callback, milliseconds) => globalThis.setTimeout(callback, milliseconds),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Turns a burst of "changed" notices into few redraws: the first one fires at
 * once (the learner sees `docker run`'s container appear immediately), later
 * ones within `window` ms fold into a single trailing call. `docker run` is
 * create + start + attach + die: one redraw at once, one at the end.
 */
export class Coalescer {
  private timer: unknown;
  private pending = false;

  constructor(
    private readonly fire: () => void,
    private readonly window = 100,
    private readonly timers: Timers = GLOBAL_TIMERS,
  ) {}

  trigger(): void {
    if (this.timer !== undefined) {
      this.pending = true;
      return;
    }
    this.fire();
    this.open();
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
  }

  private open(): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (!this.pending) return;
      this.pending = false;
      this.fire();
      this.open();
    }, this.window);
  }
}
