import { BattError } from "@batt/core";
import { calibrationWrite, type Calibration } from "../control.js";

/** The `batt jbd calibrate` synopsis. */
export const CALIBRATE_USAGE = "cell <n> <V> | current zero | current charge|discharge <A> | ntc <n> <°C> | capacity <Ah>";

function number(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isFinite(n)) throw new BattError("invalid-argument", `${what}: expected a number, got ${JSON.stringify(text ?? "")}`);
  return n;
}

function tooMany(args: readonly string[], count: number): void {
  if (args.length > count) throw new BattError("invalid-argument", `unexpected argument "${args[count]}" (usage: calibrate ${CALIBRATE_USAGE})`);
}

/**
 * Parses the arguments of `calibrate` into a {@link Calibration} and validates its range (via
 * `calibrationWrite`), so that a mistake is reported before the link opens.
 *
 * @throws BattError `invalid-argument`.
 */
export function parseCalibrationArgs(args: readonly string[]): Calibration {
  const [what, a, b] = args;
  let calibration: Calibration;
  switch (what) {
    case "cell":
      tooMany(args, 3);
      calibration = { kind: "cellVoltage", cell: number(a, "cell number"), voltage: number(b, "cell voltage (V)") };
      break;
    case "ntc":
      tooMany(args, 3);
      calibration = { kind: "temperature", ntc: number(a, "NTC number"), temperature: number(b, "temperature (°C)") };
      break;
    case "capacity":
      tooMany(args, 2);
      calibration = { kind: "remainingCapacity", capacity: number(a, "remaining capacity (Ah)") };
      break;
    case "current":
      if (a === "zero") {
        tooMany(args, 2);
        calibration = { kind: "idleCurrent" };
      } else if (a === "charge" || a === "discharge") {
        tooMany(args, 3);
        const current = number(b, `${a} current (A)`);
        calibration = a === "charge" ? { kind: "chargeCurrent", current } : { kind: "dischargeCurrent", current };
      } else {
        throw new BattError("invalid-argument", `calibrate current: expected zero, charge or discharge, got ${JSON.stringify(a ?? "")}`);
      }
      break;
    default:
      throw new BattError("invalid-argument", `calibrate: expected cell, current, ntc or capacity, got ${JSON.stringify(what ?? "")} (usage: calibrate ${CALIBRATE_USAGE})`);
  }
  calibrationWrite(calibration); // range check; nothing is sent
  return calibration;
}
