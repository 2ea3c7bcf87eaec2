import { html, replaceChildren, svg } from "./dom.js";

/** One point of the history. */
export interface HistorySample {
  /** When, ms (any monotonic origin). */
  readonly at: number;
  readonly voltage: number;
  readonly current: number;
  readonly soc?: number;
}

const WIDTH = 600;
const HEIGHT = 160;
const PAD = { left: 44, right: 44, top: 10, bottom: 18 };

/** `12 A`, `−4 A`, never `−0 A`. */
function amps(value: number): string {
  const rounded = Math.round(value);
  return `${rounded < 0 ? "−" : ""}${Math.abs(rounded)} A`;
}

function range(values: readonly number[], minSpan: number): [number, number] {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  const margin = (hi - lo) * 0.08;
  return [lo - margin, hi + margin];
}

/** Pack voltage (left scale), current (right scale) and state of charge over the last samples, as SVG lines. */
export class HistoryChart {
  readonly element: HTMLElement;
  private readonly chart: SVGSVGElement;
  private readonly samples: HistorySample[] = [];
  private readonly socKey: HTMLElement;

  constructor(private readonly capacity = 240) {
    this.chart = svg("svg", { class: "history-chart", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "history of voltage, current and state of charge" });
    this.socKey = html("span", { class: "key soc", hidden: "" }, "SOC");
    const legend = html("p", { class: "legend" }, html("span", { class: "key voltage" }, "voltage"), html("span", { class: "key current" }, "current"), this.socKey);
    this.element = html("div", { class: "history" }, legend, this.chart);
  }

  push(sample: HistorySample): void {
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
    this.render();
  }

  private render(): void {
    const s = this.samples;
    if (s.length === 0) return;
    const t0 = s[0]!.at;
    const t1 = Math.max(s[s.length - 1]!.at, t0 + 1);
    const x = (at: number): number => PAD.left + ((WIDTH - PAD.left - PAD.right) * (at - t0)) / (t1 - t0);
    const scale = ([lo, hi]: [number, number]) => (v: number): number => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - (v - lo) / (hi - lo));
    const vRange = range(s.map((p) => p.voltage), 0.1);
    const iRange = range([...s.map((p) => p.current), 0], 1);
    const vy = scale(vRange);
    const iy = scale(iRange);
    const socY = scale([0, 100]);
    const line = (series: string, points: string): SVGPolylineElement => svg("polyline", { class: `series ${series}`, "data-series": series, points });
    const pts = (pick: (p: HistorySample) => number | undefined, y: (v: number) => number): string =>
      s.flatMap((p) => {
        const v = pick(p);
        return v === undefined ? [] : [`${x(p.at).toFixed(1)},${y(v).toFixed(1)}`];
      }).join(" ");
    const label = (text: string, lx: number, ly: number, cls: string): SVGTextElement => svg("text", { x: lx, y: ly, class: `axis ${cls}` }, text);
    this.socKey.hidden = !s.some((p) => p.soc !== undefined);
    const zero = iy(0);
    const seconds = Math.round((t1 - t0) / 1000);
    replaceChildren(
      this.chart,
      svg("line", { class: "zero", x1: PAD.left, x2: WIDTH - PAD.right, y1: zero, y2: zero }),
      line("soc", pts((p) => p.soc, socY)),
      line("current", pts((p) => p.current, iy)),
      line("voltage", pts((p) => p.voltage, vy)),
      label(`${vRange[1].toFixed(2)} V`, 2, PAD.top + 8, "voltage"),
      label(`${vRange[0].toFixed(2)} V`, 2, HEIGHT - PAD.bottom, "voltage"),
      label(amps(iRange[1]), WIDTH - PAD.right + 4, PAD.top + 8, "current"),
      label(amps(iRange[0]), WIDTH - PAD.right + 4, HEIGHT - PAD.bottom, "current"),
      label(`last ${seconds} s`, PAD.left, HEIGHT - 3, "time"),
    );
  }
}
