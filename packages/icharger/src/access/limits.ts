import { BattError } from "@batt/core";
import { ICHARGER_LIMITS } from "../constants.js";

/** Throws `invalid-argument` unless `count` is 1..30 (one report). */
export function checkReadCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > ICHARGER_LIMITS.readRegisters) {
    throw new BattError("invalid-argument", `a read takes 1..${ICHARGER_LIMITS.readRegisters} registers, got ${count}`);
  }
}

/** Throws `invalid-argument` unless `count` is 1..28 (one report). */
export function checkWriteCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > ICHARGER_LIMITS.writeRegisters) {
    throw new BattError("invalid-argument", `a write takes 1..${ICHARGER_LIMITS.writeRegisters} registers, got ${count}`);
  }
}
