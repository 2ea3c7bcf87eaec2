import { createMemoryLink, isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { JkBms, JkCommand } from "../src/index.js";
import { JkSimulator, ManualClock } from "../src/simulator/index.js";
import { connect4e57 } from "./harness.js";

const commands = (sim: JkSimulator): number[] => sim.requests.map((r) => r.command);

describe("JkBms against the simulator (4E57)", () => {
  it("reads the live state of the simulated pack", async () => {
    const { simulator, driver } = await connect4e57({ pack: { cells: 8, soc: 60, capacity: 50 } });
    simulator.setCurrent(-10);
    simulator.step(60_000);
    const live = await driver.readLive();
    const pack = simulator.device.pack;
    expect(live.cellVoltages).toEqual(pack.cellVoltages());
    expect(live.cells?.count).toBe(8);
    expect(live.current).toBe(-10);
    expect(live.soc).toBe(Math.round(pack.soc()));
    expect(live.totalVoltage).toBeCloseTo(pack.totalVoltage(), 2);
    expect(live.status?.flags).toMatchObject({ chargeMosOn: true, dischargeMosOn: true, batteryConnected: true });
    expect(live.protocolVersion).toBe(1);
    expect(commands(simulator)).toEqual([JkCommand.ReadAll]);
  });

  it("switches the charge MOSFET off with password, write and read-back", async () => {
    const { simulator, driver } = await connect4e57();
    const result = await driver.setChargeSwitch(false);
    expect(result).toMatchObject({ key: "chargeSwitch", id: 0xab, value: false, previous: true, readBack: false, changed: true, verified: true, confirmedOnDevices: true });
    expect(commands(simulator)).toEqual([JkCommand.ReadAll, JkCommand.Password, JkCommand.Write, JkCommand.ReadAll]);
    const write = simulator.requests[2]!;
    expect([...write.info]).toEqual([0xab, 0x00]);
    simulator.setCurrent(20);
    simulator.step(1000);
    const live = await driver.readLive();
    expect(live.chargeSwitch).toBe(false);
    expect(live.status?.flags.chargeMosOn).toBe(false);
    expect(live.current).toBe(0); // the charger is blocked
  });

  it("switches the discharge MOSFET and skips a write the BMS already holds", async () => {
    const { simulator, driver } = await connect4e57();
    expect((await driver.setDischargeSwitch(false)).readBack).toBe(false);
    const before = simulator.requests.length;
    const again = await driver.setDischargeSwitch(false);
    expect(again).toMatchObject({ changed: false, verified: true, readBack: false });
    expect(commands(simulator).slice(before)).toEqual([JkCommand.ReadAll]);
    expect((await driver.setDischargeSwitch(true, { force: false })).readBack).toBe(true);
  });

  it("writes a 2-byte setting and reads it back in SI units", async () => {
    const { simulator, driver } = await connect4e57();
    const result = await driver.writeSetting("cellOvervoltageProtection", 3.51);
    expect(result).toMatchObject({ value: 3.51, readBack: 3.51, confirmedOnDevices: false });
    expect([...simulator.requests[2]!.info]).toEqual([0x90, 0x0d, 0xb6]);
    expect((await driver.readSettings()).cellOvervoltageProtection).toBe(3.51);
    const several = await driver.writeSettings({ chargeLowTemperatureProtection: -15, batteryType: "lto", deviceId: "PACK-02" });
    expect(several.map((r) => r.readBack)).toEqual([-15, { value: 2, name: "lto" }, "PACK-02"]);
  });

  it("refuses an invalid value before sending anything", async () => {
    const { simulator, driver } = await connect4e57();
    for (const attempt of [
      () => driver.writeSetting("cellOvervoltageProtection", 5),
      () => driver.writeSetting("batteryType", "lead-acid"),
      () => driver.writeSetting("deviceId", "far too long"),
      () => driver.writeSettings({ chargeSwitch: true, cellCountSetting: 2 }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "invalid-argument" });
    }
    expect(simulator.requests).toHaveLength(0);
  });

  it("reports verify-failed when the BMS ignores a write (0x9D on firmware v11)", async () => {
    const { simulator, driver } = await connect4e57();
    const error = await driver.writeSetting("activeBalanceSwitch", false).catch((e: unknown) => e);
    expect(isBattError(error, "verify-failed")).toBe(true);
    expect(simulator.device.settings["activeBalanceSwitch"]).toBe(true);
  });

  it("carries out write-only commands without a read-back", async () => {
    const { simulator, driver } = await connect4e57();
    const result = await driver.writeSetting("restartSystem", 1);
    expect(result).toMatchObject({ changed: true, verified: false });
    expect(result.readBack).toBeUndefined();
    expect(simulator.device.commands).toEqual([{ key: "restartSystem", value: 1 }]);
    expect(commands(simulator)).toEqual([JkCommand.Password, JkCommand.Write]);
  });

  it("reads a single identifier with command 03", async () => {
    const { simulator, driver } = await connect4e57({ pack: { cells: 4 } });
    const total = await driver.readIdentifier("totalVoltage");
    expect(total).toBeCloseTo(simulator.device.pack.totalVoltage(), 2);
    expect(simulator.requests[0]).toMatchObject({ command: JkCommand.Read });
    const cells = await driver.readIdentifier("cellVoltages");
    expect(cells.map((c) => c.voltage)).toEqual(simulator.device.pack.cellVoltages());
    expect(await driver.readIdentifier("batteryType")).toEqual({ value: 0, name: "lifepo4" });
  });

  it("decodes the offset current of old firmware without 0xC0", async () => {
    const { simulator, driver } = await connect4e57({ firmware: "legacy", pack: { soc: 50 } });
    simulator.setCurrent(-12.5);
    simulator.step(1000);
    const snapshot = await driver.readAll();
    expect(snapshot.values.protocolVersion).toBeUndefined();
    expect(snapshot.currentEncoding).toBe("offset");
    expect(snapshot.values.current).toBe(-12.5);
    expect(snapshot.values.softwareVersion).toBe("NW_1_0_0_200428");
    expect(snapshot.order[snapshot.order.length - 1]).toBe(0xb7);
  });

  it("keeps 100 ms between requests by default", async () => {
    const clock = new ManualClock();
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const simulator = new JkSimulator({ clock }).attach(device);
    const arrivals: number[] = [];
    device.onData(() => arrivals.push(clock.now()));
    const driver = new JkBms(host, { clock });
    const reads = Promise.all([driver.readAll(), driver.readAll(), driver.readAll()]);
    for (let i = 0; i < 40 && simulator.counters.replies < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      clock.advance(10);
    }
    await reads;
    expect(arrivals).toHaveLength(3);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(100);
    expect(arrivals[2]! - arrivals[1]!).toBeGreaterThanOrEqual(100);
  });
});
