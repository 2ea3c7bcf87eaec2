import { defineRegisterMap } from "@batt/modbus-rtu";

/**
 * Real-time input registers (FC 0x04): the seven of the Voltaic guide plus the real-time registers
 * the Lumiax controller family exposes (docs/protocols/voltaic.md#lumiax-family-registers). Values are in volts, amperes, watts, °C,
 * Wh (the energy counters count 0.01 kWh: 10 Wh steps) and percent; currents and temperatures are two's complement (docs/protocols/voltaic.md#signed-values).
 *
 * 0x3052 and 0x3055 have unknown meaning (high words of the energy counters, or daily counters);
 * they are kept as raw words, and the totals are decoded as single words as the family tools do.
 */
export const VOLTAIC_INPUT_REGISTERS = defineRegisterMap({
  loadStatus: { address: 0x3035, type: "flags", bits: { 0: "loadOn" }, description: "Load output state (bit 0: on)" },
  controllerTemperature: { address: 0x3037, type: "s16", scale: 0.01, unit: "°C", description: "Controller temperature (guide); the BLE tool calls it battery temperature" },
  batterySoc: { address: 0x3045, type: "u16", unit: "%", description: "Battery state of charge" },
  batteryVoltageRealtime: { address: 0x3046, type: "u16", scale: 0.01, unit: "V", description: "Battery voltage in the family real-time block" },
  batteryCurrent: { address: 0x3047, type: "s16", scale: 0.01, unit: "A", description: "Battery current, positive while charging" },
  loadVoltage: { address: 0x304a, type: "u16", scale: 0.01, unit: "V", description: "Load output voltage" },
  loadCurrent: { address: 0x304b, type: "s16", scale: 0.01, unit: "A", description: "Load output current" },
  loadPower: { address: 0x304c, type: "u16", scale: 0.01, unit: "W", description: "Load output power" },
  pvVoltage: { address: 0x304e, type: "u16", scale: 0.01, unit: "V", description: "PV (system input) voltage" },
  pvCurrent: { address: 0x304f, type: "s16", scale: 0.01, unit: "A", description: "PV (system input) current" },
  pvPower: { address: 0x3050, type: "u16", scale: 0.01, unit: "W", description: "PV input power" },
  raw3052: { address: 0x3052, type: "u16", description: "Unknown word below the PV energy counter (raw)" },
  pvEnergyTotal: { address: 0x3053, type: "u16", scale: 10, unit: "Wh", description: "PV generated energy, total (single word of 0.01 kWh)" },
  raw3055: { address: 0x3055, type: "u16", description: "Unknown word below the load energy counter (raw)" },
  loadEnergyTotal: { address: 0x3056, type: "u16", scale: 10, unit: "Wh", description: "Load consumed energy, total (single word of 0.01 kWh)" },
  batteryVoltage: { address: 0x30a0, type: "u16", scale: 0.01, unit: "V", description: "Battery voltage (Voltaic guide register)" },
  environmentTemperature: { address: 0x30a2, type: "s16", scale: 0.01, unit: "°C", description: "Environment temperature" },
});

/** Holding registers (FC 0x03 / 0x06 / 0x10) the driver reads and writes. */
export const VOLTAIC_HOLDING_REGISTERS = defineRegisterMap({
  lowVoltageProtection: { address: 0x9022, type: "u16", scale: 0.01, unit: "V", description: "Low-voltage protection (load disconnect) threshold" },
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
