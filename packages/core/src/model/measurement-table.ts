import type { MeasurementKind } from "./measurement-kinds.js";
import { measure, type Measurement, type MeasurementExtras, type MeasurementValue } from "./measurement.js";

/**
 * One row of a device's measurement table: the measurement, and where its value comes from in the
 * device's decoded reading. A table of these is how every device package lists what it measures.
 */
export interface MeasurementRow<Source> {
  /** Stable key (without a battery prefix). */
  readonly key: string;
  /** Name for a person (without a battery's name in front). */
  readonly name: string;
  /** What it is. */
  readonly kind: MeasurementKind;
  /** Its value in `source`; `undefined` leaves the measurement out (the device did not report it). */
  readonly value: (source: Source) => MeasurementValue | undefined;
  /** State class, decimals or options beyond the kind's defaults. */
  readonly extras?: MeasurementExtras;
}

/** The battery a table's measurements belong to, in a reading with several: its id prefixes the keys, its name the names. */
export interface MeasurementOwner {
  /** Battery id (`ch1`, `pack2`). */
  readonly id: string;
  /** Battery name (`Channel 1`, `Pack 2`). */
  readonly name: string;
}

/**
 * The measurements of `rows` read from `source`, in table order; a row whose value is `undefined`
 * is left out. With an `owner`, keys become `<id>_<key>`, names `<name> <name>`, and each is tagged
 * with the battery.
 */
export function measureRows<Source>(rows: readonly MeasurementRow<Source>[], source: Source, owner?: MeasurementOwner): Measurement[] {
  const out: Measurement[] = [];
  for (const row of rows) {
    const value = row.value(source);
    if (value === undefined) continue;
    out.push(
      owner
        ? measure(`${owner.id}_${row.key}`, `${owner.name} ${row.name}`, row.kind, value, { ...row.extras, battery: owner.id })
        : measure(row.key, row.name, row.kind, value, row.extras),
    );
  }
  return out;
}
