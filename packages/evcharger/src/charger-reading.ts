import type { RegisterValues } from "@batt/modbus-rtu";
import type { Generation } from "./generation.js";
import type { HoldingRegisterMap } from "./holding-registers.js";
import type { G2_STATUS_REGISTERS, InputRegisterMap } from "./input-registers.js";

/** Every input register, decoded (see {@link inputRegisterMap}). */
export type ChargerStatus = RegisterValues<InputRegisterMap["fields"]> & Partial<RegisterValues<(typeof G2_STATUS_REGISTERS)["fields"]>>;

/** The holding registers that could be read, decoded (see {@link holdingRegisterMap}). */
export type ChargerSettings = Partial<RegisterValues<HoldingRegisterMap["fields"]>>;

/** One complete reading of the charger, the details of its `DeviceReading`. JSON-ready. */
export interface EvChargerReading {
  /** The charger's bus address. */
  readonly address: number;
  /** The generation the values were decoded for. */
  readonly generation: Generation;
  /** Live values and state. */
  readonly status: ChargerStatus;
  /** Settings. */
  readonly settings: ChargerSettings;
  /** Holding registers the charger refused to read (older firmware), by name. */
  readonly unavailable: readonly string[];
  /** Doubts about the values, such as an implausible energy counter that suggests the other word order. */
  readonly warnings: readonly string[];
  /** Age of `settings`, s: 0 when read with this reading, more when kept from an earlier one (`slowRefreshMs`). */
  readonly settingsAge?: number;
}

/** What a control command achieved, as far as one read of the state shows. */
export interface CommandResult {
  /** The command sent (holding 0x0627). */
  readonly command: string;
  /** The state read after it. */
  readonly state: string | number;
  /** Whether the state is one the command leads to (the register is not latched, so this is the only evidence). */
  readonly confirmed: boolean;
}

/** What a settings write did. */
export interface SettingWriteResult {
  /** Register name. */
  readonly name: string;
  /** The value before, as decoded (undefined for commands, which are not read). */
  readonly previous?: unknown;
  /** The value read back after the write (or the unchanged value). */
  readonly value?: unknown;
  /** Whether a write was sent (false when the value was already set). */
  readonly written: boolean;
}
