import { BattError } from "@batt/core";
import { chemistryClass, type Chemistry } from "./chemistry.js";
import type { ChargerModel } from "./model.js";

/** What a channel can be asked to do. */
export type OperationName = "charge" | "storage" | "discharge" | "cycle" | "balance" | "power";

/** REG_SEL_OP numbers for lithium presets (docs/protocols/icharger.md#control-registers-holding-0x8000). */
export const LITHIUM_OPERATIONS: Readonly<Partial<Record<OperationName, number>>> = { charge: 0, storage: 1, discharge: 2, cycle: 3, balance: 4 };
/** REG_SEL_OP numbers for nickel and lead presets: 1 is discharge here (DataExplorer 2020 fix). */
export const NICKEL_LEAD_OPERATIONS: Readonly<Partial<Record<OperationName, number>>> = { charge: 0, discharge: 1, cycle: 2 };
/** REG_SEL_OP for the X power supply (AP, CB). */
export const POWER_OPERATION = 5;

/** MEMORY.OpEnable bit of each operation (docs/protocols/icharger.md#preset-memory-holding-0x8c00); power has none. */
export const OPERATION_ENABLE_BIT: Readonly<Partial<Record<OperationName, number>>> = { charge: 0, storage: 2, discharge: 3, cycle: 4, balance: 5 };

/**
 * The REG_SEL_OP number for an operation on a preset of `chemistry` on `model`.
 *
 * @throws BattError `invalid-argument` when the chemistry has no such operation (storage of NiMH),
 *   `unsupported` for power on a model without it and for chemistries whose table is unknown.
 */
export function operationCode(model: ChargerModel, chemistry: Chemistry, operation: OperationName): number {
  if (operation === "power") {
    if (!model.powerOperation) throw new BattError("unsupported", `${model.name} has no power-supply operation (X models only)`);
    return POWER_OPERATION;
  }
  const kind = chemistryClass(chemistry);
  const table = kind === "lithium" ? LITHIUM_OPERATIONS : kind === "nickel-lead" ? NICKEL_LEAD_OPERATIONS : undefined;
  if (!table) throw new BattError("unsupported", `the operation numbers for ${chemistry} presets are not known`);
  const code = table[operation];
  if (code === undefined) {
    throw new BattError("invalid-argument", `${chemistry} presets have no ${operation} operation (have: ${Object.keys(table).join(", ")})`);
  }
  return code;
}
