import { chemistryClass, type Chemistry } from "../models/chemistry.js";
import type { ChargerModel } from "../models/model.js";
import { LITHIUM_OPERATIONS, NICKEL_LEAD_OPERATIONS, POWER_OPERATION, type OperationName } from "../models/operations.js";
import type { Preset } from "../presets/preset-codec.js";
import { LITHIUM_VOLTAGE_FIELDS } from "../presets/preset-fields.js";

/** What a simulated channel needs from a preset, in SI units (voltages per cell). */
export interface ProgramParams {
  /** Preset chemistry. */
  readonly chemistry: Chemistry;
  /** Charge current, A. */
  readonly chargeCurrent: number;
  /** Discharge current, A. */
  readonly dischargeCurrent: number;
  /** Per-cell charge voltage, V. */
  readonly chargeVoltage: number;
  /** Per-cell storage voltage, V. */
  readonly storageVoltage: number;
  /** Per-cell discharge (end) voltage, V. */
  readonly dischargeVoltage: number;
  /** Charge ends below this share of the charge current. */
  readonly endChargeFraction: number;
  /** Discharge ends below this share of the discharge current (once at the discharge voltage). */
  readonly endDischargeFraction: number;
  /** Balance tolerance, V. */
  readonly balanceDiff: number;
  /** Whether lithium charging balances (LiModeC 0). */
  readonly balanceOnCharge: boolean;
  /** Cells the preset expects (0 = auto). */
  readonly cells: number;
  /** Cycles for a cycle program. */
  readonly cycleCount: number;
  /** Cycle mode (0 C>D, 1 D>C, …). */
  readonly cycleMode: number;
}

const num = (preset: Preset, name: string, fallback: number): number => {
  const v = preset.values[name];
  return typeof v === "number" ? v : fallback;
};
const enumValue = (preset: Preset, name: string, fallback: number): number => {
  const v = preset.values[name];
  return typeof v === "object" && v !== null && "value" in v ? v.value : fallback;
};

type CellVoltages = Pick<ProgramParams, "chargeVoltage" | "storageVoltage" | "dischargeVoltage">;

/** Cell voltages of non-lithium chemistries, V: fields where the preset has them, typical values where not. */
function otherVoltages(preset: Preset, chemistry: Chemistry): CellVoltages {
  switch (chemistry) {
    case "Pb":
      return { chargeVoltage: num(preset, "pbChgCellVolt", 2.4), storageVoltage: 2.3, dischargeVoltage: num(preset, "pbDchgCellVolt", 1.8) };
    case "NiZn":
      return { chargeVoltage: num(preset, "niZnChgCellVolt", 1.9), storageVoltage: 1.6, dischargeVoltage: num(preset, "niZnDchgCellVolt", 1.1) };
    default:
      return { chargeVoltage: 1.45, storageVoltage: 1.25, dischargeVoltage: num(preset, "niDischargeVolt", 1) || 1 };
  }
}

/** Reads a preset into program parameters. */
export function programParams(preset: Preset, chemistry: Chemistry): ProgramParams {
  const li = LITHIUM_VOLTAGE_FIELDS[chemistry];
  const voltages: CellVoltages = li
    ? { chargeVoltage: num(preset, li.charge, 4.2), storageVoltage: num(preset, li.storage, 3.85), dischargeVoltage: num(preset, li.discharge, 3.5) }
    : otherVoltages(preset, chemistry);
  return {
    chemistry,
    chargeCurrent: num(preset, "chargeCurrent", 2),
    dischargeCurrent: num(preset, "dischargeCurrent", 2),
    ...voltages,
    endChargeFraction: num(preset, "endCharge", 10) / 100,
    endDischargeFraction: num(preset, "endDischarge", 50) / 100,
    balanceDiff: num(preset, "balDiff", 0.005),
    balanceOnCharge: enumValue(preset, "liModeC", 0) === 0,
    cells: num(preset, "liCell", 0),
    cycleCount: Math.max(1, num(preset, "cycleCount", 1)),
    cycleMode: enumValue(preset, "cycleMode", 0),
  };
}

/** The operation a REG_SEL_OP number means for a chemistry on a model (the inverse of `operationCode`). */
export function operationOf(model: ChargerModel, chemistry: Chemistry, code: number): OperationName | undefined {
  if (code === POWER_OPERATION) return model.powerOperation ? "power" : undefined;
  const kind = chemistryClass(chemistry);
  const table = kind === "lithium" ? LITHIUM_OPERATIONS : kind === "nickel-lead" ? NICKEL_LEAD_OPERATIONS : {};
  return (Object.entries(table) as [OperationName, number][]).find(([, c]) => c === code)?.[0];
}
