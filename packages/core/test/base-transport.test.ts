import { describe, expect, it } from "vitest";
import { BaseTransport, BattError, fromHex, isBattError, toHex, type TransportInfo, type TransportKind } from "../src/index.js";

/** A transport whose open, close and write behaviour a test scripts. */
class ScriptedTransport extends BaseTransport {
  opens = 0;
  readonly written: string[] = [];
  openResult: () => Promise<void> = async () => {};
  closeResult: () => Promise<void> = async () => {};

  constructor(kind: TransportKind = "stream", info: TransportInfo = { description: "scripted" }) {
    super(kind, info);
  }
  protected doOpen(): Promise<void> {
    this.opens++;
    return this.openResult();
  }
  protected doClose(): Promise<void> {
    return this.closeResult();
  }
  protected async doWrite(data: Uint8Array): Promise<void> {
    this.written.push(toHex(data));
  }
  arrive(chunk: Uint8Array): void {
    this.receive(chunk);
  }
  drop(cause?: unknown): void {
    this.lost(cause);
  }
}

describe("BaseTransport", () => {
  it("opens once for concurrent open() calls", async () => {
    const t = new ScriptedTransport();
    let release!: () => void;
    t.openResult = () => new Promise((resolve) => (release = resolve));
    const a = t.open();
    const b = t.open();
    expect(t.isOpen).toBe(false);
    release();
    await Promise.all([a, b]);
    expect(t.opens).toBe(1);
    expect(t.isOpen).toBe(true);
  });

  it("wraps a failed open as not-open with the cause, and can try again", async () => {
    const t = new ScriptedTransport();
    const cause = new Error("EACCES");
    t.openResult = () => Promise.reject(cause);
    const error = await t.open().catch((e: unknown) => e);
    expect(isBattError(error, "not-open")).toBe(true);
    expect((error as BattError).message).toBe("cannot open scripted: EACCES");
    expect((error as BattError).cause).toBe(cause);
    expect(t.isOpen).toBe(false);
    t.openResult = async () => {};
    await t.open();
    expect(t.isOpen).toBe(true);
    expect(t.opens).toBe(2);
  });

  it("passes a BattError from doOpen through unchanged", async () => {
    const t = new ScriptedTransport();
    const notFound = new BattError("not-found", "no such port");
    t.openResult = () => Promise.reject(notFound);
    await expect(t.open()).rejects.toBe(notFound);
  });

  it("emits onClose once after close(), even when doClose fails", async () => {
    const t = new ScriptedTransport();
    const reasons: unknown[] = [];
    t.onClose((r) => reasons.push(r));
    await t.open();
    t.closeResult = () => Promise.reject(new Error("EIO"));
    await expect(t.close()).rejects.toThrow("EIO");
    expect(t.isOpen).toBe(false);
    await t.close();
    expect(reasons).toEqual([undefined]);
  });

  it("delivers received chunks only while open and never empty ones", async () => {
    const t = new ScriptedTransport();
    const got: string[] = [];
    const off = t.onData((c) => got.push(toHex(c)));
    t.arrive(fromHex("01"));
    await t.open();
    t.arrive(new Uint8Array(0));
    t.arrive(fromHex("02 03"));
    off();
    t.arrive(fromHex("04"));
    expect(got).toEqual(["02 03"]);
  });

  it("reports a lost link as disconnected once, keeping a given disconnected error as it is", async () => {
    const t = new ScriptedTransport();
    const reasons: (BattError | undefined)[] = [];
    t.onClose((r) => reasons.push(r));
    t.drop("ignored while closed");
    await t.open();
    t.drop();
    expect(reasons[0]?.code).toBe("disconnected");
    expect(reasons[0]?.message).toBe("scripted disconnected: link lost");
    await t.open();
    t.drop("EPIPE");
    expect(reasons[1]?.message).toBe("scripted disconnected: EPIPE");
    await t.open();
    const own = new BattError("disconnected", "unplugged");
    t.drop(own);
    t.drop(own);
    expect(reasons[2]).toBe(own);
    expect(reasons).toHaveLength(3);
  });

  it("wraps a non-disconnected BattError cause", async () => {
    const t = new ScriptedTransport();
    const reasons: (BattError | undefined)[] = [];
    t.onClose((r) => reasons.push(r));
    await t.open();
    const cause = new BattError("timeout", "heartbeat missed");
    t.drop(cause);
    expect(reasons[0]?.code).toBe("disconnected");
    expect(reasons[0]?.cause).toBe(cause);
  });

  it("pads packet writes to the report size and refuses longer ones", async () => {
    const t = new ScriptedTransport("packet", { packetSize: 4 });
    await t.open();
    await t.write(fromHex("01"));
    await t.write(fromHex("01 02 03 04"));
    await expect(t.write(fromHex("01 02 03 04 05"))).rejects.toMatchObject({ code: "invalid-argument" });
    expect(t.written).toEqual(["01 00 00 00", "01 02 03 04"]);
  });

  it("writes stream data as it is and refuses writes while closed", async () => {
    const t = new ScriptedTransport("stream");
    await expect(t.write(fromHex("01"))).rejects.toMatchObject({ code: "not-open", message: "scripted is not open" });
    await t.open();
    await t.write(fromHex("01"));
    expect(t.written).toEqual(["01"]);
  });
});

describe("BaseTransport during open", () => {
  it("delivers bytes an adapter receives before doOpen() resolves (a read loop started inside doOpen)", async () => {
    class EarlyReader extends BaseTransport {
      protected async doOpen(): Promise<void> {
        this.receive(Uint8Array.of(0x42)); // the read loop's first chunk, before open() completes
      }
      protected async doClose(): Promise<void> {}
      protected async doWrite(): Promise<void> {}
    }
    const t = new EarlyReader("stream");
    const seen: number[] = [];
    t.onData((c) => seen.push(...c));
    await t.open();
    expect(seen).toEqual([0x42]);
  });
});
