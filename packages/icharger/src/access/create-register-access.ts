import { BattError, type Transport } from "@batt/core";
import type { IChargerLink, IChargerOptions } from "../device/options.js";
import { HidRegisterAccess } from "./hid-register-access.js";
import type { RegisterAccess } from "./register-access.js";
import { RtuRegisterAccess } from "./rtu-register-access.js";

/** The framing a transport carries unless told: HID reports on `packet` transports, Modbus RTU on `stream` ones. */
export function defaultLink(transport: Transport): IChargerLink {
  return transport.kind === "packet" ? "hid" : "rtu";
}

/**
 * The register access for a transport, with the framing of `options.link` (default {@link defaultLink}).
 *
 * @throws BattError `invalid-argument` for a link other than `hid` or `rtu`.
 */
export function createRegisterAccess(transport: Transport, options: Pick<IChargerOptions, "link" | "address" | "timeoutMs" | "minGapMs" | "clock"> = {}): RegisterAccess {
  const link = options.link ?? defaultLink(transport);
  const common = {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.minGapMs !== undefined ? { minGapMs: options.minGapMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  };
  if (link === "hid") return new HidRegisterAccess(transport, common);
  if (link === "rtu") return new RtuRegisterAccess(transport, { ...common, ...(options.address !== undefined ? { address: options.address } : {}) });
  throw new BattError("invalid-argument", `link must be "hid" or "rtu", got ${String(link)}`);
}
