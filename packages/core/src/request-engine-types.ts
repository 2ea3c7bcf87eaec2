import type { BattError } from "./errors.js";
import type { FrameParser } from "./frame-parser.js";
import type { RetryPolicy } from "./retry-policy.js";
import type { Transport } from "./transport.js";
import type { Clock } from "./clock.js";

/**
 * How a decoded frame relates to the pending request:
 * `"reply"` answers it; `"ignore"` is not ours (reported as unsolicited); a {@link BattError}
 * answers it with an error (a device exception) and fails the request.
 */
export type MatchResult = "reply" | "ignore" | BattError;

/** One request/response exchange handed to {@link RequestEngine.request}. */
export interface Exchange<F> {
  /** The complete request frame. */
  readonly request: Uint8Array;
  /** Decides whether a frame answers this request. */
  readonly match: (frame: F) => MatchResult;
  /** A parser for this reply (for example one that knows the expected length); default: the engine's. */
  readonly parser?: FrameParser<F>;
  /** Reply deadline in ms, counted from the end of the write (default: the engine's). */
  readonly timeoutMs?: number;
  /** Retry policy for this request (default: the engine's). */
  readonly retry?: RetryPolicy;
  /** Cancels the request, whether queued or in flight. */
  readonly signal?: AbortSignal;
}

/** A frame sent with no reply expected (Modbus broadcast). */
export interface Announcement {
  /** The complete frame. */
  readonly request: Uint8Array;
  /** Cancels the send while it is queued. */
  readonly signal?: AbortSignal;
}

/** Options for {@link RequestEngine}. */
export interface RequestEngineOptions<F> {
  /** The parser used between requests and for requests that bring none. */
  readonly parser: FrameParser<F>;
  /** Default reply deadline in ms (default 1000). */
  readonly timeoutMs?: number;
  /**
   * Inter-byte deadline in ms (default {@link DEFAULT_INTER_BYTE_TIMEOUT_MS}): while a reply frame is
   * still arriving, each byte moves the reply deadline to at least this far ahead, so a slow link
   * (a reply trickling in) is not cut off mid-frame. Bounded by `maxReplyMs`.
   */
  readonly interByteTimeoutMs?: number;
  /**
   * Overall cap on a reply in ms, from the end of the write (default {@link DEFAULT_MAX_REPLY_MS}, and
   * never less than the reply deadline): a reply still arriving then fails as incomplete.
   */
  readonly maxReplyMs?: number;
  /** Deadline for a write to complete in ms (default 1000). */
  readonly writeTimeoutMs?: number;
  /** Default retry policy (default: none). */
  readonly retry?: RetryPolicy;
  /** Least time between the end of one transaction and the next write, in ms (default 0). */
  readonly minGapMs?: number;
  /**
   * After a timeout or abort, the next transaction waits until the line has been quiet for
   * `quietMs` (default 20), but no longer than `maxMs` (default 500), and discards what arrived,
   * so a late reply cannot be taken for the answer to the next request.
   */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
  /** `stream` or `packet` decoding (default: the transport's kind). */
  readonly mode?: Transport["kind"];
  /** Time source (default: the system clock). */
  readonly clock?: Clock;
}

/** Default {@link RequestEngineOptions.interByteTimeoutMs}: ten bytes' time even at 1200 baud. */
export const DEFAULT_INTER_BYTE_TIMEOUT_MS = 100;

/** Default {@link RequestEngineOptions.maxReplyMs}. */
export const DEFAULT_MAX_REPLY_MS = 10_000;

/** Where the engine is in a transaction (see {@link RequestEngine.state}). */
export type EngineState = "idle" | "draining" | "gap" | "sending" | "waiting";

/** What happened on the link, for logs and `--verbose` output. */
export type EngineTrace =
  | { readonly type: "tx"; readonly bytes: Uint8Array }
  | { readonly type: "rx"; readonly bytes: Uint8Array }
  | { readonly type: "skipped"; readonly bytes: Uint8Array; readonly error: BattError }
  | { readonly type: "timeout"; readonly request: Uint8Array }
  | { readonly type: "retry"; readonly attempt: number; readonly error: BattError };
