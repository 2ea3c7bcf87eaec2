import { ModbusException, ModbusExceptionError } from "./exception.js";
import { BitTable, RegisterTable, type TableLayout } from "./data-table.js";
import type { ModbusHandler, ModbusRequestContext } from "./handler.js";

/** A write by a client to a {@link RegisterBank}, as seen by its `onWrite` hook. */
export type RegisterWriteEvent =
  | {
      readonly table: "coils";
      readonly address: number;
      readonly values: readonly boolean[];
      readonly context: ModbusRequestContext;
    }
  | {
      readonly table: "holdingRegisters";
      readonly address: number;
      readonly values: readonly number[];
      readonly context: ModbusRequestContext;
    };

/** Options for {@link RegisterBank}: the tables' sizes (default 0: the table is absent) and the write hook. */
export interface RegisterBankOptions {
  /** Coils (0x01, 0x05, 0x0F). */
  readonly coils?: TableLayout;
  /** Discrete inputs (0x02). */
  readonly discreteInputs?: TableLayout;
  /** Holding registers (0x03, 0x06, 0x10, 0x17). */
  readonly holdingRegisters?: TableLayout;
  /** Input registers (0x04). */
  readonly inputRegisters?: TableLayout;
  /**
   * Called after a client's write has been stored, for simulators to react (switch a load, clear a
   * command register). Throwing (a `ModbusExceptionError` to choose the code) undoes the write and
   * answers with an exception.
   */
  readonly onWrite?: (event: RegisterWriteEvent) => void;
}

/**
 * In-memory data for a {@link ModbusServer}: four sized tables with get/set helpers, answering
 * exception 02 (Illegal Data Address) for ranges outside a table.
 *
 * @example
 * ```ts
 * const bank = new RegisterBank({ holdingRegisters: { start: 0x9000, size: 0x100 }, coils: 1 });
 * bank.holdingRegisters.set(0x9022, 1150);
 * ```
 */
export class RegisterBank implements ModbusHandler {
  /** Coils. */
  readonly coils: BitTable;
  /** Discrete inputs. */
  readonly discreteInputs: BitTable;
  /** Holding registers. */
  readonly holdingRegisters: RegisterTable;
  /** Input registers. */
  readonly inputRegisters: RegisterTable;

  private readonly onWriteHook: RegisterBankOptions["onWrite"];

  constructor(options: RegisterBankOptions = {}) {
    this.coils = new BitTable(options.coils);
    this.discreteInputs = new BitTable(options.discreteInputs);
    this.holdingRegisters = new RegisterTable(options.holdingRegisters);
    this.inputRegisters = new RegisterTable(options.inputRegisters);
    this.onWriteHook = options.onWrite;
  }

  /** {@inheritDoc ModbusHandler.readCoils} */
  readCoils(address: number, count: number): boolean[] {
    return this.coils.read(address, inRange(this.coils, address, count));
  }

  /** {@inheritDoc ModbusHandler.readDiscreteInputs} */
  readDiscreteInputs(address: number, count: number): boolean[] {
    return this.discreteInputs.read(address, inRange(this.discreteInputs, address, count));
  }

  /** {@inheritDoc ModbusHandler.readHoldingRegisters} */
  readHoldingRegisters(address: number, count: number): number[] {
    return this.holdingRegisters.read(address, inRange(this.holdingRegisters, address, count));
  }

  /** {@inheritDoc ModbusHandler.readInputRegisters} */
  readInputRegisters(address: number, count: number): number[] {
    return this.inputRegisters.read(address, inRange(this.inputRegisters, address, count));
  }

  /** {@inheritDoc ModbusHandler.writeCoils} */
  writeCoils(address: number, values: readonly boolean[], context: ModbusRequestContext): void {
    const before = this.coils.read(address, inRange(this.coils, address, values.length));
    this.coils.write(address, values);
    this.afterWrite({ table: "coils", address, values, context }, () => this.coils.write(address, before));
  }

  /** {@inheritDoc ModbusHandler.writeRegisters} */
  writeRegisters(address: number, values: readonly number[], context: ModbusRequestContext): void {
    const before = this.holdingRegisters.read(address, inRange(this.holdingRegisters, address, values.length));
    this.holdingRegisters.write(address, values);
    this.afterWrite({ table: "holdingRegisters", address, values, context }, () => this.holdingRegisters.write(address, before));
  }

  private afterWrite(event: RegisterWriteEvent, undo: () => void): void {
    try {
      this.onWriteHook?.(event);
    } catch (error) {
      undo();
      throw error;
    }
  }
}

function inRange(table: BitTable | RegisterTable, address: number, count: number): number {
  if (!table.contains(address, count)) {
    throw new ModbusExceptionError(ModbusException.IllegalDataAddress, `addresses ${address}..${address + count - 1} are not in the table`);
  }
  return count;
}
