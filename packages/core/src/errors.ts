import { toHex } from "./hex.js";

/**
 * Why an operation failed. Every error that crosses a package boundary carries one of these.
 */
export const ErrorCode = {
  /** No (complete) reply before the deadline. */
  Timeout: "timeout",
  /** A frame was complete but its checksum or CRC did not match. */
  Checksum: "checksum",
  /** Bytes that do not form a valid frame: bad length, header, end byte or layout. */
  Frame: "frame",
  /** The device answered with an error status or exception code. */
  DeviceException: "device-exception",
  /** The device answered, but not to the request that was sent (other unit, other function). */
  UnexpectedReply: "unexpected-reply",
  /** The transport closed or was lost. */
  Disconnected: "disconnected",
  /** The transport is not open. */
  NotOpen: "not-open",
  /** The device, transport or platform does not support the operation. */
  Unsupported: "unsupported",
  /** An argument was out of range or malformed; nothing was sent. */
  InvalidArgument: "invalid-argument",
  /** The caller's `AbortSignal` fired. */
  Aborted: "aborted",
  /** A value read back after a write differs from what was written. */
  VerifyFailed: "verify-failed",
  /** A device, port or record that was asked for does not exist. */
  NotFound: "not-found",
  /** A transcript replay met bytes it did not expect, or ended with lines left. */
  TranscriptMismatch: "transcript-mismatch",
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What was going on when a {@link BattError} was raised. All fields are optional. */
export interface BattErrorContext {
  /** The request frame that was on the wire. */
  readonly request?: Uint8Array;
  /** The raw bytes that caused the error (a bad frame, a stray reply). */
  readonly raw?: Uint8Array;
  /** A device-specific error or exception code (Modbus exception, BMS status byte). */
  readonly deviceCode?: number;
  /** How many attempts were made before giving up. */
  readonly attempts?: number;
  /** Anything else that helps a person understand the failure. */
  readonly [key: string]: unknown;
}

/** Options for {@link BattError}. */
export interface BattErrorOptions {
  /** The underlying error, if any. */
  readonly cause?: unknown;
  /** Request, raw bytes and other details. */
  readonly context?: BattErrorContext;
}

/**
 * The one error type of @batt. Branch on {@link BattError.code}, not on the message.
 *
 * @example
 * ```ts
 * try { await bms.readBasicInfo(); }
 * catch (e) { if (isBattError(e, ErrorCode.Timeout)) console.log("BMS asleep?"); else throw e; }
 * ```
 */
export class BattError extends Error {
  /** Why it failed. */
  readonly code: ErrorCode;
  /** Request, raw bytes and other details; empty when there are none. */
  readonly context: BattErrorContext;

  constructor(code: ErrorCode, message: string, options: BattErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BattError";
    this.code = code;
    this.context = options.context ?? {};
  }

  /** The message plus the request and raw bytes in hex, for logs. */
  describe(): string {
    const parts = [`${this.code}: ${this.message}`];
    if (this.context.request) parts.push(`request: ${toHex(this.context.request)}`);
    if (this.context.raw) parts.push(`raw: ${toHex(this.context.raw)}`);
    return parts.join("\n  ");
  }

  /**
   * A copy with more context merged in (the original is left unchanged). The copy keeps the class
   * and every own field of the original (a subclass's too), its message, cause and stack, so
   * `instanceof` and subclass fields survive layers that add context.
   */
  withContext(context: BattErrorContext): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    const fields = Object.getOwnPropertyDescriptors(this);
    Object.defineProperties(copy, { ...fields, context: { ...fields.context, value: { ...this.context, ...context } } });
    return copy;
  }
}

/**
 * Whether `value` is a {@link BattError}, optionally with one of the given codes.
 * Works across duplicated package copies by checking the shape, not only the prototype.
 */
export function isBattError(value: unknown, ...codes: ErrorCode[]): value is BattError {
  if (!(value instanceof BattError)) {
    if (typeof value !== "object" || value === null) return false;
    const shaped = value as { name?: unknown; code?: unknown };
    if (shaped.name !== "BattError" || typeof shaped.code !== "string") return false;
  }
  return codes.length === 0 || codes.includes((value as BattError).code);
}

/** Wraps anything thrown into a {@link BattError} (unknown errors become `fallback`). */
export function toBattError(value: unknown, fallback: ErrorCode, message?: string): BattError {
  if (isBattError(value)) return value;
  const text = message ?? (value instanceof Error ? value.message : String(value));
  return new BattError(fallback, text, { cause: value });
}
