import { BattError } from "@batt/core";
import { decodeRequest, decodeRtuFrame, EXCEPTION_FLAG, modbusExceptionName, readWords } from "@batt/modbus-rtu";
import { ControlRegister, ORDER_KEY, Order } from "./constants.js";
import { ICHARGER_USB } from "./usb-identity.js";
import { hidReportParser, HidReportType } from "./hid/hid-report.js";
import { decodeLogView, type LogViewReport } from "./hid/logview.js";
import { LITHIUM_OPERATIONS } from "./models/operations.js";

/** Names of the register areas, for descriptions. */
function areaName(address: number): string {
  if (address < 0x0100) return "device info";
  if (address < 0x0200) return "channel 1 status";
  if (address < 0x0300) return "channel 2 status";
  if (address >= 0x8000 && address < 0x8400) return "control";
  if (address >= 0x8400 && address < 0x8800) return "SYSTEM";
  if (address >= 0x8800 && address < 0x8c00) return "MEM_HEAD";
  if (address >= 0x8c00 && address <= 0x9000) return "MEMORY";
  return "unknown";
}

const ORDER_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(Order).map(([name, value]) => [value, name]));
const LITHIUM_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(LITHIUM_OPERATIONS).map(([name, value]) => [value, name]));

/** What a write to the control registers asks for (docs/protocols/icharger.md#run-stop-and-order-sequences), or undefined for other writes. */
export function describeControlWrite(address: number, values: readonly number[]): Record<string, unknown> | undefined {
  if (address === ControlRegister.operation && values.length === 5 && values[3] === ORDER_KEY && values[4] === Order.Run) {
    return { action: "run", operation: values[0], operationIfLithium: LITHIUM_NAMES[values[0]!], slot: values[1], channel: values[2] };
  }
  if (address === ControlRegister.channel && values.length === 3 && values[1] === ORDER_KEY && values[2] === Order.Stop) return { action: "stop", channel: values[0] };
  if (address === ControlRegister.orderKey && values.length === 2 && values[0] === ORDER_KEY) return { action: "order", order: values[1], name: ORDER_NAMES[values[1]!] };
  if (address === ControlRegister.orderKey && values.length === 1) return { action: values[0] === ORDER_KEY ? "unlock" : "relock" };
  if (address === ControlRegister.memorySlot && values.length >= 1) return { action: "select preset", slot: values[0] };
  return undefined;
}

/** A Modbus PDU seen in a report or frame, described for people. */
function describePdu(pdu: Uint8Array): Record<string, unknown> {
  const fc = pdu[0] ?? 0;
  const functionCode = `0x${fc.toString(16).padStart(2, "0")}`;
  if (fc & EXCEPTION_FLAG) {
    const code = pdu[1] ?? 0;
    return { direction: "reply", function: `0x${(fc & 0x7f).toString(16).padStart(2, "0")}`, exception: code, exceptionName: modbusExceptionName(code) };
  }
  // A read request is 5 bytes (a reply never is: its byte count is even); a write reply is 5 bytes.
  const isReply = fc === 0x03 || fc === 0x04 ? pdu.length !== 5 : fc === 0x10 ? pdu.length === 5 : false;
  if (isReply) {
    if (fc === 0x10) {
      const [address, count] = readWords(pdu, 1, 2) as [number, number];
      return { direction: "reply", function: functionCode, address, count, area: areaName(address) };
    }
    const byteCount = pdu[1] ?? 0;
    if (pdu.length !== 2 + byteCount || byteCount % 2 !== 0) {
      throw new BattError("frame", `reply of ${pdu.length} PDU bytes does not match its byte count ${byteCount}`, { context: { raw: pdu } });
    }
    return { direction: "reply", function: functionCode, byteCount, registers: readWords(pdu, 2, byteCount / 2) };
  }
  const request = decodeRequest(pdu);
  if (request.kind === "write-multiple-registers") {
    const control = describeControlWrite(request.address, request.values);
    return { direction: "request", function: functionCode, address: request.address, area: areaName(request.address), values: request.values, ...(control ? { control } : {}) };
  }
  if ("count" in request) return { direction: "request", function: functionCode, address: request.address, count: request.count, area: areaName(request.address) };
  return { direction: "request", function: functionCode, request };
}

const HID_TYPES: ReadonlySet<number> = new Set([HidReportType.Modbus, HidReportType.LogView, HidReportType.LogView11, HidReportType.LogView20]);

/** Whether bytes start like a report: a known type after a length byte that fits. */
function isHidStart(bytes: Uint8Array): boolean {
  const length = bytes[0] ?? 0;
  return HID_TYPES.has(bytes[1] ?? -1) && length >= 3 && length <= Math.min(bytes.length, ICHARGER_USB.reportSize);
}

/** What {@link describeReport} returns. */
export type ReportDescription =
  | ({ readonly transport: "hid"; readonly type: "modbus"; readonly length: number } & Record<string, unknown>)
  | { readonly transport: "hid"; readonly type: "logview"; readonly length: number; readonly log: LogViewReport }
  | ({ readonly transport: "rtu"; readonly unit: number } & Record<string, unknown>);

/**
 * Decodes captured bytes for people: a MODBUS-HID report (a leading report ID 00, as in Win32
 * buffers, is dropped; bytes past the length byte are ignored), a LogView report, or a Modbus RTU
 * frame (checked by its CRC).
 *
 * @throws BattError `frame` / `checksum` when the bytes are none of these.
 */
export function describeReport(input: Uint8Array): ReportDescription {
  // A report never has length 0, so a leading 00 before a plausible report is the report ID of a Win32 buffer.
  const withoutId = input[0] === 0 && isHidStart(input.subarray(1));
  const bytes = withoutId ? input.subarray(1) : input;
  if (isHidStart(bytes)) {
    const result = hidReportParser.parse(bytes);
    if (result.kind === "frame") {
      const frame = result.frame;
      if (frame.kind === "logview") return { transport: "hid", type: "logview", length: frame.length, log: decodeLogView(frame.bytes) };
      return { transport: "hid", type: "modbus", length: frame.length, ...describePdu(frame.pdu) };
    }
  }
  const frame = decodeRtuFrame(bytes);
  return { transport: "rtu", unit: frame.unit, ...describePdu(frame.pdu) };
}
