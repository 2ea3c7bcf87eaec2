import { defineRegisterMap } from "../src/index.js";

// Fields from docs/protocols/evcharger.md#input-registers (G1 defaults, docs/protocols/evcharger.md#32-bit-word-order)
// and docs/protocols/voltaic.md#lumiax-family-registers, for the register map tests.

/** EV charger input registers (first generation). */
export const evcInput = defineRegisterMap({
  voltageL1: { address: 0x0000, type: "u16", scale: 0.01, unit: "V" },
  voltageL2: { address: 0x0001, type: "u16", scale: 0.01, unit: "V" },
  voltageL3: { address: 0x0002, type: "u16", scale: 0.01, unit: "V" },
  energyTotal: { address: 0x0010, type: "u32", wordOrder: "high-first", scale: 0.1, unit: "kWh" },
  gridCurrentL1: { address: 0x0012, type: "s16", scale: 0.01, unit: "A" },
  state: {
    address: 0x001d,
    type: "enum",
    values: { 0: "Available", 1: "Preparing", 2: "Charging", 3: "Finishing", 4: "Faulted", 5: "Unavailable" },
  },
  faultCode: {
    address: 0x001e,
    type: "flags",
    words: 2,
    wordOrder: "low-first",
    bits: { 0: "emergency stop", 1: "overcurrent", 2: "over temperature", 16: "power selection", 17: "CP voltage" },
  },
});

/** EV charger holding registers (first generation word orders). */
export const evcHolding = defineRegisterMap({
  serial: { address: 0x0600, type: "string", length: 7 },
  timezone: { address: 0x061d, type: "s16", unit: "h", min: -12, max: 12 },
  energyTotal: { address: 0x0619, type: "u32", wordOrder: "low-first", scale: 0.1, unit: "kWh" },
  command: { address: 0x0627, type: "enum", values: { 1: "available", 2: "unavailable", 3: "stop", 4: "start", 5: "reserve", 6: "cancel" } },
  maxCurrent: { address: 0x0628, type: "u16", scale: 0.01, unit: "A", min: 6, max: 32 },
  rtcSeconds: { address: 0x061e, type: "u16", max: 59 },
  rtcMinutes: { address: 0x061f, type: "u16", max: 59 },
  rtcHours: { address: 0x0620, type: "u16", max: 23 },
});

/** Voltaic real-time input registers. */
export const voltaic = defineRegisterMap({
  soc: { address: 0x3045, type: "u16", unit: "%" },
  batteryVoltage: { address: 0x3046, type: "u16", scale: 0.01, unit: "V" },
  batteryCurrent: { address: 0x3047, type: "s16", scale: 0.01, unit: "A" },
  loadCurrent: { address: 0x304b, type: "s16", scale: 0.01, unit: "A" },
  pvVoltage: { address: 0x304e, type: "u16", scale: 0.01, unit: "V" },
  batteryVoltageGuide: { address: 0x30a0, type: "u16", scale: 0.01, unit: "V" },
  environmentTemperature: { address: 0x30a2, type: "s16", scale: 0.01, unit: "°C" },
});
