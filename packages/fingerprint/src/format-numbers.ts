/** `value` rounded to `digits` decimals (for display and JSON output). */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A resistance in mΩ with a precision that suits its size: 2 decimals below 10 mΩ, 1 above. */
export function formatMilliohm(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** A signed percentage with one decimal ("+10.4%", "-3.0%"). */
export function formatPercent(fraction: number): string {
  const text = (fraction * 100).toFixed(1);
  return `${fraction >= 0 && !text.startsWith("-") ? "+" : ""}${text}%`;
}

/** The date part (YYYY-MM-DD) of an ISO time. */
export function formatDate(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 10);
}

/** A confidence (0–1) with four decimals; values that would round to 1 show as "0.9999+" (never a false certainty). */
export function formatConfidence(confidence: number): string {
  return confidence > 0.99995 ? "0.9999+" : confidence.toFixed(4);
}
