import { html, replaceChildren, svg } from "./dom.js";
import { onWidth } from "./on-width.js";

/** One point of the history. */
export interface HistorySample {
  /** When, ms (any monotonic origin). */
  readonly at: number;
  readonly voltage: number;
  readonly current: number;
  readonly soc?: number;
}

/** Width drawn for while the chart is hidden (another tab), px. */
const FALLBACK_WIDTH = 600;
const HEIGHT = 160;
/** Room for the scales' labels at 12 px (`15.26 V` on the left, `−12 A` on the right), px. */
const PAD = { left: 56, right: 46, top: 12, bottom: 22 };

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

/**
 * Pack voltage (left scale), current (right scale) and state of charge over the last samples, as SVG
 * lines, laid out for the width it has (one SVG unit per CSS pixel) so that its labels keep their
 * 12 px on a phone.
 */
export class HistoryChart {
  readonly element: HTMLElement;
  private readonly chart: SVGSVGElement;
  private readonly samples: HistorySample[] = [];
  private readonly socKey: HTMLElement;

  constructor(private readonly capacity = 240) {
    this.chart = svg("svg", { class: "history-chart", role: "img", "aria-label": "history of voltage, current and state of charge" });
    this.socKey = html("span", { class: "key soc", hidden: "" }, "SOC");
    const legend = html("p", { class: "legend" }, html("span", { class: "key voltage" }, "voltage"), html("span", { class: "key current" }, "current"), this.socKey);
    this.element = html("div", { class: "history" }, legend, this.chart);
    onWidth(this.element, () => this.render());
  }

  push(sample: HistorySample): void {
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
    this.render();
  }

  private render(): void {
    const s = this.samples;
    if (s.length === 0) return;
    const width = Math.floor(this.element.clientWidth) || FALLBACK_WIDTH;
    this.chart.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
    this.chart.setAttribute("height", String(HEIGHT));
    const t0 = s[0]!.at;
    const t1 = Math.max(s[s.length - 1]!.at, t0 + 1);
    const x = (at: number): number => PAD.left + ((width - PAD.left - PAD.right) * (at - t0)) / (t1 - t0);
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
      svg("line", { class: "zero", x1: PAD.left, x2: width - PAD.right, y1: zero, y2: zero }),
      line("soc", pts((p) => p.soc, socY)),
      line("current", pts((p) => p.current, iy)),
      line("voltage", pts((p) => p.voltage, vy)),
      label(`${vRange[1].toFixed(2)} V`, 0, PAD.top + 4, "voltage"),
      label(`${vRange[0].toFixed(2)} V`, 0, HEIGHT - PAD.bottom, "voltage"),
      label(amps(iRange[1]), width - PAD.right + 6, PAD.top + 4, "current"),
      label(amps(iRange[0]), width - PAD.right + 6, HEIGHT - PAD.bottom, "current"),
      label(`last ${seconds} s`, PAD.left, HEIGHT - 4, "time"),
    );
  }
}
