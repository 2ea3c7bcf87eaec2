import { isBattError } from "@batt/core";

/** A failure as a person reads it: a `BattError`'s message with its code (`… (verify-failed)`), or any error's message. */
export function errorText(error: unknown): string {
  if (isBattError(error)) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
