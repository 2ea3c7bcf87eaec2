/**
 * Applies a scale so that decimal scales give the nearest double: 23870 × 0.01 is computed as
 * 23870 / 100 = 238.7, not 238.70000000000002. No scale (or 1) returns `raw` unchanged.
 *
 * @example applyScale(3650, 0.001); // 3.65
 */
export function applyScale(raw: number, scale: number | undefined): number {
  if (scale === undefined || scale === 1) return raw;
  const divisor = inverseInteger(scale);
  return divisor === undefined ? raw * scale : raw / divisor;
}

/**
 * The raw integer nearest to `value` / scale: the inverse of {@link applyScale}, for encoding.
 * A decimal scale is undone by multiplying with its integer inverse. No scale (or 1) rounds `value`.
 *
 * @example removeScale(238.7, 0.01); // 23870
 */
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
