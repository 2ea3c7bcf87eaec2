/** One series' samples: 32-bit floats, or 64-bit for the series that need it (see `SeriesInfo.precise`). */
export type Column = Float32Array | Float64Array;

/** A column of `capacity` samples, all gaps (NaN). */
export function emptyColumn(precise: boolean, capacity: number): Column {
  return (precise ? new Float64Array(capacity) : new Float32Array(capacity)).fill(NaN);
}

/** A larger copy of `column`: its first `used` samples, gaps after them. */
export function grownColumn<C extends Column>(column: C, used: number, capacity: number): C {
  const next = new (column.constructor as { new (length: number): C })(capacity);
  next.set(column.subarray(0, used));
  next.fill(NaN, used);
  return next;
}

/**
 * Merges each pair of adjacent samples of the first `used` (an even number) into one, in place: the
 * mean of the pair's numbers, a gap where both are gaps. The second half becomes gaps.
 */
export function halveColumn(column: Column, used: number): void {
  const half = used / 2;
  for (let i = 0; i < half; i++) {
    const a = column[2 * i]!;
    const b = column[2 * i + 1]!;
    column[i] = a !== a ? b : b !== b ? a : (a + b) / 2;
  }
  column.fill(NaN, half, used);
}

/** Keeps the time of the first sample of each pair, in place (the times' side of {@link halveColumn}). */
export function halveTimes(times: Float64Array, used: number): void {
  const half = used / 2;
  for (let i = 0; i < half; i++) times[i] = times[2 * i]!;
  times.fill(NaN, half, used);
}
