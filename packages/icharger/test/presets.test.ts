import { describe, expect, it } from "vitest";
import {
  applyPresetChanges,
  decodePreset,
  decodePresetIndex,
  encodePresetIndex,
  imageToRegisters,
  PRESET_FIELDS,
  presetFieldsFor,
  presetIndexRegisters,
  presetRegisterCount,
  RegisterArea,
} from "../src/index.js";

const CONTEXT = { numbering: "duo" as const, maxCurrent: 30, cells: 8 };

/** A MEMORY image with a few fields set byte by byte, as Junsi's little-endian struct lays them out. */
function image(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes[0] = 0xaa; bytes[1] = 0x55; // UseFlag 0x55AA
  [..."My LiPo"].forEach((c, i) => (bytes[2 + i] = c.charCodeAt(0)));
  bytes[40] = 0x98; bytes[41] = 0x08; // capacity 2200
  bytes[53] = 0x3d; bytes[54] = 0x00; // OpEnable at an odd offset: charge, storage, discharge, cycle, balance
  bytes[61] = 0; // LiPo
  bytes[80] = 0x68; bytes[81] = 0x10; // LiPoChg 4200
  bytes[86] = 0x0a; bytes[87] = 0x0f; // LiPoSto 3850
  bytes[92] = 0xac; bytes[93] = 0x0d; // LiPoDchg 3500
  bytes[98] = 0xc8; bytes[99] = 0x00; // charge current 200 × 10 mA
  bytes[141] = 0x0f; bytes[142] = 0x27; // SafetyTimeC 9999 at an odd offset
  bytes[145] = 0xc2; bytes[146] = 0x01; // SafetyTempC 45.0 °C
  return bytes;
}

describe("MEMORY (docs/protocols/icharger.md#preset-memory-holding-0x8c00)", () => {
  it("decodes from the little-endian byte image, including 16-bit fields at odd offsets", () => {
    const registers = imageToRegisters(image(167));
    expect(registers).toHaveLength(presetRegisterCount(167));
    // OpEnable (byte 53) straddles register 26 (high byte) and register 27 (low byte).
    expect(registers[26]! >> 8).toBe(0x3d);
    const preset = decodePreset(5, registers, 167, "duo");
    expect(preset).toMatchObject({ slot: 5, state: "used", name: "My LiPo", chemistry: "LiPo" });
    // SI units: 2200 mAh, 4200/3850/3500 mV, 9999 min.
    expect(preset.values).toMatchObject({ capacity: 2.2, liPoChg: 4.2, liPoSto: 3.85, liPoDchg: 3.5, chargeCurrent: 2, safetyTimeC: 599_940, safetyTempC: 45 });
    expect(preset.values.opEnable).toEqual({ value: 0x3d, names: ["charge", "storage", "discharge", "cycle", "balance"] });
    expect(preset.values.type).toEqual({ value: 0, name: "LiPo" });
    expect(preset.values).not.toHaveProperty("liHvChg"); // 167 bytes: no LiHV
  });

  it("holds the fields the MEMORY length allows: 167 (PDF DUO), 173 (LiHV), 192 (X: LTO, user, power)", () => {
    const names = (n: number): string[] => presetFieldsFor(n).map((f) => f.name);
    expect(names(167)).toContain("niZnCell");
    expect(names(167)).not.toContain("liHvChg");
    expect(names(173)).toContain("liHvDchg");
    expect(names(173)).not.toContain("ltoChg");
    expect(names(192)).toEqual(PRESET_FIELDS.map((f) => f.name));
  });

  it("uses the X battery-type numbering when asked (3 = LiHV there, NiMH on a DUO)", () => {
    const bytes = image(192);
    bytes[61] = 3;
    expect(decodePreset(0, imageToRegisters(bytes), 192, "x").chemistry).toBe("LiHV");
    expect(decodePreset(0, imageToRegisters(bytes), 192, "duo").chemistry).toBe("NiMH");
  });

  it("applies validated changes and leaves every other byte alone", () => {
    const before = imageToRegisters(image(167));
    const after = applyPresetChanges(before, 167, { chargeCurrent: 4.5, name: "Pack 7", safetyTimeC: 7200, opEnable: ["charge", "discharge"] }, CONTEXT);
    const p = decodePreset(0, after, 167, "duo");
    expect(p.values).toMatchObject({ chargeCurrent: 4.5, name: "Pack 7", safetyTimeC: 7200, liPoChg: 4.2 });
    expect(after[70]! >> 8).toBe(120); // SafetyTimeC (byte 141) stores minutes
    expect(p.values.opEnable).toEqual({ value: 0b1001, names: ["charge", "discharge"] });
    const changed = after.flatMap((w, i) => (w !== before[i] ? [i] : []));
    // Name (bytes 2–8), OpEnable's low byte (byte 53: register 26's high byte), charge current, SafetyTimeC (bytes 141–142).
    expect(changed).toEqual([1, 2, 3, 4, 26, 49, 70, 71]);
  });

  it("refuses values outside the documented ranges, read-only fields and broken voltage order", () => {
    const registers = imageToRegisters(image(167));
    const bad: Record<string, unknown>[] = [
      { chargeCurrent: 0.04 },
      { chargeCurrent: 30.5 },
      { chargeCurrent: 1.005 },
      { capacity: 2.25 }, // steps of 100 mAh
      { liPoChg: 4.4 },
      { liPoSto: 3.65 },
      { liPoChg: 4.2005 }, // 1 mV steps
      { safetyTimeC: 90 }, // whole minutes
      { liPoDchg: 3.9, liPoSto: 3.85 },
      { type: "LTO" }, // not in the DUO numbering
      { cycleMode: "sometimes" },
      { opEnable: ["fly"] },
      { name: "x".repeat(38) },
      { name: "café ☕" },
      { lockFlag: 0 },
      { liCell: 9 },
      { ltoChg: 2.5 }, // not in a 167-byte preset
    ];
    for (const changes of bad) expect(() => applyPresetChanges(registers, 167, changes as never, CONTEXT), JSON.stringify(changes)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});

describe("MEM_HEAD (docs/protocols/icharger.md#preset-index-mem_head-holding-0x8800)", () => {
  it("decodes the pair-swapped index; the second half starts at 0x8811", () => {
    const registers = encodePresetIndex([0, 1, 2, 3, 4, 5, 6], 64);
    expect(registers).toHaveLength(presetIndexRegisters(64));
    expect(registers.slice(0, 5)).toEqual([7, 0x0100, 0x0302, 0x0504, 0xff06]);
    const entries = new Uint8Array(64).fill(0xff);
    entries[0] = 3;
    entries[1] = 0xfe;
    entries[32] = 9;
    const raw = [2, ...imageToRegisters(entries)];
    expect(RegisterArea.memHead + 1 + 16).toBe(0x8811);
    expect(raw[17]).toBe(0xff09); // index byte 32 is the low byte of register 0x8811
    const index = decodePresetIndex(raw, 64);
    expect(index.entries[1]).toEqual({ position: 1, slot: undefined, state: "hidden" });
    expect(index.entries[32]).toEqual({ position: 32, slot: 9, state: "slot" });
    expect(index.slots).toEqual([3]);
  });

  it("has 32 entries on X/S", () => {
    expect(presetIndexRegisters(32)).toBe(17);
    expect(decodePresetIndex(encodePresetIndex([4, 2], 32), 32).slots).toEqual([4, 2]);
    expect(() => encodePresetIndex([40], 32)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
