import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { plugin as evcharger } from "@batt/evcharger/cli";
import { plugin as icharger } from "@batt/icharger/cli";
import { plugin as jbd } from "@batt/jbd/cli";
import { plugin as jk } from "@batt/jk/cli";
import { plugin as voltaic } from "@batt/voltaic/cli";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// Issue 14 item 3: every device command checks its arguments and files before the link is opened,
// so a usage error exits 2 with nothing sent. With --verbose the CLI traces every byte it sends
// ("tx …"); a refused command must show none, and must not even start the simulator's link.
const plugins = [jbd, jk, icharger, voltaic, evcharger];
const dir = mkdtempSync(join(tmpdir(), "batt-check-"));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const backup = JSON.stringify({ format: "batt-jbd-settings", version: 1, created: "", device: {}, settings: { covp: 3.6, cuvp: 2.6 } });
const empty = file("empty.json", "");
const truncated = file("truncated.json", backup.slice(0, backup.length / 2));
const corrupt = file("corrupt.json", backup.replace('"covp":3.6', '"covp":"hot"'));
const wrongKind = file("other.json", JSON.stringify({ format: "something-else", version: 1 }));
const huge = file("huge.json", new Uint8Array(100 * 1024 * 1024).fill(0x20));

async function refused(argv: readonly string[], message: RegExp): Promise<void> {
  const run = await runCli([...argv, "--sim", "-v"], { plugins });
  expect(run.stderr, run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/^ *(batt: )?tx /m);
  expect(run.stderr).not.toMatch(/^ *(batt: )?rx /m);
  expect(run.stderr).not.toMatch(/^batt: link:/m);
  expect(run.code).toBe(2);
}

describe("jbd: arguments and files are checked before the link opens", () => {
  it.each([
    [["settings", "set", "covp", "banana", "--yes"], /covp/],
    [["settings", "set", "nonsense", "1", "--yes"], /unknown setting "nonsense"/],
    [["settings", "set", "covpx", "1", "--yes"], /unknown setting "covpx"; did you mean covp\?/],
    [["settings", "set", "covp", "--yes"], /missing argument: <name> <value>/],
    [["settings", "set", "covp", "5.5", "--yes"], /covp/],
    [["settings", "get", "nonsense"], /unknown setting "nonsense"/],
    [["mosfet", "sideways", "on", "--yes"], /charge, discharge or both/],
    [["mosfet", "charge", "maybe", "--yes"], /on or off/],
    [["control", "bogus", "--yes"], /unknown command "bogus"/],
    [["balance-test", "sideways", "--yes"], /odd, even, off or end/],
    [["backup", "--format", "xml"], /--format must be json or fig/],
  ])("batt jbd %j", async (args, message) => refused(["jbd", ...args], message));

  it.each([
    ["an empty file", empty, /neither JSON nor a .fig file|empty/],
    ["a truncated file", truncated, /neither JSON nor a .fig file/],
    ["a corrupt file", corrupt, /covp/],
    ["another kind of document", wrongKind, /not a batt-jbd-settings document/],
    ["a 100 MB file", huge, /too large|MiB/],
  ])("batt jbd restore with %s", async (_what, path, message) => {
    await refused(["jbd", "restore", path, "--yes"], message); // the file's path, as `backup --output` wrote it
    await refused(["jbd", "restore", `@${path}`, "--yes"], message); // or its text
  });

  it("restore --exclude with an unknown setting", async () => refused(["jbd", "restore", `@${file("good.json", backup)}`, "--exclude", "covp,nonsense", "--yes"], /nonsense/));

  it("a valid command still runs (and now reads 0x05 only for a reading)", async () => {
    const run = await runCli(["jbd", "settings", "set", "covp", "3.6", "--sim", "--yes", "-v", "--save-pause", "0"], { plugins });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/tx dd 5a 24 02 0e 10/);
    expect(run.stderr).not.toMatch(/tx dd a5 05 00 ff fb 77/);
    const read = await runCli(["read", "jbd", "--sim", "-v"], { plugins });
    expect(read.stderr.match(/tx dd a5 05 00 ff fb 77/g)).toHaveLength(1);
  });
});

describe("the other devices: arguments are checked before the link opens", () => {
  it.each([
    [["jk", "settings", "set", "x", "--yes"], /missing argument: <name> <value>/],
    [["jk", "settings", "get", "a", "b"], /too many arguments: "b"/],
    [["jk", "settings", "get", "nonsense"], /unknown setting nonsense/],
    [["jk", "settings", "get", "nonsense", "--protocol", "pb"], /unknown JK-PB setting nonsense/],
    [["jk", "settings", "set", "nonsense", "1", "--yes"], /nonsense/],
    [["jk", "switch", "sideways", "on", "--yes"], /switch charge\|discharge on\|off/],
    [["jk", "switch", "charge", "maybe", "--yes"], /on or off/],
    [["icharger", "presets", "abc"], /slot must be a number/],
    [["icharger", "presets", "64"], /slot must be 0..63/],
    [["icharger", "charge", "--yes"], /--preset N is required/],
    [["icharger", "charge", "--preset", "99", "--yes"], /--preset/],
    [["icharger", "stop", "--channel", "3", "--yes"], /--channel/],
    [["icharger", "ir", "--auto", "--yes"], /--preset N is required/],
    [["icharger", "ir", "--auto", "--preset", "1", "--max-current", "100", "--yes"], /--max-current/],
    [["voltaic", "load", "sideways", "--yes"], /on or off/],
    [["voltaic", "lvp", "set", "banana", "--yes"], /volts must be a number/],
    [["evcharger", "current", "99", "--yes"], /above the maximum 32 A|32/],
    [["evcharger", "current", "banana", "--yes"], /amps must be a number/],
    [["evcharger", "mode", "bogus", "--yes"], /mode must be one of/],
    [["evcharger", "set", "maxCurrent", "--yes"], /missing argument: <name> <value>/],
    [["evcharger", "set", "nonsense", "5", "--yes"], /unknown register "nonsense"/],
    [["evcharger", "upgrade", "--yes"], /missing argument/],
    [["evcharger", "upgrade", join(dir, "no-such-image.bin"), "--yes"], /cannot read/],
    [["evcharger", "upgrade", empty, "--checksum", "zz", "--yes"], /--checksum must be 16-bit hex/],
  ])("batt %j", async (args, message) => refused(args, message));
});

// Issue 14 item 4: one parser for the link options, the same ranges for every device.
describe("link options: the same ranges for every device, refused before the link opens", () => {
  const bad: readonly [string, string, RegExp][] = [
    ["--timeout", "-1", /--timeout must be a number from 1 to 600000/],
    ["--timeout", "0", /--timeout must be a number from 1 to 600000/],
    ["--gap", "-5", /--gap must be a number from 0 to 60000/],
    ["--retries", "1.5", /--retries must be an integer from 0 to 10/],
  ];
  for (const device of plugins) {
    it.each(bad)(`batt read ${device.id} %s %s`, async (flag, value, message) => {
      await refused(["read", device.id, flag, value], message);
    });
  }
});
