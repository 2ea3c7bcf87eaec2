import { BattError, startTicker, systemClock, type Clock, type Ticker, type Transport } from "@batt/core";
import { ModbusDeviceEnd } from "./modbus-device-end.js";
import type { ModbusServerCounters, ModbusServerOptions } from "./modbus-server.js";
import type { ReplyFault } from "./reply-fault.js";

/** Options every {@link ModbusSimulator} takes. */
export interface ModbusSimulatorOptions {
  /** Time source for `start()` and the response delay (default: the system clock). */
  readonly clock?: Clock;
  /** Simulated latency before each reply, ms (default 0). */
  readonly responseDelayMs?: number;
}

/** What a simulated device answers: its units, their data, and the address replies come from. */
export type ModbusServing = Pick<ModbusServerOptions, "units" | "handler" | "replyUnit">;

/**
 * The hosting of a simulated Modbus device, for device packages to extend: it answers on a
 * transport the caller opened ({@link ModbusSimulator.attach}, through a {@link ModbusDeviceEnd}),
 * misbehaves on request ({@link ModbusSimulator.inject}) and advances its model on the clock
 * ({@link ModbusSimulator.start}). A subclass says what it serves and how its model advances.
 */
export abstract class ModbusSimulator {
  /** The clock in use. */
  readonly clock: Clock;
  private end: ModbusDeviceEnd | undefined;
  private ticker: Ticker | undefined;

  constructor(private readonly hosting: ModbusSimulatorOptions = {}) {
    this.clock = hosting.clock ?? systemClock;
  }

  /** Totals of the Modbus server (requests, exceptions, CRC errors…), undefined before `attach`. */
  get counters(): ModbusServerCounters | undefined {
    return this.end?.counters;
  }

  /**
   * Starts answering on `transport` (open it yourself); replaces an earlier attachment.
   *
   * @throws BattError `not-open` when `transport` is not open.
   */
  attach(transport: Transport): this {
    this.detach();
    const delay = this.hosting.responseDelayMs;
    this.end = new ModbusDeviceEnd(transport, { ...this.serving(), clock: this.clock, ...(delay ? { responseDelayMs: delay } : {}) });
    return this;
  }

  /** Stops answering; the transport stays open. */
  detach(): void {
    this.end?.stop();
    this.end = undefined;
  }

  /**
   * Applies a fault to the next `times` replies (silence, bad CRC, line noise), after the faults injected before.
   *
   * @throws BattError `not-open` before `attach`.
   */
  inject(fault: ReplyFault, times = 1): void {
    if (!this.end) throw new BattError("not-open", "attach the simulator before injecting faults");
    this.end.inject(fault, times);
  }

  /** Advances the model by `ms` of simulated time and updates the registers. */
  abstract step(ms: number): unknown;

  /** Advances the model on the clock every `intervalMs` (default 1000), `speed` times faster than real time (default 1). */
  start(intervalMs = 1000, speed = 1): void {
    this.ticker?.stop();
    this.ticker = startTicker(this.clock, intervalMs, (elapsedMs) => this.step(elapsedMs * speed));
  }

  /** Stops the clock and stops answering. */
  async stop(): Promise<void> {
    this.ticker?.stop();
    this.ticker = undefined;
    this.detach();
  }

  /** The units the device answers, with what, and from which address (asked at each `attach`). */
  protected abstract serving(): ModbusServing;
}
