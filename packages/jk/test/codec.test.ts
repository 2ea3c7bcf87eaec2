import { fromHex, isBattError, sum16, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import {
  decodeInfoField,
  decodeJkFrame,
  encodeActivateRequest,
  encodeJkFrame,
  encodePasswordRequest,
  encodeReadAllRequest,
  encodeReadRequest,
  encodeWriteRequest,
  encodeValue,
  identifierByKey,
  JkCommand,
  JkSource,
  liveData,
  settingsOf,
} from "../src/index.js";
import { FRAME_14S, FRAME_20S_BAD_SUM, REQUESTS } from "./reference-frames.js";

const hex = (text: string): string => toHex(fromHex(text));

describe("4E57 request frames", () => {
  it("builds the read-all, read, activate and password frames of docs/protocols/jk.md#request-frames byte for byte", () => {
    expect(toHex(encodeReadAllRequest(JkSource.Pc))).toBe(hex(REQUESTS.readAllPc));
    expect(toHex(encodeReadAllRequest(JkSource.Gps))).toBe(hex(REQUESTS.readAllGps));
    expect(toHex(encodeReadRequest(0x00))).toBe(hex(REQUESTS.readZeroPc));
    expect(toHex(encodeReadRequest(0x83))).toBe(hex(REQUESTS.read83Pc));
    expect(toHex(encodeActivateRequest())).toBe(hex(REQUESTS.activatePc));
    expect(toHex(encodePasswordRequest(JkSource.Gps))).toBe(hex(REQUESTS.passwordGps));
  });

  it("builds the write frames of docs/protocols/jk.md#request-frames byte for byte, values encoded by the table", () => {
    const on = encodeValue(identifierByKey("chargeSwitch")!, true);
    const off = encodeValue(identifierByKey("chargeSwitch")!, false);
    expect(toHex(encodeWriteRequest(0xab, on, JkSource.Gps))).toBe(hex(REQUESTS.chargeOnGps));
    expect(toHex(encodeWriteRequest(0xab, off, JkSource.Gps))).toBe(hex(REQUESTS.chargeOffGps));
    expect(toHex(encodeWriteRequest(0xab, on))).toBe(hex(REQUESTS.chargeOnPc));
    expect(toHex(encodeWriteRequest(0xab, off))).toBe(hex(REQUESTS.chargeOffPc));
    expect(toHex(encodeWriteRequest(0xac, on))).toBe(hex(REQUESTS.dischargeOnPc));
    expect(toHex(encodeWriteRequest(0xac, off))).toBe(hex(REQUESTS.dischargeOffPc));
    const mv3510 = encodeValue(identifierByKey("cellOvervoltageProtection")!, 3.51);
    expect(toHex(encodeWriteRequest(0x90, mv3510))).toBe(hex(REQUESTS.write90Pc));
  });

  it("puts LENGTH = every byte but STX, the 68 end byte, and the byte sum through 68", () => {
    const frame = encodeJkFrame({ command: JkCommand.Write, info: [0x90, 0x0d, 0xb6] });
    expect(frame.length).toBe(((frame[2]! << 8) | frame[3]!) + 2);
    expect(frame[frame.length - 5]).toBe(0x68);
    expect((frame[frame.length - 2]! << 8) | frame[frame.length - 1]!).toBe(sum16(frame, 0, frame.length - 4));
    expect([frame[frame.length - 4], frame[frame.length - 3]]).toEqual([0, 0]);
  });

  it("decodes its own requests back", () => {
    for (const text of Object.values(REQUESTS)) {
      const frame = decodeJkFrame(fromHex(text));
      expect(frame.transmission).toBe("request");
      expect(toHex(encodeJkFrame({ ...frame, transmission: "request" }))).toBe(hex(text));
    }
  });
});

describe("docs/protocols/jk.md#14s-read-all-reply (14S, firmware H6.X__S6.1.3S__)", () => {
  const frame = decodeJkFrame(FRAME_14S);
  const snapshot = decodeInfoField(frame.info);
  const v = snapshot.values;

  it("has the documented header", () => {
    expect(FRAME_14S.length).toBe(285);
    expect(frame).toMatchObject({ command: 0x06, source: 0x00, transmission: "response", terminal: 0, record: 0 });
    expect(snapshot.order[0]).toBe(0x79);
    expect(snapshot.order[snapshot.order.length - 1]).toBe(0xc0);
    expect(snapshot.unknown).toEqual([]);
  });

  it("decodes the live values", () => {
    expect(v.cellVoltages?.map((c) => c.voltage)).toEqual([3.821, 3.834, 3.831, 3.82, 3.832, 3.834, 3.825, 3.832, 3.811, 3.834, 3.825, 3.835, 3.835, 3.826]);
    const live = liveData(snapshot);
    expect(live.cells).toMatchObject({ min: 3.811, minCell: 9, max: 3.835, maxCell: 12, delta: 0.024, count: 14 });
    expect(live).toMatchObject({ mosTemperature: 29, temperature1: 30, temperature2: 28, totalVoltage: 53.59, current: 2.08, soc: 15 });
    expect(snapshot.currentEncoding).toBe("sign-magnitude");
    expect(v).toMatchObject({ temperatureSensorCount: 2, cycleCount: 4, totalCycleCapacity: 0, cellCount: 14, protocolVersion: 1 });
    expect(v.warnings?.raw).toBe(0);
    expect(v.warnings?.active).toEqual([]);
    expect(v.status?.raw).toBe(7);
    expect(v.status?.flags).toEqual({ chargeMosOn: true, dischargeMosOn: true, balancing: true, batteryConnected: false });
  });

  it("decodes every setting", () => {
    expect(settingsOf(snapshot)).toEqual({
      totalOvervoltageProtection: 56.7,
      totalUndervoltageProtection: 42.7,
      cellOvervoltageProtection: 4.05,
      cellOvervoltageRecovery: 4,
      cellOvervoltageDelay: 5,
      cellUndervoltageProtection: 3.05,
      cellUndervoltageRecovery: 3.1,
      cellUndervoltageDelay: 5,
      cellVoltageDifferenceProtection: 0.3,
      dischargeOvercurrentProtection: 7,
      dischargeOvercurrentDelay: 3,
      chargeOvercurrentProtection: 5,
      chargeOvercurrentDelay: 5,
      balanceStartVoltage: 3.3,
      balanceTriggerVoltage: 0.008,
      activeBalanceSwitch: true,
      mosOvertemperatureProtection: 90,
      mosOvertemperatureRecovery: 70,
      boxOvertemperatureProtection: 100,
      boxOvertemperatureRecovery: 100,
      temperatureDifferenceProtection: 20,
      chargeHighTemperatureProtection: 70,
      dischargeHighTemperatureProtection: 70,
      chargeLowTemperatureProtection: -20,
      chargeLowTemperatureRecovery: -10,
      dischargeLowTemperatureProtection: -20,
      dischargeLowTemperatureRecovery: -10,
      cellCountSetting: 14,
      batteryCapacity: 14,
      chargeSwitch: true,
      dischargeSwitch: true,
      currentCalibration: 1.041,
      boardAddress: 1,
      batteryType: { value: 1, name: "ternary" },
      sleepWaitTime: 10,
      lowCapacityAlarm: 20,
      parameterPassword: "123456",
      dedicatedChargerSwitch: false,
      deviceId: "Input Us",
      manufacturingDate: "2101",
      runtime: 57856 * 60,
      startCurrentCalibration: false,
      actualBatteryCapacity: 0,
      manufacturerId: "BT3072020120000200521001",
    });
    expect(v.softwareVersion).toBe("H6.X__S6.1.3S__");
  });
});

describe("docs/protocols/jk.md#20s-vendor-example-with-a-bad-checksum", () => {
  it("is rejected with a checksum error", () => {
    expect(FRAME_20S_BAD_SUM.length).toBe(269);
    let error: unknown;
    try {
      decodeJkFrame(FRAME_20S_BAD_SUM);
    } catch (e) {
      error = e;
    }
    expect(isBattError(error, "checksum")).toBe(true);
    expect((error as Error).message).toMatch(/4923.*485C/);
  });

  it("reads as the vendor annotates it when the checksum is deliberately ignored", () => {
    const frame = decodeJkFrame(FRAME_20S_BAD_SUM, { ignoreChecksum: true });
    const snapshot = decodeInfoField(frame.info);
    const live = liveData(snapshot);
    expect(live.cellVoltages).toHaveLength(20);
    expect(live.cellVoltages[0]).toBe(3.833);
    expect(live.cellVoltages[19]).toBe(3.778);
    expect(live).toMatchObject({ mosTemperature: 27, temperature1: 30, temperature2: 30, totalVoltage: 76.12, current: 0, soc: 71, cycleCount: 1, softwareVersion: "NW_1_0_0_200428" });
    expect(snapshot.values.status?.raw).toBe(0x0b);
    expect(snapshot.values.protocolVersion).toBeUndefined();
    expect(snapshot.currentEncoding).toBe("offset");
    expect(snapshot.order[snapshot.order.length - 1]).toBe(0xb7);
  });
});

describe("frame errors", () => {
  it("rejects a truncated frame, a wrong end byte and trailing bytes with frame errors", () => {
    const expectFrameError = (bytes: Uint8Array, pattern: RegExp): void => {
      let error: unknown;
      try {
        decodeJkFrame(bytes);
      } catch (e) {
        error = e;
      }
      expect(isBattError(error, "frame")).toBe(true);
      expect((error as Error).message).toMatch(pattern);
    };
    expectFrameError(FRAME_14S.subarray(0, 200), /truncated.*285.*200/);
    const noEnd = fromHex(REQUESTS.readAllPc);
    noEnd[16] = 0x69;
    expectFrameError(noEnd, /end byte 68/);
    expectFrameError(fromHex(`${REQUESTS.readAllPc} 00`), /after the end/);
    expectFrameError(fromHex("4E 57 00 05 00"), /LENGTH 5/);
    expectFrameError(fromHex("4E 58"), /header/);
  });
});
