import { defineRegisterMap } from "@batt/modbus-rtu";
import { CHARGE_PHASE, FAULT_BITS_G1, FAULT_BITS_G2, OFF_ON, STATE_NAMES, TYPE_CHARGER, TYPE_POWER } from "./enums.js";
import type { Generation } from "./generation.js";
import type { WordOrders } from "./word-order.js";

/**
 * The input registers of the document (FC 0x04, 0x0000–0x002C) for one generation and word-order
 * table: values in V, A, W, Hz, Wh, s, °C and %; grid-side values signed; enums and the fault
 * code named per generation (docs/protocols/evcharger.md#input-registers, docs/protocols/evcharger.md#state-input-0x001d).
 */
export function inputRegisterMap(generation: Generation, orders: WordOrders) {
  return defineRegisterMap({
    voltageL1: { address: 0x0000, type: "u16", scale: 0.01, unit: "V", description: "Charge voltage L1" },
    voltageL2: { address: 0x0001, type: "u16", scale: 0.01, unit: "V", description: "Charge voltage L2" },
    voltageL3: { address: 0x0002, type: "u16", scale: 0.01, unit: "V", description: "Charge voltage L3" },
    voltagePe: { address: 0x0003, type: "u16", scale: 0.01, unit: "V", description: "PE voltage" },
    currentL1: { address: 0x0004, type: "u16", scale: 0.01, unit: "A", description: "Charge current L1" },
    currentL2: { address: 0x0005, type: "u16", scale: 0.01, unit: "A", description: "Charge current L2" },
    currentL3: { address: 0x0006, type: "u16", scale: 0.01, unit: "A", description: "Charge current L3" },
    currentPe: { address: 0x0007, type: "u16", scale: 0.001, unit: "A", description: "PE current (1 mA steps)" },
    powerL1: { address: 0x0008, type: "u16", unit: "W", description: "Charge power L1" },
    powerL2: { address: 0x0009, type: "u16", unit: "W", description: "Charge power L2" },
    powerL3: { address: 0x000a, type: "u16", unit: "W", description: "Charge power L3" },
    totalPower: { address: 0x000b, type: "u16", unit: "W", description: "Total charging power (reads a few W when idle)" },
    frequencyL1: { address: 0x000c, type: "u16", scale: 0.01, unit: "Hz", description: "Frequency L1" },
    frequencyL2: { address: 0x000d, type: "u16", scale: 0.01, unit: "Hz", description: "Frequency L2" },
    frequencyL3: { address: 0x000e, type: "u16", scale: 0.01, unit: "Hz", description: "Frequency L3" },
    sessionEnergy: { address: 0x000f, type: "u16", scale: 100, unit: "Wh", description: "Energy of the current or last session (EQ_Single, 0.1 kWh steps)" },
    totalEnergy: { address: 0x0010, type: "u32", wordOrder: orders.inputEnergyTotal, scale: 100, unit: "Wh", description: "Accumulated charging energy (EQ_Total, 0.1 kWh steps)" },
    gridCurrentL1: { address: 0x0012, type: "s16", scale: 0.01, unit: "A", description: "Grid-side current L1 (CT or meter)" },
    gridCurrentL2: { address: 0x0013, type: "s16", scale: 0.01, unit: "A", description: "Grid-side current L2" },
    gridCurrentL3: { address: 0x0014, type: "s16", scale: 0.01, unit: "A", description: "Grid-side current L3" },
    gridPowerL1: { address: 0x0015, type: "s16", unit: "W", description: "Grid-side power L1" },
    gridPowerL2: { address: 0x0016, type: "s16", unit: "W", description: "Grid-side power L2" },
    gridPowerL3: { address: 0x0017, type: "s16", unit: "W", description: "Grid-side power L3" },
    gridTotalPower: { address: 0x0018, type: "s16", unit: "W", description: "Grid-side total power" },
    ccVoltage: { address: 0x0019, type: "u16", scale: 0.1, unit: "V", description: "CC voltage (G1)" },
    cpVoltage: { address: 0x001a, type: "u16", scale: 0.01, unit: "V", description: "CP voltage" },
    duty: { address: 0x001b, type: "u16", scale: 0.1, unit: "%", description: "CP PWM duty cycle" },
    pcbTemperature: { address: 0x001c, type: "s16", unit: "°C", description: "PCB temperature" },
    state: { address: 0x001d, type: "enum", values: STATE_NAMES, description: "Charger state" },
    faultCode: {
      address: 0x001e,
      type: "flags",
      words: 2,
      wordOrder: orders.faultCode,
      bits: generation === "g1" ? FAULT_BITS_G1 : FAULT_BITS_G2,
      description: "Fault code (bit names per generation)",
    },
    typeCase: { address: 0x0020, type: "enum", values: { 0: "caseB", 1: "caseC" }, description: "Connection case" },
    typePower: { address: 0x0021, type: "enum", values: TYPE_POWER[generation], description: "Power class" },
    typePhase: { address: 0x0022, type: "enum", values: { 0: "single", 1: "three" }, description: "Phases" },
    typeCharger: { address: 0x0023, type: "enum", values: TYPE_CHARGER[generation], description: "Charger type (G1) / EVSE scene (G2)" },
    typeScreen: { address: 0x0024, type: "enum", values: { 0: "none", 1: "screen" }, description: "Screen" },
    firmwareVersion: { address: 0x0025, type: "u16", scale: 0.01, description: "Firmware version (707 → 7.07)" },
    ocppNetwork: { address: 0x0026, type: "enum", values: { 0: "offline", 1: "online" }, description: "OCPP network" },
    rssi: { address: 0x0027, type: "u16", unit: "%", description: "Received signal strength" },
    chargePhase: { address: 0x0028, type: "enum", values: CHARGE_PHASE, description: "Phase a single-phase charge uses" },
    unbalancedPower: { address: 0x0029, type: "u16", unit: "W", description: "Three-phase unbalance power setting (1300–7200 W)" },
    unbalancedSwitch: { address: 0x002a, type: "enum", values: OFF_ON, description: "Three-phase unbalance switch" },
    chargingTime: { address: 0x002b, type: "u32", wordOrder: orders.chargingTime, unit: "s", description: "Duration of the charging session" },
  });
}

/** The input map type (the same fields for both generations). */
export type InputRegisterMap = ReturnType<typeof inputRegisterMap>;

/** Status registers of the second generation's document (input 0x002D–0x0030). */
export const G2_STATUS_REGISTERS = defineRegisterMap({
  lockState: { address: 0x002d, type: "enum", values: { 0: "unlocked", 1: "locked" }, description: "Cable lock" },
  mainBreakerLimitState: { address: 0x002e, type: "u16", description: "Main-breaker limit state (0/1/2)" },
  randomDelayState: { address: 0x002f, type: "u16", description: "Random-delay state (0/1)" },
  banState: { address: 0x0030, type: "enum", values: { 0: "allowed", 1: "prohibited" }, description: "Charging allowed" },
});
