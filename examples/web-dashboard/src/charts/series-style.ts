import type { SeriesInfo } from "../history/series-info.js";

/** The page's colours the charts use (read from its CSS custom properties, so both stay one palette). */
export interface ChartTheme {
  readonly ink: string;
  readonly muted: string;
  readonly line: string;
  readonly voltage: string;
  readonly current: string;
  readonly soc: string;
}

/** Reads {@link ChartTheme} from the page's `:root` custom properties, with the stylesheet's values as fallbacks. */
export function readTheme(root: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(root);
  const get = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    ink: get("--ink", "#1d2530"),
    muted: get("--muted", "#66717f"),
    line: get("--line", "#dde2e8"),
    voltage: get("--voltage", "#1f6feb"),
    current: get("--current", "#d9480f"),
    soc: get("--soc", "#2f9e44"),
  };
}

/** Line colours after the page's own, chosen to stay apart from each other on white. */
const MORE_COLOURS = ["#8250df", "#bf3989", "#0a7b83", "#9a6700", "#57606a", "#cf222e", "#116329", "#0550ae"];

/** How one line looks. */
export interface LineStyle {
  readonly stroke: string;
  readonly dash?: number[];
}

/**
 * Styles for a chart's lines. Cells: a hue per cell number around the colour wheel, each battery
 * after the first dashed, so "cell 3" has one colour in every pack. Others: the page's colour for
 * the first voltage, current and state of charge, then distinct colours in order.
 */
export function lineStyles(series: readonly SeriesInfo[], theme: ChartTheme): LineStyle[] {
  const batteries = [...new Set(series.filter((s) => s.cell !== undefined).map((s) => s.battery ?? ""))];
  const cellCount = Math.max(1, ...series.map((s) => s.cell ?? 0));
  const taken = new Set<string>();
  let next = 0;
  const fresh = (): string => {
    const colours = [theme.voltage, theme.current, theme.soc, ...MORE_COLOURS];
    for (let tries = 0; tries < colours.length; tries++) {
      const c = colours[next++ % colours.length]!;
      if (!taken.has(c)) return c;
    }
    return colours[next++ % colours.length]!;
  };
  return series.map((s) => {
    if (s.cell !== undefined) {
      const pack = batteries.indexOf(s.battery ?? "");
      const stroke = `hsl(${Math.round((360 * (s.cell - 1)) / cellCount)} 70% 42%)`;
      return pack > 0 ? { stroke, dash: [6, 3 * pack] } : { stroke };
    }
    const own = s.kind === "voltage" ? theme.voltage : s.kind === "current" ? theme.current : s.kind === "battery" ? theme.soc : undefined;
    const stroke = own && !taken.has(own) ? own : fresh();
    taken.add(stroke);
    return { stroke };
  });
}
