import { fromHex, toHex } from "@batt/core";
import { encodeRequest, encodeRtuFrame, readWords } from "@batt/modbus-rtu";
import { describe, expect, it } from "vitest";
import { JK_PB_DEVICE_INFO_MAP, JK_PB_LIVE_MAP, JK_PB_SETTINGS_MAP, JkPbBlock, pbLiveData, pbRegisterAddress } from "../src/index.js";

const liveAddress = (name: keyof typeof JK_PB_LIVE_MAP.fields & string): number => pbRegisterAddress(JkPbBlock.live, JK_PB_LIVE_MAP.fields[name]!.address);
const settingAddress = (name: keyof typeof JK_PB_SETTINGS_MAP.fields & string): number =>
  pbRegisterAddress(JkPbBlock.settings, JK_PB_SETTINGS_MAP.fields[name]!.address);

describe("JK-PB register maps", () => {
  it("put every field at block base + byte offset of the reference (docs/protocols/jk.md#jk-pb-register-blocks)", () => {
    expect([liveAddress("cell1"), liveAddress("cell2"), liveAddress("cell32")]).toEqual([0x1200, 0x1202, 0x123e]);
    expect(liveAddress("packVoltage")).toBe(0x1290);
    expect([liveAddress("power"), liveAddress("current"), liveAddress("temperature1"), liveAddress("temperature2")]).toEqual([0x1294, 0x1298, 0x129c, 0x129e]);
    expect([liveAddress("mosTemperature"), liveAddress("alarms"), liveAddress("balanceStateSoc"), liveAddress("cycleCount")]).toEqual([0x128a, 0x12a0, 0x12a6, 0x12b0]);
    expect([liveAddress("wireResistance1"), liveAddress("wireResistance32"), liveAddress("timeToSleep")]).toEqual([0x124a, 0x1288, 0x1308]);
    expect([settingAddress("cellOvervoltageProtection"), settingAddress("cellCount"), settingAddress("chargeEnable"), settingAddress("dischargeEnable")]).toEqual([0x100c, 0x106c, 0x1070, 0x1074]);
    expect([settingAddress("wireResistance1"), settingAddress("wireResistance32"), settingAddress("deviceAddress"), settingAddress("functions"), settingAddress("smartSleepTime")]).toEqual([
      0x1088, 0x1104, 0x1108, 0x1114, 0x1118,
    ]);
    expect(pbRegisterAddress(JkPbBlock.deviceInfo, JK_PB_DEVICE_INFO_MAP.fields.softwareVersion.address)).toBe(0x1418);
    expect(JK_PB_SETTINGS_MAP.size("cellOvervoltageProtection")).toBe(2);
  });

  it("decodes pack voltage, power, current and temperatures from registers (32-bit high word first)", () => {
    const words = readWords(fromHex("00 00 D1 5C 00 01 86 A0 FF FF EC 78 00 FA FF 9C"), 0, 8);
    const values = JK_PB_LIVE_MAP.decodePartial(JK_PB_LIVE_MAP.fields.packVoltage.address, words);
    expect(values).toEqual({ packVoltage: 53.596, power: 100, current: -5, temperature1: 25, temperature2: -10 });
  });

  it("encodes a charge-enable write as FC 0x10 to 0x1070 with the value in the low word", () => {
    const write = JK_PB_SETTINGS_MAP.encode("chargeEnable", 1);
    const frame = encodeRtuFrame(1, encodeRequest({ kind: "write-multiple-registers", address: pbRegisterAddress(JkPbBlock.settings, write.address), values: write.registers }));
    expect(toHex(frame.subarray(0, 11))).toBe("01 10 10 70 00 02 04 00 00 00 01");
    expect(() => JK_PB_SETTINGS_MAP.encode("cellOvervoltageProtection", 6)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("summarises live registers: cells by mask, byte pairs, signed power", () => {
    const image = new Uint8Array(JkPbBlock.live.bytes);
    const set = (name: keyof typeof JK_PB_LIVE_MAP.fields & string, value: unknown): void => {
      const w = JK_PB_LIVE_MAP.encode(name, value as never);
      w.registers.forEach((r, i) => image.set([r >> 8, r & 0xff], 2 * (w.address + i)));
    };
    [3.301, 3.305, 3.299, 3.3].forEach((v, i) => set(`cell${i + 1}`, v));
    set("cell5", 3.9); // not in the mask: ignored
    set("cellMask", 0b1111);
    set("current", -12.5);
    set("power", 165.1);
    set("balanceStateSoc", (2 << 8) | 64);
    set("sohPrecharge", 97 << 8);
    set("fetState", (1 << 8) | 0);
    set("alarms", ["cellUndervoltage", "dischargeMos"]);
    const live = pbLiveData(4, JK_PB_LIVE_MAP.decode(0, readWords(image, 0, image.length / 2)));
    expect(live).toMatchObject({ address: 4, cellVoltages: [3.301, 3.305, 3.299, 3.3], current: -12.5, power: -165.1, soc: 64, soh: 97, balanceState: { value: 2, name: "discharging" }, chargeMos: true, dischargeMos: false });
    expect(live.cells).toMatchObject({ min: 3.299, minCell: 3, max: 3.305, maxCell: 2, delta: 0.006 });
    expect(live.alarms.names).toEqual(["cellUndervoltage", "dischargeMos"]);
  });
});
