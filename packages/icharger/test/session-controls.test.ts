import type { ButtonControl, DeviceSession } from "@batt/core";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli.js";

const usb = pluginHarness(plugin, {}, { kind: "packet", packetSize: 64 });
const runState = async (session: DeviceSession, channel: number): Promise<unknown> =>
  (await session.read()).measurements.find((m) => m.key === `ch${channel}_run_state`)?.value;

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

  it("stop a running program, confirmed when the run bit clears", async () => {
    const session = await usb.connected();
    await usb.run(session, "charge", [], { preset: "1", channel: "1" });
    const running = await runState(session, 1);
    expect(running).not.toMatch(/^(idle|stopped)$/);
    await (session.controls!.find((c) => c.key === "ch1_stop") as ButtonControl).press();
    expect(await runState(session, 1)).toBe("stopped");
    expect(await runState(session, 2)).toBe("idle");
  });
});
