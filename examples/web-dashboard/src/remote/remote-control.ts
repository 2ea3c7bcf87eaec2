import { BattError, type DeviceControl } from "@batt/core";
import type { AnnouncedControl } from "./discovery-entry.js";

/** Sends one command through the gateway and waits for its result (see {@link GatewayDevice}). */
export type SendCommand = (control: AnnouncedControl, payload: string, signal?: AbortSignal) => Promise<void>;

function checkNumber(control: AnnouncedControl, value: number): void {
  const { min = -Infinity, max = Infinity, step } = control;
  if (!Number.isFinite(value)) throw new BattError("invalid-argument", `${control.name}: not a number`);
  if (value < min || value > max) throw new BattError("invalid-argument", `${control.name}: ${value} is outside ${min}..${max}`);
  if (step !== undefined && step > 0 && Number.isFinite(min)) {
    const steps = (value - min) / step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9) throw new BattError("invalid-argument", `${control.name}: ${value} is not on the step of ${step} from ${min}`);
  }
}

/**
 * A device control on a gateway, as the page's controls see any other: `set`/`press` publish the
 * gateway's command payload (`ON`/`OFF`, a number, `PRESS`) and resolve once the gateway reports
 * that the device confirmed it by read-back. A number is checked here first, as the gateway will.
 */
export function remoteControl(control: AnnouncedControl, send: SendCommand): DeviceControl {
  const base = { key: control.key, name: control.name, ...(control.state ? { state: control.state } : {}) };
  switch (control.kind) {
    case "switch":
      return { ...base, kind: "switch", set: (on, signal) => send(control, on ? "ON" : "OFF", signal) };
    case "number":
      return {
        ...base,
        kind: "number",
        min: control.min ?? 0,
        max: control.max ?? 0,
        step: control.step ?? 1,
        ...(control.unit ? { unit: control.unit } : {}),
        set: async (value, signal) => {
          checkNumber(control, value);
          await send(control, String(value), signal);
        },
      };
    case "button":
      return { ...base, kind: "button", press: (signal) => send(control, "PRESS", signal) };
  }
}
