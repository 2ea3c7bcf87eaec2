import type { Unit } from "../model/units.js";

/** What every control has. */
interface ControlBase {
  /** Stable id within the device (`charge_switch`, `charge_current`). */
  readonly key: string;
  /** Name for a person. */
  readonly name: string;
  /** Key of the measurement that shows the control's current state, where one does. */
  readonly state?: string;
}

/** An on/off control (a MOSFET, the balancer, a load output, charging). */
export interface SwitchControl extends ControlBase {
  /** A switch. */
  readonly kind: "switch";
  /** Switches it, and resolves once the device confirms the new state (read back). */
  set(on: boolean, signal?: AbortSignal): Promise<void>;
}

/** A numeric setting applied at once (a charge current). */
export interface NumberControl extends ControlBase {
  /** A number. */
  readonly kind: "number";
  /** Unit of the value. */
  readonly unit?: Unit;
  /** Least value accepted. */
  readonly min: number;
  /** Greatest value accepted. */
  readonly max: number;
  /** Step between accepted values. */
  readonly step: number;
  /**
   * Applies `value`, and resolves once the device confirms it (read back).
   *
   * @throws BattError `invalid-argument` outside `min`..`max` or off the step, before anything is sent.
   */
  set(value: number, signal?: AbortSignal): Promise<void>;
}

/** An action without a state (stop a program). */
export interface ButtonControl extends ControlBase {
  /** A button. */
  readonly kind: "button";
  /** Does it, and resolves once the device confirms it. */
  press(signal?: AbortSignal): Promise<void>;
}

/**
 * Something an application may change on a device while it watches it: what the gateway exposes to
 * Home Assistant as switches, numbers and buttons, and what the dashboard offers behind a confirmation.
 * Every control checks its value before sending and reads the result back.
 */
export type DeviceControl = SwitchControl | NumberControl | ButtonControl;
