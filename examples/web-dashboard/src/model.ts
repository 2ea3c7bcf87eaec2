import { batteryMeasurements, formatMeasurement, type BatterySummary, type DeviceReading, type Measurement } from "@batt/core";

/** One labelled value shown as is (cycles, capacity, firmware). */
export interface Detail {
  readonly label: string;
  readonly value: string;
}

/** A temperature probe. */
export interface Temperature {
  readonly label: string;
  readonly celsius: number;
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
  /** Active protections and alarms, as readable names. */
  readonly alarms: readonly string[];
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

function detail(m: Measurement, within = ""): Detail {
  return { label: label(m, within), value: formatMeasurement(m) };
}

/** A measurement's name inside its battery's panel, without the battery's name in front (`Balancing`, not `Channel 1 Balancing`). */
function label(m: Measurement, within: string): string {
  return within && m.name.startsWith(`${within} `) ? m.name.slice(within.length + 1) : m.name;
}

function channel(battery: BatterySummary, own: readonly Measurement[], prefix: string): ChannelReading {
  const rest = own.filter((m) => {
    const key = m.key.slice(prefix.length);
    return !PANEL_KEYS.has(key) && !PANEL_PATTERN.test(key);
  });
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
    temperatures: battery.temperatures.map((celsius, i) => ({ label: `T${i + 1}`, celsius })),
    alarms: battery.alarms.map((a) => a.name),
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
  const batteryKeys = new Set(reading.batteries.flatMap((b) => batteryMeasurements(b, several ? `${b.id}_` : "").map((m) => m.key)));
  const ofBattery = (b: BatterySummary): Measurement[] =>
    reading.measurements.filter((m) => (several ? m.battery === b.id : batteryKeys.has(m.key) || m.battery === b.id));
  const channels = reading.batteries.map((b) => channel(b, ofBattery(b), several ? `${b.id}_` : ""));
  const device = reading.measurements.filter((m) => m.battery === undefined && !batteryKeys.has(m.key)).map((m) => detail(m));
  return { channels, device };
}
