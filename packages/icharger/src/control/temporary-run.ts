import { BattError, waitFor } from "@batt/core";
import type { ChargerContext } from "../charger-context.js";
import type { ChannelIndex } from "../constants.js";
import type { Chemistry } from "../models/chemistry.js";
import { LITHIUM_VOLTAGE_FIELDS } from "../presets/preset-fields.js";
import { findFreeSlot, listPresets, readPresetImage, writePreset, writePresetImage } from "../presets/preset-io.js";
import { readStatusWord } from "../status/channel-reads.js";
import { startChannel, stopSafely, type StartResult } from "./channel-control.js";

/** Lithium battery types a temporary preset can be made for (the types with per-cell voltage fields). */
export type TemporaryChemistry = Extract<Chemistry, "LiPo" | "LiIo" | "LiFe" | "LiHV" | "LTO">;

/** What to run without touching the charger's menus. */
export interface TemporaryRunOptions {
  /** Channel (0 = first). */
  readonly channel: ChannelIndex;
  /** Operation. */
  readonly operation: "charge" | "discharge" | "storage";
  /** Battery type (LiPo, LiIo, LiFe, LiHV, LTO). */
  readonly chemistry: TemporaryChemistry;
  /** Cells in series. */
  readonly cells: number;
  /** Capacity, Ah. */
  readonly capacity: number;
  /** Charge current as a multiple of the capacity (1 = 1C). */
  readonly cRate: number;
  /** Discharge current as a multiple of the capacity (default: `cRate`, at most 1C). */
  readonly dischargeCRate?: number;
  /** Slot to borrow (default: the highest free one); restored afterwards either way. */
  readonly slot?: number;
  /** Cancels: the channel is stopped and the slot restored. */
  readonly signal?: AbortSignal;
}

/** A finished temporary run. */
export interface TemporaryRunResult {
  /** Slot that was borrowed (and restored). */
  readonly slot: number;
  /** Preset the temporary one was copied from. */
  readonly template: number;
  /** Charge and discharge currents set, A. */
  readonly chargeCurrent: number;
  /** Discharge current set, A. */
  readonly dischargeCurrent: number;
  /** The start. */
  readonly start: StartResult;
}

/**
 * Charges or discharges by capacity and C-rate (electric #58, #127): copies a preset of the same
 * battery type into a free (or the given) slot, sets cells, capacity and currents (range-checked by
 * the preset codec against the model), runs it, waits until the channel stops, and always restores
 * the slot as it was (index included), also on error or abort.
 *
 * @throws BattError `invalid-argument` (nothing changed: values, no template preset, no free slot),
 *   the start's errors, `aborted`.
 */
export async function runTemporaryPreset(context: ChargerContext, options: TemporaryRunOptions): Promise<TemporaryRunResult> {
  const { channel, operation, chemistry, cells, capacity, cRate, signal } = options;
  if (!Object.hasOwn(LITHIUM_VOLTAGE_FIELDS, chemistry)) throw new BattError("invalid-argument", `battery type must be one of ${Object.keys(LITHIUM_VOLTAGE_FIELDS).join(", ")}, got ${chemistry}`);
  if (!(Number.isInteger(cells) && cells >= 1 && cells <= context.model.cellsPerChannel)) throw new BattError("invalid-argument", `cells must be 1..${context.model.cellsPerChannel} on the ${context.model.name}, got ${cells}`);
  if (!(capacity > 0 && capacity <= 999.9)) throw new BattError("invalid-argument", `capacity must be more than 0 and at most 999.9 Ah, got ${capacity}`);
  const dischargeRate = options.dischargeCRate ?? Math.min(cRate, 1);
  if (!(cRate > 0) || !(dischargeRate > 0)) throw new BattError("invalid-argument", `C-rates must be more than 0, got ${cRate} and ${dischargeRate}`);
  // Currents in the preset's 10 mA steps.
  const chargeCurrent = Math.round(capacity * cRate * 100) / 100;
  const dischargeCurrent = Math.round(capacity * dischargeRate * 100) / 100;
  if (chargeCurrent > context.model.maxChargeCurrent) throw new BattError("invalid-argument", `${capacity} Ah × ${cRate} C = ${chargeCurrent} A is more than the ${context.model.name}'s ${context.model.maxChargeCurrent} A`);
  const template = (await listPresets(context, signal)).find((p) => p.chemistry === chemistry && p.state === "used");
  if (!template) throw new BattError("invalid-argument", `no ${chemistry} preset to start from: make one on the charger first`);
  const slot = options.slot ?? (await findFreeSlot(context, signal));
  const saved = await readPresetImage(context, slot, signal);
  try {
    const source = await readPresetImage(context, template.slot, signal);
    await writePresetImage(context, { slot, registers: source.registers, indexed: true }, signal);
    await writePreset(context, slot, { name: `batt ${cells}S ${capacity}Ah ${cRate}C`, liCell: cells, capacity, chargeCurrent, dischargeCurrent }, { ...(signal ? { signal } : {}) });
    const start = await startChannel(context, { channel, preset: slot, operation, chemistry, ...(signal ? { signal } : {}) });
    try {
      while ((await readStatusWord(context, channel, signal)).run) await waitFor(context.clock, context.timing.pollIntervalMs, signal);
    } catch (error) {
      await stopSafely(context, channel).catch(() => undefined);
      throw error;
    }
    return { slot, template: template.slot, chargeCurrent, dischargeCurrent, start };
  } finally {
    // Not cancelled by `signal`: the borrowed slot goes back in any case.
    await writePresetImage(context, saved);
  }
}
