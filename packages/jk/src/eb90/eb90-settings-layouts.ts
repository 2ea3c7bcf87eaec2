import { array, EB90_CHECKSUM_FIELD, EB90_ENVELOPE_FIELDS, num, reserved, type Eb90Field, type Eb90Layout } from "./eb90-layout.js";

// Settings (frame type 0x01), offsets from syssi/esphome-jk-bms components/jk_bms_ble/jk_bms_ble.cpp
// (decode_jk02_settings_, decode_jk04_settings_); docs/protocols/jk.md#settings-type-0x01. On
// JK-PB the offsets are the Modbus settings block's byte offsets + 6.

/** The JK02 settings both cell-count generations share (bytes 6–141, u32/i32 little-endian). */
const JK02_COMMON: readonly Eb90Field[] = [
  num("smartSleepVoltage", 6, "u32", 0.001),
  num("cellUndervoltageProtection", 10, "u32", 0.001),
  num("cellUndervoltageRecovery", 14, "u32", 0.001),
  num("cellOvervoltageProtection", 18, "u32", 0.001),
  num("cellOvervoltageRecovery", 22, "u32", 0.001),
  num("balanceTriggerVoltage", 26, "u32", 0.001),
  num("soc100Voltage", 30, "u32", 0.001),
  num("soc0Voltage", 34, "u32", 0.001),
  num("requestChargeVoltage", 38, "u32", 0.001),
  num("requestFloatVoltage", 42, "u32", 0.001),
  num("powerOffVoltage", 46, "u32", 0.001),
  num("maxChargeCurrent", 50, "u32", 0.001),
  num("chargeOvercurrentDelay", 54, "u32"),
  num("chargeOvercurrentRecovery", 58, "u32"),
  num("maxDischargeCurrent", 62, "u32", 0.001),
  num("dischargeOvercurrentDelay", 66, "u32"),
  num("dischargeOvercurrentRecovery", 70, "u32"),
  num("shortCircuitRecovery", 74, "u32"),
  num("maxBalanceCurrent", 78, "u32", 0.001),
  num("chargeOvertemperature", 82, "i32", 0.1),
  num("chargeOvertemperatureRecovery", 86, "i32", 0.1),
  num("dischargeOvertemperature", 90, "i32", 0.1),
  num("dischargeOvertemperatureRecovery", 94, "i32", 0.1),
  num("chargeUndertemperature", 98, "i32", 0.1),
  num("chargeUndertemperatureRecovery", 102, "i32", 0.1),
  num("mosOvertemperature", 106, "i32", 0.1),
  num("mosOvertemperatureRecovery", 110, "i32", 0.1),
  num("cellCount", 114, "u32"),
  num("chargeSwitch", 118, "u32"),
  num("dischargeSwitch", 122, "u32"),
  num("balancerSwitch", 126, "u32"),
  num("nominalCapacity", 130, "u32", 0.001),
  // µs on the wire, s here.
  num("shortCircuitDelay", 134, "u32", 0.000001),
  num("balanceStartVoltage", 138, "u32", 0.001),
];

/** Settings of JK02 24-cell firmware. */
export const JK02_24S_SETTINGS_LAYOUT: Eb90Layout = {
  name: "jk02-24s settings",
  fields: [...EB90_ENVELOPE_FIELDS, ...JK02_COMMON, reserved(142, 16), array("wireResistances", 158, 24, "u32", 0.001), reserved(254, 45), EB90_CHECKSUM_FIELD],
};

/** Settings of JK02 32-cell firmware (JK-PB and software 11+). */
export const JK02_32S_SETTINGS_LAYOUT: Eb90Layout = {
  name: "jk02-32s settings",
  fields: [
    ...EB90_ENVELOPE_FIELDS,
    ...JK02_COMMON,
    array("wireResistances", 142, 32, "u32", 0.001),
    num("deviceAddress", 270, "u32"),
    num("prechargeTime", 274, "u32"),
    reserved(278, 4),
    num("controlBits", 282, "u16"),
    num("heatingStartTemperature", 284, "i8"),
    num("heatingStopTemperature", 285, "i8"),
    num("smartSleepDelay", 286, "u8"),
    num("dataFieldEnable", 287, "u8"),
    reserved(288, 8),
    num("dischargeUndertemperature", 296, "i8"),
    num("dischargeUndertemperatureRecovery", 297, "i8"),
    reserved(298, 1),
    EB90_CHECKSUM_FIELD,
  ],
};

/** Settings of JK04 (IEEE floats); only the fields whose meaning is known. */
export const JK04_SETTINGS_LAYOUT: Eb90Layout = {
  name: "jk04 settings",
  fields: [
    ...EB90_ENVELOPE_FIELDS,
    reserved(6, 28),
    num("cellCount", 34, "u32"),
    num("powerOffVoltage", 38, "f32"),
    reserved(42, 32),
    num("voltageCalibration", 74, "f32"),
    reserved(78, 20),
    num("balanceStartVoltage", 98, "f32"),
    reserved(102, 4),
    num("balanceTriggerVoltage", 106, "f32"),
    num("maxBalanceCurrent", 110, "f32"),
    num("balancerSwitch", 114, "u32"),
    reserved(118, 181),
    EB90_CHECKSUM_FIELD,
  ],
};
