import { BattError, type ErrorCode } from "@batt/core";

/** The steps of a firmware upgrade, in order (docs/protocols/evcharger.md#upgrade-procedure). */
export type UpgradeStep = "verify-image" | "module" | "erase" | "file-name" | "transfer" | "completion";

/** Where an upgrade stopped. */
export interface UpgradeStopPoint {
  /** The step that failed. */
  readonly step: UpgradeStep;
  /** Package number being sent, during the transfer. */
  readonly packageNumber?: number;
  /** The last bootloader state read (0x30A7), if any. */
  readonly iapState?: number;
}

/**
 * A failed firmware upgrade: the error code of the cause (`timeout`, `device-exception`,
 * `aborted`, `checksum`, …) and where it stopped — step, package number, IapState — in
 * {@link UpgradeError.stop} and in `context`.
 */
export class UpgradeError extends BattError {
  /** Where the upgrade stopped. */
  readonly stop: UpgradeStopPoint;

  constructor(code: ErrorCode, message: string, stop: UpgradeStopPoint, cause?: unknown) {
    const where = `${stop.step}${stop.packageNumber !== undefined ? ` (package ${stop.packageNumber})` : ""}${stop.iapState !== undefined ? `, IapState 0x${stop.iapState.toString(16).padStart(4, "0")}` : ""}`;
    super(code, `firmware upgrade stopped at ${where}: ${message}`, { ...(cause !== undefined ? { cause } : {}), context: { ...stop } });
    this.name = "BattError";
    this.stop = stop;
  }
}
