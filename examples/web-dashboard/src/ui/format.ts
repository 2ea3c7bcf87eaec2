/** `12.34 V`: a number with fixed decimals and a unit; `–` for a missing value. */
export function fixed(value: number | undefined, decimals: number, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return `${value.toFixed(decimals)} ${unit}`;
}

/** Signed: `+12.3 A`, `−4.0 A` (a real minus sign), `0.0 A`. */
export function signed(value: number, decimals: number, unit: string): string {
  const text = Math.abs(value).toFixed(decimals);
  const zero = Number(text) === 0;
  return `${zero ? "" : value > 0 ? "+" : "−"}${text} ${unit}`;
}

/** `14 mV` for a difference in volts. */
export function millivolts(volts: number): string {
  return `${Math.round(volts * 1000)} mV`;
}
