import type { RegisterBank } from "@batt/modbus-rtu";
import { LOAD_COIL } from "../constants.js";
import { VOLTAIC_HOLDING_REGISTERS, VOLTAIC_INPUT_REGISTERS, VOLTAIC_STATISTICS_REGISTERS } from "../registers.js";
import type { SolarSnapshot } from "./solar-system.js";

/** Where the simulator's registers live: the blocks the vendor tools read (docs/protocols/voltaic.md#lumiax-family-registers), zero where unknown. */
export const SIMULATED_TABLES = {
  coils: 1,
  inputRegisters: { start: 0x3000, size: 0x200 },
  holdingRegisters: { start: 0x8ff0, size: 0x9067 - 0x8ff0 },
} as const;

/** Counters of 0.01 kWh hold whole steps and wrap at 32 bits, as the controller's do. */
function counterWh(wh: number): number {
  return (Math.round(wh / 10) % 0x1_0000_0000) * 10;
}

/** Today's counters are one register of 0.01 kWh. */
function dailyWh(wh: number): number {
  return Math.min(Math.round(wh / 10), 0xffff) * 10;
}

/**
 * Writes a snapshot into the register bank through the register maps, so the simulator uses the
 * same scales, signedness and word order as the driver: the totals as 32-bit counters of 0.01 kWh
 * (low word first), today's energy in the word below each, today's battery voltage range at 0x30A8.
 */
export function writeSnapshot(bank: RegisterBank, s: SolarSnapshot, lowVoltageProtection: number): void {
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
    pvEnergyToday: dailyWh(s.pvEnergyToday),
    pvEnergyTotal: counterWh(s.pvEnergy),
    loadEnergyToday: dailyWh(s.loadEnergyToday),
    loadEnergyTotal: counterWh(s.loadEnergy),
    batteryVoltage: s.batteryVoltage,
    environmentTemperature: s.environmentTemperature,
  } satisfies Record<keyof (typeof VOLTAIC_INPUT_REGISTERS)["fields"], number>;
  for (const name of VOLTAIC_INPUT_REGISTERS.names) {
    const write = VOLTAIC_INPUT_REGISTERS.encode(name, values[name]);
    bank.inputRegisters.write(write.address, write.registers);
  }
  const statistics = VOLTAIC_STATISTICS_REGISTERS.encodeBlock(
    { address: VOLTAIC_STATISTICS_REGISTERS.fields.batteryVoltageMaxToday.address, count: 2 },
    { batteryVoltageMaxToday: s.batteryVoltageMaxToday, batteryVoltageMinToday: s.batteryVoltageMinToday },
  );
  bank.inputRegisters.write(statistics.address, statistics.registers);
  const lvp = VOLTAIC_HOLDING_REGISTERS.encode("lowVoltageProtection", lowVoltageProtection);
  bank.holdingRegisters.write(lvp.address, lvp.registers);
  bank.coils.set(LOAD_COIL, s.loadOn);
}
