import type uPlot from "uplot";

const pad = (n: number): string => String(n).padStart(2, "0");

/** Local time of day, 24-hour (`14:05`, or `14:05:09` when `seconds`). */
export function clockTime(date: Date, seconds: boolean): string {
  const hm = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return seconds ? `${hm}:${pad(date.getSeconds())}` : hm;
}

/** Tick spacings of the time axis, seconds: whole seconds up, so no two ticks read the same. */
export const TIME_INCREMENTS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

/**
 * The time axis' labels in local time, 24-hour: seconds shown only when ticks are less than a minute
 * apart, the date (`12-06`) added at a day's first tick when the chart spans days.
 */
export function timeAxisValues(u: uPlot, splits: number[], _axis: number, _space: number, increment: number): string[] {
  const span = (u.scales["x"]?.max ?? 0) - (u.scales["x"]?.min ?? 0);
  let day = "";
  return splits.map((s) => {
    const date = new Date(s * 1000);
    const text = clockTime(date, increment < 60);
    const today = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    const first = today !== day;
    day = today;
    return span > 86_400 && first ? `${today} ${text}` : text;
  });
}

/** The cursor's time in the legend: local date and time to the second. */
export function legendTime(_u: uPlot, seconds: number | null): string {
  if (seconds === null || Number.isNaN(seconds)) return "–";
  const date = new Date(seconds * 1000);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${clockTime(date, true)}`;
}
