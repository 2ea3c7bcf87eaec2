import { BattError, ByteWriter } from "@batt/core";

/** Counter names of register 0xAA, in wire order (the 12th word exists on newer firmware only). */
export const ERROR_COUNTER_NAMES = [
  "shortCircuit",
  "chargeOvercurrent",
  "dischargeOvercurrent",
  "cellOvervoltage",
  "cellUndervoltage",
  "chargeOvertemperature",
  "chargeUndertemperature",
  "dischargeOvertemperature",
  "dischargeUndertemperature",
  "packOvervoltage",
  "packUndervoltage",
  "systemRestarts",
] as const;

/** One error counter name. */
export type ErrorCounterName = (typeof ERROR_COUNTER_NAMES)[number];

/** Register 0xAA decoded: 11 counters, plus `systemRestarts` when the BMS sends 12 words. */
export type ErrorCounters = Readonly<Record<Exclude<ErrorCounterName, "systemRestarts">, number>> & {
  /** System restart count (newer firmware only). */
  readonly systemRestarts?: number;
};

/**
 * Decodes register 0xAA (22 or 24 bytes; longer payloads keep the first 12 words).
 *
 * @throws BattError `frame` when fewer than 22 bytes or an odd count arrive.
 */
export function decodeErrorCounters(payload: Uint8Array): ErrorCounters {
  if (payload.length < 22 || payload.length % 2 !== 0) {
    throw new BattError("frame", `error counters need 22 or 24 bytes, got ${payload.length}`, { context: { raw: payload } });
  }
  const words = Math.min(payload.length / 2, ERROR_COUNTER_NAMES.length);
  const out: Partial<Record<ErrorCounterName, number>> = {};
  for (let i = 0; i < words; i++) out[ERROR_COUNTER_NAMES[i]!] = (payload[2 * i]! << 8) | payload[2 * i + 1]!;
  return out as ErrorCounters;
}

/** Builds register 0xAA's payload (11 words, or 12 with `systemRestarts`). */
export function encodeErrorCounters(counters: ErrorCounters): Uint8Array {
  const w = new ByteWriter(24);
  for (const name of ERROR_COUNTER_NAMES) {
    const value = counters[name];
    if (value === undefined) continue;
    w.u16(Math.min(value, 0xffff));
  }
  return w.toBytes();
}
