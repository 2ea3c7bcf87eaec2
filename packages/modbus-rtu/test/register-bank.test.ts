import { describe, expect, it } from "vitest";
import { ModbusException, ModbusExceptionError, RegisterBank, type ModbusRequestContext, type RegisterWriteEvent } from "../src/index.js";
import { failure, setupLink } from "./support.js";

const context: ModbusRequestContext = { unit: 1, functionCode: 0x10, broadcast: false };

describe("RegisterBank", () => {
  it("keeps sized tables with get/set helpers, optionally at a first address", () => {
    const bank = new RegisterBank({ holdingRegisters: { start: 0x9000, size: 0x40 }, coils: 2 });
    bank.holdingRegisters.set(0x9022, 1150);
    expect(bank.holdingRegisters.get(0x9022)).toBe(1150);
    expect(bank.readHoldingRegisters(0x9021, 3)).toEqual([0, 1150, 0]);
    bank.coils.write(0, [true, true]);
    expect(bank.readCoils(0, 2)).toEqual([true, true]);
    expect(() => bank.holdingRegisters.set(0x8fff, 1)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => bank.holdingRegisters.set(0x9000, 70000)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => new RegisterBank({ inputRegisters: { start: 0xff00, size: 0x101 } })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("answers ranges outside a table, or absent tables, with exception 02", () => {
    const bank = new RegisterBank({ holdingRegisters: { start: 0x9000, size: 0x40 } });
    const code = (f: () => unknown): number | undefined => {
      try {
        f();
      } catch (error) {
        return (error as ModbusExceptionError).exceptionCode;
      }
      return undefined;
    };
    expect(code(() => bank.readHoldingRegisters(0x8fff, 2))).toBe(ModbusException.IllegalDataAddress);
    expect(code(() => bank.readHoldingRegisters(0x903f, 2))).toBe(2);
    expect(code(() => bank.writeRegisters(0x9040, [1], context))).toBe(2);
    expect(code(() => bank.readInputRegisters(0, 1))).toBe(2);
    expect(code(() => bank.readHoldingRegisters(0x903f, 1))).toBeUndefined();
  });

  it("tells onWrite about client writes and undoes a write the hook refuses", () => {
    const events: RegisterWriteEvent[] = [];
    const bank = new RegisterBank({
      holdingRegisters: 0x10,
      coils: 4,
      onWrite: (event) => {
        events.push(event);
        if (event.table === "holdingRegisters" && event.values.some((v) => v > 1300)) {
          throw new ModbusExceptionError(ModbusException.IllegalDataValue, "above 13.00 V");
        }
        // A command register that clears itself once received.
        if (event.table === "holdingRegisters" && event.address === 7) bank.holdingRegisters.set(7, 0);
      },
    });
    bank.writeRegisters(2, [1150, 1200], context);
    expect(bank.holdingRegisters.read(2, 2)).toEqual([1150, 1200]);
    expect(() => bank.writeRegisters(2, [1000, 1400], context)).toThrow(expect.objectContaining({ exceptionCode: 3 }));
    expect(bank.holdingRegisters.read(2, 2)).toEqual([1150, 1200]);
    bank.writeRegisters(7, [4], context);
    expect(bank.holdingRegisters.get(7)).toBe(0);
    bank.writeCoils(1, [true], { ...context, functionCode: 5 });
    expect(events.map((e) => `${e.table}@${e.address}`)).toEqual(["holdingRegisters@2", "holdingRegisters@2", "holdingRegisters@7", "coils@1"]);
    expect(events[3]?.context.functionCode).toBe(5);
  });

  it("serves several units from one server by unit list or predicate", async () => {
    const a = new RegisterBank({ holdingRegisters: 4 });
    const b = new RegisterBank({ holdingRegisters: 4 });
    a.holdingRegisters.set(0, 11);
    b.holdingRegisters.set(0, 22);
    const banks = new Map([[1, a], [2, b]]);
    const { client } = await setupLink({
      handler: { readHoldingRegisters: (address, count, ctx) => banks.get(ctx.unit)!.readHoldingRegisters(address, count) },
      server: { units: (unit) => banks.has(unit) },
    });
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([11]);
    expect(await client.readHoldingRegisters(2, 0, 1)).toEqual([22]);
    expect((await failure(client.readHoldingRegisters(3, 0, 1))).code).toBe("timeout");
    const list = await setupLink({ server: { units: [5, 6] } });
    expect(await list.client.readHoldingRegisters(6, 0, 1)).toEqual([0]);
  });
});
