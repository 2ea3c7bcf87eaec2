import type { TextSink } from "./output.js";

const WIDTH = 30;

/**
 * A progress bar on stderr: redrawn in place on a terminal; elsewhere (logs, pipes) one line per
 * tenth and at the end, so a log stays short.
 */
export class ProgressBar {
  private lastTenth = -1;
  private drawn = false;

  constructor(private readonly sink: TextSink) {}

  /** Shows `done` of `total` with a label; `done === total` ends the bar. */
  update(done: number, total: number, label: string): void {
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
    const percent = Math.floor(fraction * 100);
    const finished = done >= total;
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

  /** Moves past the bar so later output starts on a new line. */
  end(): void {
    if (this.drawn) this.sink.write("\n");
    this.drawn = false;
  }
}
