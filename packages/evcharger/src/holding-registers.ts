import { defineRegisterMap } from "@batt/modbus-rtu";
import { CHARGE_PHASE, CONTROL_COMMAND, DEVICE_MODE, ECO_GEAR, EVSE_MODE, EVSE_SCENE, GREEN_GEAR, OFF_ON, PHASE_SWITCH } from "./enums.js";
import type { Generation } from "./generation.js";
import type { WordOrders } from "./word-order.js";
import { MAX_CHARGE_CURRENT_A, MIN_CHARGE_CURRENT_A } from "./constants.js";

/**
 * The holding registers of the document (0x0600–0x0640, and the second generation's 0x0668, 0x0669 and 0xA105) for one generation and word-order table,
 * with the ranges writes are checked against (document, or the reference where the document
 * gives none). Which ones are EEPROM-backed is in {@link HOLDING_WRITE_POLICY}.
 */
export function holdingRegisterMap(generation: Generation, orders: WordOrders) {
  return defineRegisterMap({
    serialNumber: { address: 0x0600, type: "string", length: 7, description: "Serial number (14 characters)" },
    wifiSerialNumber: { address: 0x0607, type: "string", length: 5, description: "Wi-Fi dongle serial number (10 characters)" },
    deviceType: { address: 0x060c, type: "enum", values: { 0: "externalCt", 1: "externalMeter", 2: "inverter" }, description: "Metering: external CT, meter or inverter" },
    deviceMode: { address: 0x060d, type: "enum", values: DEVICE_MODE, description: "Charge mode" },
    ecoGear: { address: 0x060e, type: "enum", values: ECO_GEAR, description: "ECO gear" },
    greenGear: { address: 0x060f, type: "enum", values: GREEN_GEAR, description: "Green gear" },
    startMode: { address: 0x0610, type: "enum", values: { 0: "plugAndCharge", 1: "swipeCard", 2: "app" }, description: "How charging starts (2: G2 only)" },
    overVoltage: { address: 0x0611, type: "u16", unit: "V", min: 260, max: 300, description: "Over-voltage setting" },
    underVoltage: { address: 0x0612, type: "u16", unit: "V", min: 80, max: 160, description: "Under-voltage setting" },
    boostMode: { address: 0x0613, type: "enum", values: { 0: "normal", 1: "timerBoost", 2: "smartBoost" }, description: "Boost mode" },
    mainBreakerLimit: { address: 0x0614, type: "u16", unit: "A", min: 11, max: 300, description: "Main breaker limit current" },
    electronicLock: { address: 0x0615, type: "enum", values: { 0: "unlock", 1: "lock" }, description: "Electronic lock" },
    cardActivation: { address: 0x0616, type: "enum", values: OFF_ON, description: "Card activation switch" },
    restoreFactorySettings: { address: 0x0617, type: "u16", description: "Restore factory settings (write to trigger)" },
    reset: { address: 0x0618, type: "u16", description: "Software reset (write to trigger)" },
    totalEnergy: { address: 0x0619, type: "u32", wordOrder: orders.holdingEnergyTotal, scale: 100, unit: "Wh", description: "Accumulated charging energy (copy, 0.1 kWh steps)" },
    ocppChargeCurrent: { address: 0x061b, type: "s16", scale: 0.001, unit: "A", description: "OCPP charging current" },
    evseScene: { address: 0x061c, type: "enum", values: EVSE_SCENE[generation], description: "OCPP offline mode (G1) / EVSE scene (G2)" },
    timezone: {
      address: 0x061d,
      type: "s16",
      unit: generation === "g1" ? "h" : "min",
      ...(generation === "g1" ? { min: -12, max: 12 } : { min: -720, max: 840 }),
      description: "Time zone (G1: hours; newer firmware: minutes)",
    },
    rtcSeconds: { address: 0x061e, type: "u16", min: 0, max: 59, unit: "s", description: "RTC seconds" },
    rtcMinutes: { address: 0x061f, type: "u16", min: 0, max: 59, unit: "min", description: "RTC minutes" },
    rtcHours: { address: 0x0620, type: "u16", min: 0, max: 23, unit: "h", description: "RTC hours" },
    rtcDay: { address: 0x0621, type: "u16", min: 1, max: 31, description: "RTC day" },
    rtcMonth: { address: 0x0622, type: "u16", min: 1, max: 12, description: "RTC month" },
    rtcYear: { address: 0x0623, type: "u16", min: 0, max: 99, description: "RTC year % 100" },
    datahubChargeCurrent: { address: 0x0624, type: "u16", scale: 0.01, unit: "A", min: MIN_CHARGE_CURRENT_A, max: MAX_CHARGE_CURRENT_A, description: "Datahub charging current" },
    chargePhase: { address: 0x0625, type: "enum", values: CHARGE_PHASE, description: "Charge phase (X3)" },
    ukSafetyAte: { address: 0x0626, type: "enum", values: OFF_ON, description: "UK safety ATE switch" },
    controlCommand: { address: 0x0627, type: "enum", values: CONTROL_COMMAND, description: "Control command (cleared when received)" },
    maxCurrent: { address: 0x0628, type: "u16", scale: 0.01, unit: "A", min: MIN_CHARGE_CURRENT_A, max: MAX_CHARGE_CURRENT_A, description: "Charging current" },
    customizedSerialNumber: { address: 0x0629, type: "string", length: 11, description: "Customized (Tigo) serial number" },
    timerBoostStartHours: { address: 0x0634, type: "u16", min: 1, max: 12, unit: "h", description: "Timer boost start, hours" },
    timerBoostStartMinutes: { address: 0x0635, type: "u16", min: 0, max: 59, unit: "min", description: "Timer boost start, minutes" },
    timerBoostEndHours: { address: 0x0636, type: "u16", min: 1, max: 12, unit: "h", description: "Timer boost end, hours" },
    timerBoostEndMinutes: { address: 0x0637, type: "u16", min: 0, max: 59, unit: "min", description: "Timer boost end, minutes" },
    smartBoostEndHours: { address: 0x0638, type: "u16", min: 1, max: 12, unit: "h", description: "Smart boost end, hours" },
    smartBoostEndMinutes: { address: 0x0639, type: "u16", min: 0, max: 59, unit: "min", description: "Smart boost end, minutes" },
    smartBoostEnergy: { address: 0x063a, type: "u16", scale: 1000, min: 0, max: 100_000, unit: "Wh", description: "Smart boost preset energy (1 kWh steps)" },
    chargePhaseAlt: { address: 0x063b, type: "enum", values: CHARGE_PHASE, description: "Charge phase (second register)" },
    unbalancedPower: { address: 0x063c, type: "u16", min: 1300, max: 7200, unit: "W", description: "Three-phase unbalance power" },
    unbalancedSwitch: { address: 0x063d, type: "enum", values: OFF_ON, description: "Three-phase unbalance switch" },
    modeButton: { address: 0x063e, type: "enum", values: { 0: "none", 1: "shortPress", 2: "longPress" }, description: "Manual button press" },
    minCurrent: { address: 0x063f, type: "u16", scale: 0.01, unit: "A", description: "Master-indicated minimum AC line current" },
    slaveAddress: { address: 0x0640, type: "u16", min: 1, max: 247, description: "Own RS-485 address" },
    g2MaxCurrent: { address: 0x0668, type: "u16", scale: 0.01, unit: "A", min: MIN_CHARGE_CURRENT_A, max: MAX_CHARGE_CURRENT_A, description: "Maximum charging current (G2; the limit honoured under Datahub/OCPP)" },
    evseMode: { address: 0x0669, type: "enum", values: EVSE_MODE, description: "EVSE mode (G2)" },
    phaseSwitch: { address: 0xa105, type: "enum", values: PHASE_SWITCH, description: "1-phase/3-phase switch (G2, firmware ≥ 9.05)" },
  });
}

/** The holding map type (the same fields for both generations). */
export type HoldingRegisterMap = ReturnType<typeof holdingRegisterMap>;

/** A holding register name. */
export type HoldingName = HoldingRegisterMap["names"][number];

/**
 * How a write to a holding register is treated (docs/protocols/evcharger.md#eeprom-wear-protection):
 * `eeprom` — stored in EEPROM: read first, skip unchanged, at most one change per register per interval;
 * `volatile` — skip unchanged, no rate limit; `command` — a trigger, always sent, never read back.
 */
export type WritePolicy = "eeprom" | "volatile" | "command";

/**
 * Write policy per holding register. The document's EEPROM marks were lost in its text, so every
 * configuration register counts as EEPROM-backed except the command, current and clock registers.
 */
export const HOLDING_WRITE_POLICY: Readonly<Record<HoldingName, WritePolicy>> = {
  serialNumber: "eeprom",
  wifiSerialNumber: "eeprom",
  deviceType: "eeprom",
  deviceMode: "eeprom",
  ecoGear: "eeprom",
  greenGear: "eeprom",
  startMode: "eeprom",
  overVoltage: "eeprom",
  underVoltage: "eeprom",
  boostMode: "eeprom",
  mainBreakerLimit: "eeprom",
  electronicLock: "eeprom",
  cardActivation: "eeprom",
  restoreFactorySettings: "command",
  reset: "command",
  totalEnergy: "eeprom",
  ocppChargeCurrent: "eeprom",
  evseScene: "eeprom",
  timezone: "eeprom",
  rtcSeconds: "volatile",
  rtcMinutes: "volatile",
  rtcHours: "volatile",
  rtcDay: "volatile",
  rtcMonth: "volatile",
  rtcYear: "volatile",
  datahubChargeCurrent: "volatile",
  chargePhase: "eeprom",
  ukSafetyAte: "eeprom",
  controlCommand: "command",
  maxCurrent: "volatile",
  customizedSerialNumber: "eeprom",
  timerBoostStartHours: "eeprom",
  timerBoostStartMinutes: "eeprom",
  timerBoostEndHours: "eeprom",
  timerBoostEndMinutes: "eeprom",
  smartBoostEndHours: "eeprom",
  smartBoostEndMinutes: "eeprom",
  smartBoostEnergy: "eeprom",
  chargePhaseAlt: "eeprom",
  unbalancedPower: "eeprom",
  unbalancedSwitch: "eeprom",
  modeButton: "command",
  minCurrent: "eeprom",
  slaveAddress: "eeprom",
  // Not marked in any source: EEPROM-backed is the safe assumption (docs/protocols/evcharger.md#eeprom-wear-protection).
  g2MaxCurrent: "eeprom",
  evseMode: "eeprom",
  phaseSwitch: "eeprom",
};

/** Holding registers only the second generation has (docs/protocols/evcharger.md#holding-registers); the driver refuses them on G1. */
export const G2_ONLY_HOLDING: readonly HoldingName[] = ["g2MaxCurrent", "evseMode", "phaseSwitch"];

/** A block of holding registers read in one request. */
export interface HoldingBlock {
  /** First register. */
  readonly address: number;
  /** Number of registers. */
  readonly count: number;
}

/**
 * How the driver reads the holding registers: serial numbers, the settings block the reference
 * reads as `46 03 06 0C 00 1D` (0x060C–0x0628), and the later additions (0x0629–0x0640, document
 * V2.3–V2.8; older firmware may refuse them, which leaves those fields out).
 */
export const HOLDING_BLOCKS: readonly HoldingBlock[] = [
  { address: 0x0600, count: 12 },
  { address: 0x060c, count: 0x1d },
  { address: 0x0629, count: 0x18 },
];
