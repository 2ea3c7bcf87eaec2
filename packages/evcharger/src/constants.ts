import type { LinkDefaults } from "@batt/core";

/** The charger's usual Modbus address, 70 (0x46); the document's "default 0x01" is the inverters' (docs/protocols/evcharger.md#physical-layer-and-timing). */
export const DEFAULT_UNIT = 70;

/** Serial settings: 9600 baud, 8 data bits, no parity, 1 stop bit (docs/protocols/evcharger.md#physical-layer-and-timing). */
export const EVCHARGER_LINK: LinkDefaults = { kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 };

/** Least time between two instructions, ms ("the least interval time between two instructions: 1 s"). */
export const DEFAULT_MIN_INTERVAL_MS = 1000;

/** Response timeout, ms (document: 1 s). */
export const DEFAULT_TIMEOUT_MS = 1000;

/** Deadline for the reply to the erase step of a firmware upgrade, ms (document: "wait for a 10-second timeout"). */
export const ERASE_TIMEOUT_MS = 10_000;

/**
 * Least time between two changes of one EEPROM-backed register, ms (docs/protocols/evcharger.md#eeprom-wear-protection: the document
 * warns that frequent writes wear the EEPROM out; default one change per register per minute).
 */
export const DEFAULT_EEPROM_MIN_INTERVAL_MS = 60_000;

/** Lowest charging current a car accepts (IEC 61851), A. */
export const MIN_CHARGE_CURRENT_A = 6;

/** Highest charging current of the charger family, A. */
export const MAX_CHARGE_CURRENT_A = 32;

/** Registers of the 0x0000 input block on first-generation chargers (0x0000–0x002C). */
export const G1_INPUT_COUNT = 0x2d;

/** Registers of the 0x0000 input block on second-generation chargers (adds 0x002D–0x0030). */
export const G2_INPUT_COUNT = 0x31;
