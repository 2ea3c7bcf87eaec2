import { FrameDecoder, fromHex, type DecodeEvent } from "@batt/core";
import { countBattErrors, meterParser } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { hidReportParser, type HidReport } from "../src/index.js";

// Linear time and no error object per rejected report, without a clock: the parser's byte reads are counted
// through a metered buffer (meterParser), BattError constructions through countBattErrors.

const REPORT_SIZE = 64;
const SIZE = 64 * 1024;

/** A read request as a report (codecs.test.ts: `07 30 04 00 00 00 0c`), padded to 64 bytes as the transport does. */
const REQUEST_REPORT = pad(fromHex("07 30 04 00 00 00 0c"));

function pad(bytes: Uint8Array): Uint8Array {
  const report = new Uint8Array(REPORT_SIZE);
  report.set(bytes);
  return report;
}

/** Deterministic reports: a random length byte, then a type byte that is Modbus, LogView or unknown. */
function hostileReports(count: number): Uint8Array[] {
  let state = 99;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 16;
  return Array.from({ length: count }, () => Uint8Array.from({ length: REPORT_SIZE }, (_, i) => (i === 1 ? [0x30, 0x10, 0x42, 0x00][next() & 3]! : next() & 0xff)));
}

describe("HID report parser under hostile input: linear work, no error object per rejected report", () => {
  it("64 KiB of hostile 64-byte reports: a few reads per report, no BattError, and the next good report decodes", () => {
    const reports = hostileReports(SIZE / REPORT_SIZE);
    const { parser, work } = meterParser(hidReportParser, { budget: SIZE });
    const decoder = new FrameDecoder(parser, { mode: "packet" });
    const { result: events, constructed } = countBattErrors(() => reports.flatMap((report) => decoder.push(report)));
    // The length and type bytes, and the bytes a Modbus or LogView report is cut to.
    expect(work.reads).toBeLessThanOrEqual(SIZE);
    expect(work.calls).toBe(reports.length);
    expect(work.resultsWithErrors).toBe(0);
    expect(constructed).toBe(0);
    const rejected = events.filter((e): e is Extract<DecodeEvent<HidReport>, { type: "skipped" }> => e.type === "skipped");
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.length).toBeLessThanOrEqual(reports.length);
    expect(rejected.every((e) => e.code === "frame")).toBe(true);
    // Errors exist on demand, typed and with the report as raw context.
    expect(rejected[0]!.error.code).toBe("frame");
    expect(rejected[0]!.error.context.raw).toEqual(rejected[0]!.bytes);
    expect(decoder.push(REQUEST_REPORT)).toMatchObject([{ type: "frame", frame: { kind: "modbus", length: 7 } }]);
  });
});
