import { type Clock, type Transport, type Unsubscribe } from "@batt/core";
import { DeviceSimulator } from "@batt/core/simulator";
import { ChargerDevice, type ChargerDeviceOptions } from "./charger-device.js";
import type { SimulatorFault } from "./faults.js";
import { HidFront } from "./hid-front.js";
import { RtuFront } from "./rtu-front.js";
import { emptySimulatorCounters, type SimulatorCounters } from "./sim-counters.js";

/** Options of {@link IChargerSimulator}. */
export interface IChargerSimulatorOptions extends ChargerDeviceOptions {
  /** Clock for {@link IChargerSimulator.start} (default: the system clock). */
  readonly clock?: Clock;
  /** Slave address on serial (default 1). */
  readonly address?: number;
  /** Fill USB replies past their length with the request's stale bytes, as the charger does (default true). */
  readonly stalePadding?: boolean;
}

/**
 * A simulated iCharger (two channels and a pack per channel on DUO models) that speaks the real wire
 * protocols: MODBUS-HID reports on a `packet` transport and Modbus RTU on a `stream` transport, parsed
 * with the Modbus codec. Its charge / discharge / storage / balance / cycle state machine and pack
 * physics advance with {@link IChargerSimulator.step} (deterministic) or on a clock with
 * {@link IChargerSimulator.start}. LogView reports are sent while logging is on; faults can be injected.
 *
 * @example
 * ```ts
 * const { host, device } = createMemoryLink({ kind: "packet" });
 * await Promise.all([host.open(), device.open()]);
 * const sim = new IChargerSimulator({ model: "308duo" }).attach(device);
 * const charger = await ICharger.open(host);
 * ```
 */
export class IChargerSimulator extends DeviceSimulator<SimulatorFault> {
  /** The simulated charger. */
  readonly device: ChargerDevice;
  /** Running totals. */
  readonly counters: SimulatorCounters = emptySimulatorCounters();
  private readonly address: number;
  private readonly stalePadding: boolean;

  constructor(options: IChargerSimulatorOptions = {}) {
    super(options);
    this.device = new ChargerDevice(options);
    this.address = options.address ?? 1;
    this.stalePadding = options.stalePadding ?? true;
  }

  /** Advances the charger by `ms` (no clock involved). */
  step(ms: number): void {
    this.device.step(ms);
  }

  /**
   * Advances the charger on the clock every `tickMs` (default 50) until {@link stop}.
   *
   * @throws BattError `invalid-argument` unless `tickMs` is a positive number.
   */
  override start(tickMs = 50): void {
    super.start(tickMs);
  }

  /** Answers on `transport`: USB reports on `packet`, Modbus RTU on `stream`. */
  protected listen(transport: Transport): Unsubscribe {
    const front =
      transport.kind === "packet"
        ? new HidFront(transport, this.device, this.faults, this.counters, this.stalePadding)
        : new RtuFront(transport, this.device, this.faults, this.counters, this.address);
    return () => front.detach();
  }
}
