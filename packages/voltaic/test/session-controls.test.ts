import type { DeviceSession, SwitchControl } from "@batt/core";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";

const { connected } = pluginHarness(plugin, { timeout: "200", gap: "0" });
const loadOn = async (session: DeviceSession): Promise<unknown> => (await session.read()).measurements.find((m) => m.key === "load_on")?.value;

describe("the session's controls", () => {
  it("are the load output switch, shown by load_on, switched off and on with read-back", async () => {
    const session = await connected();
    expect(session.controls?.map((c) => [c.kind, c.key, c.state])).toEqual([["switch", "load", "load_on"]]);
    const load = session.controls![0] as SwitchControl;
    await load.set(false);
    expect(await loadOn(session)).toBe(false);
    await load.set(true);
    expect(await loadOn(session)).toBe(true);
  });
});
