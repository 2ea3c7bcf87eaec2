import type { EventEmitter } from "node:events";
import { BaseTransport, isBattError, type BattError } from "@batt/core";
import { collect, transportContract } from "@batt/core/testing";
import * as nodeHid from "node-hid";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HidTransport, listHidDevices } from "../src/index.js";

// A stand-in for node-hid's HIDAsync that behaves like hidraw: a report written with id 0 reaches
// the device without that byte; input reports come up one per `data` event.
interface FakeState {
  devices: { path: string; vendorId: number; productId: number; product?: string; manufacturer?: string; serialNumber?: string; release: number; interface: number }[];
  denied: Set<string>;
  bus: EventEmitter;
  written: { path: string; report: Buffer }[];
  open: Map<string, EventEmitter & { closed: boolean }>;
}

vi.mock("node-hid", async () => {
  const { EventEmitter } = await import("node:events");
  const state: FakeState = { devices: [], denied: new Set(), bus: new EventEmitter(), written: [], open: new Map() };
  class FakeHidAsync extends EventEmitter {
    closed = false;
    constructor(readonly path: string) {
      super();
      const up = (report: Buffer): void => {
        if (!this.closed) this.emit("data", report);
      };
      state.bus.on(`in:${path}`, up);
      this.once("closed", () => state.bus.off(`in:${path}`, up));
    }
    static async open(path: string): Promise<FakeHidAsync> {
      if (state.denied.has(path)) throw new Error(`cannot open device with path ${path}: Permission denied`);
      if (!state.devices.some((d) => d.path === path)) throw new Error(`cannot open device with path ${path}: No such file or directory`);
      const device = new FakeHidAsync(path);
      state.open.set(path, device);
      return device;
    }
    async write(report: Buffer): Promise<number> {
      if (this.closed) throw new Error("Cannot write to closed device");
      const copy = Buffer.from(report);
      state.written.push({ path: this.path, report: copy });
      queueMicrotask(() => state.bus.emit(`out:${this.path}`, copy[0] === 0 ? copy.subarray(1) : copy));
      return copy.length;
    }
    async close(): Promise<void> {
      this.closed = true;
      this.emit("closed");
      this.removeAllListeners();
    }
  }
  return { HIDAsync: FakeHidAsync, devicesAsync: async () => state.devices, getHidapiVersion: () => "fake", __state: state };
});

const state = (nodeHid as unknown as { __state: FakeState }).__state;

/** The device end of a fake HID link: receives output reports, sends input reports. */
class FakeDeviceEnd extends BaseTransport {
  private readonly onReport = (report: Buffer): void => this.receive(Uint8Array.from(report));
  constructor(private readonly path: string, size = 64) {
    super("packet", { description: `fake device ${path}`, packetSize: size });
  }
  protected async doOpen(): Promise<void> {
    state.bus.on(`out:${this.path}`, this.onReport);
  }
  protected async doClose(): Promise<void> {
    state.bus.off(`out:${this.path}`, this.onReport);
  }
  protected async doWrite(data: Uint8Array): Promise<void> {
    const report = Buffer.from(data);
    queueMicrotask(() => state.bus.emit(`in:${this.path}`, report));
  }
}

const plug = (path: string, vendorId = 0x0483, productId = 0x5750): void => {
  state.devices.push({ path, vendorId, productId, product: "Fake BMS", manufacturer: "Batt", serialNumber: "0001", release: 0x0100, interface: 0 });
};

afterEach(() => {
  state.devices.length = 0;
  state.written.length = 0;
  state.denied.clear();
  state.open.clear();
  state.bus.removeAllListeners();
});

describe("transport contract: HidTransport over a node-hid stand-in", () => {
  for (const c of transportContract(async () => {
    plug("/fake/hidraw0");
    return { a: new HidTransport({ path: "/fake/hidraw0" }), b: new FakeDeviceEnd("/fake/hidraw0") };
  })) {
    it(c.name, c.run);
  }
});

describe("HidTransport (node-hid stand-in)", () => {
  it("puts the report id in front of every report, padded to the report size", async () => {
    plug("/fake/hidraw1");
    const hid = new HidTransport({ path: "/fake/hidraw1", reportId: 2, reportSize: 8 });
    await hid.open();
    await hid.write(Uint8Array.of(0xdd, 0xa5, 0x03));
    expect([...state.written[0]!.report]).toEqual([2, 0xdd, 0xa5, 0x03, 0, 0, 0, 0, 0]);
    const error = await hid.write(new Uint8Array(9)).catch((e: unknown) => e);
    expect(isBattError(error, "invalid-argument")).toBe(true);
    await hid.close();
  });

  it("delivers each input report as one chunk, as received", async () => {
    plug("/fake/hidraw2");
    const hid = new HidTransport({ path: "/fake/hidraw2", reportSize: 4 });
    const device = new FakeDeviceEnd("/fake/hidraw2", 4);
    await Promise.all([hid.open(), device.open()]);
    const got = collect(hid, 3);
    for (const first of [1, 2, 3]) await device.write(Uint8Array.of(first, 0xee));
    expect((await got).map((r) => [...r])).toEqual([
      [1, 0xee, 0, 0],
      [2, 0xee, 0, 0],
      [3, 0xee, 0, 0],
    ]);
    await hid.close();
  });

  it("finds a device by vendor and product id and records its path and product string", async () => {
    plug("/fake/other", 0x1a86, 0x7523);
    plug("/fake/hidraw3");
    const hid = new HidTransport({ vendorId: 0x0483, productId: 0x5750 });
    await hid.open();
    expect(hid.info.path).toBe("/fake/hidraw3");
    expect(hid.info.product).toBe("Fake BMS");
    expect(state.open.has("/fake/hidraw3")).toBe(true);
    await hid.close();
  });

  it("ids nobody has give not-found, with the ids and the device count", async () => {
    plug("/fake/other", 0x1a86, 0x7523);
    const error = (await new HidTransport({ vendorId: 0x0483, productId: 0x5750 }).open().catch((e: unknown) => e)) as BattError;
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(/0483.*5750.*1 HID device/);
  });

  it("a path that is not there gives not-found; one that is there but refuses gives not-open", async () => {
    const missing = (await new HidTransport({ path: "/fake/gone" }).open().catch((e: unknown) => e)) as BattError;
    expect(missing.code).toBe("not-found");
    expect(missing.message).toContain("/fake/gone");
    plug("/fake/locked");
    state.denied.add("/fake/locked");
    const locked = (await new HidTransport({ path: "/fake/locked" }).open().catch((e: unknown) => e)) as BattError;
    expect(locked.code).toBe("not-open");
    expect(locked.message).toMatch(/\/fake\/locked.*Permission denied/);
  });

  it("a device error (unplugged) ends the session with disconnected and releases the device", async () => {
    plug("/fake/hidraw4");
    const hid = new HidTransport({ path: "/fake/hidraw4" });
    await hid.open();
    const closed = new Promise<BattError | undefined>((resolve) => hid.onClose(resolve));
    state.open.get("/fake/hidraw4")!.emit("error", new Error("could not read from HID device"));
    const reason = await closed;
    expect(reason?.code).toBe("disconnected");
    expect(reason?.message).toMatch(/hid \/fake\/hidraw4.*could not read/);
    expect(hid.isOpen).toBe(false);
    await vi.waitFor(() => expect(state.open.get("/fake/hidraw4")!.closed).toBe(true));
  });

  it("listHidDevices reports ids and strings, and filters", async () => {
    plug("/fake/a");
    plug("/fake/b", 0x1a86, 0x7523);
    const all = await listHidDevices();
    expect(all.warning).toBeUndefined();
    expect(all.devices[0]).toEqual({
      path: "/fake/a",
      vendorId: 0x0483,
      productId: 0x5750,
      manufacturer: "Batt",
      product: "Fake BMS",
      serialNumber: "0001",
      release: 0x0100,
      interface: 0,
    });
    const some = await listHidDevices({ vendorId: 0x1a86 });
    expect(some.devices.map((d) => d.path)).toEqual(["/fake/b"]);
  });
});
