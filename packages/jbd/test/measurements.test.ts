import { ManualClock, TranscriptReplayer } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { decodeBasicInfo, encodeBasicInfo, jbdAlarms, PROTECTION_FLAGS, type BasicInfoRaw } from "../src/index.js";
import { driverOn, rig } from "./helpers.js";

/** The reference capture of docs/protocols/jbd.md#device-captures (JBD-SP04S034-L4S-200A-B-U): basic info and cell voltages. */
const CAPTURE = `
  => DD A5 03 00 FF FD 77
  <= DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77
  => DD A5 04 00 FF FC 77
  <= DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77
`;

/** A basic-info payload with only the protection word (and the tail's alarm word) set. */
function infoWith(protection: number, alarm?: number) {
  const raw: BasicInfoRaw = {
    voltage: 1320, current: 0, remaining: 5000, nominal: 10000, cycles: 0, date: 0x2c7c, balanceLow: 0, balanceHigh: 0,
    protection, version: 0x80, rsoc: 50, fet: 3, cellCount: 4, ntc: [2981],
    ...(alarm !== undefined ? { tail: { humidity: 40, alarm, fullCharge: 10000, remaining: 5000, balanceCurrent: 0 } } : {}),
  };
  return decodeBasicInfo(encodeBasicInfo(raw));
}

describe("read(): the reference capture in the shared model", () => {
  it("gives the battery summary, the JBD measurements, the identity and the decoded registers", async () => {
    const replayer = new TranscriptReplayer(CAPTURE);
    await replayer.open();
    const bms = driverOn(replayer, { clock: new ManualClock(5000) });
    const reading = await bms.read();
    replayer.assertComplete();

    expect(reading.time).toBe("2026-01-01T00:00:05.000Z");
    expect(reading.device).toEqual({ driver: "jbd", category: "bms", manufacturer: "JBD", firmware: "8.0", manufactureDate: "2022-03-28" });
    expect(reading.batteries).toEqual([
      {
        id: "battery",
        name: "Battery",
        voltage: 15.6,
        current: 0,
        power: 0,
        soc: 100,
        cellVoltages: [3.909, 3.901, 3.895, 3.901],
        temperatures: [22.4, 22.3, 21.7],
        chargeAllowed: true,
        dischargeAllowed: true,
        remainingCapacity: 4.98,
        fullCapacity: 5,
        alarms: [],
      },
    ]);
    const values = Object.fromEntries(reading.measurements.map((m) => [m.key, [m.value, m.unit ?? null]]));
    expect(values).toEqual({
      voltage: [15.6, "V"],
      current: [0, "A"],
      power: [0, "W"],
      soc: [100, "%"],
      remaining_capacity: [4.98, "Ah"],
      full_capacity: [5, "Ah"],
      cell_1: [3.909, "V"],
      cell_2: [3.901, "V"],
      cell_3: [3.895, "V"],
      cell_4: [3.901, "V"],
      cell_min: [3.895, "V"],
      cell_max: [3.909, "V"],
      cell_delta: [0.014, "V"],
      temperature_1: [22.4, "°C"],
      temperature_2: [22.3, "°C"],
      temperature_3: [21.7, "°C"],
      charge_allowed: [true, null],
      discharge_allowed: [true, null],
      alarm_count: [0, null],
      cycles: [0, null],
      design_capacity: [5, "Ah"],
      balancing: [false, null],
      balancing_cells: ["none", null],
      manufacture_date: ["2022-03-28", null],
    });
    expect(reading.reading.basicInfo).toMatchObject({ voltage: 15.6, softwareVersion: "8.0", cellCount: 4 });
    expect(reading.reading.cellVoltages).toEqual([3.909, 3.901, 3.895, 3.901]);
    expect(bms.counters).toMatchObject({ requests: 2, replies: 2 });
  });
});

describe("protections and alarms as shared alarm ids", () => {
  it("maps every protection bit: the shared id where the meaning is the same, jbd-software-lock for the MOSFET lock", () => {
    const ids = PROTECTION_FLAGS.map((_, bit) => jbdAlarms(infoWith(1 << bit)).map((a) => `${a.id}/${a.severity}`));
    expect(ids).toEqual([
      ["cell-overvoltage/protection"],
      ["cell-undervoltage/protection"],
      ["pack-overvoltage/protection"],
      ["pack-undervoltage/protection"],
      ["charge-overtemperature/protection"],
      ["charge-undertemperature/protection"],
      ["discharge-overtemperature/protection"],
      ["discharge-undertemperature/protection"],
      ["charge-overcurrent/protection"],
      ["discharge-overcurrent/protection"],
      ["short-circuit/protection"],
      ["frontend-fault/fault"],
      ["jbd-software-lock/protection"],
      ["mosfet-fault/fault"],
      ["mosfet-fault/fault"],
    ]);
    // Reserved bit 15 names nothing; both MOSFET breakdowns are one MOSFET fault.
    expect(jbdAlarms(infoWith(0x8000))).toEqual([]);
    expect(jbdAlarms(infoWith(0x6000))).toEqual([{ id: "mosfet-fault", name: "MOSFET fault", severity: "fault" }]);
  });

  it("the extended tail's alarm bits are warnings: cell imbalance and low capacity shared, the rest JBD's own", () => {
    expect(jbdAlarms(infoWith(0, 0x0c00))).toEqual([
      { id: "cell-imbalance", name: "Cell imbalance", severity: "warning" },
      { id: "low-capacity", name: "Low capacity", severity: "warning" },
    ]);
    expect(jbdAlarms(infoWith(0x0001, 0x0001))).toEqual([
      { id: "cell-overvoltage", name: "Cell over-voltage", severity: "protection" },
      { id: "jbd-cell-high-voltage", name: "Cell high voltage", severity: "warning" },
    ]);
  });
});

describe("read() against the simulator", () => {
  it("a known pack: literal summary values, balancing cells, humidity from the extended tail", async () => {
    const { bms } = await rig({
      pack: { cells: 4, chemistry: "lifepo4", capacity: 50, cellVoltages: [3.3, 3.31, 3.32, 3.45], ambient: 21.5, sensorOffsets: [0, 1.5], current: 0 },
      extendedInfo: true,
      humidity: 41,
      alarms: 0x0400,
    });
    const reading = await bms.read();
    const [battery] = reading.batteries;
    expect(battery).toEqual({
      id: "battery",
      name: "Battery",
      voltage: 13.38,
      current: 0,
      power: 0,
      soc: 62, // cells at 40, 50, 60 and 96.25 % on the LiFePO4 curve
      cellVoltages: [3.3, 3.31, 3.32, 3.45],
      temperatures: [21.5, 23],
      chargeAllowed: true,
      dischargeAllowed: true,
      remainingCapacity: 30.78,
      fullCapacity: 50,
      alarms: [{ id: "cell-imbalance", name: "Cell imbalance", severity: "warning" }],
    });
    const value = (key: string) => reading.measurements.find((m) => m.key === key)?.value;
    expect([value("balancing"), value("balancing_cells"), value("humidity"), value("alarm_count")]).toEqual([true, "4", 41, 1]);
  });

  it("MOSFETs off by command: charge and discharge not allowed, and the software lock is an alarm", async () => {
    const { bms } = await rig();
    await bms.setMosfet({ charge: false, discharge: false });
    const [battery] = (await bms.read()).batteries;
    expect(battery).toMatchObject({ chargeAllowed: false, dischargeAllowed: false, alarms: [{ id: "jbd-software-lock", severity: "protection" }] });
  });

  it("an NTC over its limits trips both temperature protections, shown with the shared ids", async () => {
    const { bms, simulator } = await rig({ pack: { sensorOffsets: [55, 0] } }); // NTC 1 at 80 °C
    simulator.step(10_000);
    const [battery] = (await bms.read()).batteries;
    expect(battery!.alarms.map((a) => a.id)).toEqual(["charge-overtemperature", "discharge-overtemperature"]);
    expect(battery).toMatchObject({ chargeAllowed: false, dischargeAllowed: false, temperatures: [80, 25] });
  });
});

describe("identity", () => {
  it("read() never asks for the model (0x05); identify() reads it once and later readings carry it", async () => {
    const { bms, simulator } = await rig({ model: "JBD-SP04S034-L4S-200A-B-U", softwareVersion: 0x23, manufactureDate: "2023-05-17" });
    expect((await bms.read()).device).toEqual({ driver: "jbd", category: "bms", manufacturer: "JBD", firmware: "2.3", manufactureDate: "2023-05-17" });
    expect(simulator.requests.map((r) => r.register)).toEqual([0x03, 0x04]);
    const identity = await bms.identify();
    expect(identity).toEqual({ driver: "jbd", category: "bms", manufacturer: "JBD", model: "JBD-SP04S034-L4S-200A-B-U", firmware: "2.3", manufactureDate: "2023-05-17" });
    expect(await bms.identify()).toBe(identity);
    expect((await bms.read()).device.model).toBe("JBD-SP04S034-L4S-200A-B-U");
    expect(simulator.requests.map((r) => r.register)).toEqual([0x03, 0x04, 0x03, 0x05, 0x03, 0x04]);
  });

  it("a BMS that does not answer 0x05 is identified without a model", async () => {
    const { bms, simulator } = await rig({}, { retry: { retries: 0 } });
    const device = simulator.device;
    const original = device.handle.bind(device);
    device.handle = (request) => (request.register === 0x05 ? { register: 0x05, status: 0x80, data: new Uint8Array(0) } : original(request));
    expect(await bms.identify()).toEqual({ driver: "jbd", category: "bms", manufacturer: "JBD", firmware: "8.0", manufactureDate: "2022-03-28" });
  });

  it("a cancelled identify rejects and is tried again next time", async () => {
    const { bms } = await rig();
    const controller = new AbortController();
    controller.abort();
    await expect(bms.identify({ signal: controller.signal })).rejects.toMatchObject({ code: "aborted" });
    expect((await bms.identify()).model).toBe("JBD-SIM-4S");
  });
});

