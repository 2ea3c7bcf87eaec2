import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { plugin as jbdPlugin } from "@batt/jbd/cli";
import { plugin as jkPlugin } from "@batt/jk/cli";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "batt-fingerprint-bms-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const plugins = [jbdPlugin, jkPlugin];
const FAST = ["--settle", "0.3", "--load-timeout", "10"];

describe("batt fingerprint enroll|identify --from jbd|jk", () => {
  it.each(["jbd", "jk"])("enrols a pack from a simulated %s BMS: guided load step, per-cell IR from the cell voltages", async (from) => {
    const library = join(dir, `${from}.json`);
    const { code, stdout, stderr } = await runCli(["fingerprint", "enroll", "--library", library, "--name", `${from} pack`, "--from", from, "--sim", ...FAST, "--json"], { plugins });
    expect(stderr).toContain(`${from}: 4 cells at rest`);
    expect(stderr).toContain("Now switch the load on");
    expect(stderr).toContain(`${from}: load detected`);
    expect(stderr).toContain("You can switch the load off now");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ action: "enroll", cellCount: 4, chemistry: "LiFePO4" });
    const packId: string = json.id;
    // The simulator's cells have 2, 2.5, 2 and 4 mΩ: IR over the mean (2.625 mΩ) is 0.76, 0.95, 0.76, 1.52,
    // within what 1 mV readings at 10 A allow (±0.1 mΩ per cell).
    [0.762, 0.952, 0.762, 1.524].forEach((r, i) => expect(Math.abs(json.measurement.irRatios[i] - r)).toBeLessThan(0.06));

    const again = await runCli(["fingerprint", "identify", "--library", library, "--from", from, "--sim", ...FAST, "--json"], { plugins });
    expect(again.code).toBe(0);
    const identified = JSON.parse(again.stdout);
    expect(identified).toMatchObject({ action: "identify", status: "match", recorded: true });
    expect(identified.packId).toBe(packId);
  });

  it("checks --from and its options before anything is opened", async () => {
    const library = join(dir, "checks.json");
    const bad = await runCli(["fingerprint", "enroll", "--library", library, "--name", "x", "--from", "daly", "--sim"], { plugins });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from: expected one of jbd, jk/);
    const stray = await runCli(["fingerprint", "enroll", "--library", library, "--name", "x", "--ir", "2,2,2,2", "--settle", "1"], { plugins });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--settle is for --from/);
    const both = await runCli(["fingerprint", "enroll", "--library", library, "--name", "x", "--from", "jbd", "--icharger", "--sim", "--yes"], { plugins });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give one measurement/);
  });
});
