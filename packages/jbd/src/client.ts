import { Mutex, RequestEngine, resolveLinkOptions, systemClock, waitFor, type Clock, type DriverLinkDefaults, type LinkOptions, type Transport } from "@batt/core";
import { encodeReadRequest, encodeWriteRequest } from "./encode.js";
import type { JbdResponse } from "./frame.js";
import { jbdResponseParser } from "./parser.js";
import { jbdStatusError } from "./status.js";

/**
 * The JBD link defaults: a whole-frame deadline ≥ 0.5 s (docs/protocols/jbd.md#timing; bms-tools
 * uses 1 s), "a small gap (≥ 50 ms)" between requests (docs/protocols/jbd.md#timing), and one
 * more attempt, because a sleeping BMS ignores the first request after idle.
 */
export const JBD_LINK_DEFAULTS: DriverLinkDefaults = { timeoutMs: 1000, minGapMs: 50, retry: { retries: 1 } };

/** Link options of {@link JbdClient}: the shared {@link LinkOptions} (defaults {@link JBD_LINK_DEFAULTS}) and the drain after a timeout. */
export interface JbdClientOptions extends LinkOptions {
  /** Quiet-period drain after a timeout (see `RequestEngineOptions.drain`). */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
}

/**
 * The request/response layer of the JBD driver: one `RequestEngine` over the transport, replies
 * matched by register byte (a reply for another register is unsolicited, never an answer), non-zero
 * status bytes turned into `device-exception` errors, and a hold-off for pacing rules such as the
 * pause after an EEPROM save.
 */
export class JbdClient {
  /** The engine (counters, traces, unsolicited frames). */
  readonly engine: RequestEngine<JbdResponse>;
  /** The time source in use. */
  readonly clock: Clock;
  /** Serialises multi-request operations (factory-mode sessions). */
  readonly exclusive = new Mutex();
  private notBefore = Number.NEGATIVE_INFINITY;

  constructor(transport: Transport, options: JbdClientOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.engine = new RequestEngine<JbdResponse>(transport, {
      parser: jbdResponseParser,
      ...resolveLinkOptions(options, JBD_LINK_DEFAULTS),
    });
  }

  /** Delays the next request until `ms` from now (a pacing rule, e.g. after a saving exit). */
  holdFor(ms: number): void {
    if (ms > 0) this.notBefore = Math.max(this.notBefore, this.clock.now() + ms);
  }

  /** Reads `register` and resolves with the reply payload. */
  read(register: number, signal?: AbortSignal): Promise<Uint8Array> {
    return this.transact(encodeReadRequest(register), register, signal);
  }

  /** Reads `register` with a request payload (the 0xFA parameter protocol: first number and count). */
  readWith(register: number, data: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    return this.transact(encodeReadRequest(register, data), register, signal);
  }

  /** Writes `data` to `register` and resolves with the reply payload (usually empty). */
  write(register: number, data: Uint8Array | readonly number[], signal?: AbortSignal): Promise<Uint8Array> {
    return this.transact(encodeWriteRequest(register, data), register, signal);
  }

  /** Detaches from the transport (which stays open). */
  dispose(): void {
    this.engine.dispose();
  }

  private async transact(request: Uint8Array, register: number, signal: AbortSignal | undefined): Promise<Uint8Array> {
    const wait = this.notBefore - this.clock.now();
    if (wait > 0) await waitFor(this.clock, wait, signal);
    const reply = await this.engine.request({
      request,
      match: (frame) => {
        if (frame.register !== register) return "ignore";
        return frame.status === 0 ? "reply" : jbdStatusError(register, frame.status);
      },
      ...(signal ? { signal } : {}),
    });
    return reply.data;
  }
}
