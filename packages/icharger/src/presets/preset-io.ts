import { BattError } from "@batt/core";
import { changedRuns } from "../access/register-client.js";
import type { ChargerContext } from "../charger-context.js";
import { Order, RegisterArea } from "../constants.js";
import { selectPresetWrite } from "../control/control-writes.js";
import { sendOrder } from "../control/orders.js";
import { applyPresetChanges, decodePreset, presetRaw, presetRegisterCount, USE_FLAG, withPresetRaw, type Preset, type PresetChanges } from "./preset-codec.js";
import { decodePresetIndex, encodePresetIndex, presetIndexRegisters, type PresetIndex } from "./preset-index.js";

/** A line of the preset list. */
export interface PresetSummary {
  /** List position. */
  readonly position: number;
  /** Slot number (what RUN takes). */
  readonly slot: number;
  /** Name. */
  readonly name: string;
  /** Chemistry. */
  readonly chemistry: string | undefined;
  /** Used / fixed / empty. */
  readonly state: Preset["state"];
  /** Charge current in A. */
  readonly chargeCurrent: number;
  /** Discharge current in A. */
  readonly dischargeCurrent: number;
  /** Enabled operations. */
  readonly operations: readonly string[];
}

/** Options of {@link writePreset}. */
export interface PresetWriteOptions {
  /** Cancels before the next transaction (the order key is relocked in any case). */
  readonly signal?: AbortSignal;
}

/** What a preset write did. */
export interface PresetWriteResult {
  /** Slot written. */
  readonly slot: number;
  /** Whether the slot was empty and was added to the index. */
  readonly created: boolean;
  /** Fields asked to change whose bytes differ (an unchanged write sends nothing). */
  readonly changed: readonly string[];
  /** The preset read back after the write. */
  readonly preset: Preset;
}

function call(signal?: AbortSignal): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/** Throws `invalid-argument` unless `slot` is a slot number of the model. */
export function checkSlot(context: Pick<ChargerContext, "model">, slot: number): void {
  if (!Number.isInteger(slot) || slot < 0 || slot >= context.model.presetSlots) {
    throw new BattError("invalid-argument", `preset slot must be 0..${context.model.presetSlots - 1}, got ${slot}`);
  }
}

/** MEMORY length from device info (reference: "use the MEMORY length from device info reg 10"). */
function memoryLength(context: ChargerContext): number {
  const length = context.deviceInfo.memoryLength;
  if (!(length > 0 && length <= 2 * 0x400)) throw new BattError("frame", `device info reports an implausible MEMORY length ${length}`);
  return length;
}

/** Reads MEM_HEAD (0x8800): the preset list in display order. */
export async function readPresetIndex(context: ChargerContext, signal?: AbortSignal): Promise<PresetIndex> {
  const entries = context.model.presetSlots;
  const registers = await context.registers.readHolding(RegisterArea.memHead, presetIndexRegisters(entries), call(signal));
  return decodePresetIndex(registers, entries);
}

async function readPresetRegisters(context: ChargerContext, slot: number, signal?: AbortSignal): Promise<number[]> {
  const select = selectPresetWrite(slot);
  await context.registers.write(select.address, select.values, call(signal));
  return context.registers.readHolding(RegisterArea.memory, presetRegisterCount(memoryLength(context)), call(signal));
}

/** Selects a slot (`0x8001 ← [slot]`) and reads its MEMORY from 0x8C00. */
export async function readPreset(context: ChargerContext, slot: number, signal?: AbortSignal): Promise<Preset> {
  checkSlot(context, slot);
  const registers = await readPresetRegisters(context, slot, signal);
  return decodePreset(slot, registers, memoryLength(context), context.model.batteryTypes);
}

/** Reads the index and every listed preset. */
export async function listPresets(context: ChargerContext, signal?: AbortSignal): Promise<PresetSummary[]> {
  const index = await readPresetIndex(context, signal);
  const out: PresetSummary[] = [];
  for (const [position, slot] of index.slots.entries()) {
    const p = await readPreset(context, slot, signal);
    out.push({
      position,
      slot,
      name: p.name,
      chemistry: p.chemistry,
      state: p.state,
      chargeCurrent: p.values.chargeCurrent as number,
      dischargeCurrent: p.values.dischargeCurrent as number,
      operations: (p.values.opEnable as { names: readonly string[] }).names,
    });
  }
  return out;
}

/**
 * Changes a preset: the slot is selected, only the registers that differ are written to 0x8C00, the
 * slot is saved with ORDER_WRITE_MEM (`0x8003 ← [0x55AA, 5]`, relocked with `[0]`), and read back.
 * An empty slot is marked used and appended to the index (MEM_HEAD, saved with ORDER_WRITE_MEM_HEAD).
 * Factory (fixed) and locked presets are refused.
 *
 * @throws BattError `invalid-argument` (slot, field, range, fixed or locked preset), `verify-failed`
 *   when the read-back differs, transport errors.
 */
export async function writePreset(context: ChargerContext, slot: number, changes: PresetChanges, options: PresetWriteOptions = {}): Promise<PresetWriteResult> {
  checkSlot(context, slot);
  const { signal } = options;
  const length = memoryLength(context);
  const before = await readPresetRegisters(context, slot, signal);
  const flag = presetRaw(before, length, "useFlag");
  if (flag === USE_FLAG.fixed) throw new BattError("invalid-argument", `preset slot ${slot} is a fixed (factory) preset`);
  if ((presetRaw(before, length, "lockFlag") ?? 0) !== 0 && flag !== USE_FLAG.empty) throw new BattError("invalid-argument", `preset slot ${slot} is locked`);
  const created = flag === USE_FLAG.empty;
  let after = applyPresetChanges(before, length, changes, {
    numbering: context.model.batteryTypes,
    maxCurrent: context.model.maxChargeCurrent,
    cells: context.model.cellsPerChannel,
  });
  if (created) after = withPresetRaw(after, length, "useFlag", USE_FLAG.used);
  const runs = changedRuns(RegisterArea.memory, before, after);
  const numbering = context.model.batteryTypes;
  const old = decodePreset(slot, before, length, numbering).values;
  const next = decodePreset(slot, after, length, numbering).values;
  const changed = Object.keys(changes).filter((name) => JSON.stringify(old[name]) !== JSON.stringify(next[name]));
  if (runs.length === 0) return { slot, created: false, changed: [], preset: decodePreset(slot, before, length, numbering) };
  for (const run of runs) await context.registers.write(run.address, run.values, call(signal));
  await sendOrder(context, Order.WriteMem, signal);
  if (created) await addToIndex(context, slot, signal);
  const readBack = await readPresetRegisters(context, slot, signal);
  const differs = after.findIndex((word, i) => readBack[i] !== word);
  if (differs >= 0) {
    throw new BattError("verify-failed", `preset slot ${slot} reads back 0x${(readBack[differs] ?? 0).toString(16)} at register ${differs}, wrote 0x${after[differs]!.toString(16)}`);
  }
  return { slot, created, changed, preset: decodePreset(slot, readBack, length, numbering) };
}

async function addToIndex(context: ChargerContext, slot: number, signal?: AbortSignal): Promise<void> {
  const index = await readPresetIndex(context, signal);
  if (index.slots.includes(slot)) return;
  const registers = encodePresetIndex([...index.slots, slot], context.model.presetSlots);
  await context.registers.write(RegisterArea.memHead, registers, call(signal));
  await sendOrder(context, Order.WriteMemHead, signal);
}

/** A preset slot as stored: its MEMORY registers and whether the index lists it. */
export interface PresetImage {
  /** Slot number. */
  readonly slot: number;
  /** MEMORY registers of the slot. */
  readonly registers: readonly number[];
  /** Whether MEM_HEAD lists the slot. */
  readonly indexed: boolean;
}

/** Reads a slot as stored, to be put back later with {@link writePresetImage}. */
export async function readPresetImage(context: ChargerContext, slot: number, signal?: AbortSignal): Promise<PresetImage> {
  checkSlot(context, slot);
  const registers = await readPresetRegisters(context, slot, signal);
  const index = await readPresetIndex(context, signal);
  return { slot, registers, indexed: index.slots.includes(slot) };
}

/**
 * Stores a slot's registers as they are (what differs, then ORDER_WRITE_MEM) and lists or unlists it
 * in MEM_HEAD (ORDER_WRITE_MEM_HEAD) to match; read back. Used to copy a preset and to restore one.
 *
 * @throws BattError `verify-failed` when the read-back differs, transport errors.
 */
export async function writePresetImage(context: ChargerContext, image: PresetImage, signal?: AbortSignal): Promise<void> {
  checkSlot(context, image.slot);
  const before = await readPresetRegisters(context, image.slot, signal);
  const runs = changedRuns(RegisterArea.memory, before, image.registers);
  for (const run of runs) await context.registers.write(run.address, run.values, call(signal));
  if (runs.length > 0) await sendOrder(context, Order.WriteMem, signal);
  const index = await readPresetIndex(context, signal);
  if (index.slots.includes(image.slot) !== image.indexed) {
    const slots = image.indexed ? [...index.slots, image.slot] : index.slots.filter((s) => s !== image.slot);
    await context.registers.write(RegisterArea.memHead, encodePresetIndex(slots, context.model.presetSlots), call(signal));
    await sendOrder(context, Order.WriteMemHead, signal);
  }
  const readBack = await readPresetRegisters(context, image.slot, signal);
  if (readBack.some((word, i) => word !== image.registers[i])) throw new BattError("verify-failed", `preset slot ${image.slot} does not read back as written`);
}

/** The highest slot that is empty (UseFlag 0xFFFF) and not listed: where a temporary preset goes. */
export async function findFreeSlot(context: ChargerContext, signal?: AbortSignal): Promise<number> {
  const index = await readPresetIndex(context, signal);
  for (let slot = context.model.presetSlots - 1; slot >= 0; slot--) {
    if (index.slots.includes(slot)) continue;
    const registers = await readPresetRegisters(context, slot, signal);
    if (presetRaw(registers, memoryLength(context), "useFlag") === USE_FLAG.empty) return slot;
  }
  throw new BattError("invalid-argument", "no free preset slot: name one to borrow (it is restored afterwards)");
}
