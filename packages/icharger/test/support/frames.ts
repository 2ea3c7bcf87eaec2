import { toHex } from "@batt/core";
import { encodeResponse, encodeRtuFrame } from "@batt/modbus-rtu";
import { encodeHidReport } from "../../src/index.js";

/** A HID read-reply report carrying `values` for function `fc`, as hex for a transcript. */
export function hidReadReply(fc: 0x03 | 0x04, values: readonly number[]): string {
  return toHex(encodeHidReport(encodeResponse({ kind: fc === 0x03 ? "read-holding-registers" : "read-input-registers", values })));
}

/** An RTU read reply from `unit`, as hex. */
export function rtuReadReply(unit: number, fc: 0x03 | 0x04, values: readonly number[]): string {
  return toHex(encodeRtuFrame(unit, encodeResponse({ kind: fc === 0x03 ? "read-holding-registers" : "read-input-registers", values })));
}

/** Device info of a 308 DUO (ID 66), serial "SN", software 2.18, hardware 1.00, idle channels. */
export const DEVICE_INFO_308 = [66, 0x4e53, 0, 0, 0, 0, 0, 218, 100, 118, 173, 0x20, 0x20];
