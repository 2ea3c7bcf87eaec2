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

/** A switch shown as on/off (MOSFETs, charger output). */
export interface SwitchState {
  readonly label: string;
  readonly on: boolean;
}

/**
 * What the dashboard shows for one battery (a BMS pack, or one charger channel), in SI units.
 * Every device adapter maps its driver's readings to this, so the page knows no device.
 */
export interface ChannelReading {
  /** Heading: `Pack`, `Channel 1`. */
  readonly title: string;
  /** Cell voltages, V, cell 1 first (empty when the device reports none). */
  readonly cells: readonly number[];
  /** Which cells are being balanced (same order; may be shorter or absent). */
  readonly balancing?: readonly boolean[];
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
  /** MOSFET or output state. */
  readonly switches: readonly SwitchState[];
  /** Anything else worth a glance. */
  readonly details: readonly Detail[];
}

/** One poll of a device. */
export interface Reading {
  /** One entry per battery: one for a BMS, two for a dual-channel charger. */
  readonly channels: readonly ChannelReading[];
}

/** `cellOvervoltage` → `Cell overvoltage`. */
export function flagLabel(name: string): string {
  const words = name.replace(/([A-Z])/g, " $1").toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
