import { FrameDecoder, startTicker, systemClock, type Clock, type Ticker, type Transport, type Unsubscribe } from "@batt/core";
import { encodeResponse } from "../encode.js";
import type { JbdRequest } from "../frame.js";
import { jbdRequestParser } from "../parser.js";
import type { JbdDeviceOptions } from "./device-options.js";
import { applyFault, type ReplyPiece, type SimulatorFault } from "./faults.js";
import { JbdDevice } from "./jbd-device.js";

/** Options for {@link JbdSimulator}. */
export interface JbdSimulatorOptions extends JbdDeviceOptions {
  /** Time source for sleep detection, split-reply gaps and automatic stepping (default: the system clock). */
  readonly clock?: Clock;
  /** The BMS falls asleep after this long without a request, and ignores the request that wakes it (default: never). */
  readonly sleepAfterIdleMs?: number;
  /** Start asleep: the first request is ignored (default false). */
  readonly startAsleep?: boolean;
}

/** Running totals of the simulator. */
export interface SimulatorCounters {
  /** Request frames received. */
  requests: number;
  /** Replies sent (a duplicate counts once). */
  replies: number;
  /** Requests ignored because the BMS was asleep or powered down. */
  ignored: number;
  /** Garbled request bytes dropped (bad checksum, noise). */
  malformed: number;
}

/** Order in which faults act on a reply, so that e.g. a checksum is corrupted before the reply is split. */
const FAULT_ORDER: readonly SimulatorFault["kind"][] = ["silence", "corrupt-checksum", "duplicate", "split", "stray"];

/**
 * A virtual JBD BMS on any {@link Transport}: parses requests with the real codec, answers as
 * the reference describes (see {@link JbdDevice}), evolves the pack over time (`step(ms)` or
 * `start()` on its clock) and misbehaves on request (sleep, corrupted checksum, split replies,
 * stray bytes, duplicates).
 *
 * @example
 * ```ts
 * const { host, device } = createMemoryLink();
 * await Promise.all([host.open(), device.open()]);
 * const sim = new JbdSimulator({ pack: { cells: 4, chemistry: "lifepo4" } }).attach(device);
 * const bms = new JbdBms(host);
 * ```
 */
export class JbdSimulator {
  /** The simulated BMS. */
  readonly device: JbdDevice;
  /** The clock in use. */
  readonly clock: Clock;
  /** Running totals. */
  readonly counters: SimulatorCounters = { requests: 0, replies: 0, ignored: 0, malformed: 0 };
  /** Every request received, in order. */
  readonly requests: JbdRequest[] = [];
  private readonly decoder = new FrameDecoder(jbdRequestParser);
  private readonly sleepAfterIdleMs: number | undefined;
  private readonly faults: { fault: SimulatorFault; left: number }[] = [];
  private transport: Transport | undefined;
  private subscription: Unsubscribe | undefined;
  private lastActivity: number;
  private ticker: Ticker | undefined;

  constructor(options: JbdSimulatorOptions = {}) {
    this.device = new JbdDevice(options);
    this.clock = options.clock ?? systemClock;
    this.sleepAfterIdleMs = options.sleepAfterIdleMs;
    this.device.asleep = options.startAsleep ?? false;
    this.lastActivity = this.clock.now();
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

  /** Advances the pack model by `ms` (deterministic: no clock involved). */
  step(ms: number): void {
    this.device.step(ms);
  }

  /** Advances the model on the clock every `tickMs` (default 1000) until {@link JbdSimulator.stop}. */
  start(tickMs = 1000): void {
    this.ticker?.stop();
    this.ticker = startTicker(this.clock, tickMs, (elapsedMs) => this.device.step(elapsedMs));
  }

  /** Stops the automatic stepping and detaches from the transport. */
  async stop(): Promise<void> {
    this.ticker?.stop();
    this.ticker = undefined;
    this.detach();
  }

  /** Makes the next `times` replies misbehave (`Infinity` for all). */
  inject(fault: SimulatorFault, times = 1): this {
    this.faults.push({ fault, left: times });
    return this;
  }

  /** Removes every pending fault. */
  clearFaults(): this {
    this.faults.length = 0;
    return this;
  }

  /** Puts the BMS to sleep: the next request wakes it and gets no answer. */
  sleep(): void {
    this.device.asleep = true;
  }

  private onData(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk)) {
      if (event.type === "skipped") this.counters.malformed += event.bytes.length;
      else this.onRequest(event.frame);
    }
  }

  private onRequest(request: JbdRequest): void {
    this.counters.requests++;
    this.requests.push(request);
    const now = this.clock.now();
    const idle = now - this.lastActivity;
    this.lastActivity = now;
    const device = this.device;
    if (device.poweredDown) {
      this.counters.ignored++;
      return;
    }
    if (device.asleep || (this.sleepAfterIdleMs !== undefined && idle >= this.sleepAfterIdleMs)) {
      device.asleep = false;
      this.counters.ignored++;
      return;
    }
    const reply = device.handle(request);
    if (!reply) return;
    this.send(encodeResponse(reply.register, reply.status, reply.data));
  }

  private send(frame: Uint8Array): void {
    const active = this.faults.filter((f) => f.left > 0);
    for (const f of active) f.left--;
    for (let i = this.faults.length - 1; i >= 0; i--) if (this.faults[i]!.left <= 0) this.faults.splice(i, 1);
    active.sort((a, b) => FAULT_ORDER.indexOf(a.fault.kind) - FAULT_ORDER.indexOf(b.fault.kind));
    let pieces: ReplyPiece[] = [{ bytes: frame, delayMs: 0 }];
    for (const f of active) pieces = applyFault(pieces, f.fault);
    if (pieces.length > 0) this.counters.replies++;
    void this.deliver(pieces);
  }

  private async deliver(pieces: ReplyPiece[]): Promise<void> {
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
