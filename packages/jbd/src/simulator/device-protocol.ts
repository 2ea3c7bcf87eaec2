import { encodeBasicInfo } from "../basic-info.js";
import { encodeCellVoltages } from "../cell-voltages.js";
import { CLEAR_PASSWORD_TEXT, FACTORY_ENTER_DATA, JbdRegister, JbdStatus } from "../constants.js";
import { encodeErrorCounters } from "../error-counters.js";
import { JBD_FET_CONTROL_REGISTER } from "../fet-control.js";
import { JBD_PARAMETER_REGISTER } from "../parameters.js";
import type { BalanceTestMode } from "../control.js";
import type { JbdRequest } from "../frame.js";
import { bytesToText, encodeStringRegister } from "../text.js";
import type { DeviceReply, JbdDevice } from "./jbd-device.js";
import { answerFetControl, answerParameterRead, answerParameterWrite } from "./parameter-protocol.js";
import { decodePasswordBytes } from "./password-check.js";

type Ok = (data?: Uint8Array) => DeviceReply;
type Fail = (status: number) => DeviceReply;

const EMPTY = new Uint8Array(0);
const EXTENDED_TABLE = [0x42, 0x43, 0x44, 0x45, 0x46, 0x47];
const BALANCE_TEST_CODES: Readonly<Record<number, BalanceTestMode>> = { 1: "odd", 2: "even", 3: "off" };

function replies(request: JbdRequest): { ok: Ok; fail: Fail } {
  return {
    ok: (data = EMPTY) => ({ register: request.register, status: JbdStatus.Ok, data }),
    fail: (status) => ({ register: request.register, status, data: EMPTY }),
  };
}

/** Answers a read request: live registers always, EEPROM registers in factory mode only (else 0x81), unknown ones with 0x80. */
export function answerRead(d: JbdDevice, request: JbdRequest): DeviceReply {
  const { ok, fail } = replies(request);
  const reg = request.register;
  switch (reg) {
    case JbdRegister.BasicInfo:
      return ok(encodeBasicInfo(d.basicInfoRaw()));
    case JbdRegister.CellVoltages:
      return ok(encodeCellVoltages(d.cellVoltages().map((v) => Math.max(0, Math.round(v * 1000)))));
    case JbdRegister.DeviceName:
      return ok(Uint8Array.from(d.config.model ?? `JBD-SIM-${d.pack.cells.length}S`, (c) => c.charCodeAt(0) & 0xff));
    case JbdRegister.ErrorCounters:
      return ok(encodeErrorCounters(d.errorCounters()));
    case JbdRegister.FactoryEnter:
      return d.config.afeChip === undefined ? fail(JbdStatus.UnknownRegister) : ok(Uint8Array.of(0, d.config.afeChip));
    case JBD_PARAMETER_REGISTER:
      return answerParameterRead(d, request.data, ok, fail);
  }
  const value = d.eeprom.get(reg);
  if (value === undefined) return fail(JbdStatus.UnknownRegister);
  if (!d.factoryMode) return fail(JbdStatus.NotPermitted);
  return ok(typeof value === "string" ? encodeStringRegister(value) : Uint8Array.of(value >> 8, value & 0xff));
}

/**
 * Answers a write request: factory entry/exit, passwords, MOSFET and balance control, 0x0A
 * commands, calibration, and EEPROM writes (factory mode only; wrong lengths answer 0x80).
 */
export function answerWrite(d: JbdDevice, request: JbdRequest): DeviceReply {
  const { ok, fail } = replies(request);
  const { register: reg, data } = request;
  const word = data.length === 2 ? (data[0]! << 8) | data[1]! : undefined;
  switch (reg) {
    case JbdRegister.FactoryEnter:
      if (word !== ((FACTORY_ENTER_DATA[0]! << 8) | FACTORY_ENTER_DATA[1]!)) return fail(JbdStatus.UnknownRegister);
      if (d.passwordSupported && d.password !== undefined && !d.authenticated) return fail(JbdStatus.NotPermitted);
      d.factoryMode = true;
      d.balanceTestFresh = false;
      return ok();
    case JbdRegister.FactoryExit:
      if (word !== 0x0000 && word !== 0x2828) return fail(JbdStatus.UnknownRegister);
      if (d.factoryMode) {
        // A balance test survives the exit of the session that started it, and ends at the next one.
        if (!d.balanceTestFresh) d.balanceTest = undefined;
        d.balanceTestFresh = false;
        if (word === 0x2828) {
          d.eeprom.commit();
          d.protections.resetCounts();
        }
      }
      d.factoryMode = false;
      return ok();
    case JbdRegister.UsePassword:
    case JbdRegister.SetPassword:
      return passwordWrite(d, reg, data, ok, fail);
    case JbdRegister.ClearPassword:
      if (data[0] !== 6 || bytesToText(data.subarray(1)) !== CLEAR_PASSWORD_TEXT) return fail(JbdStatus.NotPermitted);
      d.password = undefined;
      return ok();
    case JbdRegister.MosfetControl:
      if (d.config.mosfetRequiresFactory && !d.factoryMode) return fail(JbdStatus.NotPermitted);
      if (word === undefined || word > 3) return fail(JbdStatus.UnknownRegister);
      d.mosfetMask = word;
      return ok();
    case JbdRegister.Control:
      return control(d, data, ok, fail);
    case JBD_PARAMETER_REGISTER:
      return answerParameterWrite(d, data, ok, fail);
    case JBD_FET_CONTROL_REGISTER:
      return answerFetControl(d, data, ok, fail);
    case JbdRegister.BalanceControl: {
      if (!d.factoryMode) return fail(JbdStatus.NotPermitted);
      const mode = word === undefined ? undefined : BALANCE_TEST_CODES[word];
      if (!mode) return fail(JbdStatus.UnknownRegister);
      d.balanceTest = mode;
      d.balanceTestFresh = true;
      return ok();
    }
  }
  if (isCalibration(reg)) {
    if (!d.factoryMode) return fail(JbdStatus.NotPermitted);
    if (word === undefined) return fail(JbdStatus.UnknownRegister);
    calibrate(d, reg, word);
    return ok();
  }
  const existing = d.eeprom.get(reg);
  if (existing === undefined) {
    // Older firmware acknowledges writes to the missing capacity registers and ignores them.
    if (EXTENDED_TABLE.includes(reg) && d.factoryMode) return ok();
    return fail(JbdStatus.UnknownRegister);
  }
  if (!d.factoryMode) return fail(JbdStatus.NotPermitted);
  if (typeof existing === "string") {
    const n = data[0];
    if (n === undefined || n + 1 > data.length || n > 31) return fail(JbdStatus.UnknownRegister);
    d.eeprom.set(reg, bytesToText(data.subarray(1, 1 + n)));
    return ok();
  }
  if (word === undefined) return fail(JbdStatus.UnknownRegister);
  d.eeprom.set(reg, word);
  return ok();
}

/** Registers 0x06 (use) and 0x07 (set): mismatch answers 0x81, a malformed payload 0x83, firmware without PIN 0x80. */
function passwordWrite(d: JbdDevice, reg: number, data: Uint8Array, ok: Ok, fail: Fail): DeviceReply {
  if (!d.passwordSupported) return fail(JbdStatus.UnknownRegister);
  const encoding = d.config.passwordEncoding ?? "raw";
  const matches = (bytes: Uint8Array): boolean => d.password === undefined || decodePasswordBytes(bytes, encoding) === d.password;
  if (reg === JbdRegister.UsePassword) {
    if (data[0] !== 6 || data.length !== 7) return fail(JbdStatus.PasswordError);
    if (!matches(data.subarray(1))) return fail(JbdStatus.NotPermitted);
    d.authenticated = true;
    return ok();
  }
  if (data[0] !== 12 || data.length !== 13) return fail(JbdStatus.PasswordError);
  const next = decodePasswordBytes(data.subarray(7), encoding);
  if (!matches(data.subarray(1, 7)) || next === undefined) return fail(JbdStatus.NotPermitted);
  d.password = next;
  return ok();
}

/** Register 0x0A commands `AA 00`. */
function control(d: JbdDevice, data: Uint8Array, ok: Ok, fail: Fail): DeviceReply {
  if (d.config.controlSupported === false) return fail(JbdStatus.UnknownRegister);
  const code = data[0];
  if (data.length !== 2 || code === undefined || code < 1 || code > 0x0c) return fail(JbdStatus.UnknownRegister);
  d.controlLog.push(code);
  switch (code) {
    case 0x01: // re-estimate SOC from the resting cell voltages
      d.remainingCapacity = (d.pack.soc / 100) * d.fullChargeCapacity();
      break;
    case 0x02:
      d.protections.resetCounts();
      break;
    case 0x03:
      d.factoryMode = false;
      d.authenticated = false;
      d.balanceTest = undefined;
      d.restarts++;
      break;
    case 0x04:
      d.protections.clear();
      break;
    case 0x05:
      d.asleep = true;
      break;
    case 0x06:
      d.poweredDown = true;
      break;
  }
  return ok();
}

function isCalibration(reg: number): boolean {
  return (
    reg === JbdRegister.IdleCurrentCalibration ||
    reg === JbdRegister.ChargeCurrentCalibration ||
    reg === JbdRegister.DischargeCurrentCalibration ||
    reg === JbdRegister.RemainingCapacity ||
    (reg >= JbdRegister.CellCalibrationBase && reg < JbdRegister.CellCalibrationBase + 32) ||
    (reg >= JbdRegister.NtcCalibrationBase && reg < JbdRegister.NtcCalibrationBase + 8)
  );
}

function calibrate(d: JbdDevice, reg: number, word: number): void {
  if (reg === JbdRegister.RemainingCapacity) {
    d.remainingCapacity = Math.min(word / 100, d.fullChargeCapacity());
  } else if (reg === JbdRegister.IdleCurrentCalibration) {
    d.currentOffset = -d.current();
  } else if (reg === JbdRegister.ChargeCurrentCalibration || reg === JbdRegister.DischargeCurrentCalibration) {
    // Gain from the true current flowing now in the calibrated direction; ignored without one (as a real BMS cannot scale 0 A).
    const charging = reg === JbdRegister.ChargeCurrentCalibration;
    const flowing = d.current();
    if ((charging ? flowing : -flowing) > 0.05) d.currentGain[charging ? "charge" : "discharge"] = word / 100 / Math.abs(flowing);
  } else if (reg >= JbdRegister.CellCalibrationBase && reg < JbdRegister.CellCalibrationBase + 32) {
    const i = reg - JbdRegister.CellCalibrationBase;
    if (i < d.cellOffsets.length) d.cellOffsets[i] = word / 1000 - d.trueCellVoltages()[i]!;
  } else if (reg >= JbdRegister.NtcCalibrationBase && reg < JbdRegister.NtcCalibrationBase + 8) {
    const i = reg - JbdRegister.NtcCalibrationBase;
    if (i < d.ntcOffsets.length) d.ntcOffsets[i] = (word - 2731) / 10 - d.pack.sensorTemperatures[i]!;
  }
}
