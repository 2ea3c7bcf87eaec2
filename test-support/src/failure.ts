import { isBattError, type BattError } from "@batt/core";

/**
 * The `BattError` that `promise` rejects with; throws when it resolves, or rejects with anything
 * else (so that a test checks the typed error, not whatever was thrown).
 */
export async function failure(promise: Promise<unknown>): Promise<BattError> {
  try {
    await promise;
  } catch (error) {
    if (isBattError(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}
