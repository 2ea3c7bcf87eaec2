import { describe, expect, it } from "vitest";
import { ModbusExceptionError } from "@batt/modbus-rtu";
import { UpgradeError } from "../src/index.js";
import { failure, rtu, scripted } from "./support.js";

// Issue 11 item 7: an UpgradeError reaches the caller of upgradeFirmware as an UpgradeError with
// its stop point, and the Modbus exception behind it as a ModbusExceptionError.
// At the charger's default address, 70 (0x46).
const MODULE_STEP = rtu("46 10 30 02 00 05 0A 00 00 00 02 00 1E 00 00 00 01");
const image = new Uint8Array(1500).map((_, i) => (i * 7) & 0xff);

describe("UpgradeError through the driver", () => {
  it("a Modbus exception at the module step: UpgradeError with stop, caused by a ModbusExceptionError", async () => {
    const { charger } = await scripted({ [MODULE_STEP]: rtu("46 90 04") });
    const error = await failure(charger.upgradeFirmware({ name: "x.usb", data: image }, { module: 2 }));
    expect(error).toBeInstanceOf(UpgradeError);
    expect(error).toMatchObject({ code: "device-exception", stop: { step: "module" }, context: { step: "module" } });
    const cause = (error as unknown as Error).cause;
    expect(cause).toBeInstanceOf(ModbusExceptionError);
    expect(cause).toMatchObject({ exceptionCode: 4 });
  });

  it("no answer at all: UpgradeError with code timeout and its stop point", async () => {
    const { charger } = await scripted({});
    const error = await failure(charger.upgradeFirmware({ name: "x.usb", data: image }, { module: 2 }));
    expect(error).toBeInstanceOf(UpgradeError);
    expect(error).toMatchObject({ code: "timeout", stop: { step: "module" } });
  });
});
