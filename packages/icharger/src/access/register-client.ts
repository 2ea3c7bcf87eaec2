import { isBattError, isTransientError, systemClock, waitFor, type Clock, type RetryPolicy, type Unsubscribe } from "@batt/core";
import { ICHARGER_LIMITS } from "../constants.js";
import { ICHARGER_LINK_DEFAULTS } from "../device/link-defaults.js";
import type { LogViewReport } from "../hid/logview.js";
import type { AccessCallOptions, RegisterAccess, RegisterTable } from "./register-access.js";

/** Options for {@link RegisterClient}. */
export interface RegisterClientOptions {
  /**
   * When a failed read is sent again (default `ICHARGER_LINK_DEFAULTS.retry`: once more after a
   * timeout or a garbled reply). Writes are never repeated, whatever the policy.
   */
  readonly retry?: RetryPolicy;
  /** Time source for the policy's back-off (default: the system clock). */
  readonly clock?: Clock;
}

/** A block of registers to write: the first address and the values. */
export interface RegisterWriteBlock {
  /** First register. */
  readonly address: number;
  /** Values, 0..65535 each. */
  readonly values: readonly number[];
}

/**
 * Block reads and writes of any size over a {@link RegisterAccess}: split transparently into
 * transactions of at most 30 (read) and 28 (write) registers, in address order. Reads are repeated on
 * transient errors; writes are not (a repeated control write could run an order twice).
 */
export class RegisterClient {
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;

  constructor(
    /** The transaction layer (HID or RTU). */
    readonly access: RegisterAccess,
    options: RegisterClientOptions = {},
  ) {
    this.retry = options.retry ?? ICHARGER_LINK_DEFAULTS.retry;
    this.clock = options.clock ?? systemClock;
  }

  /** Reads `count` input registers (function 0x04) from `address`. */
  readInput(address: number, count: number, options?: AccessCallOptions): Promise<number[]> {
    return this.read("input", address, count, options);
  }

  /** Reads `count` holding registers (function 0x03) from `address`. */
  readHolding(address: number, count: number, options?: AccessCallOptions): Promise<number[]> {
    return this.read("holding", address, count, options);
  }

  /** Reads any number of registers in consecutive chunks of at most 30. */
  async read(table: RegisterTable, address: number, count: number, options: AccessCallOptions = {}): Promise<number[]> {
    const out: number[] = [];
    for (let at = 0; at < count; at += ICHARGER_LIMITS.readRegisters) {
      const n = Math.min(ICHARGER_LIMITS.readRegisters, count - at);
      out.push(...(await this.readChunk(table, address + at, n, options)));
    }
    return out;
  }

  /** Writes any number of registers in consecutive chunks of at most 28 (one transaction when it fits). */
  async write(address: number, values: readonly number[], options: AccessCallOptions = {}): Promise<void> {
    for (let at = 0; at < values.length; at += ICHARGER_LIMITS.writeRegisters) {
      await this.access.write(address + at, values.slice(at, at + ICHARGER_LIMITS.writeRegisters), options);
    }
  }

  /** Unsolicited LogView reports (USB only). */
  onLog(listener: (report: LogViewReport) => void): Unsubscribe {
    return this.access.onLog(listener);
  }

  private async readChunk(table: RegisterTable, address: number, count: number, options: AccessCallOptions): Promise<number[]> {
    const retryOn = this.retry.retryOn ?? isTransientError;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.access.read(table, address, count, options);
      } catch (error) {
        if (attempt >= this.retry.retries || !isBattError(error) || !retryOn(error, attempt) || options.signal?.aborted) throw error;
      }
      if (this.retry.backoffMs) await waitFor(this.clock, this.retry.backoffMs, options.signal);
    }
  }
}

/**
 * Groups the registers that differ between `before` and `after` (same length, starting at `base`) into
 * contiguous runs, so only changed registers are written (flash-backed areas wear).
 */
export function changedRuns(base: number, before: readonly number[], after: readonly number[]): RegisterWriteBlock[] {
  const runs: RegisterWriteBlock[] = [];
  let start = -1;
  for (let i = 0; i <= after.length; i++) {
    const differs = i < after.length && before[i] !== after[i];
    if (differs && start < 0) start = i;
    if (!differs && start >= 0) {
      runs.push({ address: base + start, values: after.slice(start, i) });
      start = -1;
    }
  }
  return runs;
}
