/**
 * Applies a scale so that decimal scales give the nearest double: 23870 × 0.01 is computed as
 * 23870 / 100 = 238.7, not 238.70000000000002.
 */
export function applyScale(raw: number, scale: number | undefined): number {
  if (scale === undefined || scale === 1) return raw;
  const divisor = inverseInteger(scale);
  return divisor === undefined ? raw * scale : raw / divisor;
}

/** The raw integer nearest to `value` / scale. */
export function removeScale(value: number, scale: number | undefined): number {
  if (scale === undefined || scale === 1) return Math.round(value);
  const divisor = inverseInteger(scale);
  return Math.round(divisor === undefined ? value / scale : value * divisor);
}

function inverseInteger(scale: number): number | undefined {
  if (scale >= 1) return undefined;
  const inverse = Math.round(1 / scale);
  return Math.abs(inverse * scale - 1) < 1e-12 ? inverse : undefined;
}
