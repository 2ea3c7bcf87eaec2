import type { JkTemperatureRule } from "../temperature.js";
import type { JkValue } from "../value-codec.js";
import type { PackModel } from "./pack-model.js";
import type { PackOptions } from "./pack-options.js";

/**
 * Firmware the simulated BMS imitates:
 * - `v11`: every identifier up to 0xC0 = 1 (sign-magnitude current);
 * - `legacy`: stops after 0xB7, no 0xC0 (offset-10000 current), like the vendor's 2020 example.
 */
export type JkFirmwareProfile = "v11" | "legacy";

/** Options of a simulated 4E57 BMS. */
export interface JkDeviceOptions {
  /** The pack, or options to build one. */
  readonly pack?: PackModel | PackOptions;
  /** Firmware to imitate (default `v11`). */
  readonly firmware?: JkFirmwareProfile;
  /** How negative temperatures are sent (default `esphome`). */
  readonly temperatureRule?: JkTemperatureRule;
  /** Settings that differ from the defaults, by identifier name. */
  readonly settings?: Readonly<Record<string, JkValue>>;
  /** Identifiers the table does not know, sent in ascending order among the others (a newer firmware). */
  readonly extraIdentifiers?: readonly { readonly id: number; readonly raw: Uint8Array }[];
  /** Identifiers whose writes are acknowledged but not applied (default `[0x9D]`, as firmware v11 does). */
  readonly ignoredWrites?: readonly number[];
  /** Whether writes need the password frame first (default true); unpaired writes get no reply. */
  readonly requirePassword?: boolean;
}
