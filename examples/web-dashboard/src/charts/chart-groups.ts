import type { SeriesInfo } from "../history/series-info.js";

/** One chart: its title and the series it draws (indices into `History.series`), on at most two unit axes. */
export interface ChartGroup {
  /** Stable id (`voltage-current`, `cells`), also the chart's `data-chart`. */
  readonly id: string;
  /** Title for a person. */
  readonly title: string;
  /** The units of its axes, left first (at most two). */
  readonly units: readonly string[];
  /** Indices of its series in the history. */
  readonly members: readonly number[];
  /** Members drawn only once a person turns them on in the legend. */
  readonly hidden: ReadonlySet<number>;
}

/** The charts a page shows, in order: which units each draws (a chart has at most two axes). Units not listed get a chart each, after these. */
const UNIT_CHARTS: readonly { readonly id: string; readonly title: string; readonly units: readonly string[] }[] = [
  { id: "voltage-current", title: "Voltage & current", units: ["V", "A"] },
  { id: "power", title: "Power", units: ["W"] },
  { id: "soc", title: "State of charge", units: ["%"] },
  { id: "temperature", title: "Temperatures", units: ["°C"] },
  { id: "charge", title: "Capacity", units: ["Ah"] },
  { id: "energy", title: "Energy", units: ["Wh"] },
  { id: "duration", title: "Durations", units: ["s"] },
  { id: "resistance", title: "Resistances", units: ["Ω"] },
  { id: "frequency", title: "Frequency", units: ["Hz"] },
];

/** Where the cell chart goes among {@link UNIT_CHARTS}: right after voltage and current. */
const CELLS_AFTER = "voltage-current";

/** The lowest, highest and difference of a battery's cells (core's `cell_min`, `cell_max`, `cell_delta`): the cell chart's, off until asked for. */
const CELL_STATISTIC = /(?:^|_)cell_(?:min|max|delta)$/;

/**
 * Sorts series into charts by unit: voltages and currents together, each other unit on its own, and
 * every cell of every battery on a "Cell voltages" chart. Unitless series (counts) are not charted;
 * the CSV has them.
 */
export function groupSeries(series: readonly SeriesInfo[]): ChartGroup[] {
  const byUnit = new Map<string, number[]>();
  const cells: number[] = [];
  const cellStatistics: number[] = [];
  series.forEach((s, i) => {
    if (s.cell !== undefined) cells.push(i);
    else if (s.unit === "V" && CELL_STATISTIC.test(s.key)) cellStatistics.push(i);
    else if (s.unit) byUnit.set(s.unit, [...(byUnit.get(s.unit) ?? []), i]);
  });
  const groups: ChartGroup[] = [];
  const used = new Set<string>();
  const none = new Set<number>();
  for (const chart of UNIT_CHARTS) {
    const units = chart.units.filter((u) => byUnit.has(u));
    units.forEach((u) => used.add(u));
    if (units.length > 0) groups.push({ ...chart, units, members: units.flatMap((u) => byUnit.get(u)!), hidden: none });
    if (chart.id === CELLS_AFTER && cells.length > 0) {
      groups.push({ id: "cells", title: "Cell voltages", units: ["V"], members: [...cells, ...cellStatistics], hidden: new Set(cellStatistics) });
    }
  }
  for (const [unit, members] of byUnit) {
    if (!used.has(unit)) groups.push({ id: `unit-${unit}`, title: `Other (${unit})`, units: [unit], members, hidden: none });
  }
  return groups;
}

/** Whether two groupings draw the same series the same way (a chart is rebuilt only when its own changed). */
export function sameGroup(a: ChartGroup, b: ChartGroup): boolean {
  return a.title === b.title && a.units.join() === b.units.join() && a.members.join() === b.members.join();
}

/** What a unit's axis says (turned on its side, a lone "V" would read as ">"). */
const AXIS_LABELS: Readonly<Record<string, string>> = {
  V: "Voltage (V)",
  A: "Current (A)",
  W: "Power (W)",
  "%": "Percent (%)",
  "°C": "Temperature (°C)",
  Ah: "Charge (Ah)",
  Wh: "Energy (Wh)",
  s: "Time (s)",
  "Ω": "Resistance (Ω)",
  Hz: "Frequency (Hz)",
};

/** The label of a unit's axis (`Voltage (V)`). */
export function axisLabel(unit: string): string {
  return AXIS_LABELS[unit] ?? unit;
}
