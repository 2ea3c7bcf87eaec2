import type { PasswordEncoding } from "../password.js";
import type { BatteryModelOptions } from "@batt/core/simulator";

/** How the simulated BMS behaves (firmware features and the pack behind it). */
export interface JbdDeviceOptions {
  /**
   * The battery pack, in SI units (`capacity` Ah, `current` A with + charging, `soc` %,
   * `cellResistance` Ω); one NTC per `sensorOffsets` entry (default two). The current defaults to
   * `JBD_SIMULATOR_DEFAULT_CURRENT` (−2.5 A, a small load), so that a reading shows the pack at work.
   */
  readonly pack?: BatteryModelOptions;
  /** Model string answered to register 0x05 (default `JBD-SIM-<cells>S`). */
  readonly model?: string;
  /** Software version byte (default 0x80, "8.0", as in docs/protocols/jbd.md#basic-info-capture). */
  readonly softwareVersion?: number;
  /** Manufacture date `YYYY-MM-DD` (default `2022-03-28`). */
  readonly manufactureDate?: string;
  /** Initial cycle count (default 0). */
  readonly cycles?: number;
  /** Append the 9-byte tail of newer firmware to register 0x03 (default false). */
  readonly extendedInfo?: boolean;
  /** Humidity reported in the tail, % (default 45). */
  readonly humidity?: number;
  /** Alarm bits reported in the tail (default 0). */
  readonly alarms?: number;
  /** PIN that guards factory mode (default none). */
  readonly password?: string;
  /** Whether the firmware knows passwords (default: version 0x16–0x20); otherwise 0x06/0x07 answer 0x80. */
  readonly passwordSupported?: boolean;
  /** How the firmware reads password bytes (default `raw` digit values). */
  readonly passwordEncoding?: PasswordEncoding;
  /** Whether registers 0x42–0x47 exist (default: version ≥ 0x20); otherwise reads answer 0x80 and writes are acknowledged and ignored. */
  readonly extendedCapacityTable?: boolean;
  /** Refuse a bare 0xE1 outside factory mode with 0x81 (default false: accepted, as the official app expects). */
  readonly mosfetRequiresFactory?: boolean;
  /** Whether the V11 numbered-parameter protocol (0xFA) and switch command (0xFB) exist (default true; older firmware answers 0x80). */
  readonly parameterProtocol?: boolean;
  /** Whether 0x0A commands exist (default true; older firmware answers 0x80). */
  readonly controlSupported?: boolean;
  /** Send the 12th error-counter word (restart count), 24 bytes (default false: 22 bytes). */
  readonly restartCounter?: boolean;
  /** AFE chip code answered to a read of 0x00 (default: none, answered with 0x80). */
  readonly afeChip?: number;
  /** Bleed current of a balancing cell, A (default 0.05). */
  readonly balanceCurrent?: number;
}
