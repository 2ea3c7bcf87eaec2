/**
 * The first number in `value` (walked deeply: objects, arrays, maps) that is NaN or infinite, as a
 * path like `values.current`, or `undefined` when every number is finite.
 */
export function findNonFinite(value: unknown, path = "value", seen: Set<object> = new Set()): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} = ${value}`;
  if (typeof value !== "object" || value === null || seen.has(value)) return undefined;
  if (ArrayBuffer.isView(value)) return undefined;
  seen.add(value);
  if (value instanceof Map) {
    for (const [key, item] of value) {
      const bad = findNonFinite(item, `${path}[${String(key)}]`, seen);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const bad = findNonFinite(item, `${path}.${key}`, seen);
    if (bad) return bad;
  }
  return undefined;
}
