import { Listeners, type Clock, type EngineCounters, type Transport, type Unsubscribe } from "@batt/core";
import { checkUnit, ModbusClient } from "@batt/modbus-rtu";
import type { LogViewReport } from "../hid/logview.js";
import { checkReadCount, checkWriteCount } from "./limits.js";
import type { AccessCallOptions, RegisterAccess, RegisterTable } from "./register-access.js";

/** Options for {@link RtuRegisterAccess}. */
export interface RtuRegisterAccessOptions {
  /** The charger's slave address, 1..247 (SYSTEM offset 48; default 1). */
  readonly address?: number;
  /** Reply deadline in ms (default 1000); the wire time is added at the link's baud rate. */
  readonly timeoutMs?: number;
  /** Least time between the end of one transaction and the next request, ms (default 0). */
  readonly minGapMs?: number;
  /** Time source (default: the system clock). */
  readonly clock?: Clock;
  /** Quiet-period drain after a timeout. */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
}

/**
 * Standard Modbus RTU on the charger's UART header (docs/protocols/icharger.md#serial-modbus-rtu), through a `ModbusClient`. Baud rate
 * and parity are the transport's (defaults 9600 8N1, SYSTEM offsets 49–50). No LogView on serial.
 */
export class RtuRegisterAccess implements RegisterAccess {
  /** Always `rtu`. */
  readonly kind = "rtu" as const;
  /** The Modbus client that owns the transport. */
  readonly client: ModbusClient;
  /** Slave address. */
  readonly address: number;
  private readonly logListeners = new Listeners<LogViewReport>();

  constructor(
    /** A `stream` transport (serial port) set to the charger's baud rate and parity. */
    readonly transport: Transport,
    options: RtuRegisterAccessOptions = {},
  ) {
    this.address = options.address ?? 1;
    checkUnit(this.address);
    this.client = new ModbusClient(transport, {
      timeoutMs: options.timeoutMs ?? 1000,
      ...(options.minGapMs !== undefined ? { minGapMs: options.minGapMs } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.drain ? { drain: options.drain } : {}),
    });
  }

  /** {@inheritDoc RegisterAccess.description} */
  get description(): string {
    return `${this.transport.info.description ?? "serial"} unit ${this.address}`;
  }

  /** {@inheritDoc RegisterAccess.counters} */
  get counters(): EngineCounters {
    return this.client.counters;
  }

  /** {@inheritDoc RegisterAccess.read} */
  async read(table: RegisterTable, address: number, count: number, options: AccessCallOptions = {}): Promise<number[]> {
    checkReadCount(count);
    return table === "input"
      ? this.client.readInputRegisters(this.address, address, count, options)
      : this.client.readHoldingRegisters(this.address, address, count, options);
  }

  /** {@inheritDoc RegisterAccess.write} */
  async write(address: number, values: readonly number[], options: AccessCallOptions = {}): Promise<void> {
    checkWriteCount(values.length);
    await this.client.writeMultipleRegisters(this.address, address, values, options);
  }

  /** {@inheritDoc RegisterAccess.onLog} */
  onLog(listener: (report: LogViewReport) => void): Unsubscribe {
    return this.logListeners.add(listener); // never fires: LogView is a USB feature
  }

  /** {@inheritDoc RegisterAccess.onLogError} */
  onLogError(_listener: (error: Error) => void): Unsubscribe {
    return () => undefined;
  }

  /** {@inheritDoc RegisterAccess.dispose} */
  dispose(): void {
    this.client.dispose();
  }
}
