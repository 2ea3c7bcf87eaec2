import type { EngineCounters, Unsubscribe } from "@batt/core";
import type { LogViewReport } from "../hid/logview.js";

/** Options of one register transaction. */
export interface AccessCallOptions {
  /** Cancels the transaction, whether queued or in flight. */
  readonly signal?: AbortSignal;
  /** Reply deadline in ms for this transaction (default: the access's). */
  readonly timeoutMs?: number;
}

/** Which register table a read addresses: input (function 0x04) or holding (0x03). */
export type RegisterTable = "input" | "holding";

/**
 * One Modbus transaction at a time with the charger, whatever carries it: USB HID reports or serial
 * Modbus RTU. Everything above (chunking, retries, the driver) is shared by both.
 *
 * Counts are within the charger's limits (30 registers per read, 28 per write); `RegisterClient` splits
 * larger blocks. Failures are `BattError`s: `timeout`, `frame`, `checksum`, `unexpected-reply`,
 * `device-exception` (Modbus exception, `context.deviceCode`), `aborted`, `disconnected`, `not-open`.
 */
export interface RegisterAccess {
  /** `hid` or `rtu`. */
  readonly kind: "hid" | "rtu";
  /** The link, for messages. */
  readonly description: string;
  /** Request counters of the underlying engine. */
  readonly counters: EngineCounters;
  /** Reads `count` (1..30) registers of `table` from `address`. */
  read(table: RegisterTable, address: number, count: number, options?: AccessCallOptions): Promise<number[]>;
  /** Writes 1..28 holding registers from `address` (function 0x10). */
  write(address: number, values: readonly number[], options?: AccessCallOptions): Promise<void>;
  /** Unsolicited LogView reports (HID only; serial never calls the listener). */
  onLog(listener: (report: LogViewReport) => void): Unsubscribe;
  /** Reports that could not be decoded as LogView (the raw bytes and the reason). */
  onLogError(listener: (error: Error) => void): Unsubscribe;
  /** Detaches from the transport (which stays open) and fails whatever is queued. */
  dispose(): void;
}
