import { isBattError } from "@batt/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkRelations,
  decodeSetting,
  encodeSetting,
  extractField,
  findSetting,
  formatSettingValue,
  insertField,
  JBD_SETTINGS,
  parseSettingValue,
  type SettingDef,
} from "../src/index.js";

const def = (name: string): SettingDef => {
  const d = findSetting(name);
  if (!d) throw new Error(name);
  return d;
};

describe("settings table", () => {
  it("names are unique and fields of one register do not overlap", () => {
    expect(new Set(JBD_SETTINGS.map((d) => d.name)).size).toBe(JBD_SETTINGS.length);
    const used = new Map<number, number>();
    for (const d of JBD_SETTINGS) {
      if (d.kind === "string") continue;
      const mask = (((d.width ?? 16) >= 16 ? 0xffff : (1 << (d.width ?? 16)) - 1) << (d.shift ?? 0)) & 0xffff;
      expect((used.get(d.address) ?? 0) & mask, d.name).toBe(0);
      used.set(d.address, (used.get(d.address) ?? 0) | mask);
    }
  });

  it("covers every EEPROM register of docs/protocols/jbd.md#eeprom-registers (0x10–0x47, 0xA0–0xA2)", () => {
    const addresses = new Set(JBD_SETTINGS.map((d) => d.address));
    for (let a = 0x10; a <= 0x47; a++) expect(addresses.has(a), `0x${a.toString(16)}`).toBe(true);
    for (const a of [0xa0, 0xa1, 0xa2]) expect(addresses.has(a)).toBe(true);
  });
});

describe("setting conversions (docs/protocols/jbd.md#eeprom-registers)", () => {
  it.each([
    ["design_cap", 10000, 100],
    ["covp", 3650, 3.65],
    ["povp", 1460, 14.6],
    ["chgot", 3231, 50],
    ["dsgut", 2531, -20],
    ["dsgoc", 0xa628, -230],
    ["chgoc", 10000, 100],
    ["dsg_rate", 2, 0.2],
    ["shunt_res", 5, 0.5],
    ["mfg_date", 0x2c7c, "2022-03-28"],
    ["func_config", 0x0006, 6],
  ] as const)("%s: raw %s ↔ %s", (name, raw, value) => {
    expect(decodeSetting(def(name), raw)).toBe(value);
    expect(encodeSetting(def(name), value)).toBe(raw);
  });

  it("byte and bit fields of 0x38/0x39 (byte0 is the high byte)", () => {
    const reg38 = 0x8f3f; // x2, 100 µs, 100 mV; 80 ms, 50 mV
    expect(decodeSetting(def("sc_dsgoc_x2"), reg38)).toBe(true);
    expect(decodeSetting(def("sc_delay"), reg38)).toBe(100);
    expect(decodeSetting(def("sc"), reg38)).toBe(100);
    expect(decodeSetting(def("dsgoc2_delay"), reg38)).toBe(80);
    expect(decodeSetting(def("dsgoc2"), reg38)).toBe(50);
    const reg39 = 0x5005;
    expect(decodeSetting(def("cuvp_high_delay"), reg39)).toBe(4);
    expect(decodeSetting(def("covp_high_delay"), reg39)).toBe(2);
    expect(decodeSetting(def("sc_rel"), reg39)).toBe(5);
    expect(insertField(def("sc"), reg38, encodeSetting(def("sc"), 22) as number)).toBe(0x883f);
    expect(decodeSetting(def("dsgoc2_delay"), 0x00f0)).toBe("raw:15");
  });

  it("temperatures encode as round(°C × 10) + 2731", () => {
    expect(encodeSetting(def("chgot"), 45.04)).toBe(3181);
    expect(encodeSetting(def("chgut"), -0.5)).toBe(2726);
  });

  it("insert/extract round-trip for every numeric field", () => {
    const fields = JBD_SETTINGS.filter((d) => d.kind !== "string");
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), (d, register, raw) => {
        const width = d.width ?? 16;
        const field = raw & (width >= 16 ? 0xffff : (1 << width) - 1);
        const updated = insertField(d, register, field);
        expect(extractField(d, updated)).toBe(field);
        // Other bits are untouched.
        const mask = ((width >= 16 ? 0xffff : (1 << width) - 1) << (d.shift ?? 0)) & 0xffff;
        expect(updated & ~mask & 0xffff).toBe(register & ~mask & 0xffff);
      }),
    );
  });

  it("decode then encode gives back the raw field for any register value", () => {
    const fields = JBD_SETTINGS.filter((d) => d.kind === "number" || d.kind === "temperature" || d.kind === "flags" || d.kind === "boolean");
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.integer({ min: 0, max: 0xffff }), (d, register) => {
        const value = decodeSetting(d, register);
        try {
          expect(encodeSetting(d, value)).toBe(extractField(d, register));
        } catch (error) {
          // Out-of-range values on a device are readable, but not writable back.
          expect(isBattError(error, "invalid-argument")).toBe(true);
        }
      }),
    );
  });
});

describe("range validation", () => {
  it.each([
    ["covp", 0.5],
    ["covp", 5.01],
    ["chgot", -41],
    ["chgot", 101],
    ["chgoc", -0.01],
    ["dsgoc", 0.01],
    ["cell_cnt", 0],
    ["cell_cnt", 33],
    ["chgut_delay", 256],
    ["sc", 23],
    ["mfg_date", "2199-01-01"],
    ["covp", "3.65"],
    ["sc_dsgoc_x2", "yes"],
    ["mfg_name", "é"],
    ["ntc_config", 0x10000],
    ["covp", Number.NaN],
  ] as const)("%s = %s is refused", (name, value) => {
    expect(() => encodeSetting(def(name), value)).toThrow(expect.objectContaining({ code: "invalid-argument", context: { setting: name } }));
  });

  it("release values must stay on the safe side", () => {
    const values = new Map<string, number>([
      ["covp", 3.65],
      ["covp_rel", 3.7],
      ["cuvp", 2.5],
      ["cuvp_rel", 2.4],
    ]);
    expect(() => checkRelations(values, new Set(["covp_rel"]))).toThrow(/covp_rel/);
    expect(() => checkRelations(values, new Set(["cuvp"]))).toThrow(/cuvp_rel \(2.4\) must be ≥ cuvp/);
    values.set("covp_rel", 3.4);
    expect(() => checkRelations(values, new Set(["covp", "covp_rel"]))).not.toThrow();
  });
});

describe("command-line values", () => {
  it("parses numbers, booleans, flags and dates", () => {
    expect(parseSettingValue(def("covp"), "3.65")).toBe(3.65);
    expect(parseSettingValue(def("sc_dsgoc_x2"), "on")).toBe(true);
    expect(parseSettingValue(def("func_config"), "0x0006")).toBe(6);
    expect(parseSettingValue(def("func_config"), "balanceEnable,ledEnable")).toBe(0x14);
    expect(parseSettingValue(def("mfg_date"), " 2024-01-02 ")).toBe("2024-01-02");
    expect(() => parseSettingValue(def("covp"), "abc")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => parseSettingValue(def("func_config"), "warp")).toThrow(/unknown flag/);
  });

  it("formats values with their unit", () => {
    expect(formatSettingValue(def("covp"), 3.65)).toBe("3.65 V");
    expect(formatSettingValue(def("func_config"), 0x14)).toBe("0x0014 (balanceEnable, ledEnable)");
  });
});
