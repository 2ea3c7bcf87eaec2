import { describe, expect, it } from "vitest";
import { BattError, formatTranscript, fromHex, isBattError, parseTranscript, toHex } from "../src/index.js";

describe("parseTranscript", () => {
  it("reads directions and bytes, skipping comments and blank lines, with 1-based line numbers", () => {
    const text = [
      "# read 1 holding register",
      "",
      "=> 01 03 00 00 00 01 84 0a",
      "   <= 01 03 02 00 2A 38 5B   # value 42",
      "\t",
      "=>0x46,0x04",
    ].join("\r\n");
    const entries = parseTranscript(text);
    expect(entries.map((e) => [e.direction, toHex(e.bytes), e.line])).toEqual([
      ["=>", "01 03 00 00 00 01 84 0a", 3],
      ["<=", "01 03 02 00 2a 38 5b", 4],
      ["=>", "46 04", 6],
    ]);
  });

  it("reads an empty or comment-only text as no entries", () => {
    expect(parseTranscript("")).toEqual([]);
    expect(parseTranscript("# nothing\n\n  # still nothing\n")).toEqual([]);
  });

  it("accepts a direction with no bytes", () => {
    expect(parseTranscript("<=\n")).toEqual([{ direction: "<=", bytes: new Uint8Array(0), line: 1 }]);
  });

  it("rejects a line without a direction, naming the line", () => {
    let error: unknown;
    try {
      parseTranscript("=> 01\n-> 02\n");
    } catch (e) {
      error = e;
    }
    expect(isBattError(error, "invalid-argument")).toBe(true);
    expect((error as BattError).message).toContain("line 2");
    expect((error as BattError).message).toContain("-> 02");
  });

  it("rejects bad hex with invalid-argument", () => {
    expect(() => parseTranscript("=> 01 0")).toThrow(BattError);
    expect(() => parseTranscript("<= zz")).toThrow(/not hex/);
  });
});

describe("formatTranscript", () => {
  it("writes one line per entry, strings as comments, ending with a newline", () => {
    const text = formatTranscript([
      "read voltage",
      { direction: "=>", bytes: fromHex("01 04 30 A0 00 01 3E E8") },
      { direction: "<=", bytes: fromHex("01 04 02 05 46 3B 92") },
    ]);
    expect(text).toBe("# read voltage\n=> 01 04 30 a0 00 01 3e e8\n<= 01 04 02 05 46 3b 92\n");
  });

  it("round-trips through parseTranscript", () => {
    const entries = [
      { direction: "<=" as const, bytes: fromHex("4e 57") },
      { direction: "=>" as const, bytes: fromHex("dd a5 03 00 ff fd 77") },
    ];
    const parsed = parseTranscript(formatTranscript(["header", ...entries]));
    expect(parsed.map((e) => ({ direction: e.direction, bytes: e.bytes }))).toEqual(entries);
    expect(parsed.map((e) => e.line)).toEqual([2, 3]);
  });
});
