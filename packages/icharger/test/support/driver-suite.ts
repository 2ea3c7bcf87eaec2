import { describe, expect, it } from "vitest";
import { failure } from "@batt/test-support/failure";
import { Order } from "../../src/index.js";
import { rigPerTest, sleep, type RigFactory } from "./rigs.js";

/**
 * The driver suite: the same behaviour over every link (USB HID framing, serial RTU in memory, serial
 * RTU over a real pseudo-terminal). Each test builds its own rig.
 */
export function driverSuite(title: string, factory: RigFactory): void {
  describe(title, () => {
    const open = rigPerTest(factory);

    it("identifies a 308 DUO by its device ID and reads device info", async () => {
      const { charger } = await open({ sim: { serialNumber: "ABC123456789" } });
      expect(charger.identified?.by).toBe("device-id");
      expect(charger.model.id).toBe("308duo");
      const info = await charger.readDeviceInfo();
      expect(info).toMatchObject({ deviceId: 66, serialNumber: "ABC123456789", softwareVersion: "2.18", systemLength: 118, memoryLength: 173 });
      expect(info.status).toHaveLength(2);
      expect(info.status[0]).toMatchObject({ run: false, error: false, cellVoltage: true });
    });

    it("reads both channels: cells, voltages, idle status", async () => {
      const { charger } = await open({
        sim: { packs: [{ cells: 4, cellVoltages: [3.81, 3.82, 3.83, 3.84] }, { cells: 3, cellVoltages: [3.7, 3.7, 3.7] }] },
      });
      const reading = await charger.readAll();
      expect(reading.channels).toHaveLength(2);
      const [a, b] = reading.channels;
      expect(a!.cellCount).toBe(4);
      expect(a!.cells.slice(0, 4)).toEqual([3.81, 3.82, 3.83, 3.84]);
      expect(a!.cells).toHaveLength(8);
      expect(a!.outputVoltage).toBeCloseTo(15.3, 2);
      expect(a!.inputVoltage).toBe(24);
      expect(a!.current).toBe(0);
      expect(a!.runStatus).toEqual({ value: 0, observedMeaning: "idle" });
      expect(b!.cellCount).toBe(3);
    });

    it("lists the presets and reads every field of one", async () => {
      const { charger } = await open();
      const index = await charger.readPresetIndex();
      expect(index.slots).toEqual([0, 1, 2, 3, 4, 5, 6]);
      const list = await charger.listPresets();
      expect(list.map((p) => p.chemistry)).toEqual(["LiPo", "LiIo", "LiFe", "NiMH", "NiCd", "Pb", "LiHV"]);
      const lipo = await charger.readPreset(0);
      expect(lipo).toMatchObject({ state: "used", name: "LiPo 2A / 5A", chemistry: "LiPo" });
      expect(lipo.values).toMatchObject({ chargeCurrent: 2, dischargeCurrent: 5, liPoChg: 4.2, liPoSto: 3.85, safetyTempC: 45, liHvChg: 4.35, capacity: 2.2 });
      expect((lipo.values.opEnable as { readonly names: readonly string[] }).names).toEqual(["charge", "storage", "discharge", "cycle", "balance"]);
    });

    it("changes a preset, saves it with the order key, and relocks", async () => {
      const { charger, sim } = await open();
      const result = await charger.writePreset(0, { chargeCurrent: 3.5, name: "Pack A" });
      expect([...result.changed].sort()).toEqual(["chargeCurrent", "name"]);
      expect(result.preset.values.chargeCurrent).toBe(3.5);
      expect(sim.device.orders.map((o) => o.order)).toContain(Order.WriteMem);
      expect(sim.device.control[3]).toBe(0); // relocked
      expect((await charger.readPreset(0)).name).toBe("Pack A");
      const again = await charger.writePreset(0, { chargeCurrent: 3.5 });
      expect(again.changed).toEqual([]);
    });

    it("creates a preset in an empty slot and adds it to the index", async () => {
      const { charger, sim } = await open();
      const result = await charger.writePreset(9, { name: "New", type: "LiFe", chargeCurrent: 1, dischargeCurrent: 1, liFeChg: 3.6, liFeSto: 3.3, liFeDchg: 2.5, opEnable: ["charge", "discharge"] });
      expect(result.created).toBe(true);
      expect(result.preset).toMatchObject({ state: "used", chemistry: "LiFe" });
      expect((await charger.readPresetIndex()).slots).toEqual([0, 1, 2, 3, 4, 5, 6, 9]);
      expect(sim.device.orders.map((o) => o.order)).toEqual(expect.arrayContaining([Order.WriteMem, Order.WriteMemHead]));
    });

    it("refuses preset values out of range and sends nothing", async () => {
      const { charger, sim } = await open();
      const before = sim.counters.requests;
      const flash = [...sim.device.slots[0]!];
      const refused: Record<string, number | string>[] = [{ chargeCurrent: 31 }, { liPoChg: 4.4 }, { liPoSto: 4.3 }, { type: "Unobtainium" }, { useFlag: 0 }, { nonsense: 1 }];
      for (const changes of refused) {
        const error = await failure(charger.writePreset(0, changes));
        expect(error.code).toBe("invalid-argument");
      }
      expect(sim.device.slots[0]).toEqual(flash);
      expect(sim.device.memoryWindow).toEqual(flash); // nothing written to MEMORY
      expect(sim.device.orders).toEqual([]);
      expect(sim.counters.requests).toBeGreaterThan(before); // the preset was read each time
    });

    it("reads SYSTEM settings and writes one, verified and saved", async () => {
      const { charger, sim } = await open();
      const settings = await charger.readSystemSettings();
      expect(settings.layout).toBe("duo");
      expect(settings.values).toMatchObject({ cutTemperature: 70, dcInputOverVoltage: 50.5, chargePowerCh1: 400, modbusMode: { value: 1, name: "HID" } });
      const result = await charger.writeSystemSettings({ cutTemperature: 72.5, beepEnableKey: "off" });
      expect(result.changed).toEqual(["cutTemperature", "beepEnableKey"]);
      expect(result.persisted).toBe(true);
      expect(sim.device.systemFlash[1]).toBe(725);
      expect(sim.device.control[3]).toBe(0);
      expect((await failure(charger.writeSystemSettings({ cutTemperature: 80 }))).code).toBe("invalid-argument");
      expect((await failure(charger.writeSystemSettings({ chargePowerCh1: 900 }))).message).toContain("308 DUO");
      expect((await failure(charger.writeSystemSettings({ baudRate: "115200" }))).message).toContain("allowLinkChanges");
      expect((await failure(charger.writeSystemSettings({ systemVersion: 2 }))).message).toContain("read-only");
    });

    it("starts a charge verified from the status word, and stops it", async () => {
      const { charger, sim, clock, virtual } = await open();
      const started = await charger.start({ channel: 0, preset: 0, operation: "charge" });
      expect(started).toMatchObject({ verified: true, operationCode: 0, chemistry: "LiPo" });
      expect(started.status?.run).toBe(true);
      expect(sim.device.orders.at(-1)).toEqual({ order: Order.Run, operation: 0, slot: 0, channel: 0 });
      await sleep(clock, virtual ? 1500 : 700);
      const status = await charger.readChannelStatus(0);
      expect(status.runStatus.observedMeaning).toBe("charging");
      expect(status.current).toBeGreaterThan(1.5);
      expect(status.time).toBeGreaterThan(0.3);
      expect(status.power).toBeCloseTo(status.outputVoltage * status.current, 0);
      const word = await charger.stop(0);
      expect(word?.run).toBe(false);
      expect(sim.device.channels[0]!.phase).toBe("stopped");
      expect((await charger.readChannelStatus(0)).runStatus.value).toBe(1);
    });

    it("runs storage, discharge and balance with the lithium operation numbers", async () => {
      const { charger, sim } = await open();
      for (const [operation, code] of [["storage", 1], ["discharge", 2], ["balance", 4]] as const) {
        const result = await charger.start({ channel: 1, preset: 0, operation });
        expect(result.operationCode).toBe(code);
        expect(sim.device.channels[1]!.operation).toBe(operation);
        await charger.stop(1);
      }
    });

    it("uses the nickel numbering: discharge of a NiMH preset is operation 1; storage is refused before RUN", async () => {
      const { charger, sim } = await open({ sim: { packs: [{ chemistry: "NiMH", cells: 6, cellVoltages: [1.25, 1.25, 1.25, 1.25, 1.25, 1.25] }] } });
      const result = await charger.start({ channel: 0, preset: 3, operation: "discharge" });
      expect(result.operationCode).toBe(1);
      expect(sim.device.channels[0]!.operation).toBe("discharge");
      await charger.stop(0);
      const runs = sim.device.orders.filter((o) => o.order === Order.Run).length;
      expect((await failure(charger.start({ channel: 0, preset: 3, operation: "storage" }))).code).toBe("invalid-argument");
      expect(sim.device.orders.filter((o) => o.order === Order.Run).length).toBe(runs);
    });

    it("reports a failed start with the run error and leaves the channel stopped", async () => {
      const { charger, sim } = await open();
      sim.device.failNextStart(1, 0x2300);
      const error = await failure(charger.start({ channel: 1, preset: 0, operation: "charge" }));
      expect(error.code).toBe("device-exception");
      expect(error.message).toContain("3500");
      expect(error.message).toContain("channel occupied");
      expect(error.context.deviceCode).toBe(0x2300);
      expect(sim.device.orders.at(-1)?.order).toBe(Order.Stop);
      expect(sim.device.channels[1]!.running).toBe(false);
    });

    it("reports a missing balance lead as error 2900 (0x1D00)", async () => {
      const { charger } = await open({ sim: { packs: [{ balanceLead: false }] } });
      const error = await failure(charger.start({ channel: 0, preset: 0, operation: "charge" }));
      expect(error.context.deviceCode).toBe(0x1d00);
      expect(error.message).toContain("balance port");
    });

    it("answers a dialog box", async () => {
      const { charger, sim } = await open();
      sim.device.openDialog(0, 7);
      expect((await charger.readStatusWord(0)).dialogBox).toBe(true);
      expect((await charger.readChannelStatus(0)).dialogBoxId).toBe(7);
      await charger.answerDialog("yes");
      expect(sim.device.dialogAnswers).toEqual(["yes"]);
      expect((await charger.readStatusWord(0)).dialogBox).toBe(false);
      expect(sim.device.control[3]).toBe(0);
    });

    it("reads the charger's own IR results after a start", async () => {
      const { charger } = await open({ sim: { packs: [{ cells: 3, cellResistance: [0.0215, 0.024, 0.0302], leadResistance: 0.008 }] } });
      await charger.start({ channel: 0, preset: 0, operation: "charge" });
      await charger.stop(0);
      const ir = await charger.readInternalResistance(0);
      expect(ir).toEqual({ channel: 0, cellCount: 3, cellIr: [0.0215, 0.024, 0.0302], cellIrRaw: [215, 240, 302], totalIr: 0.0757, lineIr: 0.008 });
    });

    it("measures IR per cell within 3 % with a discharge pulse and stops the channel", async () => {
      const irs = [0.018, 0.025, 0.031, 0.022];
      const { charger, sim } = await open({ sim: { packs: [{ cells: 4, cellResistance: irs, cellVoltages: [3.9, 3.88, 3.91, 3.89] }] } });
      const result = await charger.measureIr({ channel: 0, preset: 0 });
      expect(result.cells).toBe(4);
      expect(result.current).toBeGreaterThan(4);
      result.cellIr.forEach((r, i) => expect(Math.abs(r - irs[i]!) / irs[i]!).toBeLessThan(0.03));
      const mean = irs.reduce((a, b) => a + b) / irs.length;
      result.irRatio.forEach((ratio, i) => expect(ratio).toBeCloseTo(irs[i]! / mean, 1));
      expect(Math.abs(result.packIr - 0.096)).toBeLessThan(0.005);
      expect(sim.device.channels[0]!.running).toBe(false);
      expect(sim.device.orders.map((o) => o.order)).toEqual([Order.Run, Order.Stop]);
    });
  });
}
