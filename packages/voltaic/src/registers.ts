import { defineRegisterMap } from "@batt/modbus-rtu";

/**
 * Real-time input registers (FC 0x04): the seven of the Voltaic guide plus the real-time registers
 * the Lumiax controller family exposes (docs/protocols/voltaic.md#lumiax-family-registers). Values are in volts, amperes, watts, °C,
 * Wh (the energy counters count 0.01 kWh: 10 Wh steps) and percent; currents and temperatures are two's complement (docs/protocols/voltaic.md#signed-values).
 *
 * The powers and energy totals are 32 bits, low word first (0x304C:0x304D, 0x3050:0x3051, 0x3053:0x3054, 0x3056:0x3057); the words
 * below them (0x3052, 0x3055) are today's energy (docs/protocols/voltaic.md#energy-counters).
 */
export const VOLTAIC_INPUT_REGISTERS = defineRegisterMap({
  loadStatus: { address: 0x3035, type: "flags", bits: { 0: "loadOn" }, description: "Load output state (bit 0: on)" },
  controllerTemperature: { address: 0x3037, type: "s16", scale: 0.01, unit: "°C", description: "Controller temperature (guide); the BLE tool calls it battery temperature" },
  batterySoc: { address: 0x3045, type: "u16", unit: "%", description: "Battery state of charge" },
  batteryVoltageRealtime: { address: 0x3046, type: "u16", scale: 0.01, unit: "V", description: "Battery voltage in the family real-time block" },
  batteryCurrent: { address: 0x3047, type: "s16", scale: 0.01, unit: "A", description: "Battery current, positive while charging" },
  loadVoltage: { address: 0x304a, type: "u16", scale: 0.01, unit: "V", description: "Load output voltage" },
  loadCurrent: { address: 0x304b, type: "s16", scale: 0.01, unit: "A", description: "Load output current" },
  loadPower: { address: 0x304c, type: "u32", wordOrder: "low-first", scale: 0.01, unit: "W", description: "Load output power (32 bits, low word first)" },
  pvVoltage: { address: 0x304e, type: "u16", scale: 0.01, unit: "V", description: "PV (system input) voltage" },
  pvCurrent: { address: 0x304f, type: "s16", scale: 0.01, unit: "A", description: "PV (system input) current" },
  pvPower: { address: 0x3050, type: "u32", wordOrder: "low-first", scale: 0.01, unit: "W", description: "PV input power (32 bits, low word first)" },
  pvEnergyToday: { address: 0x3052, type: "u16", scale: 10, unit: "Wh", description: "PV generated energy today (0.01 kWh)" },
  pvEnergyTotal: { address: 0x3053, type: "u32", wordOrder: "low-first", scale: 10, unit: "Wh", description: "PV generated energy, total (32 bits of 0.01 kWh, low word first)" },
  loadEnergyToday: { address: 0x3055, type: "u16", scale: 10, unit: "Wh", description: "Load consumed energy today (0.01 kWh)" },
  loadEnergyTotal: { address: 0x3056, type: "u32", wordOrder: "low-first", scale: 10, unit: "Wh", description: "Load consumed energy, total (32 bits of 0.01 kWh, low word first)" },
  batteryVoltage: { address: 0x30a0, type: "u16", scale: 0.01, unit: "V", description: "Battery voltage (Voltaic guide register)" },
  environmentTemperature: { address: 0x30a2, type: "s16", scale: 0.01, unit: "°C", description: "Environment temperature" },
});

/** Holding registers (FC 0x03 / 0x06 / 0x10) the driver reads and writes. */
export const VOLTAIC_HOLDING_REGISTERS = defineRegisterMap({
  lowVoltageProtection: { address: 0x9022, type: "u16", scale: 0.01, unit: "V", description: "Low-voltage protection (load disconnect) threshold" },
});

/**
 * Battery statistics of the day (input registers, FC 0x04), outside the real-time reads: one
 * source only (docs/protocols/voltaic.md#battery-statistics), so they are read by
 * {@link VoltaicController.readHistory}, never by `read()`.
 */
export const VOLTAIC_STATISTICS_REGISTERS = defineRegisterMap({
  batteryVoltageMaxToday: { address: 0x30a8, type: "u16", scale: 0.01, unit: "V", description: "Highest battery voltage today" },
  batteryVoltageMinToday: { address: 0x30a9, type: "u16", scale: 0.01, unit: "V", description: "Lowest battery voltage today" },
});

/** A block of registers read in one request. */
export interface ReadBlock {
  /** First register. */
  readonly address: number;
  /** Number of registers. */
  readonly count: number;
}

/**
 * The reads that cover every real-time register: the whole 0x3030–0x305A block the vendor's BLE
 * tool reads in one request (so the unmapped registers inside it are known to be readable), and
 * 0x30A0–0x30A2 as docs/protocols/voltaic.md#request-frames reads it.
 */
export const REALTIME_BLOCKS: readonly ReadBlock[] = [
  { address: 0x3030, count: 43 },
  { address: 0x30a0, count: 3 },
];

/** The reads that verify a load switch: the load state (0x3035) and load voltage, current, power (0x304A × 3). */
export const LOAD_STATE_BLOCKS: readonly ReadBlock[] = [
  { address: 0x3035, count: 1 },
  { address: 0x304a, count: 3 },
];

/**
 * The reads behind {@link VoltaicController.readHistory}: today's and total energy (0x3052 × 6, the
 * counters and their high words) and the battery statistics block 0x30A0 × 12 as the Pekaway tool
 * reads it (docs/protocols/voltaic.md#battery-statistics).
 */
export const HISTORY_BLOCKS: readonly ReadBlock[] = [
  { address: 0x3052, count: 6 },
  { address: 0x30a0, count: 12 },
];
