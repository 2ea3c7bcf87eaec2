import { measureRows, type BatterySummary, type Measurement, type MeasurementRow } from "@batt/core";
import { activeAlarms } from "./alarm-table.js";
import { JK_IDENTIFIERS } from "./identifiers/identifier-table.js";
import { JK_WARNING_ALARMS } from "./identifiers/warning-alarms.js";
import type { JkValues } from "./values.js";

const BATTERY_TYPES = JK_IDENTIFIERS.find((s) => s.key === "batteryType")!.values;

/** The 4E57 values a battery summary does not carry, as measurements (absent values are left out). */
const JK_MEASUREMENTS: readonly MeasurementRow<JkValues>[] = [
  { key: "mos_temperature", name: "MOSFET temperature", kind: "temperature", value: (v) => v.mosTemperature },
  { key: "cycle_count", name: "Cycles", kind: "count", value: (v) => v.cycleCount, extras: { stateClass: "total_increasing" } },
  { key: "total_cycle_capacity", name: "Total cycle capacity", kind: "charge", value: (v) => v.totalCycleCapacity, extras: { stateClass: "total_increasing", decimals: 0 } },
  { key: "nominal_capacity", name: "Nominal capacity", kind: "charge", value: (v) => v.batteryCapacity, extras: { decimals: 0 } },
  { key: "cell_count", name: "Cell count", kind: "count", value: (v) => v.cellCount },
  { key: "temperature_sensor_count", name: "Temperature sensors", kind: "count", value: (v) => v.temperatureSensorCount },
  { key: "balancing", name: "Balancing", kind: "state", value: (v) => v.status?.flags.balancing },
  { key: "charge_switch", name: "Charge switch", kind: "state", value: (v) => v.chargeSwitch },
  { key: "discharge_switch", name: "Discharge switch", kind: "state", value: (v) => v.dischargeSwitch },
  { key: "balance_switch", name: "Balancer switch", kind: "state", value: (v) => v.activeBalanceSwitch },
  { key: "battery_type", name: "Battery type", kind: "enum", value: (v) => (v.batteryType ? (v.batteryType.name ?? null) : undefined), extras: { options: BATTERY_TYPES } },
  { key: "runtime", name: "Running time", kind: "duration", value: (v) => v.runtime, extras: { stateClass: "total_increasing" } },
];

/**
 * The battery summary of a 4E57 reading: the pack's voltage (0x83, else the sum of the cells),
 * current, SOC, cells, the two battery sensors, whether the MOSFETs are on now (0x8C, else the
 * switches), the full capacity (actual 0xB9 when set, else nominal 0xAA; the protocol reports no
 * remaining charge) and the warnings of 0x8B as alarms.
 */
export function jkBatterySummary(v: JkValues, id = "battery", name = "Battery"): BatterySummary {
  const cells = (v.cellVoltages ?? []).map((c) => c.voltage);
  const voltage = v.totalVoltage ?? Math.round(cells.reduce((a, b) => a + b, 0) * 1000) / 1000;
  const current = v.current ?? 0;
  const full = v.actualBatteryCapacity ? v.actualBatteryCapacity : v.batteryCapacity;
  return {
    id,
    name,
    voltage,
    current,
    power: Math.round(voltage * current * 100) / 100,
    soc: v.soc ?? null,
    cellVoltages: cells,
    temperatures: [v.temperature1, v.temperature2].filter((t): t is number => t !== undefined),
    chargeAllowed: v.status?.flags.chargeMosOn ?? v.chargeSwitch ?? null,
    dischargeAllowed: v.status?.flags.dischargeMosOn ?? v.dischargeSwitch ?? null,
    remainingCapacity: null,
    fullCapacity: full ?? null,
    alarms: v.warnings ? activeAlarms(v.warnings.active, v.warnings.unnamed, JK_WARNING_ALARMS, "warning") : [],
  };
}

/** The device measurements of a 4E57 reading besides its battery's. */
export function jkMeasurements(v: JkValues): Measurement[] {
  return measureRows(JK_MEASUREMENTS, v);
}
