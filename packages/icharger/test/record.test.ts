import { fromHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { decodeLogView, formatLog, type LogViewSample } from "../src/index.js";
import { hidRig, rigPerTest, rtuRig } from "./support/rigs.js";

// A channel-1 sample report (docs/protocols/icharger.md#logview-reports): 61 s, charge, LiPo, 2.50 A, 24.000 V in,
// 16.400 V out, 42 mAh, 30.1 °C, no probe (external 00 00: an empty column), cells 4.100 4.101 4.099 4.100 V.
const SAMPLE = "28 10 01 48 ee 00 00 01 01 00 fa 00 c0 5d 10 40 2a 00 00 00 2d 01 00 00 04 10 05 10 03 10 04 10 00 00 00 00 00 00 00 00";

describe("a recorded run as CSV and JSONL (electric #125)", () => {
  it("lays a sample out in SI units, one row per sample", () => {
    const sample = decodeLogView(fromHex(SAMPLE)) as LogViewSample;
    expect(formatLog([sample], "csv", 4).split("\n")).toEqual([
      "time_s,channel,state,cycle,current_A,battery_V,input_V,capacity_Ah,internal_C,external_C,cell1_V,cell2_V,cell3_V,cell4_V",
      "61,1,charge,0,2.5,16.4,24,0.042,30.1,,4.1,4.101,4.099,4.1",
    ]);
    const line = JSON.parse(formatLog([sample], "jsonl")) as Record<string, unknown>;
    expect(line).toMatchObject({ kind: "sample", channel: 1, time: 61, current: 2.5, capacity: 0.042, externalTemperature: null, cells: [4.1, 4.101, 4.099, 4.1, 0, 0, 0, 0] });
  });
});

describe("ICharger.record on the simulator", () => {
  const open = rigPerTest(hidRig);

  it("keeps one channel's samples until the duration passes, then turns logging off", async () => {
    const { charger, sim } = await open();
    await charger.start({ channel: 0, preset: 0, operation: "charge" });
    const run = await charger.record({ channel: 1, maxDurationMs: 5000 });
    expect(run.end).toBe("duration");
    expect(run.samples.length).toBeGreaterThanOrEqual(3);
    expect(new Set(run.samples.map((s) => s.channel))).toEqual(new Set([1]));
    const times = run.samples.map((s) => s.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(run.samples.at(-1)!.current).toBeGreaterThan(1);
    expect(sim.device.orders.slice(-2).map((o) => o.order)).toEqual([6, 7]); // TRANS_LOG_ON, TRANS_LOG_OFF
  });

  it("ends with the run (log state done)", async () => {
    const { charger } = await open({ sim: { packs: [{ soc: 99.9 }] } });
    await charger.start({ channel: 0, preset: 0, operation: "charge" });
    const run = await charger.record({ channel: 1, maxDurationMs: 3_600_000 });
    expect(run.end).toBe("done");
    expect(run.samples.at(-1)!.state.name).toBe("done");
  });

  it("ends when aborted, keeping what it has", async () => {
    const { charger } = await open();
    const stop = new AbortController();
    stop.abort();
    expect(await charger.record({ signal: stop.signal })).toEqual({ samples: [], end: "aborted" });
  });

  it("is USB only", async () => {
    const { charger } = await open({}, rtuRig);
    expect(await charger.record().catch((e: unknown) => e)).toMatchObject({ code: "unsupported" });
  });
});

describe("batt icharger record", () => {
  it("checks its options before the link opens and returns the run as CSV", async () => {
    const { plugin } = await import("../src/cli.js");
    const { pluginHarness } = await import("@batt/test-support/plugin-harness");
    const command = plugin.commands!.find((c) => c.name === "record")!;
    const prepare = (options: Record<string, string>) => Promise.resolve().then(() => command.prepare!([], options, {}));
    expect(await prepare({})).toEqual({ format: "csv" });
    expect(await prepare({ format: "jsonl", channel: "2", duration: "90" })).toEqual({ format: "jsonl", channel: 2, maxDurationMs: 90_000 });
    for (const bad of [{ format: "xml" }, { channel: "3" }, { duration: "-1" }] as Record<string, string>[]) expect(await prepare(bad).catch((e: unknown) => e)).toMatchObject({ code: "invalid-argument" });
    const usb = pluginHarness(plugin, {}, { kind: "packet", packetSize: 64 });
    const session = await usb.connected();
    await usb.run(session, "charge", [], { preset: "0", channel: "1" });
    const notes: string[] = [];
    const csv = (await usb.run(session, "record", [], { channel: "1", duration: "2.2" }, (m) => notes.push(m))) as string;
    const lines = csv.split("\n");
    expect(lines[0]).toBe("time_s,channel,state,cycle,current_A,battery_V,input_V,capacity_Ah,internal_C,external_C,cell1_V,cell2_V,cell3_V,cell4_V,cell5_V,cell6_V,cell7_V,cell8_V");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]).toMatch(/^[\d.]+,1,(charge|normal),/);
    expect(notes).toEqual([expect.stringMatching(/^\d+ samples; ended: duration$/)]);
  });
});
