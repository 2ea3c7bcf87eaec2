import { createMemoryLink, formatReading, fromHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { plugin } from "../src/cli.js";
import { failure } from "./support.js";

const { connected, run } = pluginHarness(plugin, { timeout: "200", gap: "0" });

describe("batt voltaic plugin", () => {
  it("declares its link, options and commands", () => {
    expect(plugin.id).toBe("voltaic");
    expect(plugin.category).toBe("solar-controller");
    expect(plugin.link).toEqual({ kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 });
    expect(plugin.options?.map((o) => o.name)).toEqual(["timeout", "gap", "retries", "address", "reply-address", "lvp-min", "lvp-max", "sim-hour", "sim-speed", "sim-soc"]);
    expect(plugin.options?.find((o) => o.name === "address")?.default).toBe("1");
    expect(plugin.options?.find((o) => o.name === "gap")?.description).toMatch(/default 50\)/);
    expect(plugin.commands?.map((c) => [c.name, c.changesDevice])).toEqual([
      ["load", true],
      ["lvp get", false],
      ["lvp set", true],
      ["history", false],
      ["discover", false],
    ]);
  });

  it("reads the shared reading from the simulator, which core's layout prints", async () => {
    const session = await connected({ "sim-hour": "12", "sim-soc": "50" });
    const reading = await session.read();
    expect(reading.device).toEqual({ driver: "voltaic", category: "solar-controller", manufacturer: "Voltaic Systems", address: 1 });
    expect(reading.batteries[0]?.soc).toBe(50);
    const text = formatReading(reading);
    expect(text).toMatch(/^Voltaic Systems voltaic · address 1$/m);
    expect(text).toMatch(/SOC 50 %/);
    expect(text).toMatch(/^Low-voltage protection +11\.00 V$/m);
    expect(text).toMatch(/^Charge stage +charging$/m);
  });

  it("refuses a simulated state of charge outside 0..100 %", async () => {
    const { device } = createMemoryLink();
    await device.open();
    await expect(plugin.simulate!(device, { "sim-soc": "0.5x" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.simulate!(device, { "sim-soc": "120" })).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("runs load, lvp get, lvp set and discover", async () => {
    const session = await connected({ address: "5" });
    expect(await run(session, "load", ["off"])).toMatchObject({ requested: false, on: false });
    expect(await run(session, "lvp get")).toEqual({ lowVoltageProtection: 11, unit: "V" });
    expect(await run(session, "lvp set", ["11.5"])).toMatchObject({ previous: 11, value: 11.5, written: true });
    expect(await run(session, "history")).toMatchObject({ pvEnergyToday: 0, loadEnergyToday: 0, batteryVoltageMaxToday: expect.any(Number) });
    expect(await run(session, "discover")).toEqual({ address: 5 });
    expect(await failure(run(session, "load", ["maybe"]))).toMatchObject({ code: "invalid-argument" });
    expect(await failure(run(session, "lvp set", ["abc"]))).toMatchObject({ code: "invalid-argument" });
    expect(await failure(run(session, "lvp set", ["14"]))).toMatchObject({ code: "invalid-argument" });
  });

  it("decodes a request and its reply", () => {
    expect(plugin.decode!(fromHex("01 04 30 A0 00 01 3E E8 01 04 02 05 46 3B 92"), {})).toMatchObject([{ role: "request" }, { role: "reply", fields: { batteryVoltage: 13.5 } }]);
    expect(plugin.decode!(fromHex("01 05 00 00 FF 00 8C 3A"), {})).toMatchObject({ fields: { loadOutput: true } });
    expect(() => plugin.decode!(fromHex("01 05 00 00 FF 00 8C 3B"), {})).toThrow(expect.objectContaining({ code: "checksum" }));
  });

  it("rejects a malformed --address and link options out of range", async () => {
    const { host } = createMemoryLink();
    await expect(plugin.connect(host, { address: "300" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { gap: "-1" })).rejects.toMatchObject({ code: "invalid-argument" });
  });
});
