/** A listener registration that can be undone; VS Code's `Disposable` has the same shape. */
export interface Disposable {
  dispose(): void;
}

/** VS Code's `Event<T>` shape: subscribe with a listener, get back a disposable. */
export type Event<T> = (listener: (e: T) => void) => Disposable;

/**
 * A tiny event emitter with VS Code's `Event` shape, so the glue can hand
 * `engine.onDidChange` straight to tree providers without adapting it.
 */
export class Emitter<T> {
  private readonly listeners = new Set<(e: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(e: T): void {
    // A copy, so a listener may unsubscribe while being called.
    for (const listener of [...this.listeners]) {
      listener(e);
    }
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
