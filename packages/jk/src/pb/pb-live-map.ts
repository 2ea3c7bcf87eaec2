import { defineRegisterMap } from "@batt/modbus-rtu";
import { JK_PB_ALARM_BITS } from "./pb-alarm-bits.js";
import { joinFields, wordFields } from "./pb-field-arrays.js";

const MV = { type: "u16", scale: 0.001, unit: "V" } as const;
const DECI_C = { type: "s16", scale: 0.1, unit: "°C" } as const;

/** The named (non-array) fields of the live block. */
const NAMED = {
  cellMask: { type: "u32", wordOrder: "high-first", address: 0x40 / 2, description: "cells present, bit per cell" },
  averageCellVoltage: { ...MV, address: 0x44 / 2, description: "average cell voltage" },
  maxCellDifference: { ...MV, address: 0x46 / 2, description: "largest cell voltage difference" },
  maxMinCell: { type: "u16", address: 0x48 / 2, description: "max / min cell number (2 × u8; not authoritative)" },
  mosTemperature: { ...DECI_C, address: 0x8a / 2, description: "MOSFET temperature" },
  wireResistanceStatus: { type: "u32", wordOrder: "high-first", address: 0x8c / 2, description: "wire resistance status" },
  packVoltage: { type: "u32", wordOrder: "high-first", scale: 0.001, unit: "V", address: 0x90 / 2, description: "pack voltage" },
  power: { type: "u32", wordOrder: "high-first", scale: 0.001, unit: "W", address: 0x94 / 2, description: "power" },
  current: { type: "s32", wordOrder: "high-first", scale: 0.001, unit: "A", address: 0x98 / 2, description: "current, charging positive" },
  temperature1: { ...DECI_C, address: 0x9c / 2, description: "battery temperature 1" },
  temperature2: { ...DECI_C, address: 0x9e / 2, description: "battery temperature 2" },
  alarms: { type: "flags", words: 2, wordOrder: "high-first", bits: JK_PB_ALARM_BITS, address: 0xa0 / 2, description: "alarms" },
  balanceCurrent: { type: "s16", scale: 0.001, unit: "A", address: 0xa4 / 2, description: "balance current" },
  balanceStateSoc: { type: "u16", address: 0xa6 / 2, description: "balance state (high byte: 0 off, 1 charge, 2 discharge) and SOC % (low byte)" },
  remainingCapacity: { type: "s32", wordOrder: "high-first", scale: 0.001, unit: "Ah", address: 0xa8 / 2, description: "remaining capacity" },
  fullChargeCapacity: { type: "u32", wordOrder: "high-first", scale: 0.001, unit: "Ah", address: 0xac / 2, description: "full-charge capacity" },
  cycleCount: { type: "u32", wordOrder: "high-first", address: 0xb0 / 2, description: "cycle count" },
  cycleCapacity: { type: "u32", wordOrder: "high-first", scale: 0.001, unit: "Ah", address: 0xb4 / 2, description: "cycle capacity" },
  sohPrecharge: { type: "u16", address: 0xb8 / 2, description: "SOH % (high byte) and precharge state (low byte)" },
  userAlarm: { type: "u16", address: 0xba / 2, description: "user alarm" },
  runtime: { type: "u32", wordOrder: "high-first", unit: "s", address: 0xbc / 2, description: "run time" },
  fetState: { type: "u16", address: 0xc0 / 2, description: "charge FET (high byte) and discharge FET (low byte)" },
  userAlarm2: { type: "u16", address: 0xc2 / 2, description: "user alarm 2" },
  temperatureSensorState: { type: "u16", address: 0xd0 / 2, description: "temperature sensor presence (high byte: bit 0 MOSFET, bits 1–5 probes 1–5, 1 = fitted) and heating (low byte)" },
  packVoltage2: { type: "u16", scale: 0.01, unit: "V", address: 0xe4 / 2, description: "pack voltage (0.01 V)" },
  heatingCurrent: { type: "u16", scale: 0.001, unit: "A", address: 0xe6 / 2, description: "heating current" },
  temperature3: { ...DECI_C, address: 0xf8 / 2, description: "battery temperature 3" },
  temperature4: { ...DECI_C, address: 0xfa / 2, description: "battery temperature 4" },
  temperature5: { ...DECI_C, address: 0xfc / 2, description: "battery temperature 5" },
  rtcTicks: { type: "u32", wordOrder: "high-first", unit: "s", address: 0x100 / 2, description: "RTC ticks since 2020-01-01" },
  timeToSleep: { type: "u32", wordOrder: "high-first", unit: "s", address: 0x108 / 2, description: "time to sleep" },
} as const;

/**
 * The JK-PB live block (base 0x1200) as a register map. Addresses count 16-bit words from the block
 * start (Modbus address = 0x1200 + 2 × address). Pairs of bytes (balance state and SOC, SOH and
 * precharge, the two FET states) are read as one word: high byte first. Arrays: `cell1`…`cell32`
 * (V), `wireResistance1`…`wireResistance32` (Ω), `protectionReleaseTimer1`…`6` (s).
 */
export const JK_PB_LIVE_MAP = defineRegisterMap(
  joinFields(
    NAMED,
    joinFields(wordFields("cell", 0x00 / 2, 32, MV), wordFields("wireResistance", 0x4a / 2, 32, { type: "u16", scale: 0.001, unit: "Ω" })),
    wordFields("protectionReleaseTimer", 0xc4 / 2, 6, { type: "u16", unit: "s" }),
  ),
);
