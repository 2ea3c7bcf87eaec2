/**
 * Raw × scale without float noise for decimal scales: 3650 × 0.001 is computed as 3650 / 1000 = 3.65,
 * not 3.6500000000000004.
 */
export function applyScale(raw: number, scale: number | undefined): number {
  if (scale === undefined || scale === 1) return raw;
  const divisor = inverseInteger(scale);
  return divisor === undefined ? raw * scale : raw / divisor;
}

/** The raw integer nearest to value / scale. */
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
