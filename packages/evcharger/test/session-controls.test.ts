import { isBattError, type ButtonControl, type DeviceSession, type NumberControl } from "@batt/core";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";

const { connected } = pluginHarness(plugin, { timeout: "200", gap: "0" });
const value = async (session: DeviceSession, key: string): Promise<unknown> => (await session.read()).measurements.find((m) => m.key === key)?.value;
const control = <T>(session: DeviceSession, key: string): T => session.controls?.find((c) => c.key === key) as T;

describe("the session's controls", () => {
  it("are start and stop buttons and the charging current, each with the measurement that shows it", async () => {
    const session = await connected();
    expect(session.controls?.map((c) => [c.kind, c.key, c.state])).toEqual([
      ["button", "start_charging", "state"],
      ["button", "stop_charging", "state"],
      ["number", "charge_current", "charge_current"],
    ]);
    expect(control<NumberControl>(session, "charge_current")).toMatchObject({ unit: "A", min: 6, max: 32, step: 1 });
  });

  it("stop and start charging, confirmed by the state", async () => {
    const session = await connected();
    expect(await value(session, "state")).toBe("Charging");
    await control<ButtonControl>(session, "stop_charging").press();
    expect(await value(session, "state")).not.toBe("Charging");
    await control<ButtonControl>(session, "start_charging").press();
    expect(await value(session, "state")).toBe("Charging");
  });

  it("set the charging current with read-back, and refuse one above the rating before sending", async () => {
    const session = await connected();
    await control<NumberControl>(session, "charge_current").set(10);
    expect(await value(session, "charge_current")).toBe(10);
    const refused = await control<NumberControl>(session, "charge_current").set(99).catch((error: unknown) => error);
    expect(isBattError(refused) && refused.code).toBe("invalid-argument");
    expect(await value(session, "charge_current")).toBe(10);
  });
});
