import type { Int16Field, Int32Field } from "@batt/modbus-rtu";

/**
 * `count` consecutive 16-bit fields named `${prefix}${n}` (n from 1), as data for a register map:
 * per-cell voltages and wire resistances.
 */
export function wordFields<P extends string>(
  prefix: P,
  wordOffset: number,
  count: number,
  field: Omit<Int16Field, "address">,
): Record<`${P}${number}`, Int16Field> {
  const out: Record<string, Int16Field> = {};
  for (let i = 0; i < count; i++) out[`${prefix}${i + 1}`] = { ...field, address: wordOffset + i };
  return out as Record<`${P}${number}`, Int16Field>;
}

/** `count` consecutive 32-bit fields named `${prefix}${n}` (n from 1). */
export function longFields<P extends string>(
  prefix: P,
  wordOffset: number,
  count: number,
  field: Omit<Int32Field, "address">,
): Record<`${P}${number}`, Int32Field> {
  const out: Record<string, Int32Field> = {};
  for (let i = 0; i < count; i++) out[`${prefix}${i + 1}`] = { ...field, address: wordOffset + 2 * i };
  return out as Record<`${P}${number}`, Int32Field>;
}

/** Values of `${prefix}1` … `${prefix}${count}` of a decoded map, in order. */
export function arrayOf(values: Readonly<Record<string, unknown>>, prefix: string, count: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= count; i++) out.push(values[`${prefix}${i}`] as number);
  return out;
}

/**
 * Joins field tables into one, keeping the template-literal keys of generated arrays in the type
 * (an object spread inside `defineRegisterMap(...)` would drop them).
 */
export function joinFields<A extends object, B extends object, C extends object = object>(a: A, b: B, c?: C): A & B & C {
  return { ...a, ...b, ...c } as A & B & C;
}
