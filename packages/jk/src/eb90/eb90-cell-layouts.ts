import { array, EB90_CHECKSUM_FIELD, EB90_ENVELOPE_FIELDS, num, reserved, type Eb90Field, type Eb90Layout } from "./eb90-layout.js";

// Cell info (frame type 0x02) of each generation, offsets from syssi/esphome-jk-bms
// components/jk_bms_ble/jk_bms_ble.cpp (decode_jk02_cell_info_, decode_jk04_cell_info_) and
// jblance/mpp-solar mppsolar/protocols/jk02.py / jk04.py; docs/protocols/jk.md#cell-info-type-0x02.

/** The JK02 live fields after the cell arrays; `shift` is 0 on 24-cell firmware and 32 on 32-cell firmware. */
function jk02Tail(shift: number, is32: boolean): Eb90Field[] {
  const at = (offset: number): number => offset + shift;
  const head: Eb90Field[] = is32
    ? [num("mosTemperature", at(112), "i16", 0.1)]
    : [reserved(at(112), 2)];
  const middle: Eb90Field[] = is32
    ? [num("alarms", at(134), "u32")]
    : [num("mosTemperature", at(134), "i16", 0.1), num("alarms", at(136), "u16")];
  const tail: Eb90Field[] = is32
    ? [
        reserved(at(206), 7),
        num("chargerPlugged", at(213), "u8"),
        reserved(at(214), 8),
        // Probes 3, 4, 5 in the order of JK's register map (live 0xF8, 0xFA, 0xFC + 6), not esphome's
        // 5, 4, 3: docs/protocols/jk.md#source-conflicts.
        num("temperature3", at(222), "i16", 0.1),
        num("temperature4", at(224), "i16", 0.1),
        num("temperature5", at(226), "i16", 0.1),
        reserved(at(228), 6),
        num("detailLogCount", at(234), "u32"),
        num("smartSleepCountdown", at(238), "u32"),
        num("pclModule", at(242), "u8"),
        num("batteryType", at(243), "u8"),
        reserved(at(244), 2),
        num("chargeStatusTime", at(246), "u16"),
        num("chargeStatus", at(248), "u8"),
        num("dryContacts", at(249), "u8"),
        reserved(at(250), 299 - at(250)),
      ]
    : [reserved(at(206), 7), num("chargerPlugged", at(213), "u8"), reserved(at(214), 24), num("smartSleepCountdown", at(238), "u32"), num("pclModule", at(242), "u8"), reserved(at(243), 299 - at(243))];
  return [
    ...head,
    num("wireResistanceWarnings", at(114), "u32"),
    num("packVoltage", at(118), "u32", 0.001),
    // Unsigned: the sign of the power is the current's.
    num("power", at(122), "u32", 0.001),
    num("current", at(126), "i32", 0.001),
    num("temperature1", at(130), "i16", 0.1),
    num("temperature2", at(132), "i16", 0.1),
    ...middle,
    num("balanceCurrent", at(138), "i16", 0.001),
    num("balanceState", at(140), "u8"),
    num("soc", at(141), "u8"),
    num("remainingCapacity", at(142), "u32", 0.001),
    num("fullChargeCapacity", at(146), "u32", 0.001),
    num("cycleCount", at(150), "u32"),
    num("cycleCapacity", at(154), "u32", 0.001),
    num("soh", at(158), "u8"),
    num("precharge", at(159), "u8"),
    num("userAlarm", at(160), "u16"),
    num("runtime", at(162), "u32"),
    num("chargeMos", at(166), "u8"),
    num("dischargeMos", at(167), "u8"),
    num("precharging", at(168), "u8"),
    num("balancing", at(169), "u8"),
    num("dischargeOvercurrentReleaseTimer", at(170), "u16"),
    num("dischargeShortCircuitReleaseTimer", at(172), "u16"),
    num("chargeOvercurrentReleaseTimer", at(174), "u16"),
    num("chargeShortCircuitReleaseTimer", at(176), "u16"),
    num("undervoltageReleaseTimer", at(178), "u16"),
    num("overvoltageReleaseTimer", at(180), "u16"),
    // Named "absent" by esphome, but a set bit means fitted: docs/protocols/jk.md#temperature-sensor-presence.
    num("temperatureSensorPresence", at(182), "u8"),
    num("heating", at(183), "u8"),
    reserved(at(184), 2),
    num("emergencyTime", at(186), "u16"),
    num("dischargeCurrentCorrection", at(188), "u16"),
    num("chargeCurrentSensorVoltage", at(190), "u16", 0.001),
    num("dischargeCurrentSensorVoltage", at(192), "u16", 0.001),
    num("voltageCorrection", at(194), "u32"),
    reserved(at(198), 6),
    num("heatingCurrent", at(204), "i16", 0.001),
    ...tail,
    EB90_CHECKSUM_FIELD,
  ];
}

/**
 * The cell block that opens a JK02 cell info frame: the cell voltages from byte 6, then the mask,
 * average, delta, extreme cells and the resistances, each moved on by the room the cells take
 * (24 cells on firmware below 11, 32 from 11 and on JK-PB).
 */
function jk02Head(cells: 24 | 32): Eb90Field[] {
  const after = 6 + 2 * cells;
  return [
    array("cellVoltages", 6, cells, "u16", 0.001),
    num("cellMask", after, "u32"),
    num("averageCellVoltage", after + 4, "u16", 0.001),
    num("deltaCellVoltage", after + 6, "u16", 0.001),
    num("maxCellIndex", after + 8, "u8"),
    num("minCellIndex", after + 9, "u8"),
    array("cellResistances", after + 10, cells, "u16", 0.001),
  ];
}

/** Cell info of JK02 24-cell firmware (JK-B…, software below 11): 24 cells of u16 mV. */
export const JK02_24S_CELL_LAYOUT: Eb90Layout = {
  name: "jk02-24s cell-info",
  fields: [...EB90_ENVELOPE_FIELDS, ...jk02Head(24), ...jk02Tail(0, false)],
};

/** Cell info of JK02 32-cell firmware (software 11 and later, JK-PB): 32 cells, the live fields 16 and then 32 bytes further on. */
export const JK02_32S_CELL_LAYOUT: Eb90Layout = {
  name: "jk02-32s cell-info",
  fields: [...EB90_ENVELOPE_FIELDS, ...jk02Head(32), ...jk02Tail(32, true)],
};

/** Cell info of JK04 (JK-B2A16S / JK-B2A24S hardware 2.x/3.x): IEEE floats; no current, SOC or temperatures are known in it. */
export const JK04_CELL_LAYOUT: Eb90Layout = {
  name: "jk04 cell-info",
  fields: [
    ...EB90_ENVELOPE_FIELDS,
    array("cellVoltages", 6, 24, "f32"),
    array("cellResistances", 102, 25, "f32"),
    num("averageCellVoltage", 202, "f32"),
    num("deltaCellVoltage", 206, "f32"),
    reserved(210, 10),
    num("balanceState", 220, "u8"),
    reserved(221, 1),
    num("balanceCurrent", 222, "f32"),
    reserved(226, 60),
    num("runtime", 286, "u32"),
    reserved(290, 9),
    EB90_CHECKSUM_FIELD,
  ],
};
