/** Runs async sections one at a time, in call order (the password → write → read-back sequence). */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `body` once every section queued before it has finished. */
  run<T>(body: () => Promise<T>): Promise<T> {
    const result = this.tail.then(body);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
