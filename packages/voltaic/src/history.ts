import { BattError } from "@batt/core";
import type { RawBlock } from "./reading.js";
import { VOLTAIC_INPUT_REGISTERS, VOLTAIC_STATISTICS_REGISTERS } from "./registers.js";

/** What {@link VoltaicController.readHistory} found: the day's and the lifetime energy, the day's battery voltage range. JSON-ready. */
export interface VoltaicHistory {
  /** PV energy generated today, Wh (0x3052). */
  readonly pvEnergyToday: number;
  /** PV energy generated in all, Wh (0x3053:0x3054, 32 bits, low word first). */
  readonly pvEnergyTotal: number;
  /** Load energy consumed today, Wh (0x3055). */
  readonly loadEnergyToday: number;
  /** Load energy consumed in all, Wh (0x3056:0x3057, 32 bits, low word first). */
  readonly loadEnergyTotal: number;
  /** Highest battery voltage today, V (0x30A8; one source, docs/protocols/voltaic.md#battery-statistics). */
  readonly batteryVoltageMaxToday: number;
  /** Lowest battery voltage today, V (0x30A9; one source, docs/protocols/voltaic.md#battery-statistics). */
  readonly batteryVoltageMinToday: number;
  /** The blocks as read, so the neighbouring registers of unknown meaning stay visible. */
  readonly raw: readonly RawBlock[];
}

/**
 * Decodes the blocks of {@link HISTORY_BLOCKS} (or any blocks that cover the same registers).
 *
 * @throws BattError `invalid-argument` when a register of the history is not covered by the blocks.
 */
export function decodeHistory(raw: readonly RawBlock[]): VoltaicHistory {
  const energy = VOLTAIC_INPUT_REGISTERS.decodePartialBlocks(raw);
  const statistics = VOLTAIC_STATISTICS_REGISTERS.decodeBlocks(raw);
  const { pvEnergyToday, pvEnergyTotal, loadEnergyToday, loadEnergyTotal } = energy;
  if (pvEnergyToday === undefined || pvEnergyTotal === undefined || loadEnergyToday === undefined || loadEnergyTotal === undefined) {
    throw new BattError("invalid-argument", "the energy registers 0x3052..0x3057 are not covered by the registers read");
  }
  return { pvEnergyToday, pvEnergyTotal, loadEnergyToday, loadEnergyTotal, ...statistics, raw };
}
