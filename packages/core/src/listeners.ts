/** Call it to stop listening. */
export type Unsubscribe = () => void;

/**
 * A set of listeners of one event. A listener that throws does not stop the others; the first
 * error is rethrown asynchronously so a bug in a listener is seen rather than swallowed.
 */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  /** Adds a listener; returns the function that removes it. */
  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  /** Calls every listener with `value`. */
  emit(value: T): void {
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) {
      const { error } = failure;
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  /** Number of listeners. */
  get size(): number {
    return this.set.size;
  }

  /** Removes every listener. */
  clear(): void {
    this.set.clear();
  }
}
