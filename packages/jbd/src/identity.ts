import type { DeviceIdentity } from "@batt/core";
import type { BasicInfo } from "./basic-info.js";

/** Who a JBD BMS is: the shared identity plus the manufacture date it reports in basic info. */
export interface JbdIdentity extends DeviceIdentity {
  /** Manufacture date `YYYY-MM-DD`, as basic info reports it. */
  readonly manufactureDate?: string;
}

/**
 * The identity a JBD BMS reports: software version and manufacture date from basic info, and the
 * model string of register 0x05 when it has been read (it is never polled: some units dislike it).
 */
export function jbdIdentity(info: Pick<BasicInfo, "softwareVersion" | "manufactureDate">, model?: string): JbdIdentity {
  return {
    driver: "jbd",
    category: "bms",
    manufacturer: "JBD",
    ...(model ? { model } : {}),
    firmware: info.softwareVersion,
    manufactureDate: info.manufactureDate,
  };
}
