import { describe, expect, it } from "vitest";
import { ProgressBar } from "../src/progress.js";

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { written, sink: { isTTY, write: (text: string) => written.push(text) } };
}

describe("ProgressBar", () => {
  it("redraws one line on a terminal and ends it with a newline", () => {
    const { written, sink: s } = sink(true);
    const bar = new ProgressBar(s);
    bar.update(0, 200, "erase");
    bar.update(100, 200, "transfer");
    bar.update(200, 200, "done");
    expect(written[0]).toBe(`\r[${"-".repeat(30)}]   0% erase\u001b[K`);
    expect(written[1]).toBe(`\r[${"#".repeat(15)}${"-".repeat(15)}]  50% transfer\u001b[K`);
    expect(written[2]).toBe(`\r[${"#".repeat(30)}] 100% done\u001b[K`);
    expect(written[3]).toBe("\n");
    expect(written).toHaveLength(4);
  });

  it("writes one line per tenth and the end elsewhere (logs, pipes)", () => {
    const { written, sink: s } = sink(false);
    const bar = new ProgressBar(s);
    for (let done = 0; done <= 1000; done += 25) bar.update(done, 1000, "transfer");
    expect(written).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `${String(p).padStart(3)}% transfer\n`));
  });

  it("shows the rate and the time left once the work has run a while", () => {
    const { written, sink: s } = sink(false);
    let now = 1_000;
    const bar = new ProgressBar(s, () => now);
    bar.update(0, 1000, "transfer");
    now += 2_000; // 100 units in 2 s: 50/s, 900 left: 18 s
    bar.update(100, 1000, "transfer");
    now += 18_000;
    bar.update(1000, 1000, "transfer");
    expect(written).toEqual(["  0% transfer\n", " 10% transfer · 50/s · ETA 0:18\n", "100% transfer\n"]);
  });
});
