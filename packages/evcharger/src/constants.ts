import { isTransientError, type DriverLinkDefaults, type RetryPolicy } from "@batt/core";

/** The charger's usual Modbus address, 70 (0x46); the document's "default 0x01" is the inverters' (docs/protocols/evcharger.md#physical-layer-and-timing). */
export const EVCHARGER_DEFAULT_ADDRESS = 70;

/**
 * Retries reads once after a transient error: the charger misses ~2 % of polls
 * (docs/protocols/evcharger.md#physical-layer-and-timing); writes are never repeated.
 */
export const READ_RETRY: RetryPolicy = {
  retries: 1,
  retryOn: (error) => isTransientError(error) && [0x03, 0x04].includes(error.context.request?.[1] ?? 0),
};

/**
 * The driver's link defaults: the document's 1 s response timeout and its "least interval time
 * between two instructions: 1 s" as the gap between requests; reads retried once ({@link READ_RETRY}).
 */
export const EVCHARGER_LINK_DEFAULTS: DriverLinkDefaults = { timeoutMs: 1000, minGapMs: 1000, retry: READ_RETRY };

/** Deadline for the reply to the erase step of a firmware upgrade, ms (document: "wait for a 10-second timeout"). */
export const ERASE_TIMEOUT_MS = 10_000;

/**
 * Least time between two changes of one EEPROM-backed register, ms (docs/protocols/evcharger.md#eeprom-wear-protection: the document
 * warns that frequent writes wear the EEPROM out; default one change per register per minute).
 */
export const EVCHARGER_EEPROM_MIN_INTERVAL_MS = 60_000;

/** Lowest charging current a car accepts (IEC 61851), A. */
export const MIN_CHARGE_CURRENT_A = 6;

/** Highest charging current of the charger family, A. */
export const MAX_CHARGE_CURRENT_A = 32;

/** Registers of the 0x0000 input block on first-generation chargers (0x0000–0x002C). */
export const G1_INPUT_COUNT = 0x2d;

/** Registers of the 0x0000 input block on second-generation chargers (adds 0x002D–0x0030). */
export const G2_INPUT_COUNT = 0x31;
