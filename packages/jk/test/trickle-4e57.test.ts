import { createMemoryLink } from "@batt/core";
import { FaultyTransport, ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { JkBms } from "../src/index.js";
import { JkSimulator } from "../src/simulator/index.js";

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

// Issue 14 item 6, as reported: a JK reply trickling in at one byte per 5 ms takes longer than the
// default 1000 ms reply deadline; it is still taken, because each byte of a frame in progress
// moves the deadline (the engine's inter-byte deadline). Virtual time throughout.
describe("a 4E57 reply trickling at one byte per 5 ms", () => {
  it("is read with the driver's default 1000 ms reply deadline", async () => {
    const clock = new ManualClock();
    const { host, device } = createMemoryLink({ info: { baudRate: 115200 } });
    const faulty = new FaultyTransport(host, { clock });
    await Promise.all([faulty.open(), device.open()]);
    new JkSimulator().attach(device);
    const driver = new JkBms(faulty, { clock, retry: { retries: 0 } });
    faulty.inject({ direction: "rx", fault: { kind: "split", size: 1, gapMs: 5 } });
    let outcome: { value?: unknown; error?: unknown } | undefined;
    const start = clock.now();
    driver.readAll().then(
      (value) => (outcome = { value }),
      (error: unknown) => (outcome = { error }),
    );
    for (let i = 0; i < 2000 && outcome === undefined; i++) {
      await tick();
      clock.advance(5);
    }
    expect(outcome?.error).toBeUndefined();
    expect(outcome?.value).toBeDefined();
    expect(clock.now() - start).toBeGreaterThan(1000);
    expect(driver.counters).toMatchObject({ timeouts: 0, replies: 1 });
  }, 30_000);
});
