import { concatBytes, createMemoryLink, FrameDecoder, fromHex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { decodeEb90Frame } from "../src/eb90/eb90-parser.js";
import { encodePbAcknowledgement, encodePbTrigger } from "../src/pb/pb-trigger.js";
import { jkPbTriggerReplyParser, type JkPbTriggerReply } from "../src/pb/pb-trigger-reply-parser.js";
import { JkPbTriggerBms, type JkPbTriggerOptions } from "../src/pb/jk-pb-trigger-bms.js";
import { JkPbDevice, JkPbSimulator, type JkPbSimulatorOptions } from "../src/simulator/index.js";
import * as M from "./fixtures/mpp-solar.js";

const FAST: JkPbTriggerOptions = { timeoutMs: 150, minGapMs: 0, drain: { quietMs: 5, maxMs: 50 } };

async function connect(sim: JkPbSimulatorOptions, options: JkPbTriggerOptions) {
  const { host, device } = createMemoryLink({ info: { baudRate: 115200 } });
  await Promise.all([host.open(), device.open()]);
  const requests: Uint8Array[] = [];
  device.onData((chunk) => requests.push(chunk));
  const simulator = new JkPbSimulator(sim).attach(device);
  return { simulator, pack: new JkPbTriggerBms(host, { ...FAST, ...options }), requests };
}

const same = (bytes: Uint8Array, text: string): void => expect(toHex(bytes)).toBe(toHex(fromHex(text)));

describe("JK-PB trigger requests and replies (docs/protocols/jk.md#55-aa-eb-90-protocol, mpp-solar jkpb.py)", () => {
  it("the three trigger requests of address 1, CRC as mpp-solar sends them", () => {
    same(encodePbTrigger(1, "deviceInfo"), "01 10 16 1C 00 01 02 00 00 D3 CD");
    same(encodePbTrigger(1, "settings"), "01 10 16 1E 00 01 02 00 00 D2 2F");
    same(encodePbTrigger(1, "cellInfo"), "01 10 16 20 00 01 02 00 00 D6 F1");
    expect(() => encodePbTrigger(0, "cellInfo")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("mpp-solar's captured replies: frame + acknowledgement of address 1, in any chunking, with 00 bytes around the acknowledgement", () => {
    const replies = [M.MPP_PB_DEVICE_INFO_REPLY, M.MPP_PB_SETTINGS_REPLY, M.MPP_PB_CELL_INFO_REPLY];
    same(M.MPP_PB_CELL_INFO_REPLY.subarray(300), toHex(encodePbAcknowledgement(1, 0x1620)));
    const padded = replies.map((r) => concatBytes(r.subarray(0, 300), Uint8Array.of(0), r.subarray(300), Uint8Array.of(0)));
    for (const chunk of [1, 7, 64, 1000]) {
      const decoder = new FrameDecoder(jkPbTriggerReplyParser);
      const stream = concatBytes(...padded);
      const out: JkPbTriggerReply[] = [];
      for (let at = 0; at < stream.length; at += chunk) for (const e of decoder.push(stream.subarray(at, at + chunk))) if (e.type === "frame") out.push(e.frame);
      expect(out.map((r) => (r.kind === "frame-ack" ? [r.address, r.register, r.frame.type] : r.kind))).toEqual([
        [1, 0x161c, 3],
        [1, 0x161e, 1],
        [1, 0x1620, 2],
      ]);
    }
  });
});

describe("JkPbTriggerBms against the JK-PB simulator (trigger writes answered with 55 AA EB 90 frames)", () => {
  it("read(): identity from the device info frame, the live state from the cell info frame, in the shared model", async () => {
    const { pack, requests } = await connect({ packs: [{ address: 1 }, { address: 3, pack: { current: -8 } }] }, { address: 3 });
    const reading = await pack.read();
    expect(reading.device).toMatchObject({ driver: "jk", category: "bms", manufacturer: "JK", model: "JK_PB2A16S20P", hardware: "19A", firmware: "19.05", serial: "SIM00000003", address: 3 });
    const expected = new JkPbDevice({ address: 3, pack: { current: -8 } });
    expected.step(0);
    const battery = reading.batteries[0]!;
    expect(battery).toMatchObject({ id: "battery", current: -8, soc: 50, fullCapacity: 100, chargeAllowed: true, dischargeAllowed: true, alarms: [] });
    expect(battery.cellVoltages).toEqual(expected.pack.cellVoltages().map((v) => Math.round(v * 1000) / 1000));
    expect(reading.reading).toMatchObject({ protocol: "pb-trigger", generation: "jk02-32s", address: 3, soh: 100, mosTemperature: 25 });
    // What went on the wire: the device info trigger, then the cell info trigger, to address 3 only.
    expect(requests.map((r) => toHex(r))).toEqual([toHex(encodePbTrigger(3, "deviceInfo")), toHex(encodePbTrigger(3, "cellInfo"))]);
    pack.dispose();
  });

  it("the settings frame in SI units, and a switch written over FC 0x10 and read back through the settings frame", async () => {
    const { pack, simulator } = await connect({ packs: [{ address: 2 }] }, { address: 2 });
    const settings = await pack.readSettings();
    expect(settings).toMatchObject({ chargeSwitch: 1, dischargeSwitch: 1, cellCount: 16, deviceAddress: 2, nominalCapacity: 100 });
    expect(await pack.setSwitch("chargeSwitch", false)).toEqual({ name: "chargeSwitch", previous: 1, readBack: 0, changed: true });
    expect(simulator.pack(2).pack.chargeMos).toBe(false);
    expect(await pack.setSwitch("chargeSwitch", false)).toEqual({ name: "chargeSwitch", previous: 0, readBack: 0, changed: false });
    expect((await pack.readLive()).chargeMos).toBe(false);
    pack.dispose();
  });

  it("a silent address times out with a typed error; a frame with a flipped byte is counted and retried", async () => {
    const silent = await connect({ packs: [{ address: 1 }] }, { address: 4, retry: { retries: 0 } });
    await expect(silent.pack.readLive()).rejects.toMatchObject({ code: "timeout" });
    silent.pack.dispose();
    const noisy = await connect({ packs: [{ address: 1 }] }, { address: 1, generation: "jk02-32s", retry: { retries: 1 } });
    noisy.simulator.inject({ kind: "corrupt-checksum" }, 1);
    const live = await noisy.pack.readLive();
    expect(live.address).toBe(1);
    expect(noisy.pack.counters.retries).toBe(1);
    noisy.pack.dispose();
  });

  it("the simulator's cell info frame decodes as a valid frame of the 32-cell layout", async () => {
    const sim = new JkPbSimulator({ packs: [{ address: 5 }] });
    const frame = decodeEb90Frame(sim.frameOf(5, 0x02));
    expect([frame.type, frame.bytes.length]).toEqual([2, 300]);
  });
});
