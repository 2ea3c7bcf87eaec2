import { MEASUREMENT_KINDS, type BatterySummary, type Measurement, type MeasurementKind, type Unit } from "@batt/core";

/** What one recorded series is: a numeric measurement of the device, or one cell of one battery. */
export interface SeriesInfo {
  /** The measurement's key (`voltage`, `pack2_cell_3`), unique within the history. */
  readonly key: string;
  /** Name for a person (`Pack 2 Cell 3`). */
  readonly name: string;
  /** Unit, absent for counts. */
  readonly unit?: Unit;
  /** What it measures. */
  readonly kind: MeasurementKind;
  /** Decimal places a person is shown. */
  readonly decimals: number;
  /** The battery it belongs to (its summary's `id`), when known. */
  readonly battery?: string;
  /** That battery's name (`Pack 2`). */
  readonly batteryName?: string;
  /** For a cell voltage: the cell's number, 1 first. */
  readonly cell?: number;
  /**
   * Whether it is stored in 64 bits: totals, durations and counts can pass 2^24, where 32-bit floats
   * stop counting by one; every other value is stored in 32 bits (7 significant digits, more than a
   * sensor gives).
   */
  readonly precise: boolean;
}

/** The key a battery's cell gets in a reading (core's `batteryMeasurements` convention: `cell_3`, or `pack2_cell_3` when the reading has several batteries). */
export function cellKey(battery: BatterySummary, several: boolean, cell: number): string {
  return several ? `${battery.id}_cell_${cell}` : `cell_${cell}`;
}

const CELL_KEY = /^(?:(.+)_)?cell_(\d+)$/;

/** Whether a measurement holds numbers (a `null` value of such a kind is a gap, not a different series). */
export function isNumeric(m: Measurement): boolean {
  return typeof m.value === "number" || (m.value === null && MEASUREMENT_KINDS[m.kind].value === "number");
}

/** Describes a new series from the measurement that first carried it, recognising the cells of the reading's batteries. */
export function describeMeasurement(m: Measurement, batteries: readonly BatterySummary[]): SeriesInfo {
  const info = MEASUREMENT_KINDS[m.kind];
  const precise = m.kind === "energy" || m.kind === "duration" || m.kind === "count" || (m.stateClass ?? info.stateClass) !== "measurement";
  const match = m.kind === "voltage" ? CELL_KEY.exec(m.key) : null;
  const several = batteries.length > 1;
  const battery = match
    ? batteries.find((b) => (several ? b.id === match[1] : match[1] === undefined) && Number(match[2]) <= b.cellVoltages.length)
    : batteries.find((b) => b.id === m.battery);
  return {
    key: m.key,
    name: m.name,
    ...(m.unit ? { unit: m.unit } : {}),
    kind: m.kind,
    decimals: m.decimals ?? info.decimals,
    ...(battery ? { battery: battery.id, batteryName: battery.name } : m.battery ? { battery: m.battery } : {}),
    ...(match && battery ? { cell: Number(match[2]) } : {}),
    precise,
  };
}

/** Describes a cell that a reading's battery summary carries but its measurements do not (a reading not assembled by `makeReading`). */
export function describeCell(battery: BatterySummary, several: boolean, cell: number): SeriesInfo {
  return {
    key: cellKey(battery, several, cell),
    name: several ? `${battery.name} Cell ${cell}` : `Cell ${cell}`,
    unit: "V",
    kind: "voltage",
    decimals: 3,
    battery: battery.id,
    batteryName: battery.name,
    cell,
    precise: false,
  };
}
