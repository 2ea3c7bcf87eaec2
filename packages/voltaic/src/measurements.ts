import { commonAlarm, measureRows, type ActiveAlarm, type BatterySummary, type Measurement, type MeasurementRow } from "@batt/core";
import type { VoltaicReading } from "./reading.js";

/**
 * What the battery is doing, derived from the sign of the battery current (0x3047): the controller
 * family documents no charge-stage register (docs/protocols/voltaic.md#lumiax-family-registers), so bulk, absorption and float are not told apart.
 */
export const VOLTAIC_CHARGE_STAGES = ["charging", "discharging", "idle"] as const;

/** A value of {@link VOLTAIC_CHARGE_STAGES}. */
export type VoltaicChargeStage = (typeof VOLTAIC_CHARGE_STAGES)[number];

/** The charge stage of a reading (see {@link VOLTAIC_CHARGE_STAGES}). */
export function chargeStageOf(reading: VoltaicReading): VoltaicChargeStage {
  const current = reading.values.batteryCurrent;
  return current > 0 ? "charging" : current < 0 ? "discharging" : "idle";
}

/** The controller's own measurements (the battery's are in its summary), in the order they are shown. */
const VOLTAIC_MEASUREMENTS: readonly MeasurementRow<VoltaicReading>[] = [
  { key: "charge_stage", name: "Charge stage", kind: "enum", value: chargeStageOf, extras: { options: VOLTAIC_CHARGE_STAGES } },
  { key: "pv_voltage", name: "PV voltage", kind: "voltage", value: (r) => r.values.pvVoltage },
  { key: "pv_current", name: "PV current", kind: "current", value: (r) => r.values.pvCurrent },
  { key: "pv_power", name: "PV power", kind: "power", value: (r) => r.values.pvPower },
  { key: "load_on", name: "Load output", kind: "state", value: (r) => r.loadOn },
  { key: "load_voltage", name: "Load voltage", kind: "voltage", value: (r) => r.values.loadVoltage },
  { key: "load_current", name: "Load current", kind: "current", value: (r) => r.values.loadCurrent },
  { key: "load_power", name: "Load power", kind: "power", value: (r) => r.values.loadPower },
  { key: "pv_energy_today", name: "PV energy today", kind: "energy", value: (r) => r.values.pvEnergyToday },
  { key: "pv_energy_total", name: "PV energy", kind: "energy", value: (r) => r.values.pvEnergyTotal, extras: { stateClass: "total_increasing" } },
  { key: "load_energy_today", name: "Load energy today", kind: "energy", value: (r) => r.values.loadEnergyToday },
  { key: "load_energy_total", name: "Load energy", kind: "energy", value: (r) => r.values.loadEnergyTotal, extras: { stateClass: "total_increasing" } },
  { key: "controller_temperature", name: "Controller temperature", kind: "temperature", value: (r) => r.values.controllerTemperature },
  { key: "environment_temperature", name: "Environment temperature", kind: "temperature", value: (r) => r.values.environmentTemperature },
  { key: "low_voltage_protection", name: "Low-voltage protection", kind: "voltage", value: (r) => r.lowVoltageProtection },
];

/**
 * Active alarms: the controller reports none as such; its low-voltage disconnect shows as the load
 * output off with the battery below the 0x9022 threshold, which is the shared `pack-undervoltage`.
 */
function alarmsOf(reading: VoltaicReading): ActiveAlarm[] {
  return !reading.loadOn && reading.values.batteryVoltage < reading.lowVoltageProtection ? [commonAlarm("pack-undervoltage")] : [];
}

/**
 * The battery the controller charges: voltage (0x30A0, the guide's register), current (0x3047,
 * positive while charging), SOC (0x3045). No cell voltages, and no battery temperature: the guide
 * names 0x3037 the controller's temperature, so it is a controller measurement.
 */
export function voltaicBattery(reading: VoltaicReading): BatterySummary {
  const v = reading.values;
  return {
    id: "battery",
    name: "Battery",
    voltage: v.batteryVoltage,
    current: v.batteryCurrent,
    // Rounded to 0.01 W: the product of two 0.01 steps should not print float noise.
    power: Math.round(v.batteryVoltage * v.batteryCurrent * 100) / 100,
    soc: v.batterySoc,
    cellVoltages: [],
    temperatures: [],
    chargeAllowed: null,
    dischargeAllowed: null,
    remainingCapacity: null,
    fullCapacity: null,
    alarms: alarmsOf(reading),
  };
}

/** The controller's measurements besides the battery's, from its measurement table. */
export function voltaicMeasurements(reading: VoltaicReading): Measurement[] {
  return measureRows(VOLTAIC_MEASUREMENTS, reading);
}
