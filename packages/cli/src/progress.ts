import type { TextSink } from "./output.js";

const WIDTH = 30;

/**
 * A progress bar on stderr: redrawn in place on a terminal; elsewhere (logs, pipes) one line per
 * tenth and at the end, so a log stays short.
 */
export class ProgressBar {
  private lastTenth = -1;
  private drawn = false;
  private started: number | undefined;

  constructor(
    private readonly sink: TextSink,
    /** Milliseconds now (a test clock in tests). */
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Shows `done` of `total` with a label; `done === total` ends the bar. */
  update(done: number, total: number, label: string): void {
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
    const percent = Math.floor(fraction * 100);
    const finished = done >= total;
    label = `${label}${this.pace(done, total, finished)}`;
    if (this.sink.isTTY) {
      const filled = Math.round(fraction * WIDTH);
      this.sink.write(`\r[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${label}\u001b[K`);
      this.drawn = true;
      if (finished) this.end();
      return;
    }
    const tenth = Math.floor(percent / 10);
    if (tenth > this.lastTenth || finished) {
      this.lastTenth = tenth;
      this.sink.write(`${String(percent).padStart(3)}% ${label}\n`);
    }
  }

  /** ` · 120/s · ETA 0:42` once the work has run half a second, so a rate means something. */
  private pace(done: number, total: number, finished: boolean): string {
    const time = this.now();
    this.started ??= time;
    const elapsed = (time - this.started) / 1000;
    if (finished || done <= 0 || elapsed < 0.5) return "";
    const rate = done / elapsed;
    const left = Math.ceil((total - done) / rate);
    const shown = rate >= 100 ? Math.round(rate).toString() : rate.toPrecision(2);
    return ` · ${shown}/s · ETA ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  }

  /** Moves past the bar so later output starts on a new line. */
  end(): void {
    if (this.drawn) this.sink.write("\n");
    this.drawn = false;
  }
}
