import { systemClock, type Clock, type TimerHandle, type Transport } from "@batt/core";
import { ModbusException, ModbusExceptionError, ModbusServer, RegisterBank, type ModbusServerCounters, type RegisterWriteEvent } from "@batt/modbus-rtu";
import { DEFAULT_UNIT, LOAD_COIL, WILDCARD_UNIT } from "../constants.js";
import { VOLTAIC_HOLDING_REGISTERS } from "../registers.js";
import { SIMULATED_TABLES, writeSnapshot } from "./register-image.js";
import { SimulatorPort, type ReplyFault } from "./sim-port.js";
import { SolarSystem, type SolarSnapshot, type SolarSystemOptions } from "./solar-system.js";

/** Options for {@link VoltaicSimulator}. */
export interface VoltaicSimulatorOptions extends SolarSystemOptions {
  /** The controller's address (default 1). */
  readonly unit?: number;
  /** Whether requests to 0xFE are answered, from the controller's own address (default true). */
  readonly answerWildcard?: boolean;
  /** Answer FC 0x06 writes with exception 01, as firmware that only takes FC 0x10 would (default false). */
  readonly refuseSingleWrite?: boolean;
  /** Range the controller accepts for the low-voltage protection, V (default 9..15; others get exception 03). */
  readonly lvpLimits?: { readonly min: number; readonly max: number };
  /** Time source for `start()` and the response delay (default: the system clock). */
  readonly clock?: Clock;
  /** Simulated latency before each reply, ms (default 0). */
  readonly responseDelayMs?: number;
}

/**
 * A simulated Voltaic (Lumiax-family) charge controller on any {@link Transport}: a PV panel, a
 * battery and a load over a day ({@link SolarSystem}), served by a {@link ModbusServer} from a
 * {@link RegisterBank} at the addresses of the reference. The load coil switches the load; the
 * low-voltage disconnect forces it off and reconnects it; 0x9022 sets the threshold. Time moves
 * with {@link VoltaicSimulator.step} (or {@link VoltaicSimulator.start} on the clock), and replies
 * can be dropped or damaged with {@link VoltaicSimulator.inject}.
 *
 * @example
 * ```ts
 * const { host, device } = createMemoryLink();
 * await Promise.all([host.open(), device.open()]);
 * const sim = new VoltaicSimulator({ hour: 6 }).attach(device);
 * sim.step(3 * 3600_000); // three hours of sunshine
 * ```
 */
export class VoltaicSimulator {
  /** The modelled system. */
  readonly system: SolarSystem;
  /** The controller's registers. */
  readonly bank: RegisterBank;
  /** The clock in use. */
  readonly clock: Clock;
  /** Every write a client made, in order. */
  readonly writes: RegisterWriteEvent[] = [];
  private readonly options: VoltaicSimulatorOptions;
  private server: ModbusServer | undefined;
  private port: SimulatorPort | undefined;
  private ticker: TimerHandle | undefined;
  private unitAddress: number;

  constructor(options: VoltaicSimulatorOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.unitAddress = options.unit ?? DEFAULT_UNIT;
    this.system = new SolarSystem(options);
    this.bank = new RegisterBank({ ...SIMULATED_TABLES, onWrite: (event) => this.onWrite(event) });
    this.refresh();
  }

  /** The controller's address. */
  get unit(): number {
    return this.unitAddress;
  }

  /** The latest measurements. */
  get snapshot(): SolarSnapshot {
    return this.system.snapshot;
  }

  /** Totals of the Modbus server (requests, exceptions, CRC errors…), zero before `attach`. */
  get counters(): ModbusServerCounters | undefined {
    return this.server?.counters;
  }

  /** Starts answering on `transport` (open it yourself); replaces an earlier attachment. */
  attach(transport: Transport): this {
    this.detach();
    const answerWildcard = this.options.answerWildcard ?? true;
    this.port = new SimulatorPort(transport, { wildcardUnit: WILDCARD_UNIT, ownUnit: () => this.unitAddress });
    this.server = new ModbusServer(this.port, {
      units: (unit) => unit === this.unitAddress || (answerWildcard && unit === WILDCARD_UNIT),
      handler: this.bank,
      clock: this.clock,
      ...(this.options.responseDelayMs ? { responseDelayMs: this.options.responseDelayMs } : {}),
    });
    this.server.start();
    return this;
  }

  /** Stops answering; the transport stays open. */
  detach(): void {
    this.server?.stop();
    this.server = undefined;
    this.port = undefined;
  }

  /** Applies a fault to the next `times` replies (silence, bad CRC, line noise). */
  inject(fault: ReplyFault, times = 1): void {
    if (!this.port) throw new Error("attach the simulator before injecting faults");
    this.port.inject(fault, times);
  }

  /** Advances the simulated system by `ms` and updates the registers. */
  step(ms: number): SolarSnapshot {
    const snapshot = this.system.step(ms);
    this.refresh();
    return snapshot;
  }

  /** Advances the system on the clock every `intervalMs` (default 1000), `speed` times faster than real time (default 1). */
  start(intervalMs = 1000, speed = 1): void {
    this.stopTicking();
    const tick = (): void => {
      this.step(intervalMs * speed);
      this.ticker = this.clock.setTimer(tick, intervalMs);
    };
    this.ticker = this.clock.setTimer(tick, intervalMs);
  }

  /** Stops the clock and stops answering. */
  async stop(): Promise<void> {
    this.stopTicking();
    this.detach();
  }

  private stopTicking(): void {
    if (this.ticker !== undefined) this.clock.clearTimer(this.ticker);
    this.ticker = undefined;
  }

  private refresh(): void {
    writeSnapshot(this.bank, this.system.snapshot, this.system.lowVoltageProtection);
  }

  private onWrite(event: RegisterWriteEvent): void {
    if (event.table === "coils") {
      if (event.address !== LOAD_COIL || event.values.length !== 1) {
        throw new ModbusExceptionError(ModbusException.IllegalDataAddress, "only coil 0 (load output) exists");
      }
      this.writes.push(event);
      this.system.setLoad(event.values[0]!);
      this.refresh();
      return;
    }
    const lvpAddress = VOLTAIC_HOLDING_REGISTERS.fields.lowVoltageProtection.address;
    if (this.options.refuseSingleWrite && event.context.functionCode === 0x06) {
      throw new ModbusExceptionError(ModbusException.IllegalFunction, "this firmware takes holding writes with FC 0x10 only");
    }
    const offset = lvpAddress - event.address;
    if (offset < 0 || offset >= event.values.length) {
      throw new ModbusExceptionError(ModbusException.IllegalDataAddress, "only 0x9022 (low-voltage protection) is writable in the simulator");
    }
    const volts = VOLTAIC_HOLDING_REGISTERS.decodeField("lowVoltageProtection", event.address, event.values);
    const limits = this.options.lvpLimits ?? { min: 9, max: 15 };
    if (volts < limits.min || volts > limits.max) {
      throw new ModbusExceptionError(ModbusException.IllegalDataValue, `low-voltage protection ${volts} V outside ${limits.min}..${limits.max} V`);
    }
    this.writes.push(event);
    this.system.lowVoltageProtection = volts;
    this.system.step(0);
    this.refresh();
  }
}
