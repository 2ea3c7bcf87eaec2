import type { LinkDefaults } from "@batt/core";

/** Unit address of a controller as shipped ("can be changed on the device"). */
export const DEFAULT_UNIT = 1;

/**
 * Address the vendor's BLE tool sends to: the controller answers it as a wildcard, from its own
 * address (docs/protocols/voltaic.md#wildcard-address-0xfe). Useful for discovery on a one-device bus.
 */
export const WILDCARD_UNIT = 0xfe;

/** Serial settings of the RS-485 port: 9600 baud, 8 data bits, no parity, 1 stop bit (docs/protocols/voltaic.md#physical-layer). */
export const VOLTAIC_LINK: LinkDefaults = { kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 };

/** Reply deadline in ms: the guide's minimalmodbus example uses 1 s (docs/protocols/voltaic.md#timing). */
export const DEFAULT_TIMEOUT_MS = 1000;

/** Least time between two requests in ms; the guide documents no rule, the reference recommends ≥ 50 ms. */
export const DEFAULT_MIN_GAP_MS = 50;

/** Coil that switches the load ("battery output switch", FC 0x05). */
export const LOAD_COIL = 0x0000;

/**
 * Accepted low-voltage-protection range in volts for a 12 V pack. The vendor documents no range,
 * so the reference asks for validation against the battery system
 * (docs/protocols/voltaic.md#load-switch-and-low-voltage-protection); override it for other packs.
 */
export const DEFAULT_LVP_RANGE: LvpRange = { min: 10.0, max: 13.0 };

/** A closed range of low-voltage-protection settings, in volts. */
export interface LvpRange {
  /** Lowest accepted value, V. */
  readonly min: number;
  /** Highest accepted value, V. */
  readonly max: number;
}
