import type { BatterySummary, DeviceIdentity, DeviceReading } from "@batt/core";
import { emptyColumn, grownColumn, halveColumn, halveTimes, type Column } from "./columns.js";
import { cellKey, describeCell, describeMeasurement, isNumeric, type SeriesInfo } from "./series-info.js";

/** What {@link History.facts} tells of a series. */
export interface SeriesFacts {
  /** The first sample with a number, -1 when none has. */
  readonly first: number;
  /** Whether a gap (NaN) comes after that first number. */
  readonly gapsAfterFirst: boolean;
  /** The least number kept, NaN when none. */
  readonly min: number;
  /** The greatest number kept, NaN when none. */
  readonly max: number;
}

/** Sizes of a {@link History}. */
export interface HistoryOptions {
  /** Samples kept before older ones are merged (an even number; default {@link History.DEFAULT_CAPACITY}). */
  readonly capacity?: number;
  /** Samples room is first made for (default 1024); room doubles as needed, up to `capacity`. */
  readonly initialCapacity?: number;
}

/**
 * Every numeric measurement of one device (cell voltages included) since the view opened, kept in
 * columns for the charts and the CSV export: one `Float64Array` of times (seconds since the Unix
 * epoch, what uPlot's time axis takes) and one typed array per series, NaN where a series has no value
 * (it appeared later, the reading failed to carry it, the device said `null`).
 *
 * Room doubles as samples arrive (amortized O(1) per push, no object per sample). Decimation policy:
 * when `capacity` samples are kept (default 131,072: 36 h at 1 Hz), each pair of adjacent samples is
 * merged into one (the first one's time, the mean of the pair's numbers), halving what is kept. So
 * the most recent samples stay at the rate they came, and older ones get coarser each time the history
 * fills again; the session's start is never dropped.
 */
export class History {
  /** Samples kept before pairs are merged: 36 h at 1 Hz, about 42 MB for 80 series. */
  static readonly DEFAULT_CAPACITY = 131_072;

  private readonly capacity: number;
  private room: number;
  private count = 0;
  private times: Float64Array;
  private readonly columns: Column[] = [];
  private readonly infos: SeriesInfo[] = [];
  private readonly byKey = new Map<string, number>();
  /** Row each series was last written in, so a cell a measurement already gave is not written twice. */
  private readonly lastRow: number[] = [];
  private readonly cellKeys = [new Map<string, string[]>(), new Map<string, string[]>()] as const;
  private readonly listeners = new Set<() => void>();
  /** Per series: the first row with a number (-1: none yet), whether a gap came after it, the least and greatest number. */
  private readonly firsts: number[] = [];
  private readonly gappy: boolean[] = [];
  private readonly mins: number[] = [];
  private readonly maxs: number[] = [];
  private merged = 0;
  private lastDevice: DeviceIdentity | undefined;

  constructor(options: HistoryOptions = {}) {
    this.capacity = options.capacity ?? History.DEFAULT_CAPACITY;
    if (!Number.isInteger(this.capacity) || this.capacity < 2 || this.capacity % 2 !== 0) throw new RangeError(`History capacity must be an even number ≥ 2, not ${this.capacity}`);
    this.room = Math.min(this.capacity, Math.max(2, options.initialCapacity ?? 1024));
    this.times = new Float64Array(this.room).fill(NaN);
  }

  /**
   * Records a reading: its time, each numeric measurement, each cell voltage of its batteries. Times
   * never go back (the charts' axis needs them in order): a reading stamped before the one before it
   * (the computer's clock was set back) is kept at that one's time. A time that does not parse is no
   * reading to keep.
   */
  push(reading: DeviceReading<unknown>): void {
    const stamped = Date.parse(reading.time) / 1000;
    if (Number.isNaN(stamped)) return;
    if (this.count === this.capacity) this.halve();
    if (this.count === this.room) this.grow();
    const row = this.count;
    this.times[row] = row > 0 ? Math.max(stamped, this.times[row - 1]!) : stamped;
    for (const m of reading.measurements) {
      let i = this.byKey.get(m.key);
      if (i === undefined) {
        if (!isNumeric(m)) continue;
        i = this.add(describeMeasurement(m, reading.batteries));
      }
      this.write(i, row, typeof m.value === "number" ? m.value : NaN);
    }
    const several = reading.batteries.length > 1;
    for (const battery of reading.batteries) {
      const keys = this.keysOf(battery, several);
      const cells = battery.cellVoltages;
      for (let c = 0; c < cells.length; c++) {
        let i = this.byKey.get(keys[c]!);
        if (i === undefined) i = this.add(describeCell(battery, several, c + 1));
        else if (this.lastRow[i] === row) continue;
        this.write(i, row, cells[c]!);
      }
    }
    // A series this reading did not carry has a gap here.
    for (let i = 0; i < this.infos.length; i++) if (this.lastRow[i] !== row && this.firsts[i]! >= 0) this.gappy[i] = true;
    this.count++;
    this.lastDevice = reading.device;
    for (const listener of this.listeners) listener();
  }

  /** How many samples are kept. */
  get length(): number {
    return this.count;
  }

  /** The series, in the order they first appeared. */
  get series(): readonly SeriesInfo[] {
    return this.infos;
  }

  /** Who the device is, as its latest reading said. */
  get device(): DeviceIdentity | undefined {
    return this.lastDevice;
  }

  /** How many times pairs of samples were merged (each halves the rate of what was kept). */
  get merges(): number {
    return this.merged;
  }

  /** Bytes of the typed arrays held (room included). */
  get bytes(): number {
    return this.columns.reduce((sum, column) => sum + column.byteLength, this.times.byteLength);
  }

  /** The samples' times, seconds since the Unix epoch: a view, valid until the next push. */
  timeView(): Float64Array {
    return this.times.subarray(0, this.count);
  }

  /** A series' samples (NaN for gaps), by its index in {@link History.series}: a view, valid until the next push. */
  valueView(series: number): Column {
    const column = this.columns[series];
    if (!column) throw new RangeError(`no series ${series}`);
    return column.subarray(0, this.count);
  }

  /**
   * What a chart needs to draw a series without scanning it: its first sample with a number (-1 when it
   * has none), whether any gap follows that one, and its least and greatest number (NaN when none).
   */
  facts(series: number): SeriesFacts {
    if (series < 0 || series >= this.infos.length) throw new RangeError(`no series ${series}`);
    const first = this.firsts[series]!;
    return { first, gapsAfterFirst: this.gappy[series]!, min: first < 0 ? NaN : this.mins[series]!, max: first < 0 ? NaN : this.maxs[series]! };
  }

  /** Calls `listener` after each push; returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private add(info: SeriesInfo): number {
    const i = this.infos.length;
    this.infos.push(info);
    this.columns.push(emptyColumn(info.precise, this.room));
    this.lastRow.push(-1);
    this.firsts.push(-1);
    this.gappy.push(false);
    this.mins.push(Infinity);
    this.maxs.push(-Infinity);
    this.byKey.set(info.key, i);
    return i;
  }

  private write(i: number, row: number, value: number): void {
    this.columns[i]![row] = value;
    this.lastRow[i] = row;
    if (value !== value) {
      if (this.firsts[i]! >= 0) this.gappy[i] = true;
      return;
    }
    if (this.firsts[i]! < 0) this.firsts[i] = row;
    if (value < this.mins[i]!) this.mins[i] = value;
    if (value > this.maxs[i]!) this.maxs[i] = value;
  }

  private keysOf(battery: BatterySummary, several: boolean): readonly string[] {
    const cache = this.cellKeys[several ? 1 : 0];
    let keys = cache.get(battery.id);
    if (!keys || keys.length < battery.cellVoltages.length) {
      keys = battery.cellVoltages.map((_, c) => cellKey(battery, several, c + 1));
      cache.set(battery.id, keys);
    }
    return keys;
  }

  private grow(): void {
    const room = Math.min(this.capacity, this.room * 2);
    this.times = grownColumn(this.times, this.count, room);
    for (let i = 0; i < this.columns.length; i++) this.columns[i] = grownColumn(this.columns[i]!, this.count, room);
    this.room = room;
  }

  private halve(): void {
    halveTimes(this.times, this.count);
    for (const column of this.columns) halveColumn(column, this.count);
    this.count /= 2;
    // A pair's mean can be less extreme than either end: the extremes are found again (this is O(n) anyway).
    this.columns.forEach((column, i) => {
      let min = Infinity;
      let max = -Infinity;
      for (let r = 0; r < this.count; r++) {
        const v = column[r]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      this.mins[i] = min;
      this.maxs[i] = max;
      if (this.firsts[i]! > 0) this.firsts[i] = Math.floor(this.firsts[i]! / 2);
    });
    this.lastRow.fill(-1);
    this.merged++;
  }
}
