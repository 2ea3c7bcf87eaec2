import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { cloneRecord } from "../clone.js";
import { parseLibrary, serializeLibrary } from "../library-file.js";
import type { PackRecord } from "../pack-record.js";
import type { FingerprintStore } from "../store.js";

let tempCounter = 0;

/**
 * A {@link FingerprintStore} in one JSON file (the library document of `serializeLibrary`). Every call reads
 * the file, so several processes see each other's changes; writes go to a temporary file that is renamed
 * over the old one, so a crash never leaves half a library. Calls on one instance run one at a time. A
 * missing file is an empty library; it is created (with its directory) on the first write.
 */
export class JsonFileStore implements FingerprintStore {
  /** Path of the library file. */
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();

  /** @param path Path of the library file. */
  constructor(path: string) {
    this.path = path;
  }

  // Runs `task` after every earlier call on this instance has settled.
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #read(): Promise<PackRecord[]> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return [];
      throw error;
    }
    return parseLibrary(text);
  }

  async #write(records: readonly PackRecord[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.${++tempCounter}.tmp`;
    try {
      await writeFile(temp, serializeLibrary(records), "utf8");
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /**
   * Every record, in file order.
   *
   * @throws BattError `invalid-argument` when the file is not a valid library (as do the other methods).
   */
  list(): Promise<PackRecord[]> {
    return this.#serial(() => this.#read());
  }

  /** One record, or `undefined` when there is none with this id. */
  get(id: string): Promise<PackRecord | undefined> {
    return this.#serial(async () => (await this.#read()).find((r) => r.id === id));
  }

  /** Adds or replaces the record with `record.id`. */
  put(record: PackRecord): Promise<void> {
    const copy = cloneRecord(record);
    return this.#serial(async () => {
      const records = await this.#read();
      const index = records.findIndex((r) => r.id === copy.id);
      if (index === -1) records.push(copy);
      else records[index] = copy;
      await this.#write(records);
    });
  }

  /** Removes a record; resolves to whether there was one. */
  delete(id: string): Promise<boolean> {
    return this.#serial(async () => {
      const records = await this.#read();
      const kept = records.filter((r) => r.id !== id);
      if (kept.length === records.length) return false;
      await this.#write(kept);
      return true;
    });
  }
}
