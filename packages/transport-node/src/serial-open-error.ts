import { existsSync } from "node:fs";
import { BattError } from "@batt/core";

const MISSING = /no such file|file not found|cannot find the file|ENOENT/i;

/**
 * Turns a failed `SerialPort.open` into a {@link BattError} that names the path: `not-found` when
 * the device does not exist, `not-open` for anything else (busy, permissions, not a tty).
 */
export function serialOpenError(path: string, error: unknown): BattError {
  const reason = error instanceof Error ? error.message : String(error);
  // Windows COM names are not filesystem paths, so only the message can tell there.
  const missing = MISSING.test(reason) || (process.platform !== "win32" && !existsSync(path));
  if (missing) {
    return new BattError("not-found", `serial port ${path} does not exist (${reason})`, { cause: error });
  }
  const hint = /permission denied|access denied/i.test(reason)
    ? process.platform === "linux"
      ? "; is the user in the dialout (or uucp) group?"
      : "; is another program using the port?"
    : "";
  return new BattError("not-open", `cannot open serial port ${path}: ${reason}${hint}`, { cause: error });
}
