import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { captureBmsPulse, computeCellIr, type BmsPulseEvent, type BmsSample } from "../src/index.js";

/** A pack of four cells (OCV in V, IR in Ω) whose load the test switches. */
function fakePack() {
  const ocv = [3.301, 3.305, 3.298, 3.302];
  const ir = [0.002, 0.0025, 0.002, 0.004];
  const pack = { current: 0, reads: 0 };
  const read = async (): Promise<BmsSample> => {
    pack.reads++;
    // Whole mV, as a BMS reports them; current + charges.
    return { cellVoltages: ocv.map((v, i) => Math.round((v + pack.current * ir[i]!) * 1000) / 1000), current: pack.current };
  };
  return { pack, read };
}

/** Advances the clock in poll steps until `promise` settles. */
async function drive<T>(clock: ManualClock, promise: Promise<T>, stepMs = 250, maxSteps = 2000): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  void promise.then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, error }),
  );
  for (let i = 0; i < maxSteps && outcome === undefined; i++) {
    await new Promise((r) => setImmediate(r));
    clock.advance(stepMs);
  }
  if (outcome === undefined) throw new Error("the capture did not finish");
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

describe("captureBmsPulse: a load pulse from BMS samples", () => {
  it("takes the rest sample, waits for the load step, settles, averages and gives per-cell IR", async () => {
    const clock = new ManualClock(0);
    const { pack, read } = fakePack();
    const events: BmsPulseEvent["phase"][] = [];
    let restAt = 0;
    let detectedAt = 0;
    const capture = captureBmsPulse(read, {
      clock,
      onEvent: (e) => {
        events.push(e.phase);
        if (e.phase === "rest") {
          restAt = clock.now();
          // The user switches a 10 A load on a few seconds later.
          clock.setTimer(() => (pack.current = -10), 3000);
        }
        if (e.phase === "load-detected") detectedAt = clock.now();
      },
    });
    const pulse = await drive(clock, capture);
    expect(events).toEqual(["rest", "load-detected", "loaded"]);
    expect(detectedAt - restAt).toBeGreaterThanOrEqual(3000);
    expect(pulse).toMatchObject({ kind: "pulse", currentMilliamps: 10_000, ocvMillivolts: [3301, 3305, 3298, 3302], loadedMillivolts: [3281, 3280, 3278, 3262] });
    expect(computeCellIr(pulse).cellIrMilliohm).toEqual([2, 2.5, 2, 4]);
  });

  it("refuses a pack that is not at rest, and times out without a step", async () => {
    const clock = new ManualClock(0);
    const { pack, read } = fakePack();
    pack.current = -3;
    await expect(captureBmsPulse(read, { clock })).rejects.toMatchObject({ code: "invalid-argument", message: expect.stringMatching(/not at rest/) });
    pack.current = 0;
    await expect(drive(clock, captureBmsPulse(read, { clock, timeoutMs: 10_000 }))).rejects.toMatchObject({ code: "timeout" });
    expect(pack.reads).toBeGreaterThan(10);
  });

  it("refuses a load that is removed while sampling", async () => {
    const clock = new ManualClock(0);
    const { pack, read } = fakePack();
    const capture = captureBmsPulse(read, {
      clock,
      onEvent: (e) => {
        if (e.phase === "rest") pack.current = 5; // a charger, not a load: works the same way
        if (e.phase === "load-detected") clock.setTimer(() => (pack.current = 0), 1000);
      },
    });
    await expect(drive(clock, capture)).rejects.toMatchObject({ code: "invalid-argument", message: expect.stringMatching(/did not hold/) });
  });
});
