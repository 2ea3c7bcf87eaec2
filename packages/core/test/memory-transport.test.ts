import { describe, expect, it } from "vitest";
import { createMemoryLink, fromHex, isBattError, toHex, type BattError } from "../src/index.js";
import { transportContract } from "../src/testing/index.js";
import { tick } from "./manual-clock.js";

describe("createMemoryLink (stream) meets the transport contract", () => {
  for (const c of transportContract(async () => {
    const { host, device } = createMemoryLink();
    return { a: host, b: device, cut: () => host.disconnect("cable pulled") };
  })) {
    it(c.name, c.run);
  }
});

describe("createMemoryLink (packet) meets the transport contract", () => {
  for (const c of transportContract(async () => {
    const { host, device } = createMemoryLink({ kind: "packet", packetSize: 32 });
    return { a: host, b: device, cut: () => host.disconnect("cable pulled") };
  })) {
    it(c.name, c.run);
  }
});

describe("createMemoryLink", () => {
  it("describes both ends and carries the link info", () => {
    const { host, device } = createMemoryLink({ info: { baudRate: 9600, description: "rs485" } });
    expect(host.kind).toBe("stream");
    expect(host.info).toEqual({ description: "rs485 (host)", baudRate: 9600 });
    expect(device.info.description).toBe("rs485 (device)");
    expect(host.peer).toBe(device);
    expect(device.peer).toBe(host);
    expect(host.info.packetSize).toBeUndefined();
  });

  it("uses 64-byte reports for packet links unless told", async () => {
    const { host, device } = createMemoryLink({ kind: "packet" });
    expect(host.info.packetSize).toBe(64);
    await Promise.all([host.open(), device.open()]);
    const reports: Uint8Array[] = [];
    device.onData((r) => reports.push(r));
    await host.write(fromHex("0f 03"));
    await tick();
    expect(reports).toHaveLength(1);
    expect(reports[0]!.length).toBe(64);
    expect(toHex(reports[0]!.subarray(0, 4))).toBe("0f 03 00 00");
    await expect(host.write(new Uint8Array(65))).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("delivers asynchronously and copies what was written", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const got: string[] = [];
    device.onData((chunk) => got.push(toHex(chunk)));
    const data = fromHex("01 02");
    const writing = host.write(data);
    data[0] = 0xff;
    expect(got).toEqual([]); // not delivered within the write call
    await writing;
    await tick();
    expect(got).toEqual(["01 02"]);
  });

  it("loses bytes sent to a closed end, and closing one end leaves the other open", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const got: string[] = [];
    device.onData((chunk) => got.push(toHex(chunk)));
    await device.close();
    expect(host.isOpen).toBe(true);
    await host.write(fromHex("01"));
    await tick();
    expect(got).toEqual([]);
  });

  it("disconnect() reaches onClose with disconnected and closes that end", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const reasons: (BattError | undefined)[] = [];
    host.onClose((r) => reasons.push(r));
    host.disconnect("cable pulled");
    expect(host.isOpen).toBe(false);
    expect(reasons).toHaveLength(1);
    expect(isBattError(reasons[0], "disconnected")).toBe(true);
    expect(reasons[0]!.message).toBe("memory (host) disconnected: cable pulled");
    expect((reasons[0]!.cause as Error).message).toBe("cable pulled");
    host.disconnect(); // already closed: no second event
    await host.close();
    expect(reasons).toHaveLength(1);
    await expect(host.write(fromHex("01"))).rejects.toMatchObject({ code: "not-open" });
    expect(device.isOpen).toBe(true);
  });
});
