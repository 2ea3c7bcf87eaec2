import type { Calibration } from "./control.js";
import type { JbdReading } from "./reading.js";

/** What the BMS reports, after a calibration, for the quantity that was calibrated. */
export interface CalibrationReadBack {
  /** The quantity (`cell 3 voltage`, `current`, `NTC 1 temperature`, `remaining capacity`). */
  readonly quantity: string;
  /** The value the calibration asked for, in `unit`. */
  readonly target: number;
  /** The value reported afterwards, in `unit` (absent when the BMS does not report it, e.g. a cell beyond its count). */
  readonly reported?: number;
  /** `V`, `A`, `°C` or `Ah`. */
  readonly unit: string;
}

/**
 * Pairs a calibration with the value the BMS reports after it, so that a caller can see it took
 * effect: calibration registers cannot be read back, so the live reading is the only check. The
 * current gain calibrations compare magnitudes (the reading's sign follows the direction).
 */
export function calibrationReadBack(calibration: Calibration, reading: JbdReading): CalibrationReadBack {
  const info = reading.basicInfo;
  switch (calibration.kind) {
    case "cellVoltage":
      return withReported(`cell ${calibration.cell} voltage`, calibration.voltage, reading.cellVoltages[calibration.cell - 1], "V");
    case "temperature":
      return withReported(`NTC ${calibration.ntc} temperature`, calibration.temperature, info.temperatures[calibration.ntc - 1], "°C");
    case "idleCurrent":
      return withReported("current", 0, info.current, "A");
    case "chargeCurrent":
    case "dischargeCurrent":
      return withReported("current", calibration.current, Math.abs(info.current), "A");
    case "remainingCapacity":
      return withReported("remaining capacity", calibration.capacity, info.remainingCapacity, "Ah");
  }
}

function withReported(quantity: string, target: number, reported: number | undefined, unit: string): CalibrationReadBack {
  return { quantity, target, ...(reported !== undefined ? { reported } : {}), unit };
}
