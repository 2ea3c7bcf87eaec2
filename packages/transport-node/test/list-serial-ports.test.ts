import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listSerialPorts } from "../src/index.js";

describe("listSerialPorts with the real serialport binding", () => {
  it("lists ports that exist, without throwing", async () => {
    const { ports, warning } = await listSerialPorts();
    if (warning !== undefined) expect(typeof warning).toBe("string");
    for (const port of ports) {
      if (process.platform !== "win32") expect(existsSync(port.path)).toBe(true);
      if (port.vendorId !== undefined) expect(Number.isInteger(port.vendorId)).toBe(true);
    }
  });
});
