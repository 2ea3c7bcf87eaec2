import {
  ModbusException,
  ModbusExceptionError,
  ModbusSimulator,
  RegisterBank,
  type ModbusServing,
  type ModbusSimulatorOptions,
  type RegisterWriteEvent,
} from "@batt/modbus-rtu";
import { LOAD_COIL, VOLTAIC_DEFAULT_ADDRESS, VOLTAIC_WILDCARD_ADDRESS } from "../constants.js";
import { VOLTAIC_HOLDING_REGISTERS } from "../registers.js";
import { SIMULATED_TABLES, writeSnapshot } from "./register-image.js";
import { SolarSystem, type SolarSnapshot, type SolarSystemOptions } from "./solar-system.js";

/** Options for {@link VoltaicSimulator}. */
export interface VoltaicSimulatorOptions extends SolarSystemOptions, ModbusSimulatorOptions {
  /** The controller's bus address (default 1). */
  readonly address?: number;
  /** Whether requests to 0xFE are answered, from the controller's own address (default true). */
  readonly answerWildcard?: boolean;
  /** Answer FC 0x06 writes with exception 01, as firmware that only takes FC 0x10 would (default false). */
  readonly refuseSingleWrite?: boolean;
  /** Range the controller accepts for the low-voltage protection, V (default 9..15; others get exception 03). */
  readonly lvpLimits?: { readonly min: number; readonly max: number };
}

/**
 * A simulated Voltaic (Lumiax-family) charge controller on any `Transport`: a PV panel, a battery
 * (core's `BatteryModel`) and a load over a day ({@link SolarSystem}), served (as a `ModbusSimulator`, core's one simulator base) from a
 * {@link RegisterBank} at the addresses of docs/protocols/voltaic.md#lumiax-family-registers; requests to the 0xFE wildcard are answered
 * from the controller's own address. The load coil switches the load; the low-voltage disconnect
 * forces it off and reconnects it; 0x9022 sets the threshold. Time moves
 * with {@link VoltaicSimulator.step} (or {@link VoltaicSimulator.start} on the clock), and replies
 * can be dropped, damaged, split or delayed with {@link VoltaicSimulator.inject} (core's `ReplyFault` kinds).
 *
 * @example
 * ```ts
 * const { host, device } = createMemoryLink();
 * await Promise.all([host.open(), device.open()]);
 * const sim = new VoltaicSimulator({ hour: 6 }).attach(device);
 * sim.step(3 * 3600_000); // three hours of sunshine
 * ```
 */
export class VoltaicSimulator extends ModbusSimulator {
  /** The modelled system. */
  readonly system: SolarSystem;
  /** The controller's registers. */
  readonly bank: RegisterBank;
  /** Every write a client made, in order. */
  readonly writes: RegisterWriteEvent[] = [];
  private readonly options: VoltaicSimulatorOptions;
  private busAddress: number;

  constructor(options: VoltaicSimulatorOptions = {}) {
    super(options);
    this.options = options;
    this.busAddress = options.address ?? VOLTAIC_DEFAULT_ADDRESS;
    this.system = new SolarSystem(options);
    this.bank = new RegisterBank({ ...SIMULATED_TABLES, onWrite: (event) => this.onWrite(event) });
    this.refresh();
  }

  /** The controller's bus address. */
  get address(): number {
    return this.busAddress;
  }

  /** The latest measurements. */
  get snapshot(): SolarSnapshot {
    return this.system.snapshot;
  }

  /** Advances the simulated system by `ms` and updates the registers. */
  override step(ms: number): SolarSnapshot {
    const snapshot = this.system.step(ms);
    this.refresh();
    return snapshot;
  }

  /** The controller's address, and the wildcard 0xFE (answered from the controller's own address) unless refused. */
  protected override serving(): ModbusServing {
    const answerWildcard = this.options.answerWildcard ?? true;
    return {
      units: (unit) => unit === this.busAddress || (answerWildcard && unit === VOLTAIC_WILDCARD_ADDRESS),
      replyUnit: (unit) => (unit === VOLTAIC_WILDCARD_ADDRESS ? this.busAddress : unit),
      handler: this.bank,
    };
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
