/**
 * Observed meanings of the run-status register (channel register 55). No official table exists; these
 * are observations on 308/4010 DUO units (docs/protocols/icharger.md#status-and-error-codes, E). Numbers not listed stay unnamed.
 */
export const RUN_STATUS_OBSERVED: Readonly<Record<number, string>> = {
  0: "idle",
  1: "stopped",
  5: "start",
  6: "check",
  7: "charging",
  11: "storage",
  12: "check",
  13: "discharging",
  14: "storage",
  17: "balance",
  40: "done",
  41: "error",
};

/** Observed meanings of the control-status register (channel register 54, E). */
export const CONTROL_STATUS_OBSERVED: Readonly<Record<number, string>> = {
  0: "stopped",
  2: "b.cv",
  3: "b.cc",
};

/** A raw status number with its observed meaning, if one is known. */
export interface ObservedStatus {
  /** The register value. */
  readonly value: number;
  /** Meaning seen on real units (not an official name), or undefined. */
  readonly observedMeaning: string | undefined;
}

/** The run status with its observed meaning. */
export function runStatusOf(value: number): ObservedStatus {
  return { value, observedMeaning: RUN_STATUS_OBSERVED[value] };
}

/** The control status with its observed meaning. */
export function controlStatusOf(value: number): ObservedStatus {
  return { value, observedMeaning: CONTROL_STATUS_OBSERVED[value] };
}
