import { BattError, numberOption, type PluginOptionValues } from "@batt/core";
import type { ReplyUnit } from "@batt/modbus-rtu";
import { DEFAULT_LVP_RANGE } from "../constants.js";
import type { VoltaicControllerOptions } from "../voltaic-controller.js";

/** A unit address option: 0..255, decimal or 0x hex. */
export function unitOption(options: PluginOptionValues, name: string): number | undefined {
  const n = numberOption(options, name);
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 255)) throw new BattError("invalid-argument", `--${name} must be an address 1..255: ${n}`);
  return n;
}

/** Driver options from the command line. */
export function controllerOptions(options: PluginOptionValues): VoltaicControllerOptions {
  const unit = unitOption(options, "unit");
  const replyText = options["reply-unit"];
  const replyUnit: ReplyUnit | undefined = replyText === "any" ? "any" : unitOption(options, "reply-unit");
  const timeoutMs = numberOption(options, "timeout");
  const minGapMs = numberOption(options, "gap");
  const lvpMin = numberOption(options, "lvp-min");
  const lvpMax = numberOption(options, "lvp-max");
  return {
    ...(unit !== undefined ? { unit } : {}),
    ...(replyUnit !== undefined ? { replyUnit } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(minGapMs !== undefined ? { minGapMs } : {}),
    ...(lvpMin !== undefined || lvpMax !== undefined ? { lvpRange: { min: lvpMin ?? DEFAULT_LVP_RANGE.min, max: lvpMax ?? DEFAULT_LVP_RANGE.max } } : {}),
  };
}
