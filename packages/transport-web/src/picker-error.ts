import { BattError } from "@batt/core";
import { errorName, errorText } from "./dom-error.js";

/** Turns a rejection of a picker or of `getPorts()` into a BattError that says what to do. */
export function pickerError(what: string, error: unknown): BattError {
  switch (errorName(error)) {
    case "NotFoundError":
      return new BattError("not-found", `no ${what} was selected`, { cause: error });
    case "SecurityError":
    case "NotAllowedError":
      return new BattError(
        "unsupported",
        `the browser refused to show the ${what} picker (${errorText(error)}): it must be opened from a click or key press, on a page allowed to use the device`,
        { cause: error },
      );
    case "TypeError":
      return new BattError("invalid-argument", `bad ${what} filter: ${errorText(error)}`, { cause: error });
    default:
      return new BattError("not-found", `could not get a ${what}: ${errorText(error)}`, { cause: error });
  }
}
