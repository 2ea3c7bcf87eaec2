import type { Clock } from "@batt/core";
import type { RegisterClient } from "./access/register-client.js";
import type { BalancePortErrorPolicy } from "./constants.js";
import type { ChargerModel } from "./models/model.js";
import type { DeviceInfo } from "./status/device-info.js";

/** Pacing of control sequences: device rules as options with documented defaults. */
export interface ControlTiming {
  /** Time between status polls while waiting for a state, ms (default 100). */
  readonly pollIntervalMs: number;
  /**
   * Window after RUN in which the status word must show run without error, ms (default 500: the
   * reference checks the error bit ~400 ms after RUN).
   */
  readonly startCheckMs: number;
  /** Deadline for the run bit to clear after STOP, ms (default 1000). */
  readonly stopTimeoutMs: number;
  /** Attempts at STOP when a measurement or start ends abnormally (default 3). */
  readonly stopAttempts: number;
}

/** What the operations above the register layer share: the registers, the identified model, time. */
export interface ChargerContext {
  /** Block reads and writes. */
  readonly registers: RegisterClient;
  /** The identified model. */
  readonly model: ChargerModel;
  /** Device info read at identification (SYSTEM and MEMORY lengths). */
  readonly deviceInfo: DeviceInfo;
  /** Time source for polls and deadlines. */
  readonly clock: Clock;
  /** Pacing. */
  readonly timing: ControlTiming;
  /** Watts per unit of the power register. */
  readonly powerScale: number;
  /** What a start does on run error 0x1D00 (default `stop`). */
  readonly balancePortError?: BalancePortErrorPolicy;
}
