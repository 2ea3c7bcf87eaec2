import { commonAlarm, measure, measureRows, type ActiveAlarm, type BatterySummary, type CommonAlarmId, type Measurement, type MeasurementRow } from "@batt/core";
import type { IChargerReading } from "./device/reading.js";
import type { ChannelStatus } from "./status/channel-status.js";
import { RUN_ERROR_NAMES, type RunError } from "./status/run-error.js";
import { CONTROL_STATUS_OBSERVED, RUN_STATUS_OBSERVED } from "./status/run-status.js";

/** The value of an enumeration the tables do not name. */
const UNKNOWN = "unknown";

const optionsOf = (names: Iterable<string>): readonly string[] => [...new Set([...names, UNKNOWN])];

/** Every value of the `run_state` measurement: the observed run-status meanings, then `unknown`. */
export const RUN_STATE_OPTIONS: readonly string[] = optionsOf(Object.values(RUN_STATUS_OBSERVED));
/** Every value of the `control_state` measurement. */
export const CONTROL_STATE_OPTIONS: readonly string[] = optionsOf(Object.values(CONTROL_STATUS_OBSERVED));
/** Every value of the `run_error` measurement. */
export const RUN_ERROR_OPTIONS: readonly string[] = optionsOf(RUN_ERROR_NAMES);

/** Which way a run state moves charge; `current` where the sign of the current tells (storage goes either way). */
const RUN_STATE_DIRECTION: Readonly<Record<string, "charge" | "discharge" | "current" | "none">> = {
  idle: "none",
  stopped: "none",
  start: "none",
  check: "none",
  charging: "charge",
  storage: "current",
  discharging: "discharge",
  balance: "none",
  done: "none",
  error: "none",
};

/** Run errors (high byte of register 56) that mean what a shared alarm id (`COMMON_ALARMS` of `@batt/core`) means; the others are `icharger-<name>`. */
export const RUN_ERROR_ALARMS: Readonly<Record<number, CommonAlarmId>> = {
  2: "input-overvoltage",
  3: "input-undervoltage",
  4: "pack-overvoltage",
  5: "pack-undervoltage",
  6: "pack-overvoltage",
  11: "internal-overtemperature",
  22: "cell-undervoltage",
  23: "cell-overvoltage",
};

/** The alarm a run error raises (none for 0): a program the charger ended is a protection. */
export function runErrorAlarm(error: RunError): ActiveAlarm | undefined {
  if (error.ok) return undefined;
  const common = RUN_ERROR_ALARMS[error.code];
  if (common) return commonAlarm(common);
  const name = error.name ?? `run error ${error.displayCode}`;
  const slug = error.name ? error.name.toLowerCase().replace(/[^a-z0-9]+/g, "-") : "run-error";
  return { id: `icharger-${slug}`, name: `Run error: ${name}`, severity: "protection" };
}

/** The channel's own measurements, beside its battery summary's. */
const CHANNEL_MEASUREMENTS: readonly MeasurementRow<ChannelStatus>[] = [
  { key: "capacity", name: "Charge moved", kind: "charge", value: (s) => s.capacity },
  { key: "run_time", name: "Run time", kind: "duration", value: (s) => s.time },
  { key: "internal_temperature", name: "Internal temperature", kind: "temperature", value: (s) => s.internalTemperature },
  { key: "run_state", name: "Run state", kind: "enum", value: (s) => s.runStatus.observedMeaning ?? UNKNOWN, extras: { options: RUN_STATE_OPTIONS } },
  { key: "run_status", name: "Run status code", kind: "count", value: (s) => s.runStatus.value },
  { key: "control_state", name: "Control state", kind: "enum", value: (s) => s.controlStatus.observedMeaning ?? UNKNOWN, extras: { options: CONTROL_STATE_OPTIONS } },
  { key: "run_error", name: "Run error", kind: "enum", value: (s) => s.runError.name ?? UNKNOWN, extras: { options: RUN_ERROR_OPTIONS } },
  { key: "run_error_code", name: "Run error code", kind: "count", value: (s) => s.runError.displayCode },
  { key: "cycle_count", name: "Cycles", kind: "count", value: (s) => s.cycleCount },
  { key: "balancing", name: "Balancing", kind: "state", value: (s) => s.balancing.some((on) => on) },
  { key: "dialog_open", name: "Dialog box open", kind: "state", value: (s) => s.dialogBoxId !== 0 },
  // The charger shows its own IR only after a measurement; 0 means none yet.
  { key: "internal_resistance", name: "Internal resistance", kind: "resistance", value: (s) => (s.totalIr > 0 ? s.totalIr : null) },
  { key: "line_resistance", name: "Lead resistance", kind: "resistance", value: (s) => (s.lineIr > 0 ? s.lineIr : null) },
];

/** Channel `status` as a battery: the pack on its output. No state of charge (a charger does not estimate one). */
export function channelBattery(status: ChannelStatus): BatterySummary {
  const n = status.channel + 1;
  const direction = RUN_STATE_DIRECTION[status.runStatus.observedMeaning ?? ""];
  const moving = direction === "current" ? (status.current > 0 ? "charge" : status.current < 0 ? "discharge" : "none") : direction;
  const alarm = runErrorAlarm(status.runError);
  return {
    id: `ch${n}`,
    name: `Channel ${n}`,
    voltage: status.outputVoltage,
    current: status.current,
    // The power register is a magnitude; the summary's power has the sign of the current.
    power: status.current < 0 ? -status.power : status.power,
    soc: null,
    cellVoltages: status.cells.slice(0, status.cellCount),
    // No probe, no temperature (docs/protocols/icharger.md#channel-status-input-0x0100-0x0200): never a made-up 0.0 °C.
    temperatures: status.externalTemperature === null ? [] : [status.externalTemperature],
    chargeAllowed: moving === undefined ? null : moving === "charge",
    dischargeAllowed: moving === undefined ? null : moving === "discharge",
    remainingCapacity: null,
    fullCapacity: null,
    alarms: alarm ? [alarm] : [],
  };
}

/**
 * A reading in the shared model: one battery summary per channel (`ch1`, `ch2`), then the device's
 * input voltage and each channel's own measurements, prefixed `ch1_`… where the model has two
 * channels (as `makeReading` prefixes the batteries').
 */
export function readingParts(reading: IChargerReading): { batteries: BatterySummary[]; measurements: Measurement[] } {
  const several = reading.channels.length > 1;
  const measurements: Measurement[] = [];
  const first = reading.channels[0];
  if (first) measurements.push(measure("input_voltage", "Input voltage", "voltage", first.inputVoltage));
  for (const status of reading.channels) {
    const owner = several ? { id: `ch${status.channel + 1}`, name: `Channel ${status.channel + 1}` } : undefined;
    measurements.push(...measureRows(CHANNEL_MEASUREMENTS, status, owner));
  }
  return { batteries: reading.channels.map(channelBattery), measurements };
}
