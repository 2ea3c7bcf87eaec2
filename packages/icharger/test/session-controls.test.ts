import { pluginHarness } from "@batt/test-support/plugin-harness";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli.js";

const usb = pluginHarness(plugin, {}, { kind: "packet", packetSize: 64 });

describe("the session's controls", () => {
  it("are per channel start buttons for charge, discharge, storage and balance, and a stop, shown by the run state", async () => {
    const session = await usb.connected();
    expect(session.controls?.map((c) => [c.kind, c.key, c.state])).toEqual(
      [1, 2].flatMap((n) => ["charge", "discharge", "storage", "balance", "stop"].map((p) => ["button", `ch${n}_${p}`, `ch${n}_run_state`])),
    );
    expect(session.controls?.[0]?.name).toBe("Channel 1 charge (preset slot 0)");
  });

  it("run the preset slot of --control-preset, checked", async () => {
    const session = await usb.connected({ "control-preset": "5" });
    expect(session.controls?.find((c) => c.key === "ch2_storage")?.name).toBe("Channel 2 storage (preset slot 5)");
    await expect(usb.connected({ "control-preset": "64" })).rejects.toMatchObject({ code: "invalid-argument" });
  });
  // Pressing them (start, read back, stop) runs on the manual clock in controls.test.ts.
});
