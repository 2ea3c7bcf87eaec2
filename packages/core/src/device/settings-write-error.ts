import { BattError, toBattError } from "../errors.js";

/**
 * The error to throw when a settings write stops at `error`. Before anything was written it is the
 * failure itself; after some writes it keeps the failure's code and says in its message and
 * `context` which settings were `written` (and read back) and which were `notWritten` (or are
 * uncertain), so that a person knows what the device now holds.
 */
export function settingsWriteError(error: unknown, written: readonly string[], notWritten: readonly string[]): BattError {
  const cause = toBattError(error, "frame");
  if (written.length === 0) return cause;
  return new BattError(cause.code, `settings write failed: ${cause.message}. Written and verified: ${written.join(", ")}; not written or uncertain: ${notWritten.join(", ")}`, {
    cause,
    context: { ...cause.context, written, notWritten },
  });
}
