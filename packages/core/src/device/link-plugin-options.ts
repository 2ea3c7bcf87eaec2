import type { PluginOption, PluginOptionValues } from "../device-plugin.js";
import { numberOption } from "../plugin-options.js";
import type { DriverLinkDefaults, LinkOptions } from "./link-options.js";

/** Longest reply deadline accepted from the command line, ms: ten minutes. */
const MAX_TIMEOUT_MS = 600_000;
/** Longest gap between requests accepted from the command line, ms: one minute. */
const MAX_GAP_MS = 60_000;
/** Most retries accepted from the command line. */
const MAX_RETRIES = 10;

/**
 * The link options every device plugin offers (`--timeout`, `--gap`, `--retries`), with the
 * device's defaults in their help.
 */
export function linkPluginOptions(defaults: DriverLinkDefaults): PluginOption[] {
  // Each flag checks its value before the link opens, with the ranges linkOptionsFrom applies.
  const check = (name: string) => (value: string) => void linkOptionsFrom({ [name]: value }, defaults);
  return [
    { name: "timeout", type: "string", valueName: "ms", description: `reply deadline per attempt, ms (1–${MAX_TIMEOUT_MS}; default ${defaults.timeoutMs})`, check: check("timeout") },
    { name: "gap", type: "string", valueName: "ms", description: `least time between requests, ms (0–${MAX_GAP_MS}; default ${defaults.minGapMs})`, check: check("gap") },
    { name: "retries", type: "string", valueName: "count", description: `extra attempts after a failed request (0–${MAX_RETRIES}; default ${defaults.retry.retries})`, check: check("retries") },
  ];
}

/**
 * The {@link LinkOptions} given by `--timeout`, `--gap` and `--retries`, checked against the same
 * ranges for every device; absent flags are left out, so the driver's defaults apply. A retry count
 * keeps the rest of the device's default policy (which errors are worth a retry, its back-off).
 *
 * @throws BattError `invalid-argument` for a value that is not a number or is out of range.
 */
export function linkOptionsFrom(values: PluginOptionValues, defaults: DriverLinkDefaults): LinkOptions {
  const timeoutMs = numberOption(values, "timeout", { min: 1, max: MAX_TIMEOUT_MS });
  const minGapMs = numberOption(values, "gap", { min: 0, max: MAX_GAP_MS });
  const retries = numberOption(values, "retries", { min: 0, max: MAX_RETRIES, integer: true });
  return {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(minGapMs !== undefined ? { minGapMs } : {}),
    ...(retries !== undefined ? { retry: { ...defaults.retry, retries } } : {}),
  };
}
