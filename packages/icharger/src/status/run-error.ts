/**
 * Names of the run-error register's high byte (channel register 56), in DataExplorer's order
 * (docs/protocols/icharger.md#status-and-error-codes). The charger shows high × 100 + low on screen ("error 3500").
 */
export const RUN_ERROR_NAMES: readonly string[] = [
  "OK",
  "check wait",
  "Vin over",
  "Vin low",
  "Vout over",
  "battery low",
  "battery over",
  "output current over",
  "output current low",
  "input current over",
  "input current low",
  "temperature over",
  "temperature low",
  "check error",
  "ground",
  "polarity",
  "control",
  "time over",
  "capacity",
  "temperature",
  "no current",
  "cell line",
  "cells low",
  "cells over",
  "cells low Vout",
  "cells over Vout",
  "cell count set",
  "cell set low",
  "cell set over",
  "balance port",
  "no balance",
  "cells auto",
  "AWD",
  "sync imbalance",
  "regen no load",
  "channel occupied",
  "regen capacity",
  "null",
];

/** A decoded run error. */
export interface RunError {
  /** The register value. */
  readonly raw: number;
  /** High byte: the error, index of {@link RUN_ERROR_NAMES}. */
  readonly code: number;
  /** Low byte: detail. */
  readonly detail: number;
  /** The number the charger shows: code × 100 + detail. */
  readonly displayCode: number;
  /** The error's name, if the code is in the table. */
  readonly name: string | undefined;
  /** Whether there is no error (raw 0). */
  readonly ok: boolean;
}

/** Decodes the run-error register. */
export function decodeRunError(raw: number): RunError {
  const code = raw >> 8;
  const detail = raw & 0xff;
  return { raw, code, detail, displayCode: code * 100 + detail, name: RUN_ERROR_NAMES[code], ok: raw === 0 };
}
