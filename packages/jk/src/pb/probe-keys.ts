import type { DeviceReading, Measurement } from "@batt/core";

/** What {@link withProbeNumbers} needs of a pack: the sensor numbers of its summary's temperatures, in order. */
export interface ProbeNumbered {
  /** Sensor number (1–5) of each entry of the pack's `temperatures`. */
  readonly temperatureSensors: readonly number[];
}

/**
 * A reading whose battery temperature measurements are keyed by sensor number: core keys a summary's
 * temperatures by position (`temperature_3` for the third), so with probe 3 missing probe 4 would
 * take its key. Here `temperature_4` / "Temperature 4" stay probe 4's whatever is fitted
 * (docs/protocols/jk.md#temperature-sensor-presence). `packs[i]` belongs to `reading.batteries[i]`.
 */
export function withProbeNumbers<Details>(reading: DeviceReading<Details>, packs: readonly ProbeNumbered[]): DeviceReading<Details> {
  const several = reading.batteries.length > 1;
  const renamed = new Map<string, { key: string; name: string }>();
  reading.batteries.forEach((battery, b) => {
    const prefix = several ? `${battery.id}_` : "";
    const label = several ? `${battery.name} ` : "";
    (packs[b]?.temperatureSensors ?? []).forEach((n, i) => renamed.set(`${prefix}temperature_${i + 1}`, { key: `${prefix}temperature_${n}`, name: `${label}Temperature ${n}` }));
  });
  const measurements = reading.measurements.map((m): Measurement => {
    const to = renamed.get(m.key);
    return to && m.kind === "temperature" ? { ...m, ...to } : m;
  });
  return { ...reading, measurements };
}
