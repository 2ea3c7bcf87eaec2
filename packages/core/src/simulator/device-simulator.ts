import { systemClock, type Clock } from "../clock.js";
import type { ReplyPiece } from "./answer-requests.js";
import { FaultQueue } from "./fault-queue.js";
import { isReplyFault, shapeReply, type ReplyFault } from "./reply-faults.js";
import type { Unsubscribe } from "../listeners.js";
import { startTicker, type Ticker } from "../ticker.js";
import type { Transport } from "../transport.js";

/** Options every {@link DeviceSimulator} takes. */
export interface DeviceSimulatorOptions {
  /** Time source for {@link DeviceSimulator.start} and the device's own timers (default: the system clock). */
  readonly clock?: Clock;
}

/**
 * The hosting of a simulated device, for every simulator to extend: its clock, its model advanced by
 * {@link DeviceSimulator.step} or on the clock by {@link DeviceSimulator.start}, the faults injected
 * for its next replies ({@link DeviceSimulator.inject}: the shared {@link ReplyFault} vocabulary plus
 * the device's own kinds), and the one transport it answers on at a time. A subclass says how its
 * model advances and how it answers on a transport ({@link DeviceSimulator.listen}, for a
 * request/reply device with `answerRequests`), and shapes each reply with {@link DeviceSimulator.shape}.
 *
 * @typeParam DeviceFault - The device's own fault kinds, beside the shared ones (`never` for none).
 * @example
 * ```ts
 * class EchoSimulator extends DeviceSimulator {
 *   protected readonly checksumAt = 1;
 *   step(): void {}
 *   protected listen(transport: Transport): Unsubscribe {
 *     return answerRequests(transport, parser, { clock: this.clock, reply: (request) => this.shape(encode(request)) });
 *   }
 * }
 * ```
 */
export abstract class DeviceSimulator<DeviceFault extends { readonly kind: string } = never> {
  /** The clock in use. */
  readonly clock: Clock;
  /** Faults waiting for the next replies; {@link DeviceSimulator.shape} takes the ones due. */
  protected readonly faults = new FaultQueue<ReplyFault | DeviceFault>();
  /** Where the protocol keeps its checksum, counted from the end of a frame (1: the last byte), for `corrupt-checksum`. */
  protected abstract readonly checksumAt: number;
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

  /** Advances the model by `ms` of simulated time (deterministic: no clock involved). */
  abstract step(ms: number): void;

  /**
   * Advances the model on the clock every `tickMs` (default 1000) until {@link DeviceSimulator.stop},
   * by the time that really passed between ticks times `speed` (default 1: real time).
   *
   * @throws BattError `invalid-argument` unless `tickMs` is a positive number.
   */
  start(tickMs = 1000, speed = 1): void {
    this.ticker?.stop();
    this.ticker = startTicker(this.clock, tickMs, (elapsedMs) => this.step(elapsedMs * speed));
  }

  /** Stops the automatic stepping and detaches from the transport. */
  async stop(): Promise<void> {
    this.ticker?.stop();
    this.ticker = undefined;
    this.detach();
  }

  /** Makes the next `times` replies misbehave (`Infinity` for all), together with the faults injected before. */
  inject(fault: ReplyFault | DeviceFault, times = 1): this {
    this.faults.add(fault, times);
    return this;
  }

  /** Removes every pending fault. */
  clearFaults(): this {
    this.faults.clear();
    return this;
  }

  /**
   * The pieces to send for the reply `frame`, `delayMs` after the request, once the faults due for
   * this reply have acted: the shared ones first (in their fixed order), then the device's own
   * through {@link DeviceSimulator.applyDeviceFault}. Each fault is used up once.
   */
  protected shape(frame: Uint8Array, delayMs = 0): ReplyPiece[] {
    const due = this.faults.take();
    const shared = due.filter((f): f is ReplyFault => isReplyFault(f));
    let pieces = shapeReply(frame, shared, { checksumAt: this.checksumAt }, delayMs);
    for (const fault of due) if (!isReplyFault(fault)) pieces = this.applyDeviceFault(pieces, fault as DeviceFault);
    return pieces;
  }

  /** Applies one of the device's own faults to a reply (default: none has an effect on the bytes). */
  protected applyDeviceFault(pieces: ReplyPiece[], _fault: DeviceFault): ReplyPiece[] {
    return pieces;
  }

  /** Starts answering on `transport` (called by {@link DeviceSimulator.attach}); returns how to stop. */
  protected abstract listen(transport: Transport): Unsubscribe;
}
