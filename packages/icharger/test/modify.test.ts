import { describe, expect, it } from "vitest";
import { Order, modifyWrite } from "../src/index.js";
import { hidRig, rigPerTest, sleep } from "./support/rigs.js";

const failure = (p: Promise<unknown>): Promise<{ code: string; message: string }> =>
  p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as { code: string; message: string },
  );

describe("MODIFY: the current of a running program (electric #124, docs/protocols/icharger.md#control-registers-holding-0x8000)", () => {
  const open = rigPerTest(hidRig);

  it("writes [channel, 0x55AA, 2, mA, mV] at 0x8002", () => {
    expect(modifyWrite(0, 2500, 16800)).toEqual({ address: 0x8002, values: [0, 0x55aa, 2, 2500, 16800] });
    expect(modifyWrite(1, 500, 8400).values).toEqual([1, 0x55aa, Order.Modify, 500, 8400]);
  });

  it("changes the current while charging, reads the limits back, and the channel follows", async () => {
    const { charger, sim, clock } = await open();
    await charger.start({ channel: 0, preset: 0, operation: "charge" });
    await sleep(clock, 1500);
    const before = (await charger.readChannelStatus(0)).current;
    const result = await charger.modify({ channel: 0, current: 1.2, voltage: 16.8 });
    expect(result).toEqual({ channel: 0, current: 1.2, voltage: 16.8, previous: { current: 0, voltage: 0 } });
    expect(sim.device.orders.at(-1)).toMatchObject({ order: Order.Modify, channel: 0 });
    await sleep(clock, 1500);
    const after = (await charger.readChannelStatus(0)).current;
    expect(before).toBeGreaterThan(1.5);
    expect(after).toBeCloseTo(1.2, 1);
    // The voltage limit the charger now holds is kept when only the current is given.
    expect(await charger.modify({ channel: 0, current: 1.5 })).toMatchObject({ current: 1.5, voltage: 16.8, previous: { current: 1.2, voltage: 16.8 } });
  });

  it("refuses before sending: a current above the model's limit, a voltage above its cells, an idle channel, no voltage known", async () => {
    const { charger, sim } = await open();
    const max = charger.model.maxChargeCurrent;
    const orders = sim.device.orders.length;
    expect(await failure(charger.modify({ channel: 0, current: max + 1, voltage: 8.4 }))).toMatchObject({ code: "invalid-argument", message: expect.stringContaining(`at most ${max} A`) });
    expect(await failure(charger.modify({ channel: 0, current: 0, voltage: 8.4 }))).toMatchObject({ code: "invalid-argument" });
    expect(await failure(charger.modify({ channel: 0, current: 1, voltage: charger.model.cellsPerChannel * 4.35 + 0.1 }))).toMatchObject({ code: "invalid-argument" });
    expect(await failure(charger.modify({ channel: 0, current: 1, voltage: 8.4 }))).toMatchObject({ code: "invalid-argument", message: expect.stringContaining("not running") });
    await charger.start({ channel: 0, preset: 0, operation: "charge" });
    expect(await failure(charger.modify({ channel: 0, current: 1 }))).toMatchObject({ code: "invalid-argument", message: expect.stringContaining("give the voltage") });
    expect(sim.device.orders.length).toBe(orders + 1); // only the RUN
  });
});

describe("batt icharger current", () => {
  it("checks the amps and the voltage before the link opens", async () => {
    const { plugin } = await import("../src/cli.js");
    const command = plugin.commands!.find((c) => c.name === "current")!;
    const prepare = (args: string[], options = {}) => Promise.resolve().then(() => command.prepare!(args, options, {}));
    expect(await prepare(["2.5"], { channel: "2", voltage: "16.8" })).toEqual({ channel: 1, current: 2.5, voltage: 16.8 });
    for (const bad of [[], ["0"], ["-1"], ["lots"], ["99"]]) expect(await prepare(bad).catch((e: unknown) => e)).toMatchObject({ code: "invalid-argument" });
    expect(await prepare(["2"], { voltage: "x" }).catch((e: unknown) => e)).toMatchObject({ code: "invalid-argument" });
  });
});

describe("MODIFY over serial Modbus, byte for byte (the IT layout of docs/protocols/icharger.md#control-registers-holding-0x8000; CRCs computed)", () => {
  it("reads the status word and the limits, writes 01 10 80 02 00 05 0A 00 00 55 AA 00 02 04 B0 41 A0, reads them back", async () => {
    const { TranscriptReplayer } = await import("@batt/core/testing");
    const { ICharger } = await import("../src/index.js");
    const { DEVICE_INFO_308, rtuReadReply } = await import("./support/frames.js");
    const replayer = new TranscriptReplayer(`
=> 01 04 00 00 00 0D 31 CF
<= ${rtuReadReply(1, 0x04, DEVICE_INFO_308)}
=> 01 04 00 0B 00 01 40 08
<= 01 04 02 00 21 79 28
=> 01 03 80 05 00 02 FD CA
<= 01 03 04 09 C4 41 A0 88 7A
=> 01 10 80 02 00 05 0A 00 00 55 AA 00 02 04 B0 41 A0 04 6C
<= 01 10 80 02 00 05 88 0A
=> 01 03 80 05 00 02 FD CA
<= 01 03 04 04 B0 41 A0 CA CC
`);
    await replayer.open();
    const charger = await ICharger.open(replayer, { address: 1 });
    expect(await charger.modify({ channel: 0, current: 1.2 })).toEqual({ channel: 0, current: 1.2, voltage: 16.8, previous: { current: 2.5, voltage: 16.8 } });
    replayer.assertComplete();
    charger.dispose();
  });
});
