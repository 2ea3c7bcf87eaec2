import { isBattError } from "@batt/core";
import { ModbusException, type Int32Field, type RegisterBlock } from "@batt/modbus-rtu";
import type { ChargerSettings, ChargerStatus } from "./charger-reading.js";
import type { Generation } from "./generation.js";
import type { HoldingRegisterMap } from "./holding-registers.js";
import { G2_STATUS_REGISTERS, type InputRegisterMap } from "./input-registers.js";
import { IMPLAUSIBLE_ENERGY, IMPLAUSIBLE_SECONDS, wordOrderWarning } from "./plausibility.js";
import { READ_PLANS } from "./read-plan.js";
import { covers, pick } from "./register-words.js";

/** The status in the input registers from 0, with a warning for each 32-bit value whose word order looks wrong. */
export function decodeStatusRegisters(map: InputRegisterMap, registers: readonly number[]): { status: ChargerStatus; warnings: string[] } {
  const status: ChargerStatus = { ...map.decode(0, registers), ...G2_STATUS_REGISTERS.decodePartial(0, registers) };
  const warnings: string[] = [];
  const check = (name: string, field: Int32Field, limit: number): void => {
    const warning = wordOrderWarning(name, field, registers.slice(field.address, field.address + 2), limit);
    if (warning) warnings.push(warning);
  };
  check("input totalEnergy (0x0010)", map.fields.totalEnergy, IMPLAUSIBLE_ENERGY);
  check("chargingTime (0x002B)", map.fields.chargingTime, IMPLAUSIBLE_SECONDS);
  return { status, warnings };
}

/**
 * The settings in the holding blocks read, the settings of the generation's plan that the charger did
 * not give (`unavailable`), and a warning where the energy total's word order looks wrong.
 */
export function decodeSettingsBlocks(
  map: HoldingRegisterMap,
  generation: Generation,
  blocks: readonly RegisterBlock[],
): { settings: ChargerSettings; unavailable: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const energy = map.fields.totalEnergy;
  const words = pick(blocks, undefined, energy.address, 2);
  if (words) {
    const warning = wordOrderWarning("holding totalEnergy (0x0619)", energy, words, IMPLAUSIBLE_ENERGY);
    if (warning) warnings.push(warning);
  }
  const settings: ChargerSettings = map.decodePartialBlocks(blocks.map((b) => ({ address: b.address, registers: b.registers })));
  const planned = READ_PLANS[generation].fallback;
  const unavailable = map.names.filter((name) => !(name in settings) && planned.some((b) => covers(b, map.fields[name].address)));
  return { settings, unavailable, warnings };
}

/** A read's registers, or undefined where the charger refuses the addresses (illegal data address: registers this unit lacks). */
export async function unlessRefused<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isBattError(error, "device-exception") && error.context.deviceCode === ModbusException.IllegalDataAddress) return undefined;
    throw error;
  }
}
