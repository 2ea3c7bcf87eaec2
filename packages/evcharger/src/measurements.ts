import { measureRows, type Measurement, type MeasurementRow } from "@batt/core";
import type { EvChargerReading } from "./charger-reading.js";
import { DEVICE_MODE, STATE_NAMES } from "./enums.js";

/** Every charger state name (input 0x001D), the options of the `state` measurement. */
const STATE_OPTIONS: readonly string[] = Object.values(STATE_NAMES);
/** Every charge mode name (holding 0x060D). */
const MODE_OPTIONS: readonly string[] = Object.values(DEVICE_MODE);

/** The three phases' voltage, current and power rows, L1 first. */
const PHASE_ROWS: readonly MeasurementRow<EvChargerReading>[] = ([1, 2, 3] as const).flatMap((n): MeasurementRow<EvChargerReading>[] => [
  { key: `voltage_l${n}`, name: `L${n} voltage`, kind: "voltage", value: (r) => r.status[`voltageL${n}`] },
  { key: `current_l${n}`, name: `L${n} current`, kind: "current", value: (r) => r.status[`currentL${n}`] },
  { key: `power_l${n}`, name: `L${n} power`, kind: "power", value: (r) => r.status[`powerL${n}`] },
]);

/**
 * The charger's measurements, in the order they are shown: state, per-phase and total values,
 * session and lifetime energy (Wh; both only rise, a new session's reset included), frequency,
 * temperature, grid side and settings. Enumerations carry their name (the raw code stays in
 * `reading.status`); a code the document does not name is `null`.
 */
const EVCHARGER_MEASUREMENTS: readonly MeasurementRow<EvChargerReading>[] = [
  { key: "state", name: "State", kind: "enum", value: (r) => r.status.state.name ?? null, extras: { options: STATE_OPTIONS } },
  ...PHASE_ROWS,
  { key: "total_power", name: "Charging power", kind: "power", value: (r) => r.status.totalPower },
  { key: "session_energy", name: "Session energy", kind: "energy", value: (r) => r.status.sessionEnergy, extras: { stateClass: "total_increasing" } },
  { key: "total_energy", name: "Lifetime energy", kind: "energy", value: (r) => r.status.totalEnergy, extras: { stateClass: "total_increasing" } },
  { key: "charging_time", name: "Session charging time", kind: "duration", value: (r) => r.status.chargingTime },
  { key: "frequency", name: "Frequency", kind: "frequency", value: (r) => r.status.frequencyL1, extras: { decimals: 2 } },
  { key: "temperature", name: "PCB temperature", kind: "temperature", value: (r) => r.status.pcbTemperature },
  { key: "grid_power", name: "Grid power", kind: "power", value: (r) => r.status.gridTotalPower },
  { key: "cp_voltage", name: "CP voltage", kind: "voltage", value: (r) => r.status.cpVoltage },
  { key: "fault_count", name: "Active faults", kind: "count", value: (r) => r.status.faultCode.bits.length },
  // G2 honours 0x0668 (what setChargeCurrent writes there); G1 0x0628.
  { key: "charge_current", name: "Charging current setting", kind: "current", value: (r) => (r.generation === "g2" ? (r.settings.g2MaxCurrent ?? r.settings.maxCurrent) : r.settings.maxCurrent) ?? null },
  { key: "mode", name: "Charge mode", kind: "enum", value: (r) => r.settings.deviceMode?.name ?? null, extras: { options: MODE_OPTIONS } },
];

/** The charger's measurements (an EV charger watches no battery), from its measurement table. */
export function evChargerMeasurements(reading: EvChargerReading): Measurement[] {
  return measureRows(EVCHARGER_MEASUREMENTS, reading);
}
