/**
 * The wait before the next attempt after `failures` failures in a row: the normal interval first,
 * then doubling, never more than `maxMs`.
 */
export function backoffDelay(failures: number, intervalMs: number, maxMs: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(intervalMs * 2 ** Math.min(failures - 1, 30), Math.max(maxMs, intervalMs));
}
