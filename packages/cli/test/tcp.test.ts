import { TcpServerTransport } from "@batt/transport-node";
import { describe, expect, it } from "vitest";
import { createDemoDevice } from "../src/sim/demo-modbus-device.js";
import { runCli } from "./run-cli.js";

/** The demo device listening on a loopback port, as a Modbus TCP server or a transparent RTU gateway. */
async function serveOnTcp(framing: "tcp" | "rtu") {
  const server = new TcpServerTransport({ framing: framing === "tcp" ? "modbus-tcp" : "raw" });
  await server.open();
  const handle = createDemoDevice().serve(server, framing);
  return {
    address: `127.0.0.1:${server.info.port}`,
    close: async () => {
      await handle.stop();
      await server.close();
    },
  };
}

describe("batt modbus over TCP", () => {
  it("--tcp speaks Modbus TCP (MBAP) by default", async () => {
    const device = await serveOnTcp("tcp");
    try {
      const { code, stdout, stderr } = await runCli(["modbus", "read", "--tcp", device.address, "--count", "3", "--json", "-v"]);
      expect(code, stderr).toBe(0);
      expect(JSON.parse(stdout).values).toEqual([2000, 1280, 1420]);
      expect(stderr).toMatch(/batt: tx 00 01 00 00 00 06 01 03 00 00 00 03\n/); // MBAP header, no CRC
    } finally {
      await device.close();
    }
  });

  it("--framing rtu sends RTU frames through a transparent gateway", async () => {
    const device = await serveOnTcp("rtu");
    try {
      const write = await runCli(["modbus", "write", "--tcp", device.address, "--framing", "rtu", "--address", "11", "97", "--yes"]);
      expect(write.code, write.stderr).toBe(0);
      const read = await runCli(["modbus", "read", "--tcp", device.address, "--framing", "rtu", "--address", "11", "--json"]);
      expect(JSON.parse(read.stdout).values).toEqual([97]);
    } finally {
      await device.close();
    }
  });
});
