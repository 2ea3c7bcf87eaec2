import type { SimulatorHandle, Transport } from "@batt/core";
import { ModbusException, ModbusExceptionError, ModbusServer, RegisterBank, type ModbusHandler, type RegisterWriteEvent } from "@batt/modbus-rtu";
import { DEMO_REGISTER_MAP, demoPoint, type ModbusTable } from "./demo-register-map.js";

/** Options for {@link createDemoDevice}. */
export interface DemoDeviceOptions {
  /** Unit id it answers (default 1). */
  readonly unit?: number;
  /** Milliseconds since some epoch (default `Date.now`); live values follow it. */
  readonly now?: () => number;
}

function tableSize(table: ModbusTable): number {
  return Math.max(0, ...DEMO_REGISTER_MAP.filter((p) => p.table === table).map((p) => p.address + 1));
}

/** Raw 16-bit form of a signed value. */
function word(value: number): number {
  const rounded = Math.round(value);
  return (rounded < 0 ? rounded + 0x10000 : rounded) & 0xffff;
}

const TWO_PI = 2 * Math.PI;

/**
 * A simulated battery monitor (shunt-based, 12.8 V LiFePO4 bank) that speaks Modbus RTU: settings
 * in holding registers (range-checked, exception 03 when out of range), live values in input
 * registers that follow a slow charge/discharge cycle, switches in coils, status bits in discrete
 * inputs. Addresses outside {@link DEMO_REGISTER_MAP} answer exception 02. Its data lives in a
 * `RegisterBank` (from `@batt/modbus-rtu`); {@link DemoModbusDevice.serve} answers on any transport with a `ModbusServer`.
 */
export class DemoModbusDevice {
  /** Unit id it answers. */
  readonly unit: number;
  /** The device's tables. */
  readonly bank: RegisterBank;

  private readonly now: () => number;
  private readonly startedAt: number;
  private lastUpdate: number;
  /** Charge left in the bank, in Ah. */
  private remainingAh: number;

  constructor(options: DemoDeviceOptions = {}) {
    this.unit = options.unit ?? 1;
    this.now = options.now ?? Date.now;
    this.bank = new RegisterBank({
      coils: tableSize("coil"),
      discreteInputs: tableSize("discrete"),
      holdingRegisters: tableSize("holding"),
      inputRegisters: tableSize("input"),
      onWrite: (event) => this.onWrite(event),
    });
    for (const point of DEMO_REGISTER_MAP) {
      if (point.initial === undefined) continue;
      if (point.table === "holding") this.bank.holdingRegisters.set(point.address, point.initial);
      if (point.table === "coil") this.bank.coils.set(point.address, point.initial !== 0);
    }
    this.startedAt = this.now();
    this.lastUpdate = this.startedAt;
    this.remainingAh = this.capacityAh() * 0.825;
    this.update();
  }

  /** Answers Modbus RTU requests on `transport` (opened by the caller) until the handle is stopped. */
  serve(transport: Transport, framing: "rtu" | "tcp" = "rtu"): SimulatorHandle {
    const bank = this.bank;
    // Live values are brought up to date just before they are read.
    const handler: ModbusHandler = {
      readCoils: (address, count) => bank.readCoils(address, count),
      readDiscreteInputs: (address, count) => (this.update(), bank.readDiscreteInputs(address, count)),
      readHoldingRegisters: (address, count) => bank.readHoldingRegisters(address, count),
      readInputRegisters: (address, count) => (this.update(), bank.readInputRegisters(address, count)),
      writeCoils: (address, values, context) => bank.writeCoils(address, values, context),
      writeRegisters: (address, values, context) => bank.writeRegisters(address, values, context),
    };
    const server = new ModbusServer(transport, { units: this.unit, handler, framing });
    server.start();
    return { stop: async () => server.stop() };
  }

  /** Recomputes the live values (input registers, discrete inputs) for the current time. */
  update(): void {
    const now = this.now();
    const t = (now - this.startedAt) / 1000;
    const dtHours = Math.max(0, now - this.lastUpdate) / 3_600_000;
    this.lastUpdate = now;
    const hr = this.bank.holdingRegisters;
    const capacity = this.capacityAh();

    // A day in the life, sped up: a load that comes and goes against a solar charger, plus ripple.
    const current = 6 * Math.sin((TWO_PI * t) / 300) - 2 + 0.3 * Math.sin((TWO_PI * t) / 7);
    this.remainingAh = Math.min(capacity, Math.max(0, this.remainingAh + current * dtHours));
    const soc = capacity > 0 ? this.remainingAh / capacity : 0;
    const voltage = hr.get(1) / 100 + (soc - 0.5) * 1.2 + current * 0.004;
    const lowVoltage = voltage < hr.get(6) / 100;
    const highVoltage = voltage > hr.get(7) / 100;
    const lowSoc = soc * 100 < hr.get(5);
    const uptime = 3 * 86_400 + 4_242 + Math.floor(t);

    this.bank.inputRegisters.write(0, [
      word(voltage * 100),
      word(current * 100),
      word(voltage * current),
      word(soc * 1000),
      word((this.remainingAh - capacity) * 10),
      current < -0.05 ? Math.min(0xfffe, Math.round((this.remainingAh / -current) * 60)) : 0xffff,
      word((24.5 + 1.5 * Math.sin((TWO_PI * t) / 600)) * 10),
      37,
      (lowVoltage ? 1 : 0) | (highVoltage ? 2 : 0) | (lowSoc ? 4 : 0),
      Math.floor(uptime / 0x10000) & 0xffff,
      uptime & 0xffff,
    ]);
    this.bank.discreteInputs.write(0, [lowVoltage, highVoltage, lowSoc, current > 0.05, current < -0.05, this.bank.coils.get(0)]);
  }

  private capacityAh(): number {
    return this.bank.holdingRegisters.get(0) / 10;
  }

  private onWrite(event: RegisterWriteEvent): void {
    if (event.table === "holdingRegisters") {
      event.values.forEach((value, i) => {
        const point = demoPoint("holding", event.address + i);
        if (point?.range && (value < point.range[0] || value > point.range[1])) {
          throw new ModbusExceptionError(ModbusException.IllegalDataValue, `${point.name} must be ${point.range[0]}..${point.range[1]}, got ${value}`);
        }
      });
      this.remainingAh = Math.min(this.remainingAh, this.capacityAh());
      return;
    }
    // Coil 2 is a command: writing 1 marks the bank full, and the coil reads 0 again.
    const syncIndex = 2 - event.address;
    if (syncIndex >= 0 && syncIndex < event.values.length && event.values[syncIndex]) {
      this.remainingAh = this.capacityAh();
      this.bank.coils.set(2, false);
    }
  }
}

/** A new simulated battery monitor. */
export function createDemoDevice(options: DemoDeviceOptions = {}): DemoModbusDevice {
  return new DemoModbusDevice(options);
}

let shared: DemoModbusDevice | undefined;

/** The process-wide simulated device, so that a write with `--sim` is seen by the next read in the same process. */
export function sharedDemoDevice(): DemoModbusDevice {
  shared ??= new DemoModbusDevice();
  return shared;
}
