import type { RegisterValues } from "@batt/modbus-rtu";
import type { VOLTAIC_INPUT_REGISTERS } from "./registers.js";

/** Every real-time register, decoded to SI values (see {@link VOLTAIC_INPUT_REGISTERS}). */
export type VoltaicRealtime = RegisterValues<(typeof VOLTAIC_INPUT_REGISTERS)["fields"]>;

/** Registers as they were read: the first address and the raw words. JSON-ready. */
export interface RawBlock {
  /** Address of `registers[0]`. */
  readonly address: number;
  /** The raw words, 0..65535. */
  readonly registers: readonly number[];
}

/** One complete reading of a controller, the details of its `DeviceReading`. JSON-ready. */
export interface VoltaicReading {
  /** Bus address the controller answered from. */
  readonly address: number;
  /** Real-time values, in V, A, W, °C, Wh and %; the energy totals as full 32-bit counters. */
  readonly values: VoltaicRealtime;
  /** Whether the load output is on (0x3035 bit 0). */
  readonly loadOn: boolean;
  /** Low-voltage protection threshold (holding 0x9022), V. */
  readonly lowVoltageProtection: number;
  /** The raw blocks behind `values`, so registers of unknown meaning stay visible. */
  readonly raw: readonly RawBlock[];
}

/** What {@link VoltaicController.setLoad} found after switching. */
export interface LoadSwitchResult {
  /** What was asked for. */
  readonly requested: boolean;
  /** The load state read back (0x3035 bit 0). */
  readonly on: boolean;
  /** Load voltage read back, V. */
  readonly loadVoltage: number;
}
