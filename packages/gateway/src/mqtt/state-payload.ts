import type { DeviceReading, MeasurementValue } from "@batt/core";

/**
 * What goes on a device's state topic: the reading envelope of the device model as it is, plus
 * `values`, every measurement's value by key, so Home Assistant templates can reach a value by
 * name (`value_json.values.cell_1`) instead of searching the list.
 */
export type StatePayload = DeviceReading<unknown> & { readonly values: Readonly<Record<string, MeasurementValue>> };

/** The state payload of a reading (see {@link StatePayload}). */
export function statePayload(reading: DeviceReading<unknown>): StatePayload {
  const values: Record<string, MeasurementValue> = {};
  for (const m of reading.measurements) values[m.key] = m.value;
  return { ...reading, values };
}
