import { isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { decodeEb90 } from "../src/eb90/eb90-decode.js";
import { eb90DeviceInfoOf, eb90Identity } from "../src/eb90/eb90-device-info.js";
import { generationOf } from "../src/eb90/eb90-generation.js";
import { eb90LiveData } from "../src/eb90/eb90-live.js";
import { encodeEb90Frame } from "../src/eb90/eb90-encode.js";
import { layoutOf } from "../src/eb90/eb90-generation.js";
import { pbBatterySummary } from "../src/pb/pb-measurements.js";
import { decodeEb90Frame } from "../src/eb90/eb90-parser.js";
import * as E from "./fixtures/esphome-jk-bms.js";
import * as M from "./fixtures/mpp-solar.js";

// Every expected value below is the one the source project states for the same bytes (see each
// fixture's comment); values a source does not state were checked by hand from the bytes.

const cellInfo = (bytes: Uint8Array, generation: Parameters<typeof decodeEb90>[1]) => decodeEb90(decodeEb90Frame(bytes), generation);
const deviceInfo = (bytes: Uint8Array) => eb90DeviceInfoOf(decodeEb90(decodeEb90Frame(bytes), "jk02-32s").values);

describe("device info frames choose the generation (syssi/esphome-jk-bms, jblance/mpp-solar)", () => {
  it.each([
    ["JK-B2A24S20P 10.XG / 10.07", E.DEVICE_INFO_JK02_24S_V10, "JK-B2A24S20P", "10.XG", "10.07", "jk02-24s"],
    ["JK_PB2A16S15P 14.XA / 14.20", E.DEVICE_INFO_JK02_32S_V11, "JK_PB2A16S15P", "14.XA", "14.20", "jk02-32s"],
    ["JK-PB2A16S20P 19A / 19.27", E.DEVICE_INFO_JK02_32S_V19, "JK-PB2A16S20P", "19A", "19.27", "jk02-32s"],
    ["JK-B2A16S 3.0 / 3.3.0", E.DEVICE_INFO_JK04, "JK-B2A16S", "3.0", "3.3.0", "jk04"],
    ["JK-B2A24S 3.0 / 3.2.3 (mpp-solar)", M.MPP_DEVICE_INFO_B2A24S, "JK-B2A24S", "3.0", "3.2.3", "jk04"],
  ] as const)("%s", (_name, bytes, model, hardware, software, generation) => {
    const info = deviceInfo(bytes);
    expect([info.model, info.hardwareVersion, info.softwareVersion]).toEqual([model, hardware, software]);
    expect(generationOf(info)).toBe(generation);
  });

  it("mpp-solar's getInfo: uptime 52D16H30M0S = 4 552 200 s, 4 power-ons, name and passcode", () => {
    const info = deviceInfo(M.MPP_DEVICE_INFO_B2A24S);
    expect(info).toMatchObject({ uptime: 4_552_200, powerOnCount: 4, deviceName: "Power Wall 1" });
    expect(info.values["devicePasscode"]).toBe("1234");
  });

  it("the identity of a JK-PB: model, serial, versions and the bus address", () => {
    expect(eb90Identity(deviceInfo(E.DEVICE_INFO_JK02_32S_V11), 1)).toEqual({
      driver: "jk",
      category: "bms",
      manufacturer: "JK",
      model: "JK_PB2A16S15P",
      serial: "3092572134",
      firmware: "14.20",
      hardware: "14.XA",
      address: 1,
    });
  });
});

describe("JK02 24-cell cell info", () => {
  it("esphome v10: 24 cells, 78.735 V, 0 A, T1/T2 20.7 °C, MOS 23.4 °C, SOC 85 %, 42.804 of 50 Ah, 269 340 s, charge on, discharge off", () => {
    const live = eb90LiveData(cellInfo(E.CELL_INFO_JK02_24S_V10, "jk02-24s").values, "jk02-24s");
    expect(live.cellVoltages).toHaveLength(24);
    expect(live.cellVoltages.slice(0, 3)).toEqual([3.284, 3.28, 3.279]);
    expect(live.cellVoltages[22]).toBe(3.285);
    expect(live.cells).toMatchObject({ min: 3.279, minCell: 3, max: 3.285, maxCell: 23, delta: 0.006 });
    expect(live).toMatchObject({ packVoltage: 78.735, current: 0, power: 0, mosTemperature: 23.4, soc: 85, soh: 100, remainingCapacity: 42.804, fullChargeCapacity: 50, cycleCount: 0, runtime: 269_340, chargeMos: true, dischargeMos: false });
    expect(live.temperatures).toEqual([20.7, 20.7]);
  });

  it("esphome v10, negative temperatures: 13 cells by the mask, T1 −3.1 °C, T2 −2.9 °C, MOS 0.5 °C, SOC 47 %, 56 cycles", () => {
    const live = eb90LiveData(cellInfo(E.CELL_INFO_JK02_24S_V10_NEG_TEMPS, "jk02-24s").values, "jk02-24s");
    expect(live.cellVoltages).toEqual([3.292, 3.291, 3.292, 3.292, 3.288, 3.292, 3.291, 3.292, 3.292, 3.292, 3.292, 3.292, 3.291]);
    expect(live.packVoltage).toBe(42.786);
    expect(live.temperatures).toEqual([-3.1, -2.9]);
    expect(live).toMatchObject({ mosTemperature: 0.5, soc: 47, cycleCount: 56, chargeMos: false, dischargeMos: false });
  });

  it("mpp-solar getCellData: cells, 53.692 V, T1 28.6, T2 27.8, MOS 31.6 °C, 99 %, 199.787 of 200 Ah, cycle capacity 85.468 Ah, 16D18H39M52S, resistances", () => {
    const decoded = cellInfo(M.MPP_CELL_INFO_JK02, "jk02-24s");
    const live = eb90LiveData(decoded.values, "jk02-24s");
    expect(live.cellVoltages).toEqual([3.374, 3.368, 3.322, 3.374, 3.375, 3.362, 3.362, 3.347, 3.353, 3.357, 3.357, 3.351, 3.359, 3.35, 3.323, 3.359]);
    expect(decoded.values["averageCellVoltage"]).toBe(3.356);
    expect(decoded.values["deltaCellVoltage"]).toBe(0.053);
    expect((decoded.values["cellResistances"] as number[]).slice(0, 16)).toEqual([0.155, 0.198, 0.16, 0.179, 0.188, 0.204, 0.19, 0.177, 0.18, 0.301, 0.317, 0.176, 0.161, 0.171, 0.178, 0.173]);
    expect(live).toMatchObject({ packVoltage: 53.692, mosTemperature: 31.6, soc: 99, remainingCapacity: 199.787, fullChargeCapacity: 200, cycleCount: 0, cycleCapacity: 85.468, runtime: 16 * 86400 + 18 * 3600 + 39 * 60 + 52 });
    expect(live.temperatures).toEqual([28.6, 27.8]);
  });
});

describe("JK02 32-cell cell info", () => {
  it("esphome v11 (JK_PB2A16S15P 14.20): 16 cells, 51.689 V, 0 A, T1/T2 17.7 °C, MOS 17.3 °C, SOC 52 %, 1.043 of 2 Ah, 107 416 s", () => {
    const live = eb90LiveData(cellInfo(E.CELL_INFO_JK02_32S_V11, "jk02-32s").values, "jk02-32s");
    expect(live.cellVoltages).toHaveLength(16);
    expect([live.cellVoltages[0], live.cellVoltages[1], live.cellVoltages[10], live.cellVoltages[15]]).toEqual([3.246, 3.23, 3.216, 3.242]);
    expect(live.cells).toMatchObject({ min: 3.216, minCell: 11, max: 3.246, maxCell: 1, delta: 0.03 });
    expect(live).toMatchObject({ packVoltage: 51.689, current: 0, mosTemperature: 17.3, soc: 52, soh: 100, remainingCapacity: 1.043, fullChargeCapacity: 2, cycleCount: 0, runtime: 107_416, chargeMos: true, dischargeMos: true });
    expect(live.temperatures.slice(0, 2)).toEqual([17.7, 17.7]);
  });

  it("esphome v19 (JK-PB2A16S20P 19.27): −0.727 A discharging, power signed by it, 54.028 V, T1 11.9, T2 12.7, MOS 12.8 °C, 100 %, 312.898 of 314 Ah, 5 cycles, log 62, LFP", () => {
    const decoded = cellInfo(E.CELL_INFO_JK02_32S_V19, "jk02-32s");
    const live = eb90LiveData(decoded.values, "jk02-32s");
    expect([live.cellVoltages[0], live.cellVoltages[15]]).toEqual([3.381, 3.377]);
    expect(live.cells).toMatchObject({ min: 3.374, minCell: 10, max: 3.381, maxCell: 1, delta: 0.007 });
    expect(live).toMatchObject({ packVoltage: 54.028, current: -0.727, power: -39.278, mosTemperature: 12.8, soc: 100, remainingCapacity: 312.898, fullChargeCapacity: 314, cycleCount: 5, runtime: 3_609_276 });
    expect(live.temperatures.slice(0, 2)).toEqual([11.9, 12.7]);
    expect(decoded.values).toMatchObject({ detailLogCount: 62, batteryType: 0 });
  });

  it("mpp-solar jkpb.py (JK-PB over RS-485): 8 cells, 26.852 V, +17.841 A charging, 479.072 W, SOC 88 %, 193.465 of 220 Ah, 101 cycles", () => {
    const live = eb90LiveData(cellInfo(M.MPP_PB_CELL_INFO_REPLY.subarray(0, 300), "jk02-32s").values, "jk02-32s", 1);
    expect(live.cellVoltages).toEqual([3.357, 3.357, 3.357, 3.356, 3.356, 3.357, 3.356, 3.356]);
    expect(live).toMatchObject({ address: 1, packVoltage: 26.852, current: 17.841, power: 479.072, soc: 88, remainingCapacity: 193.465, fullChargeCapacity: 220, cycleCount: 101, mosTemperature: 30 });
    // Probes 3–5 in JK's register order (bytes 254, 256, 258 = live 0xF8, 0xFA, 0xFC + 6): 30.0, 28.6, 28.6 °C.
    expect(live.temperatures).toEqual([29.6, 29.4, 30, 28.6, 28.6]);
  });
});

describe("alarms in the shared model", () => {
  it("the 32-cell alarm word (offset 166): bit 4 cell overvoltage and bit 14 discharge short circuit become COMMON_ALARMS ids; bit 28 keeps its number", () => {
    const decoded = cellInfo(E.CELL_INFO_JK02_32S_V19, "jk02-32s");
    const word = 2 ** 4 + 2 ** 14 + 2 ** 28;
    const frame = encodeEb90Frame(layoutOf("jk02-32s", 2), 2, decoded.counter, { ...decoded.values, alarms: word });
    expect(Array.from(frame.subarray(166, 170))).toEqual([0x10, 0x40, 0x00, 0x10]);
    const live = eb90LiveData(cellInfo(frame, "jk02-32s").values, "jk02-32s");
    expect(live.alarms).toEqual({ value: word, bits: [4, 14, 28], names: ["cellOvervoltage", "dischargeShortCircuit"] });
    expect(pbBatterySummary(live).alarms.map((a) => a.id)).toEqual(["cell-overvoltage", "short-circuit", "jk-alarm-bit-28"]);
  });
});

describe("JK04 cell info (IEEE floats)", () => {
  it("esphome JK-B2A16S: cell 1 3.3527 V (min), cell 2 3.3586 V (max), sum 53.691 V, runtime 1 873 811 s, balancing", () => {
    const v = cellInfo(E.CELL_INFO_JK04, "jk04").values;
    const cells = (v["cellVoltages"] as number[]).filter((x) => x > 0);
    expect(cells).toHaveLength(16);
    expect(cells[0]).toBeCloseTo(3.3527, 4);
    expect(cells[1]).toBeCloseTo(3.3586, 4);
    expect(cells.reduce((a, b) => a + b, 0)).toBeCloseTo(53.691, 3);
    expect(v).toMatchObject({ runtime: 1_873_811, balanceState: 1 });
  });

  it("mpp-solar getCellData: 24 float cells, lowest 12, highest 8, average and delta, uptime 0D3H23M12S", () => {
    const v = cellInfo(M.MPP_CELL_INFO_JK04, "jk04").values;
    const cells = v["cellVoltages"] as number[];
    expect(cells[0]).toBeCloseTo(2.297119379043579, 6);
    expect(cells[1]).toBeCloseTo(2.355255365371704, 6);
    expect(Math.min(...cells)).toBe(cells[11]);
    expect(Math.max(...cells)).toBe(cells[7]);
    expect((v["cellResistances"] as number[])[0]).toBeCloseTo(0.23525111377239227, 6);
    expect(v["averageCellVoltage"]).toBeCloseTo(2.327305316925049, 6);
    expect(v["deltaCellVoltage"]).toBeCloseTo(0.178879976272583, 6);
    expect(v["runtime"]).toBe(3 * 3600 + 23 * 60 + 12);
  });

  it("JK04 frames have no live summary: a typed refusal, not invented current or SOC", () => {
    const v = cellInfo(E.CELL_INFO_JK04, "jk04").values;
    expect(() => eb90LiveData(v, "jk04")).toThrow(expect.objectContaining({ code: "unsupported" }));
  });
});

describe("JK-PB settings frame (mpp-solar jkpb.py, 32-cell layout)", () => {
  it("cell protections, currents, temperatures, switches, capacity in SI units", () => {
    const v = cellInfo(M.MPP_PB_SETTINGS_REPLY.subarray(0, 300), "jk02-32s").values;
    expect(v).toMatchObject({
      smartSleepVoltage: 3.3,
      cellUndervoltageProtection: 2.65,
      cellUndervoltageRecovery: 2.71,
      cellOvervoltageProtection: 3.65,
      cellOvervoltageRecovery: 3.498,
      balanceTriggerVoltage: 0.005,
      maxChargeCurrent: 150,
      maxDischargeCurrent: 150,
      chargeOvertemperature: 60,
      chargeUndertemperature: -10,
      chargeUndertemperatureRecovery: -5,
      mosOvertemperature: 100,
      cellCount: 8,
      chargeSwitch: 1,
      dischargeSwitch: 1,
      balancerSwitch: 1,
      nominalCapacity: 220,
      shortCircuitDelay: 0.0015,
      balanceStartVoltage: 3.35,
      deviceAddress: 1,
      prechargeTime: 5,
    });
  });
});

describe("bad frames are refused with typed errors before any field is read", () => {
  it("a flipped byte: checksum", () => {
    const bad = E.CELL_INFO_JK02_32S_V11.slice();
    bad[150] = bad[150]! ^ 0x01;
    expect(() => decodeEb90Frame(bad)).toThrow(expect.objectContaining({ code: "checksum" }));
  });

  it.each([0, 4, 150, 299])("a frame cut to %i bytes: frame", (length) => {
    const error = (() => {
      try {
        decodeEb90Frame(E.CELL_INFO_JK02_24S_V10.subarray(0, length));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isBattError(error, "frame")).toBe(true);
  });

  it("a frame type no layout describes: unsupported", () => {
    const frame = decodeEb90Frame(E.CELL_INFO_JK02_32S_V11);
    expect(() => decodeEb90({ ...frame, type: 0x05 }, "jk02-32s")).toThrow(expect.objectContaining({ code: "unsupported" }));
  });
});
