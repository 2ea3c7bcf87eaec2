import { systemClock, type Clock } from "../clock.js";
import { FaultQueue } from "./fault-queue.js";
import type { Unsubscribe } from "../listeners.js";
import { startTicker, type Ticker } from "../ticker.js";
import type { Transport } from "../transport.js";

/** Options every {@link DeviceSimulator} takes. */
export interface DeviceSimulatorOptions {
  /** Time source for {@link DeviceSimulator.start} and the device's own timers (default: the system clock). */
  readonly clock?: Clock;
}

/**
 * The hosting of a simulated device, for device packages to extend: its clock, its model advanced
 * by {@link DeviceSimulator.step} or on the clock by {@link DeviceSimulator.start}, the faults
 * injected for its next replies ({@link DeviceSimulator.faults}), and the one transport it answers
 * on at a time. A subclass says how its model advances and how it answers on a transport
 * ({@link DeviceSimulator.listen}, for a request/reply device with `answerRequests`).
 *
 * @example
 * ```ts
 * class EchoSimulator extends DeviceSimulator<{ kind: "silence" }> {
 *   step(): void {}
 *   protected listen(transport: Transport): Unsubscribe {
 *     return answerRequests(transport, parser, {
 *       clock: this.clock,
 *       reply: (request) => (this.faults.take().length > 0 ? [] : [{ bytes: encode(request), delayMs: 0 }]),
 *     });
 *   }
 * }
 * ```
 */
export abstract class DeviceSimulator<Fault> {
  /** The clock in use. */
  readonly clock: Clock;
  /** Faults waiting for the next replies; the subclass takes the ones due as it replies. */
  protected readonly faults = new FaultQueue<Fault>();
  private listening: Unsubscribe | undefined;
  private ticker: Ticker | undefined;

  constructor(options: DeviceSimulatorOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** Starts answering on `transport` (open it yourself); replaces an earlier attachment. */
  attach(transport: Transport): this {
    this.detach();
    this.listening = this.listen(transport);
    return this;
  }

  /** Stops answering; the transport stays open. */
  detach(): void {
    const stop = this.listening;
    this.listening = undefined;
    stop?.();
  }

  /** Advances the model by `ms` (deterministic: no clock involved). */
  abstract step(ms: number): void;

  /**
   * Advances the model on the clock every `tickMs` (default 1000) until {@link DeviceSimulator.stop},
   * by the time that really passed between ticks.
   *
   * @throws BattError `invalid-argument` unless `tickMs` is a positive number.
   */
  start(tickMs = 1000): void {
    this.ticker?.stop();
    this.ticker = startTicker(this.clock, tickMs, (elapsedMs) => this.step(elapsedMs));
  }

  /** Stops the automatic stepping and detaches from the transport. */
  async stop(): Promise<void> {
    this.ticker?.stop();
    this.ticker = undefined;
    this.detach();
  }

  /** Makes the next `times` replies misbehave (`Infinity` for all), together with the faults injected before. */
  inject(fault: Fault, times = 1): this {
    this.faults.add(fault, times);
    return this;
  }

  /** Removes every pending fault. */
  clearFaults(): this {
    this.faults.clear();
    return this;
  }

  /** Starts answering on `transport` (called by {@link DeviceSimulator.attach}); returns how to stop. */
  protected abstract listen(transport: Transport): Unsubscribe;
}
