import uPlot from "uplot";
import type { SeriesFacts } from "../history/history.js";

// History keeps gaps as NaN in typed arrays (no copy for uPlot), while uPlot only knows `null` gaps.
// These pieces teach it NaN: the y range, the line's breaks and what the cursor reads. With the
// history's facts about a series (extremes, where its gaps are) the common case, the whole session in
// view and no gap after a series' first sample, costs no scan of the samples.

/** The facts of a chart's series by its uPlot index (1 first), when the chart has them. */
export type FactsOf = (series: number) => SeriesFacts | undefined;

const none: FactsOf = () => undefined;

/** The first and last sample index in view (uPlot's, else all). */
function inView(u: uPlot): [number, number] {
  const [i0, i1] = u.series[0]?.idxs ?? [];
  return [i0 ?? 0, i1 ?? u.data[0].length - 1];
}

/**
 * A y scale's range over the numbers (not NaN) its shown series have in view, padded as uPlot pads,
 * and a band around a flat line. The series are marked `auto: false` so that uPlot's own scan (which
 * a NaN poisons) does not run.
 */
export function nanAwareRange(factsOf: FactsOf = none): uPlot.Range.Function {
  return (u, _min, _max, scale) => {
    let min = Infinity;
    let max = -Infinity;
    const [i0, i1] = inView(u);
    const whole = i0 <= 0 && i1 >= u.data[0].length - 1;
    for (let s = 1; s < u.series.length; s++) {
      const series = u.series[s]!;
      if (series.scale !== scale || !series.show) continue;
      const facts = whole ? factsOf(s) : undefined;
      if (facts) {
        if (facts.min < min) min = facts.min;
        if (facts.max > max) max = facts.max;
        continue;
      }
      const ys = u.data[s] as ArrayLike<number>;
      for (let i = i0; i <= i1; i++) {
        const y = ys[i]!;
        if (y < min) min = y;
        if (y > max) max = y;
      }
    }
    if (min > max) return [0, 1];
    // A flat line gets a band around it, not uPlot's zero-to-double range (13.2 V shown on 0–25 V).
    if (max - min < 1e-9) {
      const pad = Math.max(Math.abs(min) * 0.02, 0.01);
      return [min - pad, max + pad];
    }
    return uPlot.rangeNum(min, max, 0.1, true);
  };
}

/** Breaks a line across NaN samples: each run of NaN becomes a gap from the sample before to the sample after, in canvas pixels. */
export function nanGaps(factsOf: FactsOf = none): (u: uPlot, series: number, idx0: number, idx1: number, nullGaps: uPlot.Series.Gaps) => uPlot.Series.Gaps {
  return (u, s, idx0, idx1, gaps) => {
    const xs = u.data[0];
    const px = (i: number): number => Math.round(u.valToPos(xs[i]!, "x", true));
    const found = [...gaps];
    const facts = factsOf(s);
    if (facts && !facts.gapsAfterFirst) {
      // Only the time before the series' first number is a gap.
      if (facts.first > idx0) found.push([px(Math.max(0, idx0 - 1)), px(Math.min(xs.length - 1, facts.first))]);
      return found;
    }
    const ys = u.data[s] as ArrayLike<number>;
    for (let i = idx0; i <= idx1; i++) {
      if (ys[i] === ys[i]) continue;
      const from = i;
      while (i + 1 <= idx1 && ys[i + 1] !== ys[i + 1]) i++;
      found.push([px(Math.max(0, from - 1)), px(Math.min(xs.length - 1, i + 1))]);
    }
    return found.sort((a, b) => a[0] - b[0]);
  };
}

/** What the cursor skips to find a sample to show: NaN as well as uPlot's own `null`/`undefined`. */
export const NAN_SKIP: unknown[] = [NaN, null, undefined];
