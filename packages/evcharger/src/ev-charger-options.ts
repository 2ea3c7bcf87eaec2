import type { LinkOptions, RequestEngineOptions } from "@batt/core";
import type { ModbusFrame } from "@batt/modbus-rtu";
import type { Generation } from "./generation.js";
import type { WordOrders } from "./word-order.js";

/** Options for `EvCharger`: the link options (defaults `EVCHARGER_LINK_DEFAULTS`) and the charger's own. */
export interface EvChargerOptions extends LinkOptions {
  /** The charger's bus address (default `EVCHARGER_DEFAULT_ADDRESS`, 70). */
  readonly address?: number;
  /** Generation whose map and word orders apply (default `auto`: detected from serial and firmware, first generation when unsure). */
  readonly generation?: Generation | "auto";
  /** Word order per 32-bit register, overriding the generation's defaults. */
  readonly wordOrders?: Partial<WordOrders>;
  /** Quiet-period drain after a timeout. */
  readonly drain?: RequestEngineOptions<ModbusFrame>["drain"];
  /** Least time between two changes of one EEPROM-backed register, ms (default 60 000; 0: no limit). */
  readonly eepromMinIntervalMs?: number;
  /**
   * How long `EvCharger.read` keeps the settings (holding registers) before reading them again, ms
   * (default 0: every reading reads them). The live input block is read on every reading; a write
   * through this driver makes the settings due at once.
   */
  readonly slowRefreshMs?: number;
}

/** Date and time for the charger's clock (0x061E–0x0623). */
export interface ChargerClock {
  /** Full year (2000–2099). */
  readonly year: number;
  /** Month 1–12. */
  readonly month: number;
  /** Day 1–31. */
  readonly day: number;
  /** Hours 0–23. */
  readonly hours: number;
  /** Minutes 0–59. */
  readonly minutes: number;
  /** Seconds 0–59. */
  readonly seconds: number;
}
