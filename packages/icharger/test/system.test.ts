import { describe, expect, it } from "vitest";
import { decodeSystemSettings, modelById, planSystemWrite, RegisterArea, SYSTEM_LAYOUTS, systemRegisterCount } from "../src/index.js";
import { defaultSystemRegisters } from "../src/simulator/index.js";

describe("SYSTEM layouts (docs/protocols/icharger.md#system-settings-holding-0x8400)", () => {
  it("spans the documented registers: DUO 59 (to parity at 50, reserved after), X 78, DX 90 raw", () => {
    expect(SYSTEM_LAYOUTS.duo.registers).toBe(59);
    expect(SYSTEM_LAYOUTS.duo.map.fields.parity!.address).toBe(RegisterArea.system + 50);
    expect(SYSTEM_LAYOUTS.x.registers).toBe(78);
    expect(SYSTEM_LAYOUTS.x.map.fields.input4RegenCapacityLimit!.address).toBe(RegisterArea.system + 57);
    expect(SYSTEM_LAYOUTS.x.map.fields.dischargePower!.address).toBe(RegisterArea.system + 59);
    expect(SYSTEM_LAYOUTS.dx.map.names).toEqual([]);
    expect(systemRegisterCount(118, SYSTEM_LAYOUTS.duo)).toBe(59);
    expect(systemRegisterCount(180, SYSTEM_LAYOUTS.dx)).toBe(90);
  });

  it("decodes units and names", () => {
    const registers = new Array<number>(59).fill(0);
    registers[1] = 725;
    registers[27] = 0xffff; // s16: −0.1 A
    registers[47] = 2;
    registers[49] = 4;
    registers[51] = 0x86a0; registers[52] = 0x0001; // 100000 mAh, low word first
    const { values } = decodeSystemSettings(SYSTEM_LAYOUTS.duo, registers);
    expect(values).toMatchObject({ cutTemperature: 72.5, dcInputCurrentLimit: -0.1, modbusMode: { value: 2, name: "serial" }, baudRate: { value: 4, name: "115200" }, regenCapacityLimit: 100 });
  });

  it("plans a write: validated, model-capped, changed names only", () => {
    const model = modelById("308duo");
    const current = defaultSystemRegisters(model);
    const plan = planSystemWrite(SYSTEM_LAYOUTS.duo, model, current, { cutTemperature: 72.5, lcdContrast: 16, dischargePowerCh2: 50 });
    expect(plan.changed).toEqual(["cutTemperature", "dischargePowerCh2"]);
    expect(plan.registers[1]).toBe(725);
    expect(plan.registers[37]).toBe(50);
    const refused: Record<string, number | string>[] = [
      { cutTemperature: 59.9 },
      { dcInputLowVoltage: 48.1 },
      { dischargePowerCh1: 100 }, // 308 DUO: 80 W
      { fanSpeed: 1 }, // reserved: read-only
      { dcInputOverVoltage: 50 }, // fixed
      { parity: "even" }, // link setting
      { temperatureUnit: "K" },
      { nothing: 1 },
    ];
    for (const changes of refused) expect(() => planSystemWrite(SYSTEM_LAYOUTS.duo, model, current, changes), JSON.stringify(changes)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(planSystemWrite(SYSTEM_LAYOUTS.duo, model, current, { parity: "even" }, { allowLinkChanges: true }).registers[50]).toBe(1);
  });

  it("refuses writes to the DX layout, which is not documented field by field", () => {
    const dx = modelById("dx8");
    expect(() => planSystemWrite(SYSTEM_LAYOUTS.dx, dx, new Array<number>(90).fill(0), { cutTemperature: 70 })).toThrow(expect.objectContaining({ code: "unsupported" }));
  });
});
