import { FrameDecoder, startTicker, systemClock, type Clock, type Ticker, type Transport, type Unsubscribe } from "@batt/core";
import { encodeJkReply } from "../encode.js";
import type { JkRequestFrame } from "../frame.js";
import { jkRequestParser } from "../parser.js";
import { FaultQueue } from "./fault-queue.js";
import type { JkSimulatorFault, ReplyPiece } from "./faults.js";
import { JkDevice } from "./jk-device.js";
import type { JkDeviceOptions } from "./jk-device-options.js";

/** Options of {@link JkSimulator}. */
export interface JkSimulatorOptions extends JkDeviceOptions {
  /** Time source for reply delays, split gaps and automatic stepping (default: the system clock). */
  readonly clock?: Clock;
  /** Delay before each reply, ms (default 0; real units answer in about 26 ms). */
  readonly responseDelayMs?: number;
  /** Start hibernating: nothing is answered until an activation frame (default false). */
  readonly startAsleep?: boolean;
}

/** Running totals of a simulator. */
export interface JkSimulatorCounters {
  /** Request frames received. */
  requests: number;
  /** Replies sent. */
  replies: number;
  /** Requests left unanswered (password frames, unpaired writes, hibernation, unknown commands). */
  unanswered: number;
  /** Request bytes dropped as garbled (bad checksum, noise). */
  malformed: number;
}

/**
 * A virtual JK BMS speaking 4E57 on any {@link Transport}: parses requests with the real codec,
 * answers as {@link JkDevice} decides, evolves the pack (`step(ms)`, or `start()` on its clock),
 * and misbehaves on request (silence, bad checksum, partial or split replies, garbage, delay).
 *
 * @example
 * ```ts
 * const { host, device } = createMemoryLink();
 * await Promise.all([host.open(), device.open()]);
 * const sim = new JkSimulator({ pack: { cells: 16 } }).attach(device);
 * const bms = new JkBms(host);
 * ```
 */
export class JkSimulator {
  /** The simulated BMS. */
  readonly device: JkDevice;
  /** The clock in use. */
  readonly clock: Clock;
  /** Running totals. */
  readonly counters: JkSimulatorCounters = { requests: 0, replies: 0, unanswered: 0, malformed: 0 };
  /** Every request received, in order. */
  readonly requests: JkRequestFrame[] = [];
  private readonly decoder = new FrameDecoder(jkRequestParser);
  private readonly faults = new FaultQueue();
  private readonly responseDelayMs: number;
  private transport: Transport | undefined;
  private subscription: Unsubscribe | undefined;
  private ticker: Ticker | undefined;

  constructor(options: JkSimulatorOptions = {}) {
    this.device = new JkDevice(options);
    this.device.asleep = options.startAsleep ?? false;
    this.clock = options.clock ?? systemClock;
    this.responseDelayMs = options.responseDelayMs ?? 0;
  }

  /** Starts answering requests that arrive on `transport` (open it yourself). */
  attach(transport: Transport): this {
    this.detach();
    this.transport = transport;
    this.subscription = transport.onData((chunk) => this.onData(chunk));
    return this;
  }

  /** Stops answering. */
  detach(): void {
    this.subscription?.();
    this.subscription = undefined;
    this.transport = undefined;
    this.decoder.flush();
  }

  /** Sets the current the load or charger draws, A, charging positive. */
  setCurrent(amperes: number): void {
    this.device.pack.demand = amperes;
  }

  /** Advances the pack by `ms` (deterministic: no clock involved). */
  step(ms: number): void {
    this.device.step(ms);
  }

  /**
   * Advances the pack on the clock every `tickMs` (default 1000) until {@link JkSimulator.stop}.
   *
   * @throws BattError `invalid-argument` unless `tickMs` is a positive number.
   */
  start(tickMs = 1000): void {
    this.ticker?.stop();
    this.ticker = startTicker(this.clock, tickMs, (elapsedMs) => this.device.step(elapsedMs));
  }

  /** Stops the automatic stepping and detaches. */
  async stop(): Promise<void> {
    this.ticker?.stop();
    this.ticker = undefined;
    this.detach();
  }

  /** Makes the next `times` replies misbehave (`Infinity`: all). */
  inject(fault: JkSimulatorFault, times = 1): this {
    this.faults.add(fault, times);
    return this;
  }

  /** Removes every pending fault. */
  clearFaults(): this {
    this.faults.clear();
    return this;
  }

  private onData(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk)) {
      if (event.type === "skipped") this.counters.malformed += event.bytes.length;
      else this.onRequest(event.frame);
    }
  }

  private onRequest(request: JkRequestFrame): void {
    this.counters.requests++;
    this.requests.push(request);
    const reply = this.device.handle(request);
    if (!reply) {
      this.counters.unanswered++;
      return;
    }
    const pieces = this.faults.shape(encodeJkReply(reply.command, reply.info));
    if (pieces.length > 0) this.counters.replies++;
    if (pieces[0] && this.responseDelayMs > 0) pieces[0] = { ...pieces[0], delayMs: pieces[0].delayMs + this.responseDelayMs };
    void this.deliver(pieces);
  }

  private async deliver(pieces: readonly ReplyPiece[]): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    try {
      for (const piece of pieces) {
        if (piece.delayMs > 0) await new Promise<void>((resolve) => this.clock.setTimer(resolve, piece.delayMs));
        await transport.write(piece.bytes);
      }
    } catch {
      // The host went away mid-reply; a real BMS keeps talking into the void.
    }
  }
}
