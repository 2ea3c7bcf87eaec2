import { NO_RETRY, type DriverLinkDefaults } from "@batt/core";

/** Bus address of a controller as shipped ("can be changed on the device"). */
export const VOLTAIC_DEFAULT_ADDRESS = 1;

/**
 * Address the vendor's BLE tool sends to: the controller answers it as a wildcard, from its own
 * address (docs/protocols/voltaic.md#wildcard-address-0xfe). Useful for discovery on a one-device bus.
 */
export const VOLTAIC_WILDCARD_ADDRESS = 0xfe;

/**
 * The driver's link defaults: a 1 s reply deadline (the guide's minimalmodbus example,
 * docs/protocols/voltaic.md#timing), 50 ms between requests (the guide documents no rule; the
 * reference recommends ≥ 50 ms), no retry.
 */
export const VOLTAIC_LINK_DEFAULTS: DriverLinkDefaults = { timeoutMs: 1000, minGapMs: 50, retry: NO_RETRY };

/** Coil that switches the load ("battery output switch", FC 0x05). */
export const LOAD_COIL = 0x0000;

/**
 * Accepted low-voltage-protection range in volts for a 12 V pack. The vendor documents no range,
 * so the reference asks for validation against the battery system
 * (docs/protocols/voltaic.md#load-switch-and-low-voltage-protection); override it for other packs.
 */
export const VOLTAIC_DEFAULT_LVP_RANGE: LvpRange = { min: 10.0, max: 13.0 };

/** A closed range of low-voltage-protection settings, in volts. */
export interface LvpRange {
  /** Lowest accepted value, V. */
  readonly min: number;
  /** Highest accepted value, V. */
  readonly max: number;
}
