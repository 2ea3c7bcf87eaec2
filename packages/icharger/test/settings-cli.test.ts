import { pluginHarness } from "@batt/test-support/plugin-harness";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli.js";

const usb = pluginHarness(plugin, {}, { kind: "packet", packetSize: 64 });
const command = (name: string) => plugin.commands!.find((c) => c.name === name)!;
const prepare = (name: string, args: string[], options = {}) => Promise.resolve().then(() => command(name).prepare!(args, options, {}));
const refused = (p: Promise<unknown>) => p.then(() => "resolved", (e: unknown) => e);

describe("batt icharger preset set / system set (the library's writes, from the CLI)", () => {
  it("parse field=value before the link opens: numbers, text, flag lists; unknown and read-only fields refused", async () => {
    expect(await prepare("preset set", ["9", "name=New", "type=LiFe", "chargeCurrent=1.5", "opEnable=charge,discharge"])).toEqual({
      slot: 9,
      changes: { name: "New", type: "LiFe", chargeCurrent: 1.5, opEnable: ["charge", "discharge"] },
    });
    expect(await prepare("system set", ["cutTemperature=72.5", "beepEnableKey=off"], { "ram-only": true })).toEqual({
      changes: { cutTemperature: 72.5, beepEnableKey: "off" },
      persist: false,
      allowLinkChanges: false,
    });
    for (const [name, args] of [
      ["preset set", ["64", "name=x"]],
      ["preset set", ["1"]],
      ["preset set", ["1", "useFlag=1"]],
      ["preset set", ["1", "nonsense=1"]],
      ["preset set", ["1", "name"]],
      ["system set", ["cutTemperature=70", "cutTemperature=71"]],
      ["system set", ["systemVersion=2"]],
    ] as const) {
      expect(await refused(prepare(name, [...args]))).toMatchObject({ code: "invalid-argument" });
    }
  });

  it("write a preset and SYSTEM settings on the simulated 308 DUO, with the model's limits", async () => {
    const session = await usb.connected();
    expect(await usb.run(session, "preset set", ["0", "chargeCurrent=3.5", "name=Pack A"])).toMatchObject({ slot: 0, changed: expect.arrayContaining(["chargeCurrent", "name"]) });
    expect(await usb.run(session, "presets", ["0"])).toMatchObject({ name: "Pack A", values: { chargeCurrent: 3.5 } });
    expect(await usb.run(session, "system set", ["cutTemperature=72.5"])).toMatchObject({ changed: ["cutTemperature"] });
    expect(await refused(usb.run(session, "system set", ["chargePowerCh1=900"]))).toMatchObject({ code: "invalid-argument", message: expect.stringContaining("308 DUO") });
    expect(await refused(usb.run(session, "preset set", ["0", "chargeCurrent=99"]))).toMatchObject({ code: "invalid-argument" });
  });
});
