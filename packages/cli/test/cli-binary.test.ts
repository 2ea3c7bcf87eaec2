import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { batt, finished } from "@batt/test-support/cli-process";
import { plugin as jbd } from "@batt/jbd/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// Issue 15, the command line, through the real `batt` process (sources through tsx): help wrapped
// at word boundaries, suggestions, tables with units, --json, CSV logging, restore FILE, extra
// arguments refused. Each case is one process, so the file stays short.
const dir = mkdtempSync(join(tmpdir(), "batt-cli-"));
const run = (args: readonly string[]): ReturnType<typeof finished> => finished(batt(args));

describe("the batt command as a user meets it", { timeout: 120_000 }, () => {
  let columns: string | undefined;
  beforeAll(() => {
    columns = process.env["COLUMNS"];
    process.env["COLUMNS"] = "60"; // help outside a terminal wraps to COLUMNS
  });
  afterAll(() => {
    if (columns === undefined) delete process.env["COLUMNS"];
    else process.env["COLUMNS"] = columns;
  });

  it("wraps help to the width at word boundaries", async () => {
    const { code, stdout } = await run(["jbd", "--help"]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.filter((l) => l.length > 60)).toEqual([]);
    // Words are whole where a line was broken: "(or both)" was once cut into "(or bo" / "th)".
    expect(stdout.replace(/\s+/g, " ")).toContain("(or both) on or off");
    expect(stdout).not.toMatch(/\bbo\n\s+th\)/);
  });

  it("suggests the command meant and exits 2", async () => {
    const typo = await run(["jbd", "setings", "list"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown command "setings" for "batt jbd"\. Did you mean settings\?/);
  });

  it("refuses extra arguments before anything is opened", async () => {
    const extra = await run(["jbd", "counters", "extra", "garbage"]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/unexpected argument "extra garbage"/);
  });

  it("prints a table with units for people, and the result itself with --json", async () => {
    const list = await run(["jbd", "settings", "list"]); // no device needed
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^name\s+register\s+unit\s+range\s+description$/m);
    expect(list.stdout).toMatch(/^covp\s+0x24\s+V\s+/m);
    const get = await run(["jbd", "settings", "get", "covp", "--sim", "--json"]);
    expect(get.code, get.stderr).toBe(0);
    expect(JSON.parse(get.stdout)).toMatchObject({ name: "covp", unit: "V", text: expect.stringMatching(/ V$/) });
  });

  it("logs monitor readings as CSV to a file, the header once", async () => {
    const path = join(dir, "log.csv");
    const logged = await run(["monitor", "jbd", "--sim", "--count", "3", "--interval", "0", "--format", "csv", "--output", path]);
    expect(logged.code, logged.stderr).toBe(0);
    expect(logged.stdout).toBe("");
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^time,voltage \(V\),current \(A\),/);
    expect(lines.filter((l) => l.startsWith("time,"))).toHaveLength(1);
    const columnsPerRow = new Set(lines.map((l) => l.split(",").length));
    expect(columnsPerRow.size).toBe(1);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[^,]+,\d+(\.\d+)?,/);
  });

  it("monitor --append adds rows under an existing CSV's header and refuses a file it did not write", async () => {
    const path = join(dir, "append.csv");
    // The file's own columns are kept: a header naming two of the device's measurements gets rows of those two.
    writeFileSync(path, "time,current (A),voltage (V)\n2026-01-01T00:00:00.000Z,0,13.2\n");
    const appended = await run(["monitor", "jbd", "--sim", "--count", "2", "--interval", "0", "--format", "csv", "--output", path, "--append"]);
    expect(appended.code, appended.stderr).toBe(0);
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.startsWith("time,"))).toHaveLength(1);
    for (const row of lines.slice(2)) expect(row).toMatch(/^\d{4}-\d\d-\d\dT[^,]+,-?\d+(\.\d+)?,\d+\.\d+$/);

    const foreign = join(dir, "foreign.csv");
    writeFileSync(foreign, "date;value\n");
    const refused = await run(["monitor", "jbd", "--sim", "--count", "1", "--format", "csv", "--output", foreign, "--append"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not a CSV file written by batt monitor/);
    expect(readFileSync(foreign, "utf8")).toBe("date;value\n");
    const missing = await run(["monitor", "jbd", "--sim", "--count", "1", "--append"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--append needs --output FILE/);
  });

  it("restores a backup from the file's path", async () => {
    const path = join(dir, "backup.json");
    const made = await runCli(["jbd", "backup", "--sim", "--json"], { plugins: [jbd] });
    expect(made.code, made.stderr).toBe(0);
    const doc = JSON.parse(made.stdout) as { settings: Record<string, unknown> };
    doc.settings["covp"] = 3.6; // the simulator has 3.65 V
    writeFileSync(path, JSON.stringify(doc));
    const restored = await run(["jbd", "restore", path, "--sim", "--yes", "--dry-run"]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^covp\s+3\.65 V\s+3\.6 V\s+dry run: not written$/m);
  });
});
