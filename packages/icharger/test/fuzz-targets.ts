import { BattError, fromHex } from "@batt/core";
import { decodeResponse, decodeRtuFrame, encodeResponse, encodeRtuFrame } from "@batt/modbus-rtu";
import { HID_SHAPE, RTU_SHAPE } from "@batt/test-support/fuzz/shapes";
import { firstFrame, streamTarget, verifiedFrame } from "@batt/test-support/fuzz/stream-target";
import { defineTarget, type FuzzTarget } from "@batt/test-support/fuzz/target";
import { describeReport } from "../src/describe-report.js";
import { encodeHidReport, hidReportParser, type HidReport } from "../src/hid/hid-report.js";
import { decodeLogView } from "../src/hid/logview.js";
import { MODELS } from "../src/models/model-table.js";
import { decodePreset, presetRegisterCount } from "../src/presets/preset-codec.js";
import { decodePresetIndex, presetIndexRegisters } from "../src/presets/preset-index.js";
import { defaultPresetIndex, defaultPresetSlots, defaultSystemRegisters } from "../src/simulator/default-settings.js";
import { CHANNEL_FULL_REGISTERS, decodeChannelStatus } from "../src/status/channel-status.js";
import { decodeDeviceInfo } from "../src/status/device-info.js";
import { SYSTEM_LAYOUTS } from "../src/system/system-layouts.js";
import { decodeSystemSettings } from "../src/system/system-settings.js";
import { DEVICE_INFO_308 } from "./support/frames.js";

const model = MODELS.find((m) => m.systemLayout === "duo")!;

/** Reports of docs/protocols/icharger.md: a LogView sample, Win32 buffers (report ID 00 first), RTU requests. */
const DOCUMENT_REPORTS = [
  "2C 10 01 F8 7D 07 00 02 01 00 E5 FF 04 87 2B 3C CF FF FF FF 64 01 00 00 02 0F 0B 0F 0E 0F 00 0F 00 00 00 00 00 00 00 00 00 00 00 00",
  "00 12 30 10 80 00 00 05 0A 00 03 00 00 00 00 55 AA 00 01 CC CC",
  "00 0E 30 10 80 02 00 03 06 00 00 55 AA 00 00 CC CC",
  "01 04 00 00 00 0C F0 0F",
  "01 04 01 00 00 1E 71 FE",
  "01 10 80 00 00 05 0A 00 00 00 00 00 00 55 AA 00 01 71 B4",
].map(fromHex);

const hidRead = (fc: 0x03 | 0x04, values: readonly number[]): Uint8Array =>
  encodeHidReport(encodeResponse({ kind: fc === 0x03 ? "read-holding-registers" : "read-input-registers", values }));
const rtuRead = (fc: 0x03 | 0x04, values: readonly number[]): Uint8Array =>
  encodeRtuFrame(1, encodeResponse({ kind: fc === 0x03 ? "read-holding-registers" : "read-input-registers", values }));

/** A charging channel: voltages in mV, current in 10 mA, temperatures in 0.1 °C, cells of a 4S pack (registers 0x0100…). */
const CHANNEL = Array.from({ length: CHANNEL_FULL_REGISTERS }, (_, i) => (i < 2 ? 0 : i < 20 ? 1000 + 37 * i : i < 36 ? (i < 24 ? 3950 + i : 0) : i * 11));
const SYSTEM = defaultSystemRegisters(model);
const PRESET = defaultPresetSlots(model, model.memoryLengths[0]!)[0]!;
const INDEX = defaultPresetIndex(model);

/** HID reports: the document's plus read replies (the 64-byte report holds at most 30 registers). */
export const HID_REPORTS: readonly Uint8Array[] = [
  ...DOCUMENT_REPORTS,
  hidRead(0x04, DEVICE_INFO_308),
  hidRead(0x04, CHANNEL.slice(0, 30)),
  hidRead(0x03, SYSTEM.slice(0, 30)),
  encodeHidReport(fromHex("83 02")),
];

/** RTU read replies of the register blocks (the serial link reads up to 125 registers at once). */
const RTU_REPLIES = [rtuRead(0x04, DEVICE_INFO_308), rtuRead(0x04, CHANNEL), rtuRead(0x03, SYSTEM), rtuRead(0x03, PRESET), rtuRead(0x03, INDEX)];

/**
 * Registers of a read reply checked by its CRC; the words are cycled up to `count` so that every field of
 * a block larger than the reply is decoded from fuzzed words.
 */
function rtuRegisters(input: Uint8Array, count: number): number[] {
  const { pdu } = decodeRtuFrame(input);
  const response = decodeResponse(pdu, { kind: pdu[0] === 0x04 ? "read-input-registers" : "read-holding-registers", address: 0, count: Math.max(1, (pdu[1] ?? 0) >> 1) });
  if (!("values" in response) || !Array.isArray(response.values) || response.values.length === 0) throw new BattError("unexpected-reply", "not a register read reply");
  const values = response.values as number[];
  return Array.from({ length: count }, (_, i) => values[i % values.length]!);
}

function registerTarget(name: string, count: number, decode: (registers: number[]) => unknown): FuzzTarget {
  return { name, seeds: RTU_REPLIES, shape: RTU_SHAPE, maxLength: 300, decode: (input) => decode(rtuRegisters(input, count)), check: verifiedFrame(RTU_SHAPE) };
}

function hidReport(input: Uint8Array): HidReport {
  return firstFrame(hidReportParser, input, "packet").frame;
}

/** The iCharger decoders under fuzz. */
export const ICHARGER_TARGETS: readonly FuzzTarget[] = [
  // MODBUS-HID carries no checksum: the oracle is the length byte (a report is never longer than 64 or than the bytes received).
  streamTarget({ name: "icharger HID report parser (packet mode)", seeds: HID_REPORTS, shape: HID_SHAPE, parser: hidReportParser, mode: "packet", maxLength: 80 }),
  defineTarget({
    name: "icharger batt decode (describeReport)",
    seeds: [...HID_REPORTS, ...RTU_REPLIES],
    shape: HID_SHAPE,
    maxLength: 300,
    decode: (input) => describeReport(input),
    // A report has no checksum; an RTU frame does, and nothing may be described from one whose CRC fails.
    check: (input, value) => (value.transport !== "rtu" || RTU_SHAPE.verify(input) || RTU_SHAPE.verify(input.subarray(1)) ? undefined : "an RTU frame with a bad CRC was described"),
  }),
  defineTarget({
    name: "icharger batt decode (describeReport, RTU frames)",
    seeds: [...RTU_REPLIES, ...DOCUMENT_REPORTS.filter((r) => r[0] === 0x01)],
    shape: RTU_SHAPE,
    maxLength: 300,
    decode: (input) => describeReport(input),
    check: (input, value) => (value.transport !== "rtu" || RTU_SHAPE.verify(input) || RTU_SHAPE.verify(input.subarray(1)) ? undefined : "an RTU frame with a bad CRC was described"),
  }),
  {
    name: "icharger LogView reports (decodeLogView)",
    seeds: HID_REPORTS.filter((r) => r[1] === 0x10),
    shape: HID_SHAPE,
    maxLength: 80,
    decode(input) {
      const report = hidReport(input);
      if (report.kind !== "logview") throw new BattError("unexpected-reply", "not a LogView report");
      return decodeLogView(report.bytes);
    },
  },
  registerTarget("icharger device info (decodeDeviceInfo)", 13, (r) => decodeDeviceInfo(r)),
  registerTarget("icharger channel status (decodeChannelStatus)", CHANNEL_FULL_REGISTERS, (r) => decodeChannelStatus(0, r, { cells: 10 })),
  ...Object.values(SYSTEM_LAYOUTS).map((layout) => registerTarget(`icharger SYSTEM settings (${layout.id} layout)`, layout.registers, (r) => decodeSystemSettings(layout, r))),
  ...[...new Set(MODELS.flatMap((m) => m.memoryLengths.map((length) => `${length}:${m.batteryTypes}`)))].map((key) => {
    const [length, numbering] = key.split(":") as [string, "duo" | "x"];
    return registerTarget(`icharger preset (${length} bytes, ${numbering} numbering)`, presetRegisterCount(Number(length)), (r) => decodePreset(1, r, Number(length), numbering));
  }),
  registerTarget("icharger preset index (MEM_HEAD)", presetIndexRegisters(64), (r) => decodePresetIndex(r, 64)),
];
