import { createMemoryLink, toHex, type PluginCommand, type PluginOptionValues } from "@batt/core";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";
import { JkPbSession } from "../src/cli/session-pb.js";
import { encodePbCommand } from "../src/index.js";
import { encodeWriteRequest } from "../src/pb/pb-write-request.js";
import { JkPbSimulator } from "../src/simulator/pb/jk-pb-simulator.js";

const hex = (bytes: Uint8Array): string => toHex(bytes).toUpperCase();
const frame = (address: number, request: Parameters<typeof encodePbCommand>[0]): string => {
  const write = encodePbCommand(request);
  return hex(encodeWriteRequest(address, write.address, write.values));
};

function command(name: string): PluginCommand {
  const found = plugin.commands?.find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

async function connected() {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const sent: string[] = [];
  device.onData((chunk) => sent.push(hex(chunk)));
  const sim = new JkPbSimulator({ packs: [{ address: 1, pack: { cells: 4, chemistry: "lifepo4" } }] }).attach(device);
  const session = new JkPbSession(host, [1], { timeoutMs: 200, minGapMs: 0 });
  return { sim, session, sent, pack: sim.packs.get(1)! };
}

async function run(name: string, session: JkPbSession, args: string[], options: PluginOptionValues = { protocol: "pb" }): Promise<unknown> {
  const found = command(name);
  const input = await found.prepare?.(args, options, {});
  return found.run({ session, args, options, input, signal: new AbortController().signal, log: () => undefined });
}

describe("the JK-PB command block 0x1600", () => {
  it("builds FC 0x10 writes at the block base plus the byte offset (CRC computed)", () => {
    expect(frame(1, { command: "shutdown" })).toBe("01 10 16 04 00 01 02 00 01 11 D5");
    // 2026-01-01T00:00:00Z is 189 388 800 s (0x0B49D800) after 2020-01-01, high word first.
    expect(frame(1, { command: "timeCalibration", time: new Date("2026-01-01T00:00:00Z") })).toBe("01 10 16 12 00 02 04 0B 49 D8 00 1C E8");
    expect(frame(1, { command: "voltageCalibration", voltage: 53.2 })).toBe("01 10 16 00 00 02 04 00 00 CF D0 41 A3");
    expect(frame(2, { command: "preset", preset: "lifepo4" })).toBe("02 10 16 0C 00 01 02 00 01 04 6D");
    expect(encodePbCommand({ command: "emergencyStart" })).toEqual({ name: "emergencyStart", address: 0x1610, values: [1] });
    expect(encodePbCommand({ command: "currentCalibration", current: 100 })).toEqual({ name: "currentCalibration", address: 0x1606, values: [1, 0x86a0] });
    expect(encodePbCommand({ command: "preset", preset: "li-ion" }).address).toBe(0x160a);
    expect(encodePbCommand({ command: "preset", preset: "lto" }).address).toBe(0x160e);
  });

  it.each([
    [{ command: "voltageCalibration", voltage: 0 } as const, /pack voltage/],
    [{ command: "currentCalibration", current: -5 } as const, /current/],
    [{ command: "timeCalibration", time: new Date("2019-12-31T23:59:59Z") } as const, /from 2020-01-01/],
  ])("refuses %j before sending", (request, message) => {
    expect(() => encodePbCommand(request)).toThrow(message);
  });

  it("shuts the simulated pack down (both MOSFETs off) and emergency-starts it again, from the CLI", async () => {
    const { session, sent, pack, sim } = await connected();
    const off = (await run("pb shutdown", session, [])) as { sent: { register: string }; after: { chargeMos: boolean; dischargeMos: boolean } };
    expect(sent[0]).toBe("01 10 16 04 00 01 02 00 01 11 D5");
    expect(off.sent.register).toBe("0x1604");
    expect(off.after).toMatchObject({ chargeMos: false, dischargeMos: false });
    expect(pack.commandState.shutDown).toBe(true);
    const on = (await run("pb emergency-start", session, [])) as { after: { chargeMos: boolean; dischargeMos: boolean } };
    expect(on.after).toMatchObject({ chargeMos: true, dischargeMos: true });
    expect(pack.commandState.emergencyStarts).toBe(1);
    sim.stop();
  });

  it("sends presets, calibrations and the clock; the simulator takes them", async () => {
    const { session, pack, sim } = await connected();
    await run("pb preset", session, ["lto"]);
    await run("pb calibrate", session, ["voltage", "13.3"]);
    await run("pb calibrate", session, ["current", "20"]);
    await run("pb time", session, ["2026-12-06T10:00:00Z"]);
    expect(pack.commandState).toMatchObject({ preset: "lto", voltageCalibration: 13.3, currentCalibration: 20, clock: Date.UTC(2026, 11, 6, 10) });
    expect(pack.commands.map((c) => c.offset)).toEqual([0x0e, 0x00, 0x06, 0x12]);
    sim.stop();
  });

  it("checks the protocol, the address and the arguments before the link opens", async () => {
    for (const [name, args, options, message] of [
      ["pb shutdown", [], {}, /--protocol pb/],
      ["pb shutdown", [], { protocol: "pb", address: "1,2" }, /one --address/],
      ["pb preset", ["nimh"], { protocol: "pb" }, /expected one of li-ion, lifepo4, lto/],
      ["pb calibrate", ["voltage", "x"], { protocol: "pb" }, /expected a number/],
      ["pb calibrate", ["voltage", "500"], { protocol: "pb" }, /pack voltage/],
      ["pb time", ["yesterday"], { protocol: "pb" }, /not a time/],
    ] as const) {
      expect(() => command(name).prepare?.([...args], options, {}), `${name} ${args.join(" ")}`).toThrow(message);
    }
    expect((plugin.commands ?? []).filter((c) => c.name.startsWith("pb ")).every((c) => c.changesDevice === true)).toBe(true);
  });
});
