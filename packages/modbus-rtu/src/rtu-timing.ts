import { BattError, type Parity } from "@batt/core";

/** Serial settings that decide RTU timing. */
export interface RtuTimingOptions {
  /** Bits per second. */
  readonly baudRate: number;
  /** Data bits per character (default 8, the only size RTU allows). */
  readonly dataBits?: number;
  /** Parity (default `none`); any parity adds one bit per character. */
  readonly parity?: Parity;
  /** Stop bits (default 1). */
  readonly stopBits?: number;
}

/** Character and silence times of a Modbus RTU line, in milliseconds. */
export interface RtuTiming {
  /** Bits per character: start, data, parity, stop. */
  readonly bitsPerCharacter: number;
  /** Time one character takes on the wire. */
  readonly characterMs: number;
  /** Longest gap allowed inside a frame (t1.5). */
  readonly t15Ms: number;
  /** Least silence between frames (t3.5). */
  readonly t35Ms: number;
  /** Time a frame of `bytes` bytes takes on the wire. */
  frameMs(bytes: number): number;
}

/** Above this rate the serial line specification fixes t1.5 and t3.5 instead of scaling them. */
const FIXED_TIMING_ABOVE_BAUD = 19200;

/**
 * RTU timing from the serial settings (Modbus over Serial Line v1.02; docs/protocols/modbus.md#rtu-timing-t15-and-t35): t1.5 and t3.5
 * are 1.5 and 3.5 character times, fixed at 0.75 ms and 1.75 ms above 19200 baud.
 *
 * @throws BattError `invalid-argument` for a baud rate that is not a positive number.
 * @example rtuTiming({ baudRate: 9600 }).t35Ms // ≈ 3.65 (10 bits per character)
 */
export function rtuTiming(options: RtuTimingOptions): RtuTiming {
  const { baudRate } = options;
  if (!(baudRate > 0) || !Number.isFinite(baudRate)) {
    throw new BattError("invalid-argument", `baud rate must be a positive number, got ${baudRate}`);
  }
  const bitsPerCharacter = 1 + (options.dataBits ?? 8) + ((options.parity ?? "none") === "none" ? 0 : 1) + (options.stopBits ?? 1);
  const characterMs = (bitsPerCharacter * 1000) / baudRate;
  const fixed = baudRate > FIXED_TIMING_ABOVE_BAUD;
  return {
    bitsPerCharacter,
    characterMs,
    t15Ms: fixed ? 0.75 : 1.5 * characterMs,
    t35Ms: fixed ? 1.75 : 3.5 * characterMs,
    frameMs: (bytes) => bytes * characterMs,
  };
}
