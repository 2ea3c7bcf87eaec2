import { createMemoryLink, isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { ModbusClient, ModbusException, ModbusExceptionError, ModbusServer, type ModbusFraming, type ModbusHandler } from "../src/index.js";

// Issue 11 item 7: a server's Modbus exception reaches the caller as a ModbusExceptionError, with its
// exceptionCode, over RTU and TCP, for reads and writes.
async function refusingServer(framing: ModbusFraming) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const handler: ModbusHandler = {
    readHoldingRegisters: () => {
      throw new ModbusExceptionError(ModbusException.IllegalDataAddress, "no such register");
    },
    writeRegisters: () => {
      throw new ModbusExceptionError(ModbusException.ServerDeviceBusy);
    },
  };
  new ModbusServer(device, { units: [1], handler, framing }).start();
  return new ModbusClient(host, { framing, timeoutMs: 100, drain: { quietMs: 2, maxMs: 20 } });
}

describe.each(["rtu", "tcp"] as const)("a Modbus exception reply over %s", (framing) => {
  it("reaches the caller of a read as a ModbusExceptionError with exceptionCode", async () => {
    const client = await refusingServer(framing);
    const error = await client.readHoldingRegisters(1, 0x10, 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModbusExceptionError);
    expect(isBattError(error, "device-exception")).toBe(true);
    expect(error).toMatchObject({ exceptionCode: 2, context: { deviceCode: 2, unit: 1, functionCode: 3, attempts: 1 } });
    expect((error as ModbusExceptionError).context.request).toBeInstanceOf(Uint8Array);
  });

  it("reaches the caller of a write the same way", async () => {
    const client = await refusingServer(framing);
    const error = await client.writeSingleRegister(1, 0x10, 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModbusExceptionError);
    expect(error).toMatchObject({ exceptionCode: 6, code: "device-exception" });
  });
});
