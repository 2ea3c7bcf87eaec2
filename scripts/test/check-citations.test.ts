import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkDocLinks, checkRepository, checkSourceText, headingAnchors, slugify } from "../check-citations.mjs";

// Citations are assembled from parts so that this file itself holds no broken one.
const DOCS = "docs/" + "protocols/";
const SECTION = "\u00a7";
const BARE = "jbd" + ".md";

const NOTE = [
  "# Demo BMS: the `AA … 55` protocol",
  "## Basic info (0x03)",
  "### Protection status bits",
  "## RTU timing (t1.5 and t3.5)",
  "## Preset index MEM_HEAD (holding 0x8800)",
  "## 55 AA EB 90 protocol",
  "```",
  "## not a heading inside a code fence",
  "```",
  "## Quirks",
  "## Quirks",
].join("\n");

describe("slugify: GitHub heading anchors", () => {
  it.each([
    ["Basic info (0x03)", "basic-info-0x03"],
    ["RTU timing (t1.5 and t3.5)", "rtu-timing-t15-and-t35"],
    ["CRC-16 (Modbus)", "crc-16-modbus"],
    ["Preset index MEM_HEAD (holding 0x8800)", "preset-index-mem_head-holding-0x8800"],
    ["`55 AA EB 90` protocol", "55-aa-eb-90-protocol"],
    ["JBD BMS: the `DD … 77` UART protocol", "jbd-bms-the-dd--77-uart-protocol"],
    ["See [demo.md](demo.md#timing) too", "see-demomd-too"],
  ])("%s → %s", (heading, slug) => {
    expect(slugify(heading)).toBe(slug);
  });

  it("numbers repeated headings and skips fenced code", () => {
    const anchors = headingAnchors(NOTE);
    expect(anchors.has("quirks")).toBe(true);
    expect(anchors.has("quirks-1")).toBe(true);
    expect(anchors.has("not-a-heading-inside-a-code-fence")).toBe(false);
    expect(anchors.size).toBe(8);
  });
});

describe("checkSourceText", () => {
  const docs = new Map([["demo.md", headingAnchors(NOTE)]]);

  it("accepts citations of an existing file and heading", () => {
    const text = [
      `/** Protection bits (${DOCS}demo.md#protection-status-bits). */`,
      `// ${DOCS}demo.md#rtu-timing-t15-and-t35 and ${DOCS}demo.md#quirks-1, or the whole ${DOCS}demo.md`,
    ].join("\n");
    expect(checkSourceText(text, "a.ts", docs)).toEqual({ citations: 4, problems: [] });
  });

  it("reports a missing heading, a missing file, a section sign, a shared-notes path and a bare file name, by line", () => {
    const text = [
      "const ok = 1;",
      `/** Broken on purpose (${DOCS}demo.md#protection-bits). */`,
      `// ${DOCS}nosuch.md#basic-info-0x03`,
      `describe("reference ${SECTION}4.1", () => {});`,
      "// shared/" + "protocols/demo.md",
      `// as ${BARE} says`,
    ].join("\n");
    const { citations, problems } = checkSourceText(text, "b.ts", docs);
    expect(citations).toBe(2);
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [2, `no heading with anchor #protection-bits in ${DOCS}demo.md`],
      [3, `no file ${DOCS}nosuch.md`],
      [4, `section sign without a file: cite ${DOCS}<file>.md#<anchor>`],
      [5, `path into the shared working notes: cite ${DOCS}<file>.md#<anchor>`],
      [6, `bare file name: cite ${DOCS}${BARE}#<anchor>`],
    ]);
    expect(problems.every((p) => p.path === "b.ts")).toBe(true);
  });

  it("checks the notes' own relative links", () => {
    const text = "See [timing](#rtu-timing-t15-and-t35), [gone](#gone), [other](other.md#x) and [site](https://example.com).";
    const withOther = new Map([...docs, ["other.md", new Set(["y"])]]);
    const { citations, problems } = checkDocLinks(text, "demo.md", withOther);
    expect(citations).toBe(3);
    expect(problems.map((p) => p.citation)).toEqual(["#gone", "other.md#x"]);
  });
});

describe("the repository", () => {
  it("cites only files and headings of docs/protocols that exist", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const { files, citations, problems } = checkRepository(root);
    expect(problems).toEqual([]);
    expect(files).toBeGreaterThan(100);
    expect(citations).toBeGreaterThan(100);
  });
});
