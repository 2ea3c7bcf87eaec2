import { isBattError, type BattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { HidTransport, listHidDevices } from "../src/index.js";

// Against the real node-hid: whatever this machine has (often no HID devices, sometimes no hidraw).
describe("HID with the installed node-hid", () => {
  it("listHidDevices returns a list (and a warning only when node-hid cannot load)", async () => {
    const { devices, warning } = await listHidDevices();
    expect(Array.isArray(devices)).toBe(true);
    if (warning !== undefined) expect(warning).toMatch(/node-hid could not load/);
    for (const d of devices) {
      expect(typeof d.vendorId).toBe("number");
      expect(typeof d.productId).toBe("number");
    }
  });

  it("opening a HID path that does not exist gives not-found (or unsupported without node-hid)", async () => {
    const hid = new HidTransport({ path: "/dev/hidraw-batt-missing" });
    const error = (await hid.open().catch((e: unknown) => e)) as BattError;
    expect(isBattError(error, "not-found", "unsupported")).toBe(true);
    expect(error.message).toMatch(error.code === "not-found" ? /\/dev\/hidraw-batt-missing/ : /node-hid could not load/);
    expect(hid.isOpen).toBe(false);
  });

  it("opening by ids nobody has gives not-found (or unsupported)", async () => {
    const hid = new HidTransport({ vendorId: 0xfffe, productId: 0xbeef });
    const error = (await hid.open().catch((e: unknown) => e)) as BattError;
    expect(isBattError(error, "not-found", "unsupported")).toBe(true);
    if (error.code === "not-found") expect(error.message).toContain("fffe");
  });

  it("rejects options that cannot name a device or a report", () => {
    expect(() => new HidTransport({})).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => new HidTransport({ path: "x", reportId: 256 })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => new HidTransport({ path: "x", reportSize: 0 })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    const hid = new HidTransport({ vendorId: 0x0483, productId: 0x5750, reportSize: 32 });
    expect(hid.kind).toBe("packet");
    expect(hid.info.packetSize).toBe(32);
    expect(hid.info.description).toBe("hid 0483:5750");
  });
});
