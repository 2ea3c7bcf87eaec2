import { createMemoryLink, fromHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { decodeEb90 } from "../src/eb90/eb90-decode.js";
import { eb90LiveData } from "../src/eb90/eb90-live.js";
import { decodeEb90Frame } from "../src/eb90/eb90-parser.js";
import { JkEb90Bms } from "../src/eb90/jk-eb90-bms.js";
import { JkPbBus, pbLiveData } from "../src/index.js";
import { JkPbListener } from "../src/pb/jk-pb-listener.js";
import { JkPbBlock } from "../src/pb/pb-blocks.js";
import { JK_PB_LIVE_MAP } from "../src/pb/pb-live-map.js";
import { fittedProbeNumbers, presenceByteOf } from "../src/pb/temperature-probes.js";
import { JkEb90Simulator, JkPbDevice, JkPbSimulator } from "../src/simulator/index.js";
import * as E from "./fixtures/esphome-jk-bms.js";
import { MPP_BUS_CAPTURE_LINES } from "./fixtures/mpp-solar-bus-capture.js";
import * as M from "./fixtures/mpp-solar.js";

// The presence byte: byte 182 of a 24-cell JK02 cell info frame, 214 on 32-cell firmware (JK-PB live
// 0xD0 + 6); bit 0 MOSFET sensor, bit n probe n, 1 = fitted (docs/protocols/jk.md#temperature-sensor-presence).

const FAST = { timeoutMs: 150, minGapMs: 0, drain: { quietMs: 5, maxMs: 50 } };
const cellInfo = (bytes: Uint8Array, generation: "jk02-24s" | "jk02-32s") => decodeEb90(decodeEb90Frame(bytes.subarray(0, 300)), generation);

/** `frame` with byte `at` replaced and the sum byte (299) made right again. */
function patched(frame: Uint8Array, at: number, value: number): Uint8Array {
  const out = frame.slice(0, 300);
  out[at] = value;
  out[299] = out.subarray(0, 299).reduce((sum, b) => (sum + b) & 0xff, 0);
  return out;
}

describe("the presence byte of real captures", () => {
  it.each([
    ["esphome 24s v10", 182, 0x07, E.CELL_INFO_JK02_24S_V10, "jk02-24s", [1, 2], [20.7, 20.7]],
    ["esphome 24s v10, negative temperatures", 182, 0x07, E.CELL_INFO_JK02_24S_V10_NEG_TEMPS, "jk02-24s", [1, 2], [-3.1, -2.9]],
    ["mpp-solar jk02 (24s)", 182, 0x07, M.MPP_CELL_INFO_JK02, "jk02-24s", [1, 2], [28.6, 27.8]],
    ["esphome 32s v11 (JK_PB2A16S15P)", 214, 0xff, E.CELL_INFO_JK02_32S_V11, "jk02-32s", [1, 2, 3, 4, 5], [17.7, 17.7, 17.3, 17.9, 18]],
    ["esphome 32s v19 (JK-PB2A16S20P)", 214, 0xff, E.CELL_INFO_JK02_32S_V19, "jk02-32s", [1, 2, 3, 4, 5], [11.9, 12.7, 12.8, 12.6, 11.4]],
    ["mpp-solar jkpb.py (JK-PB over RS-485)", 214, 0xff, M.MPP_PB_CELL_INFO_REPLY, "jk02-32s", [1, 2, 3, 4, 5], [29.6, 29.4, 30, 28.6, 28.6]],
  ] as const)("%s: byte %i is %i, the probes it marks fitted are the reading's temperatures", (_name, at, raw, bytes, generation, sensors, temperatures) => {
    expect(bytes[at]).toBe(raw);
    const decoded = cellInfo(bytes, generation);
    expect(decoded.values["temperatureSensorPresence"]).toBe(raw);
    const live = eb90LiveData(decoded.values, generation);
    expect(live).toMatchObject({ temperatureSensorPresence: raw, temperatureSensors: sensors, temperatures });
  });

  it("the mpp-solar bus capture: master and pack 1 both report 0xFF, all five probes", () => {
    const listener = new JkPbListener(createMemoryLink().host);
    for (const line of MPP_BUS_CAPTURE_LINES) listener.push(fromHex(line));
    const packs = listener.heard();
    expect(packs.map((p) => [p.address, p.temperatureSensorPresence, p.temperatureSensors])).toEqual([
      [0, 0xff, [1, 2, 3, 4, 5]],
      [1, 0xff, [1, 2, 3, 4, 5]],
    ]);
    listener.dispose();
  });
});

describe("a probe marked missing is left out, the others keep their numbers", () => {
  it("esphome v19 with byte 214 = 0x37 (probe 3 missing): T1, T2, T4, T5; MOSFET kept", () => {
    const frame = patched(E.CELL_INFO_JK02_32S_V19, 214, 0x37);
    const live = eb90LiveData(cellInfo(frame, "jk02-32s").values, "jk02-32s");
    expect(live).toMatchObject({ temperatureSensorPresence: 0x37, temperatureSensors: [1, 2, 4, 5], temperatures: [11.9, 12.7, 12.6, 11.4], mosTemperature: 12.8 });
  });

  it("esphome 24s v10 with byte 182 = 0x03 (probe 2 missing): T1 only", () => {
    const live = eb90LiveData(cellInfo(patched(E.CELL_INFO_JK02_24S_V10, 182, 0x03), "jk02-24s").values, "jk02-24s");
    expect([live.temperatureSensors, live.temperatures]).toEqual([[1], [20.7]]);
  });

  it("an empty byte (0: not even the on-board MOSFET sensor) is firmware that leaves it unfilled: every probe is kept", () => {
    const live = eb90LiveData(cellInfo(patched(E.CELL_INFO_JK02_32S_V11, 214, 0x00), "jk02-32s").values, "jk02-32s");
    expect(live.temperatureSensors).toEqual([1, 2, 3, 4, 5]);
    expect(fittedProbeNumbers(undefined, [1, 2])).toEqual([1, 2]);
  });

  it("JK-PB Modbus: the high byte of live register 0xD0 is the presence byte", () => {
    const device = new JkPbDevice({ address: 1, pack: { probes: [2, 5] } });
    device.step(0);
    const registers = device.readRegisters(JkPbBlock.live.base, JkPbBlock.live.bytes / 2);
    expect(registers[0xd0 / 2]).toBe(0b100101 << 8);
    const live = pbLiveData(1, JK_PB_LIVE_MAP.decode(0, registers));
    expect(live).toMatchObject({ temperatureSensorPresence: 0x25, temperatureSensors: [2, 5] });
    expect(live.temperatures).toHaveLength(2);
  });
});

describe("simulators with a probe missing, through the drivers", () => {
  it("55 AA EB 90 (32-cell): probes 1, 2, 4 fitted → presence 0x17 in byte 214, temperatures 1, 2, 4, keys temperature_1, _2, _4", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const simulator = new JkEb90Simulator({ pack: { probes: [4, 1, 2] } }).attach(device);
    expect(simulator.frames().cellInfo[214]).toBe(0x17);
    const bms = new JkEb90Bms(host, FAST);
    const reading = await bms.read();
    expect(reading.batteries[0]!.temperatures).toHaveLength(3);
    const temperatures = reading.measurements.filter((m) => m.kind === "temperature").map((m) => [m.key, m.name]);
    expect(temperatures).toEqual([
      ["temperature_1", "Temperature 1"],
      ["temperature_2", "Temperature 2"],
      ["temperature_4", "Temperature 4"],
      ["mos_temperature", "MOSFET temperature"],
    ]);
    bms.dispose();
  });

  it("55 AA EB 90 (24-cell): the frame has room for probes 1 and 2 only, so probes 1 and 4 are sent as 0x03 (bit 4 masked off)", async () => {
    const simulator = new JkEb90Simulator({ generation: "jk02-24s", pack: { probes: [1, 4] } });
    const frame = simulator.frames().cellInfo;
    expect(frame[182]).toBe(0x03);
    expect(eb90LiveData(cellInfo(frame, "jk02-24s").values, "jk02-24s").temperatureSensors).toEqual([1]);
  });

  it("JK-PB bus of two packs over Modbus: pack 1 without probe 1, pack 2 with all; keys carry the pack and the probe number", async () => {
    const { host, device } = createMemoryLink({ info: { baudRate: 115200 } });
    await Promise.all([host.open(), device.open()]);
    new JkPbSimulator({ packs: [{ address: 1, pack: { probes: [2, 3] } }, { address: 2 }] }).attach(device);
    const bus = new JkPbBus(host, FAST);
    const reading = await bus.read([1, 2]);
    expect(reading.batteries.map((b) => b.temperatures.length)).toEqual([2, 5]);
    const keys = reading.measurements.filter((m) => m.kind === "temperature" && m.key.includes("_temperature_")).map((m) => m.key);
    expect(keys).toEqual(["pack1_temperature_2", "pack1_temperature_3", "pack2_temperature_1", "pack2_temperature_2", "pack2_temperature_3", "pack2_temperature_4", "pack2_temperature_5"]);
    expect(reading.measurements.find((m) => m.key === "pack1_temperature_3")?.name).toBe("Pack 1 Temperature 3");
    bus.dispose();
  });

  it("the presence byte of fitted probes: bit 0 (MOSFET) always, bit n for probe n", () => {
    expect([presenceByteOf([1, 2, 3, 4, 5]), presenceByteOf([]), presenceByteOf([3])]).toEqual([0x3f, 0x01, 0x09]);
  });
});
