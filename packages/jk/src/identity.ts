import type { DeviceIdentity } from "@batt/core";
import type { JkValues } from "./values.js";

/**
 * `<hardware>_S<software>` padded with `_`, as in `11.XW_S11.26___` and `H6.X__S6.1.3S__`
 * (docs/protocols/jk.md#read-all-information-field, docs/protocols/jk.md#14s-read-all-reply).
 */
const VERSION_PATTERN = /^(.+?)_+S(.+?)_*$/;

/**
 * Who a 4E57 BMS is, from a read-all reply: the device id code (0xB4) as serial, and the hardware
 * and software versions packed in 0xB7 (`11.XW_S11.26___`: hardware 11.XW, software 11.26; a
 * version without that shape, such as `NW_1_0_0_200428`, is the firmware as sent). The raw texts
 * stay in the reading's values; empty texts are left out.
 */
export function jkIdentity(v: JkValues): DeviceIdentity {
  const text = (value: string | undefined): string | undefined => (value && value.trim() !== "" ? value.trim() : undefined);
  const serial = text(v.deviceId);
  const version = text(v.softwareVersion);
  const parts = version ? VERSION_PATTERN.exec(version) : null;
  return {
    driver: "jk",
    category: "bms",
    manufacturer: "JK",
    ...(serial ? { serial } : {}),
    ...(parts ? { hardware: parts[1]!, firmware: parts[2]! } : version ? { firmware: version } : {}),
  };
}
