import type { Disposable } from './Emitter';

/**
 * Time as the engine sees it. The engine never reads the wall clock or sets
 * a timer itself: `Up 5 minutes`, `sleep 3` and `docker stop`'s grace period
 * all go through a Clock, so tests can drive time by hand.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once after `ms`. */
  setTimer(ms: number, callback: () => void): Disposable;
}

/** Resolves after `ms` on `clock`, or at once (false) when `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const onAbort = () => {
      timer.dispose();
      resolve(false);
    };
    const timer = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The real clock: wall time and real timers. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(ms: number, callback: () => void): Disposable {
    // Timers cannot wait longer than 2^31-1 ms (~24.8 days); `sleep infinity` waits in hops.
    const maxDelay = 0x7fffffff;
    let handle: ReturnType<typeof setTimeout>;
    const arm = (remaining: number) => {
      handle = setTimeout(() => (remaining > maxDelay ? arm(remaining - maxDelay) : callback()), Math.max(0, Math.min(remaining, maxDelay)));
    };
    arm(ms);
    return { dispose: () => clearTimeout(handle) };
  }
}

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * A clock that only moves when told to. `advance` fires due timers in order;
 * `settle` runs a promise to completion, moving time to each next timer only
 * when nothing else can happen, so `docker stop` (10 s grace) takes no real time.
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start = Date.UTC(2026, 10, 24, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, callback: () => void): Disposable {
    const timer: PendingTimer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return { dispose: () => { this.timers = this.timers.filter((t) => t !== timer); } };
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flushMicrotasks();
      const next = this.nextTimer();
      if (!next || next.at > end) break;
      this.fire(next);
    }
    this.time = end;
    await flushMicrotasks();
  }

  /** Runs until `promise` settles, jumping to the next timer whenever the engine is idle. */
  async settle<T>(promise: Promise<T>, limitMs = 24 * 3600_000): Promise<T> {
    let done = false;
    const tracked = promise.finally(() => { done = true; });
    tracked.catch(() => undefined);
    const deadline = this.time + limitMs;
    for (;;) {
      await flushMicrotasks();
      if (done) return tracked;
      const next = this.nextTimer();
      if (!next || next.at > deadline) {
        throw new Error(`ManualClock.settle: the promise is still pending with no timer due before +${limitMs} ms`);
      }
      this.fire(next);
    }
  }

  /** How many timers are waiting (for tests that check nothing is left behind). */
  get pendingTimers(): number {
    return this.timers.length;
  }

  private nextTimer(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private fire(timer: PendingTimer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.callback();
  }
}

/** Lets every queued promise callback run: a macrotask runs only once the microtask queue is empty. */
function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
