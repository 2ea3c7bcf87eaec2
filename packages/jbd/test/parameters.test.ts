import { createMemoryLink, fromHex, toHex, type DeviceSession, type PluginCommand } from "@batt/core";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";
import { JbdSession } from "../src/cli/session.js";
import {
  decodeParameterReply,
  describeJbdFrame,
  describeParameter,
  encodeReadRequest,
  encodeWriteRequest,
  fetControlData,
  JbdBms,
  parameterReadData,
  parameterWriteData,
  parseJbdFrame,
} from "../src/index.js";
import { JbdSimulator, type JbdSimulatorOptions } from "../src/simulator/index.js";
import { FAST } from "./helpers.js";

const hex = (bytes: Uint8Array): string => toHex(bytes).toUpperCase();

function command(name: string): PluginCommand {
  const found = plugin.commands?.find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

async function run(name: string, session: DeviceSession, args: string[] = []): Promise<unknown> {
  const found = command(name);
  const input = await found.prepare?.(args, {}, {});
  return found.run({ session, args, options: {}, input, signal: new AbortController().signal, log: () => undefined });
}

async function connected(sim: JbdSimulatorOptions = {}) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const sent: string[] = [];
  device.onData((chunk) => sent.push(hex(chunk)));
  const simulator = new JbdSimulator(sim).attach(device);
  return { session: new JbdSession(new JbdBms(host, FAST)), simulator, sent };
}

describe("the 0xFA parameter protocol: frames", () => {
  it("builds the V11 read of two parameters from number 1 and decodes its reply (docs/protocols/jbd.md#request-frames)", () => {
    expect(hex(encodeReadRequest(0xfa, parameterReadData(1, 2)))).toBe("DD A5 FA 03 00 01 02 FF 00 77");
    const reply = parseJbdFrame(fromHex("DD FA 00 07 00 01 02 0F A0 10 36 FF 01 77"), "response");
    if (reply.kind !== "frame") throw new Error("the documented reply does not parse");
    const words = decodeParameterReply(reply.frame.data, 1, 2);
    expect(words).toEqual([0x0fa0, 0x1036]);
    // Numbers 0–39 are the EEPROM registers minus 0x10: 1 is cycle_cap (10 mAh), 2 cap_100 (mV).
    expect(describeParameter(1, words[0]!)).toEqual({ number: 1, raw: 4000, name: "cycle_cap", values: { cycle_cap: 40 } });
    expect(describeParameter(2, words[1]!)).toEqual({ number: 2, raw: 4150, name: "cap_100", values: { cap_100: 4.15 } });
    expect(describeParameter(112, 10000)).toEqual({ number: 112, raw: 10000, name: "learned_capacity" });
    expect(describeParameter(60, 0x4a42)).toEqual({ number: 60, raw: 0x4a42, name: "manufacturer[4]" });
    // batt decode jbd: the reply explains itself (it echoes first number and count).
    expect(describeJbdFrame(reply.frame)).toMatchObject({
      name: "numbered parameters (V11)",
      decoded: [
        { number: 1, name: "cycle_cap", values: { cycle_cap: 40 } },
        { number: 2, name: "cap_100", values: { cap_100: 4.15 } },
      ],
    });
  });

  it("builds a write (computed) and the V11 0xFB charge-off frame", () => {
    expect(hex(encodeWriteRequest(0xfa, parameterWriteData(20, [3650])))).toBe("DD 5A FA 05 00 14 01 0E 42 FE 9C 77");
    expect(hex(encodeWriteRequest(0xfb, fetControlData("charge", true)))).toBe("DD 5A FB 02 01 01 FF 01 77");
  });

  it.each([
    ["00 01", /at least 3/],
    ["00 01 02 0F A0", /5 bytes for 2 parameters/],
    ["00 02 02 0F A0 10 36", /holds parameters 2\+2, asked for 1\+2/],
  ])("rejects a reply %s that does not fit the request", (payload, message) => {
    expect(() => decodeParameterReply(fromHex(payload), 1, 2)).toThrow(message);
  });

  it("refuses ranges that do not fit before building a frame", () => {
    expect(() => parameterReadData(0, 96)).toThrow(/count must be 1..95/);
    expect(() => parameterWriteData(0xffff, [1, 2])).toThrow(/past 65535/);
    expect(() => parameterWriteData(0, [0x10000])).toThrow(/0..65535/);
  });
});

describe("the 0xFA parameter protocol against the simulator", () => {
  it("detects it, reads the legacy block as settings and writes with read-back and save", async () => {
    const { session, sent, simulator } = await connected({ pack: { cells: 4 } });
    expect(await run("params detect", session)).toEqual({ parameterProtocol: true });
    expect(sent).toEqual(["DD 5A 00 02 56 78 FF 30 77", "DD A5 FA 03 00 00 01 FF 02 77", "DD 5A 01 02 00 00 FF FD 77"]);
    const read = (await run("params get", session, ["20", "2"])) as { name: string; values: Record<string, number> }[];
    expect(read.map((p) => p.name)).toEqual(["covp", "covp_rel"]);
    sent.length = 0;
    const written = (await run("params set", session, ["20", "3600"])) as { before: number[]; after: number[]; saved: boolean };
    expect(written.after).toEqual([3600]);
    expect(written.saved).toBe(true);
    expect(sent).toContain("DD 5A FA 05 00 14 01 0E 10 FE CE 77");
    expect(sent.at(-1)).toBe("DD 5A 01 02 28 28 FF AD 77");
    expect(simulator.device.eeprom.get(0x24)).toBe(3600);
  });

  it("reports firmware without it, and checks arguments before the link opens", async () => {
    const { session, sent } = await connected({ parameterProtocol: false });
    expect(await run("params detect", session)).toEqual({ parameterProtocol: false });
    sent.length = 0;
    await expect(run("params get", session, ["x"])).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(run("params set", session, ["20"])).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(run("params set", session, ["20", "70000"])).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(run("fet", session, ["charge", "maybe"])).rejects.toMatchObject({ code: "invalid-argument" });
    expect(sent).toEqual([]);
  });

  it("switches the charge MOSFET off and releases it with 0xFB", async () => {
    const { session } = await connected({ pack: { cells: 4 } });
    expect(await run("fet", session, ["charge", "off"])).toMatchObject({ fet: { charge: false, discharge: true } });
    expect(await run("fet", session, ["charge", "release"])).toMatchObject({ fet: { charge: true, discharge: true } });
    expect(await run("fet", session, ["both", "off"])).toMatchObject({ fet: { charge: false, discharge: false } });
  });
});
