import type { PackRecord } from "./pack-record.js";

/**
 * Where pack records live. Implementations: {@link MemoryStore} (here) and `JsonFileStore`
 * (`@batt/fingerprint/node`). Methods are asynchronous so that file, browser-storage or remote stores fit.
 * Records go in and come out as copies: changing one never changes the store.
 */
export interface FingerprintStore {
  /** Every record, in insertion order. */
  list(): Promise<PackRecord[]>;
  /** One record, or `undefined` when there is none with this id. */
  get(id: string): Promise<PackRecord | undefined>;
  /** Adds or replaces the record with `record.id`. */
  put(record: PackRecord): Promise<void>;
  /** Removes a record; resolves to whether there was one. */
  delete(id: string): Promise<boolean>;
}
