import type { Clock, Transport, Unsubscribe } from "@batt/core";
import { answerRequests, DeviceSimulator, type ReplyPiece } from "@batt/core/simulator";
import { encodeJkReply } from "../encode.js";
import type { JkRequestFrame } from "../frame.js";
import { jkRequestParser } from "../parser.js";
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
 * and misbehaves on request with the shared reply faults (`silence`, `corrupt-checksum`,
 * `truncate`, `split`, `garbage-before`, `delay`; see core's `ReplyFault`).
 *
 * @example
 * ```ts
 * const { host, device } = createMemoryLink();
 * await Promise.all([host.open(), device.open()]);
 * const sim = new JkSimulator({ pack: { cells: 16 } }).attach(device);
 * const bms = new JkBms(host);
 * ```
 */
export class JkSimulator extends DeviceSimulator {
  /** The simulated BMS. */
  readonly device: JkDevice;
  /** Running totals. */
  readonly counters: JkSimulatorCounters = { requests: 0, replies: 0, unanswered: 0, malformed: 0 };
  /** Every request received, in order. */
  readonly requests: JkRequestFrame[] = [];
  /** The 4E57 checksum ends the frame: `corrupt-checksum` inverts its last byte. */
  protected readonly checksumAt = 1;
  private readonly responseDelayMs: number;

  constructor(options: JkSimulatorOptions = {}) {
    super(options);
    this.device = new JkDevice(options);
    this.device.asleep = options.startAsleep ?? false;
    this.responseDelayMs = options.responseDelayMs ?? 0;
  }

  /** Sets the current the load or charger draws, A, charging positive. */
  setCurrent(amperes: number): void {
    this.device.pack.demand = amperes;
  }

  /** Advances the pack by `ms` (deterministic: no clock involved). */
  step(ms: number): void {
    this.device.step(ms);
  }

  /** Answers the 4E57 requests arriving on `transport`. */
  protected listen(transport: Transport): Unsubscribe {
    const skipped = (bytes: Uint8Array): void => {
      this.counters.malformed += bytes.length;
    };
    return answerRequests(transport, jkRequestParser, { clock: this.clock, reply: (request) => this.reply(request), skipped });
  }

  private reply(request: JkRequestFrame): ReplyPiece[] | undefined {
    this.counters.requests++;
    this.requests.push(request);
    const reply = this.device.handle(request);
    if (!reply) {
      this.counters.unanswered++;
      return undefined;
    }
    const pieces = this.shape(encodeJkReply(reply.command, reply.info), this.responseDelayMs);
    if (pieces.length > 0) this.counters.replies++;
    return pieces;
  }
}
