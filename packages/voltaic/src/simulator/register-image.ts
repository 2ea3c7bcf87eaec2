import type { RegisterBank } from "@batt/modbus-rtu";
import { LOAD_COIL } from "../constants.js";
import { VOLTAIC_HOLDING_REGISTERS, VOLTAIC_INPUT_REGISTERS } from "../registers.js";
import type { SolarSnapshot } from "./solar-system.js";

/** Where the simulator's registers live: the blocks the vendor tools read (docs/protocols/voltaic.md#lumiax-family-registers), zero where unknown. */
export const SIMULATED_TABLES = {
  coils: 1,
  inputRegisters: { start: 0x3000, size: 0x200 },
  holdingRegisters: { start: 0x8ff0, size: 0x9067 - 0x8ff0 },
} as const;

/**
 * Writes a snapshot into the register bank through the register map, so the simulator uses the
 * same scales and signedness as the driver. The energy counters are 0.01 kWh; the word below each
 * holds the counter's high word (one reading of the unknown 0x3052/0x3055).
 */
export function writeSnapshot(bank: RegisterBank, s: SolarSnapshot, lowVoltageProtection: number): void {
  const pvCounter = Math.round(s.pvEnergy / 10) % 0x1_0000_0000;
  const loadCounter = Math.round(s.loadEnergy / 10) % 0x1_0000_0000;
  const values = {
    loadStatus: s.loadOn ? 1 : 0,
    controllerTemperature: s.controllerTemperature,
    batterySoc: Math.round(s.soc),
    batteryVoltageRealtime: s.batteryVoltage,
    batteryCurrent: s.batteryCurrent,
    loadVoltage: s.loadVoltage,
    loadCurrent: s.loadCurrent,
    loadPower: s.loadVoltage * s.loadCurrent,
    pvVoltage: s.pvVoltage,
    pvCurrent: s.pvCurrent,
    pvPower: s.pvVoltage * s.pvCurrent,
    raw3052: Math.floor(pvCounter / 0x10000),
    pvEnergyTotal: (pvCounter % 0x10000) * 10,
    raw3055: Math.floor(loadCounter / 0x10000),
    loadEnergyTotal: (loadCounter % 0x10000) * 10,
    batteryVoltage: s.batteryVoltage,
    environmentTemperature: s.environmentTemperature,
  } satisfies Record<keyof (typeof VOLTAIC_INPUT_REGISTERS)["fields"], number>;
  for (const name of VOLTAIC_INPUT_REGISTERS.names) {
    const write = VOLTAIC_INPUT_REGISTERS.encode(name, values[name]);
    bank.inputRegisters.write(write.address, write.registers);
  }
  const lvp = VOLTAIC_HOLDING_REGISTERS.encode("lowVoltageProtection", lowVoltageProtection);
  bank.holdingRegisters.write(lvp.address, lvp.registers);
  bank.coils.set(LOAD_COIL, s.loadOn);
}
