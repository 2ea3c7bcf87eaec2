import { BattError } from "@batt/core";
import type { JbdClient } from "./client.js";
import { JbdRegister } from "./constants.js";
import { u16Data } from "./encode.js";
import { withFactoryMode, type FactoryModeOptions } from "./factory-mode.js";
import { celsiusToKelvinTenths } from "./units.js";

/** Commands of register 0x0A (`AA 00`, docs/protocols/jbd.md#control-commands-0x0a), by name. Older firmware answers 0x80. */
export const CONTROL_COMMANDS = {
  /** Reset capacity: re-estimate SOC from voltage. */
  resetCapacity: 0x01,
  /** Clear history counts. */
  clearHistory: 0x02,
  /** Restart the BMS microcontroller. */
  mcuReset: 0x03,
  /** Clear protection and alarm status. */
  clearProtection: 0x04,
  /** Go to sleep. */
  sleep: 0x05,
  /** Power down (a charger is needed to wake it). */
  powerDown: 0x06,
  /** Automatic balancing. */
  autoBalance: 0x07,
  /** Storage / transport mode. */
  storageMode: 0x08,
  /** SOC < 20 % cut-off switch. */
  lowSocCutoff: 0x09,
  /** Force output below 20 %. */
  forceOutput: 0x0a,
  /** Force start (starting-battery mode). */
  forceStart: 0x0b,
  /** Forced heating. */
  forceHeating: 0x0c,
} as const;

/** Name of a 0x0A command. */
export type ControlCommand = keyof typeof CONTROL_COMMANDS;

/** Balance test modes of register 0xE2. */
export const BALANCE_TEST_MODES = { odd: 0x01, even: 0x02, off: 0x03 } as const;

/** A balance test mode: balance odd cells, even cells, or close all balancers. */
export type BalanceTestMode = keyof typeof BALANCE_TEST_MODES;

/** Sends a 0x0A command (`AA 00`) without factory mode, as the frames of docs/protocols/jbd.md#request-frames do. */
export async function sendControl(client: JbdClient, command: ControlCommand, signal?: AbortSignal): Promise<void> {
  const code = CONTROL_COMMANDS[command];
  if (code === undefined) throw new BattError("invalid-argument", `unknown control command "${command}"`);
  await client.write(JbdRegister.Control, [code, 0x00], signal);
}

/**
 * Starts a balance test (0xE2, inside factory mode). The test stays active until factory mode is
 * entered and left again: {@link endBalanceTest}.
 */
export async function balanceTest(client: JbdClient, mode: BalanceTestMode, options: FactoryModeOptions = {}): Promise<void> {
  const code = BALANCE_TEST_MODES[mode];
  if (code === undefined) throw new BattError("invalid-argument", `unknown balance test mode "${mode}"`);
  await withFactoryMode(client, options, async () => {
    await client.write(JbdRegister.BalanceControl, [0, code], options.signal);
  });
}

/** Ends a balance test by entering and leaving factory mode. */
export async function endBalanceTest(client: JbdClient, options: FactoryModeOptions = {}): Promise<void> {
  await withFactoryMode(client, options, async () => undefined);
}

/** A calibration or capacity write (all need factory mode; saved with the `28 28` exit). */
export type Calibration =
  /** Zero the current reading: write with no current flowing. */
  | { readonly kind: "idleCurrent" }
  /** The actual charge current, A (positive). */
  | { readonly kind: "chargeCurrent"; readonly current: number }
  /** The actual discharge current, A (positive). */
  | { readonly kind: "dischargeCurrent"; readonly current: number }
  /** The measured voltage of cell `cell` (1–32), V. */
  | { readonly kind: "cellVoltage"; readonly cell: number; readonly voltage: number }
  /** The measured temperature of NTC `ntc` (1–8), °C. */
  | { readonly kind: "temperature"; readonly ntc: number; readonly temperature: number }
  /** Remaining capacity, Ah. */
  | { readonly kind: "remainingCapacity"; readonly capacity: number };

function checked(value: number, min: number, max: number, what: string): number {
  if (!Number.isFinite(value) || value < min || value > max) throw new BattError("invalid-argument", `${what} out of range ${min}..${max}: ${value}`);
  return value;
}

function checkedIndex(value: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new BattError("invalid-argument", `${what} must be 1..${max}: ${value}`);
  return value;
}

/** The register and word of a calibration (validated; nothing is sent). */
export function calibrationWrite(calibration: Calibration): { readonly register: number; readonly value: number } {
  switch (calibration.kind) {
    case "idleCurrent":
      return { register: JbdRegister.IdleCurrentCalibration, value: 0 };
    case "chargeCurrent":
      return { register: JbdRegister.ChargeCurrentCalibration, value: Math.round(checked(calibration.current, 0, 655.35, "charge current") * 100) };
    case "dischargeCurrent":
      return { register: JbdRegister.DischargeCurrentCalibration, value: Math.round(checked(calibration.current, 0, 655.35, "discharge current") * 100) };
    case "cellVoltage":
      return {
        register: JbdRegister.CellCalibrationBase + checkedIndex(calibration.cell, 32, "cell") - 1,
        value: Math.round(checked(calibration.voltage, 0, 5, "cell voltage") * 1000),
      };
    case "temperature":
      return {
        register: JbdRegister.NtcCalibrationBase + checkedIndex(calibration.ntc, 8, "NTC") - 1,
        value: celsiusToKelvinTenths(checked(calibration.temperature, -40, 120, "temperature")),
      };
    case "remainingCapacity":
      return { register: JbdRegister.RemainingCapacity, value: Math.round(checked(calibration.capacity, 0, 655.35, "remaining capacity") * 100) };
  }
}

/** Performs a calibration or capacity write inside factory mode and commits it. */
export async function calibrate(client: JbdClient, calibration: Calibration, options: FactoryModeOptions = {}): Promise<void> {
  const { register, value } = calibrationWrite(calibration);
  await withFactoryMode(client, options, async (scope) => {
    await client.write(register, u16Data(value), options.signal);
    scope.save = true;
  });
}
