import { createMemoryLink } from "@batt/core";
import { ModbusException, ModbusExceptionError, ModbusServer } from "@batt/modbus-rtu";
import { describe, expect, it } from "vitest";
import { VoltaicController } from "../src/index.js";

// Issue 11 item 7: a controller's Modbus exception reaches the caller of the driver as a
// ModbusExceptionError with its exceptionCode, for a read and for a write.
async function refusingController() {
  const { host, device } = createMemoryLink({ info: { baudRate: 9600 } });
  await Promise.all([host.open(), device.open()]);
  const refuse = (): never => {
    throw new ModbusExceptionError(ModbusException.ServerDeviceFailure, "sensor fault");
  };
  const units = Array.from({ length: 247 }, (_, i) => i + 1);
  new ModbusServer(device, { units, handler: { readHoldingRegisters: refuse, readInputRegisters: refuse, writeCoils: refuse, writeRegisters: refuse } }).start();
  return new VoltaicController(host, { timeoutMs: 100, drain: { quietMs: 2, maxMs: 20 } });
}

describe("a Modbus exception through the Voltaic driver", () => {
  it("readLowVoltageProtection rejects with a ModbusExceptionError (exception 04)", async () => {
    const controller = await refusingController();
    const error = await controller.readLowVoltageProtection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModbusExceptionError);
    expect(error).toMatchObject({ code: "device-exception", exceptionCode: 4 });
  });

  it("setLoad rejects with a ModbusExceptionError too", async () => {
    const controller = await refusingController();
    const error = await controller.setLoad(true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModbusExceptionError);
    expect(error).toMatchObject({ exceptionCode: 4 });
  });
});
