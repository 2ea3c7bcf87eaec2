import { describe, expect, it, vi } from "vitest";
import { runCli } from "./run-cli.js";

// The listings come from the platform; here they are replaced so the CLI's handling can be checked.
vi.mock("@batt/transport-node", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@batt/transport-node")>()),
  listSerialPorts: async () => ({
    ports: [{ path: "/dev/ttyUSB0", vendorId: 0x1a86, productId: 0x7523, manufacturer: "QinHeng Electronics", product: "USB Serial" }, { path: "/dev/ttyS0" }],
  }),
  listHidDevices: async () => ({ devices: [], warning: "node-hid could not load its native library" }),
}));

describe("batt list", () => {
  it("prints ports and HID devices, with a warning (not a failure) for what cannot be listed", async () => {
    const { code, stdout, stderr } = await runCli(["list"]);
    expect(code).toBe(0);
    expect(stderr).toBe("batt: warning: HID devices: node-hid could not load its native library\n");
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("Serial ports:");
    expect(lines[1]).toMatch(/^ {2}PATH\s+USB ID\s+MANUFACTURER\s+PRODUCT\s+SERIAL$/);
    expect(lines[2]).toMatch(/^ {2}\/dev\/ttyUSB0\s+1a86:7523\s+QinHeng Electronics\s+USB Serial$/);
    expect(lines[3]).toBe("  /dev/ttyS0");
    expect(stdout).toContain("USB HID devices:\n  (none)\n");
  });

  it("--json prints one document with the warnings in it", async () => {
    const { code, stdout } = await runCli(["list", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      serialPorts: [{ path: "/dev/ttyUSB0", vendorId: 0x1a86, productId: 0x7523, manufacturer: "QinHeng Electronics", product: "USB Serial" }, { path: "/dev/ttyS0" }],
      hidDevices: [],
      warnings: ["HID devices: node-hid could not load its native library"],
    });
  });
});
