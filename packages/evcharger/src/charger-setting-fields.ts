import { BattError, type SettingField } from "@batt/core";
import { registerSettingField, type RegisterField } from "@batt/modbus-rtu";
import { MAX_CHARGE_CURRENT_A, MIN_CHARGE_CURRENT_A } from "./constants.js";
import { holdingRegisterMap, type HoldingName } from "./holding-registers.js";
import { wordOrdersFor } from "./word-order.js";

/** The key of the charging-current field: `maxCurrent` (0x0628) on G1, `g2MaxCurrent` (0x0668) on G2, written with `setChargeCurrent`. */
export const CHARGE_CURRENT_KEY = "chargeCurrent";

/**
 * The holding registers an editor offers, with their heading: data. Left out on purpose: serial
 * numbers, `totalEnergy` (identity and a counter, not settings); the command registers
 * (`controlCommand`, `reset`, `restoreFactorySettings`, `modeButton`: actions); the clock (volatile,
 * set with `setClock`); `timezone` and `evseScene` (unit and meaning differ by generation, a field
 * is one thing); `ocppChargeCurrent`, `datahubChargeCurrent` and `minCurrent` (set points a master
 * writes; an editor would fight it); `chargePhaseAlt` (a copy of `chargePhase`); `slaveAddress` (a
 * write moves the charger away from the session); `ukSafetyAte` (a safety-test switch); `maxCurrent`
 * and `g2MaxCurrent` (one field, {@link CHARGE_CURRENT_KEY}).
 */
export const CHARGER_SETTINGS: readonly { readonly name: HoldingName; readonly group: string }[] = [
  { name: "deviceMode", group: "Charging" },
  { name: "ecoGear", group: "Charging" },
  { name: "greenGear", group: "Charging" },
  { name: "evseMode", group: "Charging" },
  { name: "startMode", group: "Charging" },
  { name: "chargePhase", group: "Charging" },
  { name: "phaseSwitch", group: "Charging" },
  { name: "boostMode", group: "Boost" },
  { name: "timerBoostStartHours", group: "Boost" },
  { name: "timerBoostStartMinutes", group: "Boost" },
  { name: "timerBoostEndHours", group: "Boost" },
  { name: "timerBoostEndMinutes", group: "Boost" },
  { name: "smartBoostEndHours", group: "Boost" },
  { name: "smartBoostEndMinutes", group: "Boost" },
  { name: "smartBoostEnergy", group: "Boost" },
  { name: "deviceType", group: "Grid" },
  { name: "mainBreakerLimit", group: "Grid" },
  { name: "overVoltage", group: "Grid" },
  { name: "underVoltage", group: "Grid" },
  { name: "unbalancedSwitch", group: "Grid" },
  { name: "unbalancedPower", group: "Grid" },
  { name: "electronicLock", group: "Access" },
  { name: "cardActivation", group: "Access" },
];

function fieldOf(name: HoldingName, group: string, field: RegisterField): SettingField {
  const setting = registerSettingField(name, field, { group });
  if (!setting) throw new BattError("unsupported", `${name} is not a number or a choice`);
  return setting;
}

/**
 * The charger's settings as fields for an editor: the charging current first, then
 * {@link CHARGER_SETTINGS} described by the holding register map (unit, range, step; enums by
 * their names). Second-generation fields (`evseMode`, `phaseSwitch`) are read only from such chargers.
 */
export function chargerSettingFields(): SettingField[] {
  const map = holdingRegisterMap("g1", wordOrdersFor("g1"));
  const fields = map.fields as Readonly<Record<string, RegisterField>>;
  const current: SettingField = {
    key: CHARGE_CURRENT_KEY,
    name: "charging current limit (at most the charger's rating)",
    group: "Charging",
    type: "number",
    unit: "A",
    min: MIN_CHARGE_CURRENT_A,
    max: MAX_CHARGE_CURRENT_A,
    step: 0.01,
  };
  return [current, ...CHARGER_SETTINGS.map((s) => fieldOf(s.name, s.group, fields[s.name]!))];
}
