import { sum8 } from "@batt/core";
import { fuzzSuite } from "@batt/test-support/fuzz/suite";
import { describe, expect, it } from "vitest";
import { decodeEb90 } from "../src/eb90/eb90-decode.js";
import { decodeEb90Frame } from "../src/eb90/eb90-parser.js";
import { JK_TARGETS } from "./fuzz-targets.js";

// Seeded mutation fuzzing of the 4E57, 55 AA EB 90 and JK-PB decoders (engine: test-support/src/fuzz, the long run: pnpm bench fuzz).
fuzzSuite("fuzz: JK decoders", JK_TARGETS);

describe("fuzz findings (regressions)", () => {
  it("a JK04 float field holding a NaN bit pattern is refused with a BattError, not decoded as NaN", () => {
    // A cell-info frame with nothing but a quiet NaN as the average cell voltage (offset 202), and its sum.
    const frame = new Uint8Array(300);
    frame.set([0x55, 0xaa, 0xeb, 0x90, 0x02, 0x00]);
    frame.set([0x00, 0x00, 0xc0, 0x7f], 202);
    frame[299] = sum8(frame, 0, 299);
    expect(() => decodeEb90(decodeEb90Frame(frame), "jk04")).toThrow(expect.objectContaining({ name: "BattError", code: "frame" }));
    // The same frame with a real float there decodes.
    frame.set([0x00, 0x00, 0x50, 0x40], 202); // 3.25
    frame[299] = sum8(frame, 0, 299);
    expect(decodeEb90(decodeEb90Frame(frame), "jk04").values.averageCellVoltage).toBe(3.25);
  });
});
