import { defineRegisterMap, type RegisterField, type RegisterFields, type RegisterMap } from "@batt/modbus-rtu";
import { RegisterArea } from "../constants.js";
import type { SystemLayoutId } from "../models/model.js";

/** Which model limit caps a setting (the table's range is the family's widest). */
export type ModelCap = "chargePower" | "dischargePower";

/** A SYSTEM layout as data. */
export interface SystemLayout {
  /** Layout id. */
  readonly id: SystemLayoutId;
  /** Registers the layout spans. */
  readonly registers: number;
  /** Named fields (absolute holding addresses from 0x8400); empty when the layout is not known field by field. */
  readonly map: RegisterMap<RegisterFields>;
  /**
   * Fields a write may change: those with a documented range or a closed set of values. Everything
   * else (reserved, versions, fixed values, undocumented units) is read-only.
   */
  readonly writable: ReadonlySet<string>;
  /** Fields that change the link itself (Modbus mode, address, baud, parity): written only when asked. */
  readonly linkFields: ReadonlySet<string>;
  /** Fields capped by the model's power limits. */
  readonly modelCaps: Readonly<Record<string, ModelCap>>;
}

const at = (offset: number): number => RegisterArea.system + offset;
const onOff = { 0: "off", 1: "on" } as const;
const deci = (offset: number, unit: string, min?: number, max?: number, description?: string): RegisterField => ({
  address: at(offset),
  type: "u16",
  scale: 0.1,
  unit,
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
  ...(description ? { description } : {}),
});
const plain = (offset: number, unit?: string, min?: number, max?: number, description?: string): RegisterField => ({
  address: at(offset),
  type: "u16",
  ...(unit ? { unit } : {}),
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
  ...(description ? { description } : {}),
});
/** A delay stored in minutes, given in s (`min`/`max` in s). */
const minutes = (offset: number, min: number, max: number, description: string): RegisterField => ({ address: at(offset), type: "u16", scale: 60, unit: "s", min, max, description });
/** A charge stored in mAh (32 bits, low word first), given in Ah. */
const ampHours = (offset: number, description?: string): RegisterField => ({
  address: at(offset),
  type: "u32",
  wordOrder: "low-first",
  scale: 0.001,
  unit: "Ah",
  ...(description ? { description } : {}),
});
const choice = (offset: number, values: Readonly<Record<number, string>>, description?: string): RegisterField => ({
  address: at(offset),
  type: "enum",
  values,
  ...(description ? { description } : {}),
});

/** Temperatures, fans, display and beeper: DUO offsets 0–22 (PDF V2.1). */
function duoFields(): Record<string, RegisterField> {
  return {
    temperatureUnit: choice(0, { 0: "C", 1: "F" }),
    cutTemperature: deci(1, "°C", 60, 75, "cut-off temperature"),
    fanOnTemperature: deci(2, "°C", 30, 50, "fans-on temperature"),
    powerReduceDelta: deci(3, "°C", 5, 20, "power-reduce temperature delta"),
    fanSpeed: plain(4, undefined, undefined, undefined, "fan speed / reserved"),
    fanOffDelay: minutes(5, 0, 600, "fans-off delay"),
    lcdContrast: plain(6, undefined, 0, 32),
    backlight: plain(7, undefined, 1, 33),
    beepMode: plain(8, undefined, undefined, undefined, "beep mode / reserved"),
    beepTypeKey: plain(9),
    beepTypeHint: plain(10),
    beepTypeAlarm: plain(11),
    beepTypeDone: plain(12),
    beepEnableKey: choice(13, onOff),
    beepEnableHint: choice(14, onOff),
    beepEnableAlarm: choice(15, onOff),
    beepEnableDone: choice(16, onOff),
    beepVolumeKey: plain(17, undefined, 0, 10),
    beepVolumeHint: plain(18, undefined, 0, 10),
    beepVolumeAlarm: plain(19, undefined, 0, 10),
    beepVolumeDone: plain(20, undefined, 0, 10),
    doneBeepType: plain(21, undefined, undefined, undefined, "done-beep type / language"),
    calibrationSelect: choice(22, { 0: "system", 1: "user" }),
    systemVersion: plain(23, undefined, undefined, undefined, "system parameter version"),
    inputSource: choice(24, { 0: "DC", 1: "battery" }),
    dcInputLowVoltage: deci(25, "V", 9, 48),
    dcInputOverVoltage: deci(26, "V", undefined, undefined, "fixed at 50.5 V"),
    dcInputCurrentLimit: { address: at(27), type: "s16", scale: 0.1, unit: "A", min: 1, max: 65 },
    batteryInputLowVoltage: deci(28, "V", undefined, undefined, "unit assumed as for the DC input"),
    batteryInputOverVoltage: deci(29, "V", undefined, undefined, "unit assumed as for the DC input"),
    batteryInputCurrentLimit: deci(30, "A", undefined, undefined, "unit assumed as for the DC input"),
    regenDischargeEnable: choice(31, onOff),
    regenVoltageLimit: deci(32, "V"),
    regenCurrentLimit: deci(33, "A"),
    chargePowerCh1: plain(34, "W", 5, 1400),
    chargePowerCh2: plain(35, "W", 5, 1400),
    dischargePowerCh1: plain(36, "W", 5, 130),
    dischargePowerCh2: plain(37, "W", 5, 130),
    powerPriority: choice(38, { 0: "average", 1: "CH1", 2: "CH2" }),
    logIntervalCh1: deci(39, "s", 0.5, 60, "monitor log interval"),
    logIntervalCh2: deci(40, "s", 0.5, 60, "monitor log interval"),
    logToSdCh1: choice(41, onOff),
    logToSdCh2: choice(42, onOff),
    servoType: plain(43),
    servoUserCenter: plain(44),
    servoUserRate: plain(45),
    servoUserAngle: plain(46),
    modbusMode: choice(47, { 0: "off", 1: "HID", 2: "serial" }),
    serialAddress: plain(48, undefined, 1, 247),
    baudRate: choice(49, { 0: "9600", 1: "19200", 2: "38400", 3: "57600", 4: "115200", 5: "128000" }),
    parity: choice(50, { 0: "none", 1: "even", 2: "odd" }),
    regenCapacityLimit: ampHours(51, "newer DUO firmware only (reserved before)"),
  };
}

/** Fields of one of the four X input-source blocks (9 registers from `offset`). */
function xInputBlock(n: number, offset: number): Record<string, RegisterField> {
  const p = `input${n}`;
  return {
    [`${p}LowVoltage`]: deci(offset, "V"),
    [`${p}CurrentLimit`]: deci(offset + 1, "A"),
    [`${p}ChargePower`]: plain(offset + 2, "W"),
    [`${p}RegenEnable`]: choice(offset + 3, onOff),
    [`${p}RegenVoltage`]: deci(offset + 4, "V"),
    [`${p}RegenCurrent`]: deci(offset + 5, "A"),
    [`${p}RegenPower`]: plain(offset + 6, "W"),
    [`${p}RegenCapacityLimit`]: ampHours(offset + 7),
  };
}

/**
 * X/S fields (DataExplorer, confirmed by a capture). Ranges of fields shared with the DUO layout are
 * the DUO's; the input-source blocks have no documented ranges and are read-only.
 */
function xFields(): Record<string, RegisterField> {
  return {
    temperatureUnit: choice(0, { 0: "C", 1: "F" }),
    cutTemperature: deci(1, "°C", 60, 75, "cut-off temperature (DUO range)"),
    fanOnTemperature: deci(2, "°C", 30, 50, "fans-on temperature (DUO range)"),
    powerReduceDelta: deci(3, "°C", 5, 20, "power-reduce temperature delta (DUO range)"),
    fanOffDelay: minutes(4, 0, 600, "fans-off delay (DUO range)"),
    lcdContrast: plain(5, undefined, 0, 32, "DUO range"),
    backlight: plain(6, undefined, 1, 33, "DUO range"),
    beepTypeKey: plain(7),
    beepTypeHint: plain(8),
    beepTypeAlarm: plain(9),
    beepTypeDone: plain(10),
    beepEnableKey: choice(11, onOff),
    beepEnableHint: choice(12, onOff),
    beepEnableAlarm: choice(13, onOff),
    beepEnableDone: choice(14, onOff),
    beepVolumeKey: plain(15, undefined, 0, 10),
    beepVolumeHint: plain(16, undefined, 0, 10),
    beepVolumeAlarm: plain(17, undefined, 0, 10),
    beepVolumeDone: plain(18, undefined, 0, 10),
    language: plain(19),
    calibrationSelect: choice(20, { 0: "system", 1: "user" }),
    systemVersion: plain(21),
    inputSource: plain(22, undefined, 0, 3, "selects one of the four input-source blocks"),
    ...xInputBlock(1, 23),
    ...xInputBlock(2, 32),
    ...xInputBlock(3, 41),
    ...xInputBlock(4, 50),
    dischargePower: plain(59, "W", 5, 130),
    logInterval: deci(60, "s", 0.5, 60, "DUO range"),
    logToSd: choice(61, onOff),
    servoType: plain(62),
    servoUserCenter: plain(63),
    servoUserRate: plain(64),
    servoUserAngle: plain(65),
  };
}

function writableOf(fields: Readonly<Record<string, RegisterField>>): Set<string> {
  return new Set(
    Object.entries(fields)
      .filter(([, f]) => f.type === "enum" || ("min" in f && f.min !== undefined && "max" in f && f.max !== undefined))
      .map(([name]) => name),
  );
}

function layout(id: SystemLayoutId, registers: number, fields: Record<string, RegisterField>, modelCaps: Record<string, ModelCap>, linkFields: string[]): SystemLayout {
  return { id, registers, map: defineRegisterMap(fields as RegisterFields), writable: writableOf(fields), linkFields: new Set(linkFields), modelCaps };
}

/** The SYSTEM layouts (docs/protocols/icharger.md#system-settings-holding-0x8400). DX is 180 bytes whose fields are not documented one by one: raw only. */
export const SYSTEM_LAYOUTS: Readonly<Record<SystemLayoutId, SystemLayout>> = {
  duo: layout(
    "duo",
    59,
    duoFields(),
    { chargePowerCh1: "chargePower", chargePowerCh2: "chargePower", dischargePowerCh1: "dischargePower", dischargePowerCh2: "dischargePower" },
    ["modbusMode", "serialAddress", "baudRate", "parity"],
  ),
  x: layout("x", 78, xFields(), { dischargePower: "dischargePower" }, []),
  dx: layout("dx", 90, {}, {}, []),
};
