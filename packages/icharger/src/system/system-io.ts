import { BattError } from "@batt/core";
import { changedRuns } from "../access/register-client.js";
import type { ChargerContext } from "../charger-context.js";
import { Order, RegisterArea } from "../constants.js";
import { sendOrder } from "../control/orders.js";
import { decodeSystemSettings, planSystemWrite, systemLayoutOf, systemRegisterCount, type SettingChanges, type SystemSettings } from "./system-settings.js";

/** Options of {@link writeSystemSettings}. */
export interface SystemWriteOptions {
  /** Save to flash with ORDER_WRITE_SYS after the RAM mirror was written and verified (default true). */
  readonly persist?: boolean;
  /** Allow Modbus mode, address, baud and parity changes (they can cut the current link; default false). */
  readonly allowLinkChanges?: boolean;
  /** Cancels before the next transaction (the order key is relocked in any case). */
  readonly signal?: AbortSignal;
}

/** What a SYSTEM write did. */
export interface SystemWriteResult {
  /** Settings whose registers changed (an unchanged write sends nothing). */
  readonly changed: readonly string[];
  /** Whether ORDER_WRITE_SYS was sent. */
  readonly persisted: boolean;
  /** The settings read back. */
  readonly settings: SystemSettings;
}

async function readRegisters(context: ChargerContext, signal?: AbortSignal): Promise<number[]> {
  const layout = systemLayoutOf(context.model);
  const count = systemRegisterCount(context.deviceInfo.systemLength, layout);
  return context.registers.readHolding(RegisterArea.system, count, signal ? { signal } : {});
}

/** Reads SYSTEM (0x8400, length from device info register 9) and decodes it with the model's layout. */
export async function readSystemSettings(context: ChargerContext, signal?: AbortSignal): Promise<SystemSettings> {
  return decodeSystemSettings(systemLayoutOf(context.model), await readRegisters(context, signal));
}

/**
 * Changes settings: validated against the layout's ranges and the model's limits, only differing
 * registers are written to the RAM mirror, read back and compared, then saved with ORDER_WRITE_SYS
 * (`0x8003 ← [0x55AA, 3]`, relocked with `[0]`).
 *
 * @throws BattError `invalid-argument` / `unsupported` (see `planSystemWrite`), `verify-failed` when
 *   the read-back differs, transport errors.
 */
export async function writeSystemSettings(context: ChargerContext, changes: SettingChanges, options: SystemWriteOptions = {}): Promise<SystemWriteResult> {
  const { signal } = options;
  const layout = systemLayoutOf(context.model);
  const before = await readRegisters(context, signal);
  const plan = planSystemWrite(layout, context.model, before, changes, { allowLinkChanges: options.allowLinkChanges ?? false });
  const runs = changedRuns(RegisterArea.system, before, plan.registers);
  if (runs.length === 0) return { changed: [], persisted: false, settings: decodeSystemSettings(layout, before) };
  for (const run of runs) await context.registers.write(run.address, run.values, signal ? { signal } : {});
  const readBack = await readRegisters(context, signal);
  const differs = plan.registers.findIndex((word, i) => readBack[i] !== word);
  if (differs >= 0) {
    throw new BattError("verify-failed", `SYSTEM register 0x${(RegisterArea.system + differs).toString(16)} reads back ${readBack[differs]}, wrote ${plan.registers[differs]}`);
  }
  const persist = options.persist ?? true;
  if (persist) await sendOrder(context, Order.WriteSys, signal);
  return { changed: plan.changed, persisted: persist, settings: decodeSystemSettings(layout, readBack) };
}
