import { existsSync, readdirSync } from "node:fs";
import type * as serialport from "serialport";
import { describe, expect, it, vi } from "vitest";

// serialport's listing as it fails without udev (udevadm missing in a container).
vi.mock("serialport", async (importOriginal) => {
  const real = await importOriginal<typeof serialport>();
  class NoUdevSerialPort extends real.SerialPort {
    static override list(): never {
      throw new Error("spawn udevadm ENOENT");
    }
  }
  return { ...real, SerialPort: NoUdevSerialPort };
});

const { listSerialPorts } = await import("../src/index.js");

describe("listSerialPorts when the system listing fails", () => {
  it("does not throw, says why, and falls back to sysfs on Linux", async () => {
    const { ports, warning } = await listSerialPorts();
    expect(warning).toMatch(/udevadm ENOENT/);
    if (process.platform !== "linux") {
      expect(ports).toEqual([]);
      return;
    }
    const sysfs = readdirSync("/sys/class/tty").filter((n) => /^tty(USB|ACM)\d/.test(n));
    for (const name of sysfs) expect(ports.map((p) => p.path)).toContain(`/dev/${name}`);
    for (const port of ports) {
      expect(port.path).toMatch(/^\/dev\//);
      expect(existsSync(port.path)).toBe(true);
    }
  });
});
