import { BattError } from "@batt/core";
import { externalProbeTemperature } from "../status/external-probe.js";
import { HidReportType } from "./hid-report.js";

/** LogView log states (byte 7, docs/protocols/icharger.md#logview-reports); bit 0x80 marks an IR frame. */
export const LOG_STATES: Readonly<Record<number, string>> = {
  0: "normal",
  1: "charge",
  2: "discharge",
  3: "monitor",
  4: "waste",
  5: "precharge",
  6: "done",
  7: "error",
  8: "trickle",
  9: "balance only",
  11: "info",
  30: "digital power",
};

/** Bit of the log state that marks an IR frame. */
export const LOG_STATE_IR_FLAG = 0x80;

/**
 * LogView battery-type numbers: only 1 = LiPo is known (DataExplorer's table starts with "?" at 0);
 * the others are reported as numbers.
 */
export const LOG_BATTERY_TYPES: Readonly<Record<number, string>> = { 1: "LiPo" };

/** Bytes before the cell voltages of a sample report. */
const SAMPLE_HEADER = 24;
/** Bytes before the cell IRs of an IR frame. */
const IR_HEADER = 12;

/** A LogView sample (type 0x10): one reading of one channel, little-endian, not word-swapped. */
export interface LogViewSample {
  /** Discriminant. */
  readonly kind: "sample";
  /** Channel as the report counts it (1 = first channel). */
  readonly channel: number;
  /** Time since the run started, s (ms on the wire). */
  readonly time: number;
  /** Log state (raw) and its name. */
  readonly state: { readonly value: number; readonly name: string | undefined };
  /** Battery type in LogView numbering (raw) and its name where known. */
  readonly batteryType: { readonly value: number; readonly name: string | undefined };
  /** Cycle count. */
  readonly cycle: number;
  /** Current, A (negative while discharging). */
  readonly current: number;
  /** Input voltage, V. */
  readonly inputVoltage: number;
  /** Battery (output) voltage, V. */
  readonly batteryVoltage: number;
  /** Charge moved since the run started, Ah (negative while discharging; mAh on the wire). */
  readonly capacity: number;
  /** Internal temperature, °C. */
  readonly internalTemperature: number;
  /** External (probe) temperature, °C; `null` when no probe is fitted (the field reads exactly 0, see {@link externalProbeTemperature}). */
  readonly externalTemperature: number | null;
  /** Cell voltages, V (as many as the report carries: 8 or 10 on DUO units). */
  readonly cells: readonly number[];
}

/** A LogView IR frame (type 0x10 with state bit 0x80). Units are not documented: raw numbers. */
export interface LogViewIrFrame {
  /** Discriminant. */
  readonly kind: "ir";
  /** Channel as the report counts it (1 = first channel). */
  readonly channel: number;
  /** Time since the run started, s (ms on the wire). */
  readonly time: number;
  /** Log state without the IR flag, and its name. */
  readonly state: { readonly value: number; readonly name: string | undefined };
  /** Pack IR (raw u16, unit unverified). */
  readonly packIrRaw: number;
  /** Sum of the cell IRs (raw u16, unit unverified). */
  readonly cellIrSumRaw: number;
  /** Cell IRs (raw u16 each, unit unverified). */
  readonly cellIrRaw: readonly number[];
}

/** A LogView report of an undocumented type (0x11, 0x20): the bytes up to the length byte. */
export interface LogViewRaw {
  /** Discriminant. */
  readonly kind: "raw";
  /** Report type. */
  readonly type: number;
  /** The report from its length byte up to its length. */
  readonly bytes: Uint8Array;
}

/** Any LogView report. */
export type LogViewReport = LogViewSample | LogViewIrFrame | LogViewRaw;

/**
 * Decodes a LogView report (docs/protocols/icharger.md#logview-reports) given from its length byte; bytes past the length are ignored.
 *
 * @throws BattError `frame` when the length byte exceeds the bytes given or is too short for its type.
 */
export function decodeLogView(report: Uint8Array): LogViewReport {
  const length = report[0] ?? 0;
  const type = report[1];
  if (report.length < 2 || length > report.length || length < 3) {
    throw new BattError("frame", `LogView report length ${length} does not fit the ${report.length} bytes given`, { context: { raw: report } });
  }
  const bytes = report.subarray(0, length);
  if (type !== HidReportType.LogView) return { kind: "raw", type: type!, bytes: bytes.slice() };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (length < 8) throw new BattError("frame", `LogView report of ${length} bytes is too short`, { context: { raw: report } });
  const channel = bytes[2]!;
  const time = view.getUint32(3, true) / 1000;
  const stateByte = bytes[7]!;
  const state = stateByte & ~LOG_STATE_IR_FLAG;
  const stateValue = { value: state, name: LOG_STATES[state] };
  if (stateByte & LOG_STATE_IR_FLAG) {
    if (length < IR_HEADER || (length - IR_HEADER) % 2 !== 0) {
      throw new BattError("frame", `LogView IR frame length ${length} is not 12 + 2 × cells`, { context: { raw: report } });
    }
    const cellIrRaw: number[] = [];
    for (let at = IR_HEADER; at + 1 < length; at += 2) cellIrRaw.push(view.getUint16(at, true));
    return { kind: "ir", channel, time, state: stateValue, packIrRaw: view.getUint16(8, true), cellIrSumRaw: view.getUint16(10, true), cellIrRaw };
  }
  if (length < SAMPLE_HEADER || (length - SAMPLE_HEADER) % 2 !== 0) {
    throw new BattError("frame", `LogView sample length ${length} is not 24 + 2 × cells`, { context: { raw: report } });
  }
  const cells: number[] = [];
  for (let at = SAMPLE_HEADER; at + 1 < length; at += 2) cells.push(view.getUint16(at, true) / 1000);
  const type8 = bytes[8]!;
  return {
    kind: "sample",
    channel,
    time,
    state: stateValue,
    batteryType: { value: type8, name: LOG_BATTERY_TYPES[type8] },
    cycle: bytes[9]!,
    current: view.getInt16(10, true) / 100,
    inputVoltage: view.getUint16(12, true) / 1000,
    batteryVoltage: view.getUint16(14, true) / 1000,
    capacity: view.getInt32(16, true) / 1000,
    internalTemperature: view.getInt16(20, true) / 10,
    externalTemperature: externalProbeTemperature(view.getInt16(22, true)),
    cells,
  };
}

/** Raw fields of a LogView sample as they go on the wire (device units, named by them), as {@link encodeLogViewSample} takes them. */
export interface LogViewSampleFields {
  /** Channel, 1 = first. */
  readonly channel: number;
  /** Milliseconds since the run started. */
  readonly timestampMs: number;
  /** Log state. */
  readonly state: number;
  /** Battery type, LogView numbering. */
  readonly batteryType: number;
  /** Cycle count. */
  readonly cycle: number;
  /** Current in 10 mA. */
  readonly current10mA: number;
  /** Input voltage in mV. */
  readonly inputMv: number;
  /** Battery voltage in mV. */
  readonly batteryMv: number;
  /** Capacity in mAh. */
  readonly capacityMah: number;
  /** Internal temperature in 0.1 °C. */
  readonly internalDeciC: number;
  /** External temperature in 0.1 °C. */
  readonly externalDeciC: number;
  /** Cell voltages in mV. */
  readonly cellsMv: readonly number[];
}

/**
 * Encodes a LogView sample report (length 24 + 2 × cells), as the charger sends it.
 *
 * @throws BattError `invalid-argument` when more than 20 cells would overflow a 64-byte report.
 */
export function encodeLogViewSample(fields: LogViewSampleFields): Uint8Array {
  const length = SAMPLE_HEADER + 2 * fields.cellsMv.length;
  if (length > 64) throw new BattError("invalid-argument", `${fields.cellsMv.length} cells do not fit a LogView report`);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  bytes[0] = length;
  bytes[1] = HidReportType.LogView;
  bytes[2] = fields.channel;
  view.setUint32(3, fields.timestampMs >>> 0, true);
  bytes[7] = fields.state;
  bytes[8] = fields.batteryType;
  bytes[9] = fields.cycle;
  view.setInt16(10, fields.current10mA, true);
  view.setUint16(12, fields.inputMv, true);
  view.setUint16(14, fields.batteryMv, true);
  view.setInt32(16, fields.capacityMah, true);
  view.setInt16(20, fields.internalDeciC, true);
  view.setInt16(22, fields.externalDeciC, true);
  fields.cellsMv.forEach((mv, i) => view.setUint16(SAMPLE_HEADER + 2 * i, mv, true));
  return bytes;
}
