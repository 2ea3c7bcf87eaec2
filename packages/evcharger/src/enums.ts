import type { Generation } from "./generation.js";

/** Charger state, input 0x001D (document; 11–13 from newer firmware, 17 as EVCC maps it). */
export const STATE_NAMES = {
  0: "Available",
  1: "Preparing",
  2: "Charging",
  3: "Finishing",
  4: "Faulted",
  5: "Unavailable",
  6: "Reserved",
  7: "SuspendedEV",
  8: "SuspendedEVSE",
  9: "Update",
  10: "CardActivation",
  11: "StartDelay",
  12: "ChargePaused",
  13: "Stopping",
  17: "PhaseSwitching",
} as const;

/** A state name of {@link STATE_NAMES}. */
export type ChargerStateName = (typeof STATE_NAMES)[keyof typeof STATE_NAMES];

/**
 * Fault bits of the first generation (nymea's list keyed 0–17, read as bit numbers; unverified, docs/protocols/evcharger.md#fault-bits-input-0x001e).
 */
export const FAULT_BITS_G1 = {
  0: "powerSelect",
  1: "emergencyStop",
  2: "l1Overvoltage",
  3: "l1Undervoltage",
  4: "l2Overvoltage",
  5: "l2Undervoltage",
  6: "l3Overvoltage",
  7: "l3Undervoltage",
  8: "electronicLock",
  9: "overload",
  10: "overcurrent",
  11: "overTemperature",
  12: "peGround",
  13: "peLeakage",
  14: "leakageOvercurrent",
  15: "meterCommunication",
  16: "rs485Communication",
  17: "cpVoltage",
} as const;

/** Fault bits of the second generation (nymea G2 bit mask, docs/protocols/evcharger.md#fault-bits-input-0x001e; bit 7 unused). */
export const FAULT_BITS_G2 = {
  0: "emergencyStop",
  1: "overcurrent",
  2: "overTemperature",
  3: "peGrounding",
  4: "leakage6mA",
  5: "peLeakageCurrent",
  6: "overPower",
  8: "l1Overvoltage",
  9: "l1Undervoltage",
  10: "l2Overvoltage",
  11: "l2Undervoltage",
  12: "l3Overvoltage",
  13: "l3Undervoltage",
  14: "meteringChipCommunication",
  15: "rs485Communication",
  16: "powerSelection",
  17: "cpVoltage",
  18: "electronicLock",
  19: "meterType",
  20: "tampered",
  21: "penRelay",
  22: "parallelCommunication",
  23: "relay1Welded",
  24: "relay1Malfunction",
  25: "relay2Welded",
  26: "relay2Malfunction",
} as const;

/** Power class, input 0x0021: the document's table (G1) and nymea's (G2), docs/protocols/evcharger.md#input-registers. */
export const TYPE_POWER: Readonly<Record<Generation, Readonly<Record<number, string>>>> = {
  g1: { 0: "7kW", 1: "11kW", 2: "22kW", 3: "4.6kW" },
  g2: { 0: "6kW", 1: "7kW", 2: "11kW", 3: "22kW", 4: "4.6kW" },
};

/** Rated current per power class (7 and 22 kW: 32 A; 11 kW three-phase: 16 A; 6 kW: 26 A; 4.6 kW: 20 A). */
export const RATED_CURRENT: Readonly<Record<string, number>> = { "7kW": 32, "11kW": 16, "22kW": 32, "6kW": 26, "4.6kW": 20 };

/** Charger type, input 0x0023 (G1 home/OCPP; G2 EVSE scene). */
export const TYPE_CHARGER: Readonly<Record<Generation, Readonly<Record<number, string>>>> = {
  g1: { 0: "home", 1: "ocpp" },
  g2: { 0: "pv", 1: "standard", 2: "ocpp" },
};

/** OCPP offline mode / EVSE scene, holding 0x061C. */
export const EVSE_SCENE: Readonly<Record<Generation, Readonly<Record<number, string>>>> = {
  g1: { 0: "private", 1: "ocpp" },
  g2: { 0: "pv", 1: "standard", 2: "ocpp" },
};

/** Charge phase, input 0x0028 and holding 0x0625 / 0x063B. */
export const CHARGE_PHASE = { 0: "threePhase", 1: "l1", 2: "l2", 3: "l3" } as const;

/** EVSE mode of the second generation, holding 0x0669 (docs/protocols/evcharger.md#holding-registers). */
export const EVSE_MODE = { 0: "fast", 1: "eco", 2: "green" } as const;

/** A mode name of {@link EVSE_MODE}. */
export type EvseModeName = (typeof EVSE_MODE)[keyof typeof EVSE_MODE];

/** Phase switch of the second generation, holding 0xA105 (evcc's G2 template; firmware ≥ 9.05). */
export const PHASE_SWITCH = { 1: "single", 2: "three" } as const;

/** Off/on switches. */
export const OFF_ON = { 0: "off", 1: "on" } as const;

/** Device mode, holding 0x060D. */
export const DEVICE_MODE = { 0: "stop", 1: "fast", 2: "eco", 3: "green" } as const;

/** A mode name of {@link DEVICE_MODE}. */
export type DeviceModeName = (typeof DEVICE_MODE)[keyof typeof DEVICE_MODE];

/** ECO gears, holding 0x060E. */
export const ECO_GEAR = { 1: "6A", 2: "10A", 3: "16A", 4: "20A", 5: "25A" } as const;

/** Green gears, holding 0x060F. */
export const GREEN_GEAR = { 1: "3A", 2: "6A" } as const;

/** Control command, holding 0x0627 ("cleared when the slave has received it": reads 0). */
export const CONTROL_COMMAND = {
  0: "none",
  1: "available",
  2: "unavailable",
  3: "stopCharging",
  4: "startCharging",
  5: "reserve",
  6: "cancelReservation",
} as const;

/** A command name of {@link CONTROL_COMMAND} other than `none`. */
export type ControlCommandName = Exclude<(typeof CONTROL_COMMAND)[keyof typeof CONTROL_COMMAND], "none">;

/** Firmware upgrade module, holding 0x3003. */
export const UPGRADE_MODULE = { 0: "reserved", 1: "ARM", 2: "MDSP", 3: "SDSP", 4: "ARC", 5: "ARM+DSP", 6: "BMS master", 7: "BMS slave", 10: "EVC" } as const;

/** Bootloader state, holding 0x30A7. */
export const IAP_STATE = {
  0x0000: "appRunning",
  0x0001: "appResumeWait",
  0x0002: "erasing",
  0x0003: "programDownload",
  0x0004: "upgradeSuccess",
  0x0005: "upgradeFail",
  0x8000: "bootloaderRunning",
  0x8001: "bootloaderResumeWait",
} as const;

/** IapState values the procedure acts on. */
export const IapState = { AppRunning: 0x0000, Erasing: 0x0002, ProgramDownload: 0x0003, Success: 0x0004, Fail: 0x0005, BootloaderRunning: 0x8000 } as const;
