import type { Clock, Transport, Unsubscribe } from "@batt/core";
import { answerRequests, DeviceSimulator, type ReplyPiece } from "@batt/core/simulator";
import { encodeResponse } from "../encode.js";
import type { JbdRequest } from "../frame.js";
import { jbdRequestParser } from "../parser.js";
import type { JbdDeviceOptions } from "./device-options.js";
import { applyJbdDeviceFault, type JbdDeviceFault } from "./faults.js";
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

/**
 * A virtual JBD BMS on any {@link Transport}: parses requests with the real codec, answers as
 * the reference describes (see {@link JbdDevice}), evolves the pack (core's `BatteryModel`) over
 * time (`step(ms)` or `start()` on its clock) and misbehaves on request: asleep, and the shared
 * reply faults (`inject({ kind: "corrupt-checksum" })`, `split`, `garbage-before`, `truncate`,
 * `delay`, `silence`) plus JBD's `duplicate`.
 *
 * @example
 * ```ts
 * const { host, device } = createMemoryLink();
 * await Promise.all([host.open(), device.open()]);
 * const sim = new JbdSimulator({ pack: { cells: 4, chemistry: "lifepo4", capacity: 100, soc: 60, current: -2.5 } }).attach(device);
 * const bms = new JbdBms(host);
 * ```
 */
export class JbdSimulator extends DeviceSimulator<JbdDeviceFault> {
  /** The simulated BMS. */
  readonly device: JbdDevice;
  /** Running totals. */
  readonly counters: SimulatorCounters = { requests: 0, replies: 0, ignored: 0, malformed: 0 };
  /** Every request received, in order. */
  readonly requests: JbdRequest[] = [];
  private readonly sleepAfterIdleMs: number | undefined;
  private lastActivity: number;

  constructor(options: JbdSimulatorOptions = {}) {
    super(options);
    this.device = new JbdDevice(options);
    this.sleepAfterIdleMs = options.sleepAfterIdleMs;
    this.device.asleep = options.startAsleep ?? false;
    this.lastActivity = this.clock.now();
  }

  /** JBD's checksum sits before the `77` end byte. */
  protected readonly checksumAt = 2;

  /** Advances the pack model by `ms` (deterministic: no clock involved). */
  step(ms: number): void {
    this.device.step(ms);
  }

  /** Puts the BMS to sleep: the next request wakes it and gets no answer. */
  sleep(): void {
    this.device.asleep = true;
  }

  /** Applies JBD's own `duplicate` fault. */
  protected override applyDeviceFault(pieces: ReplyPiece[], fault: JbdDeviceFault): ReplyPiece[] {
    return applyJbdDeviceFault(pieces, fault);
  }

  /** Answers the JBD requests arriving on `transport`. */
  protected listen(transport: Transport): Unsubscribe {
    const skipped = (bytes: Uint8Array): void => {
      this.counters.malformed += bytes.length;
    };
    return answerRequests(transport, jbdRequestParser, { clock: this.clock, reply: (request) => this.reply(request), skipped });
  }

  private reply(request: JbdRequest): ReplyPiece[] | undefined {
    this.counters.requests++;
    this.requests.push(request);
    const now = this.clock.now();
    const idle = now - this.lastActivity;
    this.lastActivity = now;
    const device = this.device;
    if (device.poweredDown) {
      this.counters.ignored++;
      return undefined;
    }
    if (device.asleep || (this.sleepAfterIdleMs !== undefined && idle >= this.sleepAfterIdleMs)) {
      device.asleep = false;
      this.counters.ignored++;
      return undefined;
    }
    const reply = device.handle(request);
    if (!reply) return undefined;
    const pieces = this.shape(encodeResponse(reply.register, reply.status, reply.data));
    if (pieces.length > 0) this.counters.replies++;
    return pieces;
  }
}
