// One way to clean up, for every long-lived object (after VS Code's own
// src/vs/base/common/lifecycle.ts): a class extends `Disposable` and hands
// each listener, watcher, timer or child object to `_register`; disposing it
// disposes them all, newest first, exactly once, even if one of them throws.
// Only the `dispose()` shape is used, so this works with `vscode.Disposable`
// values and plain objects alike, and needs no `vscode` import.

export interface IDisposable {
  dispose(): void;
}

/** Disposes each value, newest first; every one is disposed even if an earlier one throws, and the first error is rethrown. */
export function disposeAll(disposables: Iterable<IDisposable>): void {
  const errors: unknown[] = [];
  for (const d of [...disposables].reverse()) {
    try {
      d.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} errors while disposing`);
}

/** A disposable from a clean-up function (a timer, a listener removed by hand). */
export function toDisposable(dispose: () => void): IDisposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      dispose();
    },
  };
}

/** A set of disposables disposed together; adding to a disposed store disposes the value at once (nothing leaks). */
export class DisposableStore implements IDisposable {
  private readonly items = new Set<IDisposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends IDisposable>(value: T): T {
    if (this.disposed) value.dispose();
    else this.items.add(value);
    return value;
  }

  /** Disposes a value now and forgets it (a watcher replaced by a new one). */
  delete(value: IDisposable): void {
    this.items.delete(value);
    value.dispose();
  }

  /** Disposes everything held so far and stays usable. */
  clear(): void {
    const items = [...this.items];
    this.items.clear();
    disposeAll(items);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}

/** Base class of every long-lived object: `_register` what it owns, dispose it with the object. */
export abstract class Disposable implements IDisposable {
  private readonly store = new DisposableStore();

  protected get isDisposed(): boolean {
    return this.store.isDisposed;
  }

  protected _register<T extends IDisposable>(value: T): T {
    return this.store.add(value);
  }

  dispose(): void {
    this.store.dispose();
  }
}

/** Holds at most one disposable, disposing the previous one when replaced (a debounce timer, a per-document watcher). */
export class MutableDisposable<T extends IDisposable> implements IDisposable {
  private current: T | undefined;
  private disposed = false;

  get value(): T | undefined {
    return this.current;
  }

  set value(next: T | undefined) {
    if (next === this.current) return;
    const previous = this.current;
    this.current = this.disposed ? undefined : next;
    previous?.dispose();
    if (this.disposed) next?.dispose();
  }

  clear(): void {
    this.value = undefined;
  }

  dispose(): void {
    this.disposed = true;
    const previous = this.current;
    this.current = undefined;
    previous?.dispose();
  }
}
