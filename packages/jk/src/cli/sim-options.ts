import { BattError, numberOption, type PluginOptionValues } from "@batt/core";
import { isChemistry } from "@batt/core/simulator";
import type { PackOptions } from "../simulator/pack-options.js";

/** Load of the command-line simulator unless `--sim-current` says otherwise: a gentle discharge, so readings change. */
const SIMULATED_LOAD_A = -8;

/**
 * The simulated pack of `--sim-cells`, `--sim-chemistry`, `--sim-capacity` (Ah), `--sim-soc` (%),
 * `--sim-current` (A, negative discharges) and `--sim-probes` (fitted temperature probes, `1,2,4`).
 *
 * @throws BattError `invalid-argument` for a value out of range, an unknown chemistry or a probe outside 1–5.
 */
export function simPackOf(options: PluginOptionValues): PackOptions {
  const cells = numberOption(options, "sim-cells", { min: 1, max: 32, integer: true });
  const capacity = numberOption(options, "sim-capacity", { min: 0.1, max: 100_000 });
  const soc = numberOption(options, "sim-soc", { min: 0, max: 100 });
  const current = numberOption(options, "sim-current", { min: -1000, max: 1000 }) ?? SIMULATED_LOAD_A;
  const chemistry = options["sim-chemistry"];
  const probes = probesOf(options["sim-probes"]);
  if (chemistry !== undefined && chemistry !== false && !isChemistry(chemistry)) throw new BattError("invalid-argument", `--sim-chemistry: unknown chemistry ${String(chemistry)}`);
  return {
    current,
    ...(cells !== undefined ? { cells } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
    ...(soc !== undefined ? { soc } : {}),
    ...(typeof chemistry === "string" ? { chemistry } : {}),
    ...(probes ? { probes } : {}),
  };
}

/** The probe numbers of `--sim-probes` (`1,2,4`; empty for none fitted). */
function probesOf(value: unknown): number[] | undefined {
  if (value === undefined || value === false) return undefined;
  const text = String(value).trim();
  const probes = text === "" ? [] : text.split(",").map((part) => Number(part.trim()));
  if (probes.some((n) => !Number.isInteger(n) || n < 1 || n > 5)) throw new BattError("invalid-argument", `--sim-probes: probe numbers 1 to 5, comma-separated, not ${text}`);
  return probes;
}
