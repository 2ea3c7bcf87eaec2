import { BattError, invalid, type FrameParser, type ParseResult } from "@batt/core";
import { ICHARGER_USB } from "../usb-identity.js";

/** Report types (byte 1 of a report, docs/protocols/icharger.md#hid-report-frame). */
export const HidReportType = {
  /** A Modbus PDU. */
  Modbus: 0x30,
  /** LogView sample or IR frame (documented). */
  LogView: 0x10,
  /** LogView type 0x11 (undocumented; passed through raw). */
  LogView11: 0x11,
  /** LogView type 0x20 (undocumented; passed through raw). */
  LogView20: 0x20,
} as const;

/** Types of the unsolicited LogView reports. */
const LOG_TYPES: ReadonlySet<number> = new Set([HidReportType.LogView, HidReportType.LogView11, HidReportType.LogView20]);

/** Bytes a report spends before the PDU: the length byte and the type byte. */
export const HID_HEADER_LENGTH = 2;

/**
 * One MODBUS-HID report, cut at its length byte (what follows it is stale memory, never data):
 * - `modbus`: a Modbus PDU (function code and data; no address, no CRC);
 * - `logview`: an unsolicited LogView report, `bytes` from the length byte up to the length.
 */
export type HidReport =
  | { readonly kind: "modbus"; readonly length: number; readonly pdu: Uint8Array }
  | { readonly kind: "logview"; readonly type: number; readonly length: number; readonly bytes: Uint8Array };

/**
 * Wraps a PDU into a report: `LEN 0x30 PDU…` with LEN = PDU length + 2 (the transport pads it to 64).
 *
 * @throws BattError `invalid-argument` when the PDU does not fit one report.
 * @example encodeHidReport(fromHex("04 00 00 00 0c")) // 07 30 04 00 00 00 0c
 */
export function encodeHidReport(pdu: Uint8Array, type: number = HidReportType.Modbus): Uint8Array {
  const length = pdu.length + HID_HEADER_LENGTH;
  if (length > ICHARGER_USB.reportSize) {
    throw new BattError("invalid-argument", `a PDU of ${pdu.length} bytes does not fit a ${ICHARGER_USB.reportSize}-byte report`);
  }
  const report = new Uint8Array(length);
  report[0] = length;
  report[1] = type;
  report.set(pdu, HID_HEADER_LENGTH);
  return report;
}

/**
 * Parser of whole 64-byte reports (use it in `packet` mode: one report per chunk). The length byte is
 * checked against the report before anything else; a Modbus exception PDU is the two bytes after the
 * type whatever the length says (reference: "accept any LEN ≥ 4"). Reports of unknown type, of a
 * length below 3 (or 4 for Modbus), above 64 or beyond the bytes received are rejected whole.
 */
export const hidReportParser: FrameParser<HidReport> = {
  parse(buffer): ParseResult<HidReport> {
    const length = buffer[0]!;
    const type = buffer[1];
    // The whole report is rejected in one step; its message is only written if someone reads the error.
    const received = buffer.length;
    const reject = (why: () => string): ParseResult<HidReport> => invalid(received, "frame", () => `HID report ${why()}`);
    if (type === undefined) return reject(() => "of one byte");
    if (length > ICHARGER_USB.reportSize) return reject(() => `length byte ${length} exceeds ${ICHARGER_USB.reportSize}`);
    if (length > received) return reject(() => `length byte ${length} exceeds the ${received} bytes received`);
    if (type === HidReportType.Modbus) {
      if (length < 4) return reject(() => `with a Modbus length of ${length} (at least 4)`);
      const exception = (buffer[2]! & 0x80) !== 0;
      const end = exception ? 4 : length;
      return { kind: "frame", frame: { kind: "modbus", length, pdu: buffer.slice(HID_HEADER_LENGTH, end) }, length };
    }
    if (LOG_TYPES.has(type)) {
      if (length < 3) return reject(() => `of type 0x${type.toString(16)} with length ${length}`);
      return { kind: "frame", frame: { kind: "logview", type, length, bytes: buffer.slice(0, length) }, length };
    }
    return reject(() => `of unknown type 0x${type.toString(16).padStart(2, "0")}`);
  },
};
