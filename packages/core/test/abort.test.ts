import { describe, expect, it } from "vitest";
import { abortError, BattError, isBattError, waitFor } from "../src/index.js";
import { ManualClock } from "./manual-clock.js";

describe("abortError", () => {
  it("makes an aborted error that keeps the reason as the cause", () => {
    const controller = new AbortController();
    const reason = new Error("user pressed Ctrl-C");
    controller.abort(reason);
    const error = abortError(controller.signal);
    expect(error.code).toBe("aborted");
    expect(error.message).toBe("operation aborted");
    expect(error.cause).toBe(reason);
  });

  it("returns a BattError reason itself", () => {
    const controller = new AbortController();
    const reason = new BattError("timeout", "overall deadline");
    controller.abort(reason);
    expect(abortError(controller.signal)).toBe(reason);
  });

  it("keeps the default DOMException reason of abort()", () => {
    const controller = new AbortController();
    controller.abort();
    const error = abortError(controller.signal);
    expect(error.code).toBe("aborted");
    expect((error.cause as Error).name).toBe("AbortError");
  });
});

describe("waitFor", () => {
  it("resolves once the clock has moved ms forward, not before", async () => {
    const clock = new ManualClock();
    let done = false;
    const waiting = waitFor(clock, 50).then(() => (done = true));
    clock.advance(49);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    await waiting;
    expect(done).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it("resolves at once for zero or negative ms without a timer", async () => {
    const clock = new ManualClock();
    await waitFor(clock, 0);
    await waitFor(clock, -10);
    expect(clock.pending).toBe(0);
  });

  it("rejects at once with aborted when the signal already fired", async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    controller.abort("stop");
    const error = await waitFor(clock, 10, controller.signal).catch((e: unknown) => e);
    expect(isBattError(error, "aborted")).toBe(true);
    expect((error as BattError).cause).toBe("stop");
    expect(clock.pending).toBe(0);
    // Even a zero wait reports the abort.
    await expect(waitFor(clock, 0, controller.signal)).rejects.toMatchObject({ code: "aborted" });
  });

  it("rejects with aborted when the signal fires during the wait, and clears its timer", async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const waiting = waitFor(clock, 1000, controller.signal);
    expect(clock.pending).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: "aborted" });
    expect(clock.pending).toBe(0);
  });

  it("is unaffected by an abort after it resolved", async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const waiting = waitFor(clock, 5, controller.signal);
    clock.advance(5);
    await waiting;
    controller.abort();
    expect(clock.pending).toBe(0);
  });
});
