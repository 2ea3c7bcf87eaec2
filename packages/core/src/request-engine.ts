import { abortError, waitFor } from "./abort.js";
import { systemClock, type Clock, type TimerHandle } from "./clock.js";
import { emptyCounters, type EngineCounters } from "./engine-counters.js";
import { BattError, isBattError, toBattError } from "./errors.js";
import { FrameDecoder, type DecodeEvent } from "./frame-decoder.js";
import type { FrameParser } from "./frame-parser.js";
import { Listeners, type Unsubscribe } from "./listeners.js";
import { isTransientError, NO_RETRY, type RetryPolicy } from "./retry-policy.js";
import type { Transport } from "./transport.js";

export type { MatchResult, Exchange, Announcement, RequestEngineOptions, EngineState, EngineTrace } from "./request-engine-types.js";
export { DEFAULT_INTER_BYTE_TIMEOUT_MS, DEFAULT_MAX_REPLY_MS } from "./request-engine-types.js";
import { DEFAULT_INTER_BYTE_TIMEOUT_MS, DEFAULT_MAX_REPLY_MS, type Announcement, type EngineState, type EngineTrace, type Exchange, type MatchResult, type RequestEngineOptions } from "./request-engine-types.js";

interface Job<F> {
  readonly exchange: Exchange<F> | (Announcement & { match?: undefined });
  readonly expectReply: boolean;
  readonly resolve: (frame: F | undefined) => void;
  readonly reject: (error: BattError) => void;
  readonly detachAbort: () => void;
}

interface Waiter<F> {
  readonly exchange: Exchange<F>;
  settled: boolean;
  checksumError: BattError | undefined;
  timer: TimerHandle | undefined;
  /** When the reply deadline falls (clock ms); bytes of a frame in progress move it, up to `capAt`. */
  deadlineAt: number;
  capAt: number;
  quietTimer: TimerHandle | undefined;
  resolve(frame: F): void;
  reject(error: BattError): void;
}

/**
 * The request/response engine every driver uses: one request in flight per transport, queued in
 * order; a deadline per request; retries by policy; a minimum gap between requests; cancellation
 * with `AbortSignal`; a quiet-period drain after a timeout; counters.
 *
 * A transaction ends when its reply frame is complete; nothing waits a fixed time for bytes.
 * State machine: `idle → [draining] → gap → sending → waiting → idle`, with a deadline on
 * `sending` (write timeout) and on `waiting` (reply timeout). In `waiting`, each byte of a frame
 * still arriving moves the reply deadline to at least the inter-byte deadline ahead, up to an
 * overall cap.
 */
export class RequestEngine<F> {
  /** Running totals (live object; copy it to keep a snapshot). */
  readonly counters: EngineCounters = emptyCounters();

  private readonly decoder: FrameDecoder<F>;
  private readonly defaultParser: FrameParser<F>;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly interByteTimeoutMs: number;
  private readonly maxReplyMs: number;
  private readonly writeTimeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly quietMs: number;
  private readonly drainMaxMs: number;
  private readonly queue: Job<F>[] = [];
  private readonly unsolicitedListeners = new Listeners<{ frame: F; raw: Uint8Array }>();
  private readonly traceListeners = new Listeners<EngineTrace>();
  private readonly unsubscribe: Unsubscribe[];
  private waiter: Waiter<F> | undefined;
  private pumping = false;
  private dirty = false;
  private lastEnd = Number.NEGATIVE_INFINITY;
  private lastByteAt = Number.NEGATIVE_INFINITY;
  private currentState: EngineState = "idle";
  private lostReason: BattError | undefined;

  /** Least time between transactions in ms; may be changed at any time. */
  minGapMs: number;

  constructor(
    /** The link this engine owns. Only one engine may use a transport. */
    readonly transport: Transport,
    options: RequestEngineOptions<F>,
  ) {
    this.defaultParser = options.parser;
    this.decoder = new FrameDecoder(options.parser, { mode: options.mode ?? transport.kind });
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.interByteTimeoutMs = options.interByteTimeoutMs ?? DEFAULT_INTER_BYTE_TIMEOUT_MS;
    this.maxReplyMs = options.maxReplyMs ?? DEFAULT_MAX_REPLY_MS;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 1000;
    this.retry = options.retry ?? NO_RETRY;
    this.minGapMs = options.minGapMs ?? 0;
    this.quietMs = options.drain?.quietMs ?? 20;
    this.drainMaxMs = options.drain?.maxMs ?? 500;
    this.unsubscribe = [
      transport.onData((chunk) => this.onData(chunk)),
      transport.onClose((reason) => this.onClose(reason)),
    ];
  }

  /** The current stage of the transaction in flight, or `idle`. */
  get state(): EngineState {
    return this.currentState;
  }

  /** Requests waiting behind the one in flight. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Sends `exchange.request` when the link is free and resolves with the frame that `match`
   * accepts. Rejects with a {@link BattError}: `timeout`, `checksum`, `device-exception` (from
   * `match`), `aborted`, `disconnected`, `not-open`.
   */
  request(exchange: Exchange<F>): Promise<F> {
    return this.enqueue(exchange, true) as Promise<F>;
  }

  /** Sends a frame that gets no reply (a broadcast), in turn with the requests. */
  announce(announcement: Announcement): Promise<void> {
    return this.enqueue(announcement, false).then(() => undefined);
  }

  /** Frames that arrived when no request was waiting for them, or that `match` ignored. */
  onUnsolicited(listener: (event: { frame: F; raw: Uint8Array }) => void): Unsubscribe {
    return this.unsolicitedListeners.add(listener);
  }

  /** Every byte in and out and every skip, timeout and retry. */
  onTrace(listener: (event: EngineTrace) => void): Unsubscribe {
    return this.traceListeners.add(listener);
  }

  /** Detaches from the transport and fails whatever is queued. The transport stays open. */
  dispose(): void {
    for (const u of this.unsubscribe) u();
    this.failAll(new BattError("not-open", "request engine disposed"));
  }

  private enqueue(exchange: Exchange<F> | Announcement, expectReply: boolean): Promise<F | undefined> {
    return new Promise<F | undefined>((resolve, reject) => {
      const signal = exchange.signal;
      if (signal?.aborted) {
        this.counters.aborted++;
        reject(abortError(signal));
        return;
      }
      const onAbort = (): void => {
        const index = this.queue.indexOf(job);
        if (index >= 0) {
          this.queue.splice(index, 1);
          this.counters.aborted++;
          reject(abortError(signal!));
        }
      };
      const job: Job<F> = {
        exchange: exchange as Job<F>["exchange"],
        expectReply,
        resolve,
        reject,
        detachAbort: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(job);
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        job.detachAbort();
        try {
          job.resolve(await this.execute(job));
        } catch (error) {
          job.reject(toBattError(error, "frame"));
        }
      }
    } finally {
      this.pumping = false;
      this.setState("idle");
    }
  }

  private async execute(job: Job<F>): Promise<F | undefined> {
    const exchange = job.exchange;
    const policy = (exchange as Exchange<F>).retry ?? this.retry;
    const retryOn = policy.retryOn ?? isTransientError;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(job);
      } catch (thrown) {
        const error = toBattError(thrown, "frame").withContext({ request: exchange.request, attempts: attempt + 1 });
        if (error.code === "aborted") this.counters.aborted++;
        const final =
          !job.expectReply ||
          attempt >= policy.retries ||
          error.code === "aborted" ||
          error.code === "disconnected" ||
          error.code === "not-open" ||
          !retryOn(error, attempt);
        if (final) throw error;
        this.counters.retries++;
        this.traceListeners.emit({ type: "retry", attempt: attempt + 1, error });
        if (policy.backoffMs) await waitFor(this.clock, policy.backoffMs, exchange.signal);
      }
    }
  }

  private async attempt(job: Job<F>): Promise<F | undefined> {
    const { exchange } = job;
    const signal = exchange.signal;
    if (this.dirty) await this.drainQuiet(signal);
    this.setState("gap");
    // Re-check after each wait: timers may fire a little early (Node counts from a cached loop time).
    for (let left = this.lastEnd + this.minGapMs - this.clock.now(); left > 0; left = this.lastEnd + this.minGapMs - this.clock.now()) {
      // Whole milliseconds: runtimes truncate fractional delays, which would cost a second timer.
      await waitFor(this.clock, Math.ceil(left), signal);
    }
    this.discardStray();
    const reply = job.expectReply ? this.arm(exchange as Exchange<F>) : undefined;
    // Awaited below; this only keeps a rejection during the write from being reported as unhandled.
    reply?.catch(() => undefined);
    this.decoder.parser = (exchange as Exchange<F>).parser ?? this.defaultParser;
    this.setState("sending");
    this.counters.requests++;
    try {
      this.traceListeners.emit({ type: "tx", bytes: exchange.request });
      await this.withDeadline(this.transport.write(exchange.request), this.writeTimeoutMs, "write");
    } catch (error) {
      this.disarm();
      this.lastEnd = this.clock.now();
      // A write after the link was lost says why, rather than only "not open".
      throw this.lostReason && isBattError(error, "not-open") ? this.lostReason : error;
    }
    this.lostReason = undefined;
    if (!reply) {
      this.lastEnd = this.clock.now();
      return undefined;
    }
    this.setState("waiting");
    this.startDeadline(exchange as Exchange<F>);
    try {
      return await reply;
    } finally {
      this.lastEnd = this.clock.now();
      this.decoder.parser = this.defaultParser;
      this.setState("idle");
    }
  }

  private arm(exchange: Exchange<F>): Promise<F> {
    return new Promise<F>((resolve, reject) => {
      const signal = exchange.signal;
      const onAbort = (): void => {
        this.dirty = true;
        settle.reject(abortError(signal!));
      };
      const settle: Waiter<F> = {
        exchange,
        settled: false,
        checksumError: undefined,
        timer: undefined,
        deadlineAt: Number.POSITIVE_INFINITY,
        capAt: Number.POSITIVE_INFINITY,
        quietTimer: undefined,
        resolve: (frame) => {
          if (finish()) resolve(frame);
        },
        reject: (error) => {
          if (finish()) reject(error);
        },
      };
      const finish = (): boolean => {
        if (settle.settled) return false;
        settle.settled = true;
        this.clock.clearTimer(settle.timer);
        this.clock.clearTimer(settle.quietTimer);
        signal?.removeEventListener("abort", onAbort);
        if (this.waiter === settle) this.waiter = undefined;
        return true;
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiter = settle;
    });
  }

  private startDeadline(exchange: Exchange<F>): void {
    const waiter = this.waiter;
    if (!waiter || waiter.exchange !== exchange) return; // already answered during the write
    const ms = exchange.timeoutMs ?? this.timeoutMs;
    const start = this.clock.now();
    waiter.deadlineAt = start + ms;
    waiter.capAt = start + Math.max(ms, this.maxReplyMs);
    const expire = (): void => {
      // Bytes of a frame in progress moved the deadline: wait for the rest of it.
      const left = waiter.deadlineAt - this.clock.now();
      if (left > 0) {
        waiter.timer = this.clock.setTimer(expire, left);
        return;
      }
      this.counters.timeouts++;
      this.dirty = true;
      this.traceListeners.emit({ type: "timeout", request: exchange.request });
      const partial = this.decoder.flush();
      this.counters.bytesSkipped += partial.length;
      const after = wholeMs(waiter.deadlineAt - start);
      waiter.reject(
        waiter.checksumError ??
          new BattError("timeout", partial.length > 0 ? `incomplete reply (${partial.length} bytes) after ${after} ms` : `no reply within ${wholeMs(ms)} ms`, {
            context: { raw: partial },
          }),
      );
    };
    waiter.timer = this.clock.setTimer(expire, ms);
  }

  private disarm(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    waiter.settled = true;
    this.clock.clearTimer(waiter.timer);
    this.clock.clearTimer(waiter.quietTimer);
    this.waiter = undefined;
  }

  private withDeadline(work: Promise<void>, ms: number, what: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = this.clock.setTimer(() => reject(new BattError("timeout", `${what} did not complete within ${ms} ms`)), ms);
      work.then(
        () => {
          this.clock.clearTimer(timer);
          resolve();
        },
        (error: unknown) => {
          this.clock.clearTimer(timer);
          reject(toBattError(error, "disconnected"));
        },
      );
    });
  }

  private async drainQuiet(signal: AbortSignal | undefined): Promise<void> {
    this.setState("draining");
    const start = this.clock.now();
    for (;;) {
      const now = this.clock.now();
      const quietFor = now - this.lastByteAt;
      const left = this.drainMaxMs - (now - start);
      if (quietFor >= this.quietMs || left <= 0) break;
      await waitFor(this.clock, Math.min(this.quietMs - quietFor, left), signal);
    }
    this.dirty = false;
    this.discardStray();
  }

  private discardStray(): void {
    const stray = this.decoder.flush();
    if (stray.length > 0) {
      this.counters.bytesSkipped += stray.length;
      this.traceListeners.emit({
        type: "skipped",
        bytes: stray,
        error: new BattError("frame", "stray bytes before a request", { context: { raw: stray } }),
      });
    }
  }

  private onData(chunk: Uint8Array): void {
    this.lastByteAt = this.clock.now();
    this.traceListeners.emit({ type: "rx", bytes: chunk });
    const waiter = this.waiter;
    if (waiter?.quietTimer !== undefined) {
      // A garbled reply ends the attempt once the line goes quiet; new bytes restart that wait.
      this.clock.clearTimer(waiter.quietTimer);
      waiter.quietTimer = this.clock.setTimer(() => waiter.reject(waiter.checksumError!), this.quietMs);
    }
    for (const event of this.decoder.push(chunk)) this.handle(event);
    // A frame still arriving gets the inter-byte deadline, within the overall cap.
    const pending = this.waiter;
    if (pending && !pending.settled && this.decoder.buffered > 0) {
      pending.deadlineAt = Math.min(pending.capAt, Math.max(pending.deadlineAt, this.clock.now() + this.interByteTimeoutMs));
    }
  }

  private handle(event: DecodeEvent<F>): void {
    const waiter = this.waiter && !this.waiter.settled ? this.waiter : undefined;
    if (event.type === "skipped") {
      this.counters.bytesSkipped += event.bytes.length;
      if (event.code === "checksum") {
        this.counters.checksumErrors++;
        if (waiter) {
          waiter.checksumError = event.error;
          this.clock.clearTimer(waiter.quietTimer);
          waiter.quietTimer = this.clock.setTimer(() => waiter.reject(event.error), this.quietMs);
        }
      }
      this.traceListeners.emit(event); // its error is built only if a listener reads it
      return;
    }
    const verdict = waiter ? safeMatch(waiter.exchange, event.frame) : "ignore";
    if (verdict === "reply") {
      this.counters.replies++;
      waiter!.resolve(event.frame);
    } else if (verdict instanceof BattError) {
      this.counters.deviceErrors++;
      waiter!.reject(verdict.withContext({ raw: event.raw }));
    } else {
      this.counters.unsolicited++;
      this.unsolicitedListeners.emit({ frame: event.frame, raw: event.raw });
    }
  }

  private onClose(reason: BattError | undefined): void {
    this.lostReason = reason;
    this.failAll(reason ?? new BattError("disconnected", "transport closed"));
  }

  private failAll(error: BattError): void {
    this.waiter?.reject(error);
    for (const job of this.queue.splice(0)) {
      job.detachAbort();
      job.reject(error);
    }
  }

  private setState(state: EngineState): void {
    this.currentState = state;
  }
}

/** A duration for a message: whole milliseconds (deadlines computed from baud rates are fractional). */
function wholeMs(ms: number): number {
  return Math.round(ms);
}

function safeMatch<F>(exchange: Exchange<F>, frame: F): MatchResult {
  try {
    return exchange.match(frame);
  } catch (error) {
    return toBattError(error, "frame");
  }
}
