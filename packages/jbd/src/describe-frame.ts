import { toHex } from "@batt/core";
import { decodeBasicInfo } from "./basic-info.js";
import { decodeCellVoltages } from "./cell-voltages.js";
import { JbdRegister } from "./constants.js";
import { decodeErrorCounters } from "./error-counters.js";
import { JBD_FET_CONTROL_REGISTER } from "./fet-control.js";
import { decodeParameterReply, describeParameter, JBD_PARAMETER_REGISTER } from "./parameters.js";
import type { JbdFrame } from "./frame.js";
import { decodeSetting } from "./settings/convert.js";
import { bitsOf } from "./settings/flag-bits.js";
import { settingsAt } from "./settings/table.js";
import { jbdStatusText } from "./status.js";
import { decodeDeviceName, decodeStringRegister } from "./text.js";

const REGISTER_NAMES: Readonly<Record<number, string>> = {
  [JbdRegister.FactoryEnter]: "factory mode enter / AFE chip",
  [JbdRegister.FactoryExit]: "factory mode exit",
  [JbdRegister.BasicInfo]: "basic info",
  [JbdRegister.CellVoltages]: "cell voltages",
  [JbdRegister.DeviceName]: "device name",
  [JbdRegister.UsePassword]: "use password",
  [JbdRegister.SetPassword]: "set password",
  [JbdRegister.ClearPassword]: "clear password",
  [JbdRegister.Control]: "control command",
  [JbdRegister.ErrorCounters]: "error counters",
  [JbdRegister.IdleCurrentCalibration]: "idle current calibration",
  [JbdRegister.ChargeCurrentCalibration]: "charge current calibration",
  [JbdRegister.DischargeCurrentCalibration]: "discharge current calibration",
  [JbdRegister.RemainingCapacity]: "remaining capacity",
  [JbdRegister.MosfetControl]: "MOSFET control",
  [JbdRegister.BalanceControl]: "balance test",
  [JBD_PARAMETER_REGISTER]: "numbered parameters (V11)",
  [JBD_FET_CONTROL_REGISTER]: "switch command (V11)",
};

/** A name for a register: a known command, the settings it holds, or a calibration slot. */
export function jbdRegisterName(register: number): string {
  const known = REGISTER_NAMES[register];
  if (known) return known;
  const settings = settingsAt(register);
  if (settings.length > 0) return settings.map((d) => d.name).join(", ");
  if (register >= JbdRegister.CellCalibrationBase && register < JbdRegister.CellCalibrationBase + 32) {
    return `cell ${register - JbdRegister.CellCalibrationBase + 1} voltage calibration`;
  }
  if (register >= JbdRegister.NtcCalibrationBase && register < JbdRegister.NtcCalibrationBase + 8) {
    return `NTC ${register - JbdRegister.NtcCalibrationBase + 1} calibration`;
  }
  return "unknown";
}

/** A frame explained for people and JSON output (`batt decode jbd …`). */
export interface FrameDescription {
  /** `read`, `write` or `response`. */
  readonly type: JbdFrame["kind"];
  /** Register as `0x03`. */
  readonly register: string;
  /** What the register is. */
  readonly name: string;
  /** Status byte and its meaning (responses). */
  readonly status?: { readonly code: number; readonly text: string };
  /** Payload in hex. */
  readonly data: string;
  /** The decoded payload of a reply, where the register's layout is known. */
  readonly decoded?: unknown;
}

/** The decoded payload of an OK reply from `register`, or `undefined` when its layout is not known. */
export function decodeReplyPayload(register: number, data: Uint8Array): unknown {
  switch (register) {
    case JbdRegister.BasicInfo:
      return decodeBasicInfo(data);
    case JbdRegister.CellVoltages:
      return decodeCellVoltages(data);
    case JbdRegister.DeviceName:
      return decodeDeviceName(data);
    case JbdRegister.ErrorCounters:
      return decodeErrorCounters(data);
    case JBD_PARAMETER_REGISTER: {
      // The reply echoes the first number and count, so it decodes without its request.
      if (data.length < 3) return undefined;
      const first = (data[0]! << 8) | data[1]!;
      return decodeParameterReply(data, first, data[2]!).map((word, i) => describeParameter(first + i, word));
    }
  }
  const settings = settingsAt(register);
  if (settings.length === 0 || data.length === 0) return undefined;
  const value = settings[0]!.kind === "string" ? decodeStringRegister(data) : data.length === 2 ? (data[0]! << 8) | data[1]! : undefined;
  if (value === undefined) return undefined;
  const values = Object.fromEntries(settings.map((d) => [d.name, decodeSetting(d, value)]));
  const bits = bitsOf(settings, values);
  return Object.keys(bits).length > 0 ? { ...values, bits } : values;
}

/**
 * Explains a verified frame: register name, status, payload, and for replies the decoded values.
 *
 * @throws BattError `frame` when a reply's payload does not fit its register's layout.
 */
export function describeJbdFrame(frame: JbdFrame): FrameDescription {
  const base = {
    type: frame.kind,
    register: `0x${frame.register.toString(16).padStart(2, "0")}`,
    name: jbdRegisterName(frame.register),
    data: toHex(frame.data),
  };
  if (frame.kind !== "response") return base;
  const status = { code: frame.status, text: jbdStatusText(frame.status) };
  const decoded = frame.status === 0 ? decodeReplyPayload(frame.register, frame.data) : undefined;
  return { ...base, status, ...(decoded !== undefined ? { decoded } : {}) };
}
