import { isBattError } from "@batt/core";
import { fuzzSuite } from "@batt/test-support/fuzz/suite";
import { describe, expect, it } from "vitest";
import { parseBackup } from "../src/backup.js";
import { importFig } from "../src/fig.js";
import { JBD_TARGETS } from "./fuzz-targets.js";

// Seeded mutation fuzzing of every JBD decoder (engine: test-support/src/fuzz, the long run: pnpm bench fuzz).
fuzzSuite("fuzz: JBD decoders", JBD_TARGETS);

describe("fuzz findings (regressions)", () => {
  it("a backup whose version is an object with a toString key is refused with a BattError, not a TypeError", () => {
    const doc: unknown = JSON.parse('{"format":"batt-jbd-settings","version":{"toString":-1},"settings":{}}');
    let thrown: unknown;
    try {
      parseBackup(doc);
    } catch (error) {
      thrown = error;
    }
    expect(isBattError(thrown, "invalid-argument")).toBe(true);
    expect((thrown as Error).message).toBe("unsupported backup version object");
  });

  it("a backup's device block keeps only fields of the right type (1e999 parses as Infinity)", () => {
    const doc: unknown = JSON.parse('{"format":"batt-jbd-settings","version":1,"settings":{},"device":{"name":"JBD","cellCount":1e999,"softwareVersion":8},"unsupported":["covp",1e999]}');
    const backup = parseBackup(doc);
    expect(backup.device).toEqual({ name: "JBD" });
    expect(backup.unsupported).toEqual(["covp"]);
  });

  it("a .fig value below the signed range is refused, not wrapped (−65536 would read as 0 A)", () => {
    expect(() => importFig("FileCode 3838\r\nOverDisCurrent -65536")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => importFig("FileCode 3838\r\nHardTime -129")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(importFig("FileCode 3838\r\nOverDisCurrent -13000").settings.dsgoc).toBe(-130);
    expect(importFig("FileCode 3838\r\nOverDisCurrent -32768").registers.get(0x29)).toBe(0x8000);
  });
});
