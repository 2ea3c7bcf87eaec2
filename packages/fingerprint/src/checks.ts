import { BattError, ErrorCode } from "@batt/core";

/** Throws `invalid-argument` with `message` and `context`. */
export function invalid(message: string, context: Record<string, unknown> = {}): never {
  throw new BattError(ErrorCode.InvalidArgument, message, { context });
}

/**
 * Checks that `values` is an array of finite numbers and returns a plain copy.
 *
 * @throws BattError `invalid-argument` when it is not.
 */
export function finiteArray(values: readonly number[], name: string): number[] {
  if (!Array.isArray(values)) invalid(`${name} must be an array of numbers`);
  const copy: number[] = [];
  values.forEach((value, index) => {
    if (typeof value !== "number" || !Number.isFinite(value)) invalid(`${name}[${index}] is not a finite number`, { value });
    copy.push(value);
  });
  return copy;
}

/**
 * Checks that `value` is a finite number.
 *
 * @throws BattError `invalid-argument` when it is not.
 */
export function finiteNumber(value: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) invalid(`${name} is not a finite number`, { value });
  return value;
}

/**
 * Checks that `value` is a finite number greater than zero.
 *
 * @throws BattError `invalid-argument` when it is not.
 */
export function positiveNumber(value: number, name: string): number {
  if (finiteNumber(value, name) <= 0) invalid(`${name} must be greater than 0`, { value });
  return value;
}
