import { fromHex, isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { connect4e57, FAST } from "./harness.js";

describe("fault injection (4E57)", () => {
  it("retries after a reply with a corrupt checksum and counts it", async () => {
    const { simulator, driver } = await connect4e57();
    simulator.inject({ kind: "corrupt-checksum" });
    const live = await driver.readLive();
    expect(live.cellVoltages.length).toBe(16);
    expect(driver.counters).toMatchObject({ checksumErrors: 1, retries: 1, replies: 1 });
  });

  it("fails with checksum when every attempt is garbled, then recovers", async () => {
    const { simulator, driver } = await connect4e57();
    simulator.inject({ kind: "corrupt-checksum" }, 2);
    const error = await driver.readAll().catch((e: unknown) => e);
    expect(isBattError(error, "checksum")).toBe(true);
    await expect(driver.readAll()).resolves.toBeDefined();
  });

  it("times out on a truncated frame, then recovers on the retry", async () => {
    const { simulator, driver } = await connect4e57();
    simulator.inject({ kind: "truncate", length: 120 });
    await expect(driver.readAll()).resolves.toBeDefined();
    expect(driver.counters).toMatchObject({ timeouts: 1, retries: 1 });
  });

  it("reports silence as a timeout", async () => {
    const { simulator, driver } = await connect4e57();
    simulator.inject({ kind: "silence" }, 2);
    const error = await driver.readAll().catch((e: unknown) => e);
    expect(isBattError(error, "timeout")).toBe(true);
    expect((error as { context: { attempts: number } }).context.attempts).toBe(2);
    await expect(driver.readAll()).resolves.toBeDefined();
  });

  it("reassembles a reply split into pieces behind stray bytes", async () => {
    const { simulator, driver } = await connect4e57();
    simulator.inject({ kind: "garbage-before", bytes: fromHex("DF FF 4E DF 00 68") });
    simulator.inject({ kind: "split", size: 37, gapMs: 1 });
    await expect(driver.readAll()).resolves.toBeDefined();
    expect(driver.counters).toMatchObject({ bytesSkipped: 6, retries: 0, checksumErrors: 0 });
  });

  it("hears nothing from a hibernating BMS until it is activated", async () => {
    const { simulator, driver } = await connect4e57({ startAsleep: true }, { ...FAST, retry: { retries: 0 } });
    await expect(driver.readAll()).rejects.toMatchObject({ code: "timeout" });
    await driver.activate();
    await expect(driver.readAll()).resolves.toBeDefined();
    expect(simulator.counters.unanswered).toBe(2);
  });

  it("recovers from noise on the host side of the line", async () => {
    const { faulty, driver } = await connect4e57();
    faulty.inject({ fault: { kind: "corrupt", index: 40, mask: 0x10 } });
    await expect(driver.readAll()).resolves.toBeDefined();
    expect(driver.counters.checksumErrors).toBe(1);
  });
});
