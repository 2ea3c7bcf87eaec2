import { BattError, linkOptionsFrom, numberOption, type PluginOption, type PluginOptionValues } from "@batt/core";
import type { ReplyUnit } from "@batt/modbus-rtu";
import { VOLTAIC_DEFAULT_ADDRESS, VOLTAIC_DEFAULT_LVP_RANGE, VOLTAIC_LINK_DEFAULTS } from "../constants.js";
import type { VoltaicControllerOptions } from "../voltaic-controller.js";

/** The controller's own plugin options, beside the shared link options. */
export const VOLTAIC_DEVICE_OPTIONS: readonly PluginOption[] = [
  { name: "address", type: "string", description: "Modbus address of the controller (254 = the 0xFE wildcard)", default: String(VOLTAIC_DEFAULT_ADDRESS) },
  { name: "reply-address", type: "string", description: "address replies must come from (default: --address; 'any' with the wildcard)" },
  { name: "lvp-min", type: "string", description: `lowest low-voltage protection accepted, V (default ${VOLTAIC_DEFAULT_LVP_RANGE.min.toFixed(1)})` },
  { name: "lvp-max", type: "string", description: `highest low-voltage protection accepted, V (default ${VOLTAIC_DEFAULT_LVP_RANGE.max.toFixed(1)})` },
];

/** A bus address option: 1..255, decimal or 0x hex. */
export function addressOption(options: PluginOptionValues, name: string): number | undefined {
  const n = numberOption(options, name);
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 255)) throw new BattError("invalid-argument", `--${name} must be an address 1..255: ${n}`);
  return n;
}

/** Driver options from the command line: the shared link options and the controller's own. */
export function controllerOptions(options: PluginOptionValues): VoltaicControllerOptions {
  const address = addressOption(options, "address");
  const replyText = options["reply-address"];
  const replyAddress: ReplyUnit | undefined = replyText === "any" ? "any" : addressOption(options, "reply-address");
  const lvpMin = numberOption(options, "lvp-min");
  const lvpMax = numberOption(options, "lvp-max");
  return {
    ...linkOptionsFrom(options, VOLTAIC_LINK_DEFAULTS),
    ...(address !== undefined ? { address } : {}),
    ...(replyAddress !== undefined ? { replyAddress } : {}),
    ...(lvpMin !== undefined || lvpMax !== undefined
      ? { lvpRange: { min: lvpMin ?? VOLTAIC_DEFAULT_LVP_RANGE.min, max: lvpMax ?? VOLTAIC_DEFAULT_LVP_RANGE.max } }
      : {}),
  };
}
