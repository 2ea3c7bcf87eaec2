import { BattError, type DeviceControl } from "@batt/core";

/** What a command payload asks a control to do. */
export type CommandValue = { readonly kind: "switch"; readonly on: boolean } | { readonly kind: "number"; readonly value: number } | { readonly kind: "button" };

const ON = new Set(["on", "true", "1"]);
const OFF = new Set(["off", "false", "0"]);

/**
 * Reads a command payload for a control: `ON`/`OFF` (also `true`/`false`, `1`/`0`) for a switch, a
 * number within min..max on the step for a number, anything (`PRESS`) for a button.
 *
 * @throws BattError `invalid-argument` for a payload the control cannot take (nothing is sent).
 */
export function parseCommandValue(control: DeviceControl, payload: string): CommandValue {
  const text = payload.trim();
  switch (control.kind) {
    case "switch": {
      const word = text.toLowerCase();
      if (ON.has(word)) return { kind: "switch", on: true };
      if (OFF.has(word)) return { kind: "switch", on: false };
      throw new BattError("invalid-argument", `${control.key}: expected ON or OFF, got "${text}"`);
    }
    case "number": {
      const value = text === "" ? NaN : Number(text);
      if (!Number.isFinite(value)) throw new BattError("invalid-argument", `${control.key}: expected a number, got "${text}"`);
      if (value < control.min || value > control.max) throw new BattError("invalid-argument", `${control.key}: ${value} is outside ${control.min}..${control.max}`);
      const steps = (value - control.min) / control.step;
      if (Math.abs(steps - Math.round(steps)) > 1e-9) throw new BattError("invalid-argument", `${control.key}: ${value} is not on the step of ${control.step} from ${control.min}`);
      return { kind: "number", value };
    }
    case "button":
      return { kind: "button" };
  }
}

/** Applies a parsed command to its control (which checks again and reads back). */
export async function applyCommand(control: DeviceControl, value: CommandValue, signal?: AbortSignal): Promise<void> {
  if (control.kind === "switch" && value.kind === "switch") return control.set(value.on, signal);
  if (control.kind === "number" && value.kind === "number") return control.set(value.value, signal);
  if (control.kind === "button" && value.kind === "button") return control.press(signal);
  throw new BattError("invalid-argument", `${control.key}: a ${value.kind} command for a ${control.kind}`);
}
