import { createMemoryLink, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";

describe("voltaic on a Modbus TCP link", () => {
  it("speaks MBAP when the transport says its framing is modbus-tcp, driver and simulator alike", async () => {
    const { host, device } = createMemoryLink({ info: { description: "tcp 127.0.0.1:502 (modbus-tcp)", framing: "modbus-tcp" } });
    await Promise.all([host.open(), device.open()]);
    const sent: string[] = [];
    host.onData(() => undefined);
    device.onData((chunk) => sent.push(toHex(chunk)));
    const sim = await plugin.simulate!(device, {});
    const session = await plugin.connect(host, { gap: "0" });
    try {
      const reading = await session.read();
      expect(reading.batteries[0]!.voltage).toBeGreaterThan(10);
      // MBAP: transaction id, protocol id 0, length, unit 1 — and no CRC after the PDU.
      expect(sent[0]).toMatch(/^00 01 00 00 00 06 01 0[1-4] /);
      expect(sent[0]!.split(" ")).toHaveLength(12);
    } finally {
      await session.close();
      await sim.stop();
    }
  });
});
