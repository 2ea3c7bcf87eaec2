/** Protection status bits of basic info offset 16, by bit number (bit 15 is reserved). */
export const PROTECTION_FLAGS = [
  "cellOvervoltage",
  "cellUndervoltage",
  "packOvervoltage",
  "packUndervoltage",
  "chargeOvertemperature",
  "chargeUndertemperature",
  "dischargeOvertemperature",
  "dischargeUndertemperature",
  "chargeOvercurrent",
  "dischargeOvercurrent",
  "shortCircuit",
  "frontEndError",
  "softwareLock",
  "chargeMosBreakdown",
  "dischargeMosBreakdown",
] as const;

/** One protection flag name. */
export type ProtectionFlag = (typeof PROTECTION_FLAGS)[number];

/** Alarm bits of the extended basic-info tail, by bit number (bits 12–15 are reserved). */
export const ALARM_FLAGS = [
  "cellHighVoltage",
  "cellLowVoltage",
  "packHighVoltage",
  "packLowVoltage",
  "chargeHighTemperature",
  "chargeLowTemperature",
  "dischargeHighTemperature",
  "dischargeLowTemperature",
  "chargeHighCurrent",
  "dischargeHighCurrent",
  "cellVoltageDifference",
  "lowCapacity",
] as const;

/** One alarm flag name. */
export type AlarmFlag = (typeof ALARM_FLAGS)[number];

/** Function-configuration bits of register 0x2D (V11 / OKS names), by bit number. */
export const FUNCTION_FLAGS = [
  "switch",
  "loadLock",
  "balanceEnable",
  "balanceOnlyWhileCharging",
  "ledEnable",
  "ledCount",
  "fccRestriction",
  "rtc",
  "chargingHandshake",
  "gps",
  "buzzer",
  "startingBattery",
  "unitTimes10",
  "bleRadioPower",
] as const;

/**
 * The bms-tools names of the first function-configuration bits (its `BitfieldReg('func_config', …)`), accepted as
 * aliases when a bit set is given by name: `scrl` is the load detection after a short circuit.
 */
export const FUNCTION_FLAG_ALIASES: Readonly<Record<string, (typeof FUNCTION_FLAGS)[number]>> = {
  scrl: "loadLock",
  balance_en: "balanceEnable",
  chg_balance_en: "balanceOnlyWhileCharging",
  led_en: "ledEnable",
  led_num: "ledCount",
};

/** NTC enable bits of register 0x2E. */
export const NTC_FLAGS = ["ntc1", "ntc2", "ntc3", "ntc4", "ntc5", "ntc6", "ntc7", "ntc8"] as const;

/** Every named bit of `raw` as a boolean, by name. */
export function decodeFlags<N extends string>(raw: number, names: readonly N[]): Record<N, boolean> {
  const out = {} as Record<N, boolean>;
  names.forEach((name, bit) => {
    out[name] = ((raw >>> bit) & 1) === 1;
  });
  return out;
}

/** The names of the bits set in `raw` (unnamed bits are left out; keep `raw` for them). */
export function activeFlags<N extends string>(raw: number, names: readonly N[]): N[] {
  return names.filter((_, bit) => ((raw >>> bit) & 1) === 1);
}

/** The integer with the named bits set; unknown names are ignored by the caller's validation. */
export function encodeFlags<N extends string>(set: readonly N[], names: readonly N[]): number {
  let raw = 0;
  for (const name of set) {
    const bit = names.indexOf(name);
    if (bit >= 0) raw |= 1 << bit;
  }
  return raw >>> 0;
}
