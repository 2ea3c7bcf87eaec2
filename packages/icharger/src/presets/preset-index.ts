import { BattError } from "@batt/core";
import { imageToRegisters, registersToImage } from "../words.js";

/** Index value of an unused entry. */
export const INDEX_EMPTY = 0xff;
/** Index value of a hidden entry. */
export const INDEX_HIDDEN = 0xfe;

/** One entry of the preset list. */
export interface PresetIndexEntry {
  /** Position in the charger's list (display order). */
  readonly position: number;
  /** Slot number shown there, or undefined for an empty or hidden entry. */
  readonly slot: number | undefined;
  /** `slot`, `empty` (0xFF) or `hidden` (0xFE). */
  readonly state: "slot" | "empty" | "hidden";
}

/** MEM_HEAD (holding 0x8800, docs/protocols/icharger.md#preset-index-mem_head-holding-0x8800): `u16 Count; u8 Index[64]` (32 on X/S), pair-swapped. */
export interface PresetIndex {
  /** Count register. */
  readonly count: number;
  /** Every index entry, in display order. */
  readonly entries: readonly PresetIndexEntry[];
  /** Slot numbers of the first `count` entries that name a slot, in display order. */
  readonly slots: readonly number[];
}

/** Registers MEM_HEAD takes for `entries` index bytes: the count plus entries / 2. */
export function presetIndexRegisters(entries: number): number {
  return 1 + Math.ceil(entries / 2);
}

/** Decodes MEM_HEAD registers read from 0x8800. */
export function decodePresetIndex(registers: readonly number[], entries: number): PresetIndex {
  if (registers.length < presetIndexRegisters(entries)) {
    throw new BattError("frame", `MEM_HEAD needs ${presetIndexRegisters(entries)} registers, got ${registers.length}`);
  }
  const count = registers[0]!;
  const bytes = registersToImage(registers.slice(1, presetIndexRegisters(entries))).subarray(0, entries);
  const list: PresetIndexEntry[] = [...bytes].map((b, position) => ({
    position,
    slot: b === INDEX_EMPTY || b === INDEX_HIDDEN ? undefined : b,
    state: b === INDEX_EMPTY ? "empty" : b === INDEX_HIDDEN ? "hidden" : "slot",
  }));
  const slots = list
    .slice(0, Math.min(count, entries))
    .flatMap((e) => (e.slot !== undefined ? [e.slot] : []));
  return { count, entries: list, slots };
}

/** Encodes a list of slots (display order) as MEM_HEAD registers; the rest of the index is 0xFF. */
export function encodePresetIndex(slots: readonly number[], entries: number): number[] {
  if (slots.length > entries) throw new BattError("invalid-argument", `${slots.length} presets do not fit an index of ${entries}`);
  const bytes = new Uint8Array(entries).fill(INDEX_EMPTY);
  slots.forEach((slot, i) => {
    if (!Number.isInteger(slot) || slot < 0 || slot >= entries) throw new BattError("invalid-argument", `slot ${slot} is outside 0..${entries - 1}`);
    bytes[i] = slot;
  });
  return [slots.length, ...imageToRegisters(bytes)];
}
