/** VS Code's `Disposable` shape (and the engine's). */
export interface IDisposable {
  dispose(): void;
}

/**
 * A base for classes that hold listeners and registrations: `_register` them,
 * and `dispose()` undoes them all, newest first.
 */
export abstract class Disposable implements IDisposable {
  private readonly registrations: IDisposable[] = [];
  private disposed = false;

  protected _register<T extends IDisposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.registrations.push(item);
    return item;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.registrations.splice(0).reverse()) item.dispose();
  }
}
