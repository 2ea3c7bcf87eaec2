import { isBattError, type BattError } from "@batt/core";
import { describe, expect, it, vi } from "vitest";

// node-hid as it behaves when its native library is missing: the module imports, and the first
// call into it throws.
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock("node-hid", () => {
  loads.count++;
  const broken = (): never => {
    throw new Error("libhidapi-hidraw.so.0: cannot open shared object file: No such file or directory");
  };
  return { HIDAsync: { open: broken }, devicesAsync: broken, getHidapiVersion: broken };
});

const { HidTransport, listHidDevices, TcpTransport } = await import("../src/index.js");

describe("HID where node-hid cannot load", () => {
  it("importing the package does not load node-hid", () => {
    expect(new TcpTransport({ host: "127.0.0.1", port: 502 }).info.framing).toBe("raw");
    expect(loads.count).toBe(0);
  });

  it("opening a HID transport rejects with unsupported, saying node-hid could not load and why", async () => {
    const error = (await new HidTransport({ path: "/dev/hidraw0" }).open().catch((e: unknown) => e)) as BattError;
    expect(isBattError(error, "unsupported")).toBe(true);
    expect(error.message).toContain("node-hid could not load");
    expect(error.message).toContain("libhidapi-hidraw.so.0");
    expect(loads.count).toBe(1);
  });

  it("listHidDevices returns no devices and a warning instead of throwing", async () => {
    const { devices, warning } = await listHidDevices();
    expect(devices).toEqual([]);
    expect(warning).toMatch(/node-hid could not load.*libhidapi/);
  });
});
