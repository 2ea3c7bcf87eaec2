import { MEASUREMENT_KINDS } from "./measurement-kinds.js";
import type { BatterySummary } from "./battery-summary.js";
import type { DeviceIdentity } from "./device-identity.js";
import type { DeviceReading } from "./device-reading.js";
import type { Measurement } from "./measurement.js";

/** Keys a battery block already shows, so the list below it does not repeat them. */
const BATTERY_KEYS = /^(voltage|current|power|soc|remaining_capacity|full_capacity|cell_\d+|cell_min|cell_max|cell_delta|temperature_\d+|charge_allowed|discharge_allowed|alarm_count)$/;

/** A measurement's value as a person reads it: fixed decimals per kind, `on`/`off`, `-` for unknown. */
export function formatValue(m: Pick<Measurement, "value" | "kind" | "decimals" | "unit">): string {
  const { value } = m;
  if (value === null) return "-";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "string") return value;
  const decimals = m.decimals ?? MEASUREMENT_KINDS[m.kind].decimals;
  const text = value.toFixed(decimals);
  // "-0.00" says nothing a person wants to know.
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** The value with its unit (`3.317 V`, `60 %`, `on`). */
export function formatMeasurement(m: Measurement): string {
  const value = formatValue(m);
  return m.unit && m.value !== null ? `${value} ${m.unit}` : value;
}

/** One line naming the device: `JBD BMS JBD-SP04S034 · firmware 8.0 · serial 123`. */
export function formatIdentity(device: DeviceIdentity): string {
  const head = [device.manufacturer, device.model ?? device.driver].filter(Boolean).join(" ");
  const parts = [
    device.name ? `"${device.name}"` : "",
    device.address !== undefined ? `address ${device.address}` : "",
    device.firmware ? `firmware ${device.firmware}` : "",
    device.hardware ? `hardware ${device.hardware}` : "",
    device.serial ? `serial ${device.serial}` : "",
  ].filter(Boolean);
  return [head, ...parts].join(" · ");
}

function batteryLines(b: BatterySummary, label: string): string[] {
  const v = (value: number, decimals: number): string => formatValue({ value, kind: "voltage", decimals });
  const lines = [
    `${label}${v(b.voltage, 2)} V  ${formatValue({ value: b.current, kind: "current" })} A  ${formatValue({ value: b.power, kind: "power" })} W` +
      (b.soc !== null ? `  SOC ${formatValue({ value: b.soc, kind: "battery" })} %` : "") +
      (b.remainingCapacity !== null ? `  ${b.remainingCapacity.toFixed(2)}${b.fullCapacity !== null ? ` / ${b.fullCapacity.toFixed(2)}` : ""} Ah` : ""),
  ];
  const pad = " ".repeat(label.length);
  if (b.cellVoltages.length > 0) {
    const delta = Math.round((Math.max(...b.cellVoltages) - Math.min(...b.cellVoltages)) * 1000);
    lines.push(`${pad}cells ${b.cellVoltages.map((c) => v(c, 3)).join(" ")} V  (Δ ${delta} mV)`);
  }
  if (b.temperatures.length > 0) lines.push(`${pad}temperatures ${b.temperatures.map((t) => formatValue({ value: t, kind: "temperature" })).join(" ")} °C`);
  const state = (x: boolean | null): string => (x === null ? "unknown" : x ? "allowed" : "blocked");
  if (b.chargeAllowed !== null || b.dischargeAllowed !== null) lines.push(`${pad}charge ${state(b.chargeAllowed)} · discharge ${state(b.dischargeAllowed)}`);
  lines.push(`${pad}alarms ${b.alarms.length > 0 ? b.alarms.map((a) => a.name).join(", ") : "none"}`);
  return lines;
}

/**
 * A reading as text, the same layout for every device: the device line, a block per battery, then
 * every other measurement as aligned `name  value unit` rows.
 *
 * ```text
 * JBD BMS JBD-SP04S034 · firmware 8.0
 * 13.27 V  -2.50 A  -33.2 W  SOC 60 %  60.00 / 100.00 Ah
 * cells 3.318 3.316 3.320 3.317 V  (Δ 4 mV)
 * temperatures 25.0 25.0 °C
 * charge allowed · discharge allowed
 * alarms none
 * Cycles      0
 * Balancing   off
 * ```
 */
export function formatReading(reading: DeviceReading<unknown>): string {
  const lines = [formatIdentity(reading.device)];
  const several = reading.batteries.length > 1;
  for (const b of reading.batteries) lines.push(...batteryLines(b, several ? `${b.name}: ` : ""));
  const rest = reading.measurements.filter((m) => {
    if (reading.batteries.length === 0) return true;
    const key = m.battery !== undefined ? m.key.slice(m.battery.length + 1) : m.key;
    return !BATTERY_KEYS.test(key);
  });
  const width = Math.max(0, ...rest.map((m) => m.name.length));
  for (const m of rest) lines.push(`${m.name.padEnd(width)}  ${formatMeasurement(m)}`);
  return lines.join("\n");
}
