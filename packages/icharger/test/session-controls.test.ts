import type { ButtonControl, DeviceSession } from "@batt/core";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli.js";

const usb = pluginHarness(plugin, {}, { kind: "packet", packetSize: 64 });
const runState = async (session: DeviceSession, channel: number): Promise<unknown> =>
  (await session.read()).measurements.find((m) => m.key === `ch${channel}_run_state`)?.value;

describe("the session's controls", () => {
  it("are a stop button per channel, shown by its run state", async () => {
    const session = await usb.connected();
    expect(session.controls?.map((c) => [c.kind, c.key, c.state])).toEqual([
      ["button", "ch1_stop", "ch1_run_state"],
      ["button", "ch2_stop", "ch2_run_state"],
    ]);
  });

  it("stop a running program, confirmed when the run bit clears", async () => {
    const session = await usb.connected();
    await usb.run(session, "charge", [], { preset: "1", channel: "1" });
    const running = await runState(session, 1);
    expect(running).not.toMatch(/^(idle|stopped)$/);
    await (session.controls![0] as ButtonControl).press();
    expect(await runState(session, 1)).toBe("stopped");
    expect(await runState(session, 2)).toBe("idle");
  });
});
