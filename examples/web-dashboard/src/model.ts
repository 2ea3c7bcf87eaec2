import { batteryMeasurements, formatMeasurement, type AlarmSeverity, type BatterySummary, type DeviceReading, type Measurement } from "@batt/core";

/**
 * What a value's colour says. Colour follows meaning, not on/off: `warning` (amber) asks for a look (a
 * hot probe, cells drifting apart), `alarm` (red) is a protection or fault the device raised. A switch
 * that is off is neither.
 */
export type Tone = "warning" | "alarm";

/** A battery probe at or above this is shown as a warning, °C (LFP and Li-ion cells age fast above it). */
export const HOT_CELL_C = 45;
/** Any other temperature (MOSFETs, a charger's inside) at or above this is shown as a warning, °C. */
export const HOT_DEVICE_C = 70;
/** Cells further apart than this are shown as a warning, V. */
export const CELL_DELTA_WARNING_V = 0.05;

/** One labelled value shown as is (cycles, capacity, firmware). */
export interface Detail {
  readonly label: string;
  readonly value: string;
  /** For an on/off value: its state (shown as a switch is, neutral or accent). */
  readonly on?: boolean;
  /** Set when the value needs a look. */
  readonly tone?: Tone;
}

/** A temperature probe that reported a value (a probe that is not fitted is not listed). */
export interface Temperature {
  readonly label: string;
  readonly celsius: number;
  /** `warning` at or above {@link HOT_CELL_C}. */
  readonly tone?: Tone;
}

/** An active alarm or protection, coloured by its severity. */
export interface Alarm {
  readonly name: string;
  readonly severity: AlarmSeverity;
  /** `warning` for a warning; `alarm` for a protection or a fault. */
  readonly tone: Tone;
}

/** A switch shown as on/off (charge and discharge allowed, balancing, outputs). */
export interface SwitchState {
  readonly label: string;
  readonly on: boolean;
}

/** What the dashboard shows for one battery (a BMS pack, a charger channel, a controller's battery), in SI units. */
export interface ChannelReading {
  /** Heading: `Battery`, `Channel 1`, `Pack 2`. */
  readonly title: string;
  /** Cell voltages, V, cell 1 first (empty when the device reports none). */
  readonly cells: readonly number[];
  /** Pack or output voltage, V. */
  readonly voltage: number;
  /** Current, A: positive while charging. */
  readonly current: number;
  /** Power, W: positive while charging. */
  readonly power: number;
  /** State of charge, % (absent when the device does not report one). */
  readonly soc?: number;
  /** Temperatures. */
  readonly temperatures: readonly Temperature[];
  /** Active protections and alarms. */
  readonly alarms: readonly Alarm[];
  /** On/off states. */
  readonly switches: readonly SwitchState[];
  /** Anything else worth a glance. */
  readonly details: readonly Detail[];
}

/** What one poll puts on screen: a panel per battery and the device's other measurements. */
export interface Reading {
  /** One entry per battery: one for a BMS, two for a dual-channel charger, none for an EV charger. */
  readonly channels: readonly ChannelReading[];
  /** Measurements of the device itself (not of one battery). */
  readonly device: readonly Detail[];
}

/** Keys (after the battery's prefix) that the battery panel shows in its own places. */
const PANEL_KEYS = new Set(["voltage", "current", "power", "soc", "alarm_count", "cell_min", "cell_max", "cell_delta", "charge_allowed", "discharge_allowed"]);
const PANEL_PATTERN = /^(cell|temperature)_\d+$/;

/** Whether a measurement has a value to show: no `null` (a probe not fitted, an IR not measured yet), no NaN. */
function present(m: Measurement): boolean {
  return m.value !== null && (typeof m.value !== "number" || Number.isFinite(m.value));
}

function detail(m: Measurement, within = ""): Detail {
  const hot = m.kind === "temperature" && typeof m.value === "number" && m.value >= HOT_DEVICE_C;
  return { label: label(m, within), value: formatMeasurement(m), ...(typeof m.value === "boolean" ? { on: m.value } : {}), ...(hot ? { tone: "warning" as const } : {}) };
}

/** A measurement's name inside its battery's panel, without the battery's name in front (`Balancing`, not `Channel 1 Balancing`). */
function label(m: Measurement, within: string): string {
  return within && m.name.startsWith(`${within} `) ? m.name.slice(within.length + 1) : m.name;
}

function channel(battery: BatterySummary, own: readonly Measurement[], prefix: string): ChannelReading {
  const rest = own.filter((m) => {
    const key = m.key.slice(prefix.length);
    return !PANEL_KEYS.has(key) && !PANEL_PATTERN.test(key) && present(m);
  });
  // A probe keeps its own number when another is not fitted (JK: T1, T2, T4): the measurement keys carry it.
  const probes = own.flatMap((m) => /^temperature_(\d+)$/.exec(m.key.slice(prefix.length))?.[1] ?? []).map(Number);
  const switches: SwitchState[] = [];
  if (battery.chargeAllowed !== null) switches.push({ label: "Charge", on: battery.chargeAllowed });
  if (battery.dischargeAllowed !== null) switches.push({ label: "Discharge", on: battery.dischargeAllowed });
  for (const m of rest) if (typeof m.value === "boolean") switches.push({ label: label(m, battery.name), on: m.value });
  return {
    title: battery.name,
    cells: battery.cellVoltages,
    voltage: battery.voltage,
    current: battery.current,
    power: battery.power,
    ...(battery.soc !== null ? { soc: battery.soc } : {}),
    // Only what the reading has: a probe that is not fitted is absent from it, never shown as 0.0 °C.
    temperatures: battery.temperatures.flatMap((celsius, i) =>
      Number.isFinite(celsius) ? [{ label: `T${probes[i] ?? i + 1}`, celsius, ...(celsius >= HOT_CELL_C ? { tone: "warning" as const } : {}) }] : [],
    ),
    alarms: battery.alarms.map((a) => ({ name: a.name, severity: a.severity, tone: a.severity === "warning" ? "warning" : "alarm" })),
    switches,
    details: rest.filter((m) => typeof m.value !== "boolean").map((m) => detail(m, battery.name)),
  };
}

/**
 * Splits a reading in the shared device model into what the page shows: the batteries' panels (with
 * the measurements tagged to each) and the device's own measurements.
 */
export function toScreen(reading: DeviceReading<unknown>): Reading {
  const several = reading.batteries.length > 1;
  const summaryKeys = new Set(reading.batteries.flatMap((b) => batteryMeasurements(b, several ? `${b.id}_` : "").map((m) => m.key)));
  // A battery's cells and probes by number too: a driver may key a probe by its own number (JK: temperature_4 with probe 3 not fitted).
  const batteryKeys = { has: (key: string): boolean => summaryKeys.has(key) || (reading.batteries.length === 1 && PANEL_PATTERN.test(key)) };
  const ofBattery = (b: BatterySummary): Measurement[] =>
    reading.measurements.filter((m) => (several ? m.battery === b.id : batteryKeys.has(m.key) || m.battery === b.id));
  const channels = reading.batteries.map((b) => channel(b, ofBattery(b), several ? `${b.id}_` : ""));
  const device = reading.measurements.filter((m) => m.battery === undefined && !batteryKeys.has(m.key) && present(m)).map((m) => detail(m));
  return { channels, device };
}
