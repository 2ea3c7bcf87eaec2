import { BattError, numberOption, type PluginOption, type PluginOptionValues } from "@batt/core";
import type { Chemistry } from "../models/chemistry.js";
import { SIM_CHEMISTRIES } from "../simulator/chemistry-map.js";
import type { PackConfig } from "../simulator/pack-model.js";

/** Battery types a simulated pack can be (every type with a battery to model). */
const PACK_TYPES = (Object.keys(SIM_CHEMISTRIES) as Chemistry[]).filter((c) => SIM_CHEMISTRIES[c] !== undefined);

/** Simulator options (`--sim`, `batt sim icharger`), in SI units; they set the pack on every channel. */
export const ICHARGER_SIM_OPTIONS: readonly PluginOption[] = [
  { name: "sim-cells", type: "string", description: "simulator: cells in series on each channel, 1–16 (default 4)" },
  { name: "sim-chemistry", type: "string", description: `simulator: battery type of the packs (${PACK_TYPES.join(", ")}; default LiPo)` },
  { name: "sim-capacity", type: "string", description: "simulator: capacity of each pack in Ah (default 2.2)" },
  { name: "sim-soc", type: "string", description: "simulator: initial state of charge in % (default: 3.8 V per cell)" },
  { name: "sim-spread", type: "string", description: "simulator: how far the last cell starts above the others, mV (default 0; gives the balance program work)" },
];

/**
 * The pack of `--sim-cells`, `--sim-chemistry`, `--sim-capacity` (Ah), `--sim-soc` (%) and `--sim-spread` (mV).
 *
 * @throws BattError `invalid-argument` for a value out of range or an unknown battery type.
 */
export function simPackOf(options: PluginOptionValues): PackConfig {
  const cells = numberOption(options, "sim-cells", { min: 1, max: 16, integer: true });
  const capacity = numberOption(options, "sim-capacity", { min: 0.01, max: 10_000 });
  const soc = numberOption(options, "sim-soc", { min: 0, max: 100 });
  const spread = numberOption(options, "sim-spread", { min: 0, max: 500 });
  const chemistry = options["sim-chemistry"];
  if (chemistry !== undefined && chemistry !== false && !(PACK_TYPES as readonly unknown[]).includes(chemistry)) {
    throw new BattError("invalid-argument", `--sim-chemistry must be one of ${PACK_TYPES.join(", ")}, got ${String(chemistry)}`);
  }
  return {
    ...(cells !== undefined ? { cells } : {}),
    ...(typeof chemistry === "string" ? { chemistry: chemistry as Chemistry } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
    ...(soc !== undefined ? { soc } : {}),
    ...(spread !== undefined ? { spread: spread / 1000 } : {}),
  };
}
