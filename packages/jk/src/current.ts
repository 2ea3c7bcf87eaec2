import { BattError } from "@batt/core";

/**
 * How identifier 0x84 encodes the current (docs/protocols/jk.md#current-0x84):
 * - `sign-magnitude` (protocol version 0xC0 ≥ 1, all current firmware): bit 15 set = charging,
 *   magnitude in bits 0–14 in 10 mA;
 * - `offset` (protocol version 0, or no 0xC0 on old firmware): current = (10000 − raw) × 10 mA.
 */
export type JkCurrentEncoding = "sign-magnitude" | "offset";

/** The current encoding a protocol version (identifier 0xC0) selects; `undefined` is old firmware without 0xC0. */
export function currentEncodingFor(protocolVersion: number | undefined): JkCurrentEncoding {
  return protocolVersion !== undefined && protocolVersion >= 1 ? "sign-magnitude" : "offset";
}

/** Decodes raw 0x84 to amperes, charging positive. */
export function decodeCurrent(raw: number, encoding: JkCurrentEncoding): number {
  const centiamps = encoding === "sign-magnitude" ? ((raw & 0x8000) !== 0 ? 1 : -1) * (raw & 0x7fff) : 10000 - raw;
  return centiamps === 0 ? 0 : centiamps / 100;
}

/**
 * Encodes amperes (charging positive) as raw 0x84 (the simulator's side).
 *
 * @throws BattError `invalid-argument` when the current does not fit the encoding.
 */
export function encodeCurrent(amperes: number, encoding: JkCurrentEncoding): number {
  const centiamps = Math.round(amperes * 100);
  if (encoding === "sign-magnitude") {
    const magnitude = Math.abs(centiamps);
    if (magnitude > 0x7fff) throw new BattError("invalid-argument", `${amperes} A does not fit the sign-magnitude current`);
    return centiamps > 0 ? 0x8000 | magnitude : magnitude;
  }
  const raw = 10000 - centiamps;
  if (raw < 0 || raw > 0xffff) throw new BattError("invalid-argument", `${amperes} A does not fit the offset current`);
  return raw;
}
