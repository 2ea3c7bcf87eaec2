import { cloneRecord } from "./clone.js";
import type { PackRecord } from "./pack-record.js";
import type { FingerprintStore } from "./store.js";

/** A {@link FingerprintStore} in memory: for tests, browsers and short-lived tools. */
export class MemoryStore implements FingerprintStore {
  readonly #records = new Map<string, PackRecord>();

  /** @param records Initial records (copied). */
  constructor(records: readonly PackRecord[] = []) {
    for (const record of records) this.#records.set(record.id, cloneRecord(record));
  }

  /** {@inheritDoc FingerprintStore.list} */
  list(): Promise<PackRecord[]> {
    return Promise.resolve([...this.#records.values()].map(cloneRecord));
  }

  /** {@inheritDoc FingerprintStore.get} */
  get(id: string): Promise<PackRecord | undefined> {
    const record = this.#records.get(id);
    return Promise.resolve(record === undefined ? undefined : cloneRecord(record));
  }

  /** {@inheritDoc FingerprintStore.put} */
  put(record: PackRecord): Promise<void> {
    this.#records.set(record.id, cloneRecord(record));
    return Promise.resolve();
  }

  /** {@inheritDoc FingerprintStore.delete} */
  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.#records.delete(id));
  }
}
