import { describe, expect, it } from "vitest";
import { createMemoryLink, fromHex, isBattError, toHex, WrappedTransport } from "../src/index.js";
import { FaultyTransport } from "../src/testing/index.js";
import { tick } from "./manual-clock.js";

/** A pass-through wrapper (the base class's own behaviour). */
class Plain extends WrappedTransport {}

describe("WrappedTransport.borrow", () => {
  it("follows a transport its owner opened, at once, and leaves it open when closed", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const view = new Plain(device).borrow();
    expect(view.isOpen).toBe(true);
    const seen: string[] = [];
    const atHost: string[] = [];
    view.onData((chunk) => seen.push(toHex(chunk)));
    host.onData((chunk) => atHost.push(toHex(chunk)));
    await host.write(fromHex("01 02"));
    await view.write(fromHex("03"));
    await tick();
    expect(seen).toEqual(["01 02"]);
    expect(atHost).toEqual(["03"]);

    await view.close();
    expect(view.isOpen).toBe(false);
    expect(device.isOpen).toBe(true);
    await host.write(fromHex("04"));
    await tick();
    expect(seen).toEqual(["01 02"]);
  });

  it("refuses a transport that is not open, and is a no-op when already open", async () => {
    const { device } = createMemoryLink();
    expect(() => new Plain(device).borrow()).toThrow(expect.objectContaining({ code: "not-open" }));
    await device.open();
    const view = new Plain(device).borrow();
    expect(view.borrow()).toBe(view);
  });

  it("a borrowed end closes when its link is lost; opened later, it owns the link again", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const view = new Plain(device).borrow();
    const reasons: unknown[] = [];
    view.onClose((reason) => reasons.push(reason));
    device.disconnect("unplugged");
    expect(view.isOpen).toBe(false);
    expect(isBattError(reasons[0], "disconnected")).toBe(true);
    await view.open();
    await view.close();
    expect(device.isOpen).toBe(false);
  });

  it("carries a FaultyTransport's tx rules on a borrowed device end (a simulator's reply faults)", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const faulty = new FaultyTransport(device).borrow();
    faulty.inject({ direction: "tx", fault: { kind: "corrupt" } });
    const atHost: string[] = [];
    host.onData((chunk) => atHost.push(toHex(chunk)));
    await faulty.write(fromHex("01 02"));
    await faulty.write(fromHex("01 02"));
    await tick();
    expect(atHost).toEqual(["01 fd", "01 02"]);
  });
});
