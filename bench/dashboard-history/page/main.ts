import { ManualClock } from "@batt/core/testing";
import { chartsPanel } from "../../../examples/web-dashboard/src/charts/charts-panel.js";
import { History } from "../../../examples/web-dashboard/src/history/history.js";
import { packReading } from "../readings.js";

// The Charts tab on a History filled in the page, for run.ts to time one live update (the animation
// frame in which the charts on screen redraw after a reading) at a given history length.

/** What run.ts calls in the page. */
export interface BenchPage {
  /** Pushes readings until the history holds `samples`, without drawing in between. */
  fillTo(samples: number): void;
  /** Pushes `times` readings, one a frame, and returns the chart work of those frames, ms: the mean (what a reading costs) and the most (a full redraw). */
  update(times: number): Promise<{ mean: number; max: number }>;
}

const clock = new ManualClock(0, Date.UTC(2026, 11, 6, 6));
const history = new History();
let pushed = 0;
const push = (): void => {
  history.push(packReading(clock, pushed++));
  clock.advance(1000);
};
const panel = chartsPanel(history);
document.body.append(panel.element);

const frame = (): Promise<number> => new Promise((done) => requestAnimationFrame(() => done(performance.now())));

const bench: BenchPage = {
  fillTo(samples) {
    while (history.length < samples) push();
  },
  async update(times) {
    // The frame after a fill draws everything that came; a reading's cost is measured after it.
    await frame();
    await frame();
    const spent: number[] = [];
    for (let i = 0; i < times; i++) {
      await frame();
      // Callbacks of one frame run in the order they were asked for: before, the panel's draw (asked by
      // the push), after. Microtasks (uPlot's commit) run between callbacks, so `after` sees them done.
      const before = frame();
      push();
      const after = frame();
      spent.push((await after) - (await before));
    }
    return { mean: spent.reduce((a, b) => a + b, 0) / spent.length, max: Math.max(...spent) };
  },
};
(window as unknown as { bench: BenchPage }).bench = bench;
document.body.dataset["ready"] = "";
