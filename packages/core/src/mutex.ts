/**
 * Runs async sections one at a time, in call order. Drivers use it for operations made of several
 * requests that must not interleave with others (a factory-mode session, a read-modify-write).
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `body` after every section queued before it has finished; resolves or rejects as `body` does. */
  run<T>(body: () => Promise<T>): Promise<T> {
    const result = this.tail.then(body);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
