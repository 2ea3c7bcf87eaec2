import { createMemoryLink, crc16Modbus, formatReading, fromHex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { plugin } from "../src/cli.js";
import { fromBase64, imageBytesFromText } from "../src/index.js";
import { failure } from "./support.js";

const { connected, run } = pluginHarness(plugin, { timeout: "200", gap: "0" });

describe("batt evcharger plugin", () => {
  it("declares its link, options and commands", () => {
    expect(plugin.id).toBe("evcharger");
    expect(plugin.category).toBe("ev-charger");
    expect(plugin.link).toEqual({ kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 });
    expect(plugin.options?.map((o) => o.name)).toEqual(["timeout", "gap", "retries", "address", "generation", "word-order", "eeprom-interval", "settings-refresh", "sim-generation", "sim-unplugged", "sim-speed"]);
    expect(plugin.options?.find((o) => o.name === "address")?.default).toBe("70");
    // The document's "least interval time between two instructions: 1 s" is the default gap; reads are retried once.
    expect(plugin.options?.find((o) => o.name === "gap")?.description).toMatch(/default 1000\)/);
    expect(plugin.options?.find((o) => o.name === "retries")?.description).toMatch(/default 1\)/);
    expect(plugin.commands?.map((c) => [c.name, c.changesDevice])).toEqual([
      ["start", true],
      ["stop", true],
      ["reserve", true],
      ["current", true],
      ["mode", true],
      ["set", true],
      ["upgrade", true],
      ["phases", true],
      ["evse-mode", true],
      ["clock", true],
      ["session", false],
      ["surplus", true],
    ]);
  });

  it("reads the shared reading of a charging simulator, which core's layout prints", async () => {
    const session = await connected();
    const reading = await session.read();
    expect(reading.device).toEqual({ driver: "evcharger", category: "ev-charger", manufacturer: "SolaX", model: "X3-EVC-11kW", serial: "C311A1B2C3D4E5", firmware: "1.18", address: 70 });
    expect(reading.batteries).toEqual([]);
    const text = formatReading(reading);
    expect(text).toMatch(/^SolaX X3-EVC-11kW · address 70 · firmware 1\.18 · serial C311A1B2C3D4E5$/m);
    expect(text).toMatch(/^State +Charging$/m);
    expect(text).toMatch(/^Charge mode +fast$/m);
    expect(text).toMatch(/^Charging current setting +16\.00 A$/m);
  });

  it("runs stop, start, current, mode, set", async () => {
    const session = await connected({ "eeprom-interval": "0" });
    expect(await run(session, "stop")).toMatchObject({ state: "Finishing", confirmed: true });
    expect(await run(session, "start")).toMatchObject({ state: "Charging", confirmed: true });
    expect(await run(session, "current", ["8"])).toMatchObject({ value: 8, written: true });
    expect(await run(session, "mode", ["ECO"])).toMatchObject({ value: { name: "eco" }, written: true });
    expect(await run(session, "set", ["ecoGear", "20A"])).toMatchObject({ value: { name: "20A" }, written: true });
    expect(await run(session, "set", ["mainBreakerLimit", "63"])).toMatchObject({ value: 63, written: true });
    expect(await failure(run(session, "current", ["40"]))).toMatchObject({ code: "invalid-argument" });
    expect(await failure(run(session, "mode", ["turbo"]))).toMatchObject({ code: "invalid-argument" });
    expect(await failure(run(session, "set", ["nonsense", "1"]))).toMatchObject({ code: "invalid-argument" });
  });

  it("upgrades from hex or base64 text, checking the expected checksum first", async () => {
    const session = await connected({ "sim-unplugged": true });
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
    const crc = crc16Modbus(data, 0, data.length);
    const notes: string[] = [];
    const hexResult = await run(session, "upgrade", ["EVC_V1.30.usb", `hex:${toHex(data, "")}`], { checksum: crc.toString(16) }, (m) => notes.push(m));
    expect(hexResult).toMatchObject({ packets: 2, bytes: 300, iapState: 4 });
    expect(notes.at(-1)).toMatch(/completion: 2\/2 packets, 300\/300 bytes/);
    const base64 = Buffer.from(data).toString("base64");
    expect(await run(session, "upgrade", ["EVC_V1.31.usb", base64])).toMatchObject({ iapState: 4 });
    expect(await failure(run(session, "upgrade", ["EVC_V1.32.usb", base64], { checksum: "0x1234" }))).toMatchObject({ code: "checksum", stop: { step: "verify-image" } });
  });

  it("upgrades from a file the host reads, reporting progress as bytes sent", async () => {
    const session = await connected({ "sim-unplugged": true });
    const data = Uint8Array.from({ length: 700 }, (_, i) => (i * 13) & 0xff);
    const files = new Map([["/firmware/EVC_V1.40.usb", data]]);
    const progress: [number, number][] = [];
    const result = await run(session, "upgrade", ["/firmware/EVC_V1.40.usb"], {}, undefined, {
      readFile: async (path) => {
        const found = files.get(path);
        if (!found) throw new Error(`no file ${path}`);
        return found;
      },
      progress: (done, total) => progress.push([done, total]),
    });
    expect(result).toMatchObject({ packets: 3, bytes: 700, iapState: 4 });
    expect(progress.at(-1)).toEqual([700, 700]);
    expect(progress.every(([, total]) => total === 700)).toBe(true);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    // Without a way to read files, a path alone is refused before anything is sent.
    expect(await failure(run(session, "upgrade", ["/firmware/EVC_V1.40.usb"]))).toMatchObject({ code: "unsupported" });
  });

  it("decodes captured frames, per generation", () => {
    const frames = plugin.decode!(fromHex("46 04 00 00 00 03 BF 7C 46 04 06 5D 3E 5D 7B 5D 81 C8 AD"), {});
    expect(frames).toMatchObject([{ role: "request" }, { role: "reply", fields: { voltageL1: 238.7 } }]);
    expect(() => plugin.decode!(fromHex("46 04 00 00 00 03 BF 7D"), {})).toThrow(expect.objectContaining({ code: "checksum" }));
  });

  it("parses image text", () => {
    expect([...imageBytesFromText("hex:01 02 ff")]).toEqual([1, 2, 255]);
    expect([...imageBytesFromText("0102ff")]).toEqual([1, 2, 255]);
    expect([...fromBase64("AQL/")]).toEqual([1, 2, 255]);
    expect([...imageBytesFromText("base64:SGVsbG8=")]).toEqual([...Buffer.from("Hello")]);
    expect(() => fromBase64("A")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => imageBytesFromText("not base64!")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("rejects bad options", async () => {
    const { host } = createMemoryLink();
    await expect(plugin.connect(host, { address: "0" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { gap: "x" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { generation: "g3" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { "word-order": "faultCode=middle" })).rejects.toMatchObject({ code: "invalid-argument" });
  });
});
