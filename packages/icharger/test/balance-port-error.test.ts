import { describe, expect, it } from "vitest";
import { BALANCE_PORT_ERROR } from "../src/index.js";
import { hidRig, rigPerTest, sleep } from "./support/rigs.js";

// The seed README: "This error (0x1D00) may appear but doesn't prevent operation." The driver stops unless told otherwise.
describe("run error 0x1D00 (balance port) is an explicit option with a safe default", () => {
  const open = rigPerTest(hidRig);
  const noLead = { packs: [{ balanceLead: false }] };

  it("by default fails the start with the error and sends STOP, also on a unit that would run on", async () => {
    const { charger, sim } = await open({ sim: { ...noLead, balancePortWarning: true } });
    const error = await charger.start({ channel: 0, preset: 0, operation: "charge" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "device-exception", context: { deviceCode: BALANCE_PORT_ERROR } });
    expect(sim.device.orders.map((o) => o.order)).toEqual([1, 0]); // RUN, then STOP
    expect(sim.device.channels[0]!.running).toBe(false);
  });

  it("with balancePortError: ignore, accepts a program that runs on with the error shown", async () => {
    const { charger, clock } = await open({ sim: { ...noLead, balancePortWarning: true }, driver: { balancePortError: "ignore" } });
    const started = await charger.start({ channel: 0, preset: 0, operation: "charge" });
    expect(started).toMatchObject({ verified: true });
    expect(started.status).toMatchObject({ run: true, error: true });
    await sleep(clock, 1000);
    const status = await charger.readChannelStatus(0);
    expect(status.runError.raw).toBe(BALANCE_PORT_ERROR);
    expect(status.current).toBeGreaterThan(1);
  });

  it("with ignore, a unit that really stops on it still fails the start", async () => {
    const { charger } = await open({ sim: noLead, driver: { balancePortError: "ignore" } });
    expect(await charger.start({ channel: 0, preset: 0, operation: "charge" }).catch((e: unknown) => e)).toMatchObject({ code: "device-exception" });
  });
});
