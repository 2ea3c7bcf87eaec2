import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { discoverPlugins } from "../src/plugins.js";
import { runCli } from "./run-cli.js";
import { createToyPlugin } from "./toy-plugin.js";

const dir = mkdtempSync(join(tmpdir(), "batt-plugins-"));

function toy() {
  const { plugin, state } = createToyPlugin();
  return {
    state,
    run: (argv: string[], signal?: AbortSignal, terminal = false) => runCli(argv, { plugins: [plugin], ...(signal ? { signal } : {}) }, terminal),
  };
}

describe("device plugin commands", () => {
  it("batt read <id> --sim reads through the plugin's driver and simulator", async () => {
    const { run } = toy();
    const human = await run(["read", "toy", "--sim"]);
    expect(human).toEqual({ code: 0, stdout: "Toy\nVoltage  13.250 V\nCell     3.313 V\n", stderr: "" });
    const json = await run(["read", "toy", "--sim", "--json", "--cells", "5"]);
    const envelope = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(envelope).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      device: { driver: "toy", category: "bms", model: "Toy" },
      measurements: [
        { key: "voltage", name: "Voltage", value: 13.25, unit: "V", kind: "voltage", decimals: 3 },
        { key: "cell", name: "Cell", value: 2.65, unit: "V", kind: "voltage", decimals: 3 },
      ],
      batteries: [],
      reading: { millivolts: 13250, cellMillivolts: 2650 },
    });
  });

  it("help lists the plugin under read, monitor, decode and sim, and its own commands", async () => {
    const { run } = toy();
    expect((await run(["read", "--help"])).stdout).toMatch(/toy\s+read Toy BMS once/);
    expect((await run(["monitor", "--help"])).stdout).toContain("toy");
    expect((await run(["decode", "--help"])).stdout).toMatch(/toy <hex…>/);
    expect((await run(["sim", "--help"])).stdout).toMatch(/toy\s+simulate a Toy BMS/);
    const root = await run(["--help"]);
    expect(root.stdout).toMatch(/toy …\s+Toy BMS commands/);
    const readHelp = (await run(["read", "toy", "--help"])).stdout;
    expect(readHelp).toMatch(/Toy BMS options:\n\s+--cells <cells>\s+cells in series \(default: 4\)/);
    expect(readHelp).toMatch(/--baud <n>\s+baud rate \(default: 19200\)/);
    const group = (await run(["toy", "--help"])).stdout;
    expect(group).toMatch(/set …/);
    expect(group).toMatch(/info\s+show what the plugin knows/);
    expect((await run(["toy", "set", "voltage", "--help"])).stdout).toMatch(/Usage: batt toy set voltage <millivolts> \[options\][\s\S]*--yes/);
  });

  it("batt decode <id> <hex> prints JSON; a bad frame is a device error, bad hex a usage error", async () => {
    const { run } = toy();
    const ok = await run(["decode", "toy", "21", "33:c2", "0x16", "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ kind: "voltage", millivolts: 0x33c2 });
    const bad = await run(["decode", "toy", "21 33 c2 17"]);
    expect(bad).toEqual({ code: 1, stdout: "", stderr: "batt: checksum: toy sum mismatch\n" });
    const short = await run(["decode", "toy", "21 33"]);
    expect(short.code).toBe(1);
    expect(short.stderr).toBe("batt: frame: a toy frame is 1 or 4 bytes, got 2\n");
    const notHex = await run(["decode", "toy", "xyz"]);
    expect(notHex.code).toBe(2);
    expect(notHex.stderr).toMatch(/^batt: usage: /);
  });

  it("a command that changes the device is refused without --yes, and nothing is sent", async () => {
    const { run, state } = toy();
    const refused = await run(["toy", "set", "voltage", "12000", "--sim"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^batt: usage: "batt toy set voltage 12000" would change the device: set the pack voltage\. Nothing was sent; add --yes to go ahead\.\n/);
    expect(state).toEqual({ millivolts: 13250, requests: 0 });

    const done = await run(["toy", "set", "voltage", "12000", "--sim", "--yes", "--json"]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ millivolts: 12000 });
    expect(done.stderr).toBe("setting 12000 mV\n");
    expect(JSON.parse((await run(["read", "toy", "--sim", "--json"])).stdout).reading.millivolts).toBe(12000);
  });

  it("a command that changes the device only with some options asks for --yes only then", async () => {
    const { run } = toy();
    const look = await run(["toy", "calibrate", "--sim", "--json"]);
    expect(look.code).toBe(0);
    expect(JSON.parse(look.stdout)).toEqual({ applied: false });
    const refused = await run(["toy", "calibrate", "--apply", "--sim"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/would change the device.*Nothing was sent; add --yes/);
    const done = await run(["toy", "calibrate", "--apply", "--sim", "--yes", "--json"]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ applied: true });
  });

  it("a value the driver refuses before sending is a usage error", async () => {
    const { run, state } = toy();
    const bad = await run(["toy", "set", "voltage", "lots", "--sim", "--yes"]);
    expect(bad).toEqual({ code: 2, stdout: "", stderr: 'batt: invalid-argument: millivolts must be 0..65535, got "lots"\n' });
    expect(state.requests).toBe(0);
  });

  it("@FILE arguments pass a file's text and --output writes the result to a file", async () => {
    const { run } = toy();
    const input = join(dir, "note-in.txt");
    const output = join(dir, "note-out.txt");
    writeFileSync(input, "line one\nline two\n");
    const done = await run(["toy", "note", `@${input}`, "--sim", "--output", output]);
    expect(done).toEqual({ code: 0, stdout: "", stderr: `wrote ${output}\n` });
    expect(readFileSync(output, "utf8")).toBe("line one\nline two\n");
    const missing = await run(["toy", "note", `@${join(dir, "absent.txt")}`, "--sim"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^batt: usage: cannot read /);
  });

  it("plugin command options reach the plugin", async () => {
    const { run } = toy();
    const info = await run(["toy", "info", "--sim", "--json", "--detail", "--cells", "8"]);
    expect(JSON.parse(info.stdout)).toEqual({ model: "toy", cells: "8", detail: true });
    expect((await run(["toy", "info", "--sim", "--bogus"])).code).toBe(2);
  });

  it("batt monitor <id> --json --count N prints one JSON line per reading", async () => {
    const { run, state } = toy();
    const { code, stdout } = await run(["monitor", "toy", "--sim", "--json", "--count", "3", "--interval", "0"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as { time: string; reading: unknown });
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => !Number.isNaN(Date.parse(l.time)))).toBe(true);
    expect(lines[2]!.reading).toEqual({ millivolts: 13250, cellMillivolts: 3313 });
    expect(state.requests).toBe(3);
  });

  it("batt monitor redraws the screen on a terminal", async () => {
    const { run } = toy();
    const { code, stdout } = await run(["monitor", "toy", "--sim", "--count", "2", "--interval", "0"], undefined, true);
    expect(code).toBe(0);
    const frames = stdout.split("\x1b[H\x1b[2J").slice(1);
    expect(frames).toHaveLength(2);
    expect(frames[1]).toMatch(/^Toy BMS · .* · reading 2 · Ctrl-C to stop\n\nToy\nVoltage {2}13\.250 V\nCell {5}3\.313 V\n$/);
  });

  it("batt monitor reports a missed reading and goes on; the exit code says one failed", async () => {
    const { run } = toy();
    const file = join(dir, "monitor.txt");
    writeFileSync(file, "=> 3f\n<= 21 33 c2 16\n=> 3f\n# the device missed this one\n=> 3f\n<= 21 30 d4 25\n");
    const { code, stdout, stderr } = await run(["monitor", "toy", "--replay", file, "--json", "--count", "3", "--interval", "0"]);
    expect(stdout.trim().split("\n").map((l) => (JSON.parse(l) as { reading: { millivolts: number } }).reading.millivolts)).toEqual([13250, 12500]);
    expect(stderr).toBe("batt: timeout: no reply within 200 ms\n");
    expect(code).toBe(1);
  });

  it("batt monitor stops with 130 on Ctrl-C", async () => {
    const { run } = toy();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { code, stdout } = await run(["monitor", "toy", "--sim", "--interval", "10"], controller.signal);
    expect(code).toBe(130);
    expect(stdout).toMatch(/^# .* reading 1\nToy\nVoltage {2}13\.250 V/);
  });

  it("--record and --replay work for plugin commands too", async () => {
    const { run } = toy();
    const file = join(dir, "toy.txt");
    const recorded = await run(["read", "toy", "--sim", "--record", file]);
    expect(readFileSync(file, "utf8")).toContain("=> 3f\n<= 21 33 c2 16\n");
    expect(await run(["read", "toy", "--replay", file])).toEqual(recorded);
    writeFileSync(file, "=> 3f\n<= 21 33 c2 16\n=> 3f\n");
    const left = await run(["read", "toy", "--replay", file]);
    expect(left.code).toBe(1);
    expect(left.stderr).toMatch(/^batt: transcript-mismatch: /);
  });

  it("link flags override the plugin's defaults and --verbose traces the bytes", async () => {
    const { run } = toy();
    const missing = await run(["read", "toy"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no device given: use --port PATH, --tcp HOST:PORT, --ble ADDRESS or --sim/);
    const traced = await run(["read", "toy", "--sim", "-v"]);
    expect(traced.stderr).toContain("batt: tx 3f\nbatt: rx 21 33 c2 16\n");
  });
});

describe("discoverPlugins", () => {
  /** A throw-away package.json with node_modules, as an installed CLI would have. */
  function fakeInstall(): string {
    const root = mkdtempSync(join(dir, "install-"));
    const pkg = (name: string, manifest: object, files: Record<string, string> = {}): void => {
      const at = join(root, "node_modules", ...name.split("/"));
      mkdirSync(at, { recursive: true });
      writeFileSync(join(at, "package.json"), JSON.stringify({ name, type: "module", ...manifest }));
      for (const [file, text] of Object.entries(files)) writeFileSync(join(at, file), text);
    };
    const pluginSource = (id: string) =>
      `export const plugin = { id: "${id}", title: "${id} device", category: "bms", link: { kind: "serial", baudRate: 9600 }, async connect() { return { async read() { return { id: "${id}" }; }, async close() {} }; } };\n`;
    pkg("@batt/alpha", { exports: { ".": "./index.js", "./cli": "./cli.js", "./package.json": "./package.json" } }, { "cli.js": pluginSource("alpha") });
    pkg("@batt/plain", { exports: { ".": "./index.js", "./package.json": "./package.json" } });
    pkg("@batt/broken", { exports: { "./cli": "./cli.js", "./package.json": "./package.json" } }, { "cli.js": "throw new Error('boom');\n" });
    pkg("@batt/wrong", { exports: { "./cli": "./cli.js", "./package.json": "./package.json" } }, { "cli.js": "export const plugin = { id: 42 };\n" });
    pkg("other-cli", { exports: { "./cli": "./cli.js", "./package.json": "./package.json" } }, { "cli.js": pluginSource("other") });
    pkg("@batt/copy", { exports: { "./cli": "./cli.js", "./package.json": "./package.json" } }, { "cli.js": pluginSource("alpha") });
    pkg("@batt/beta", { exports: { "./cli": { default: "./cli.js" }, "./package.json": "./package.json" } }, { "cli.js": pluginSource("beta") });
    const manifest = join(root, "package.json");
    writeFileSync(
      manifest,
      JSON.stringify({ name: "host", dependencies: { "@batt/alpha": "*", "@batt/plain": "*", "@batt/broken": "*", "@batt/wrong": "*", "other-cli": "*", "@batt/missing": "*", "@batt/copy": "*" }, optionalDependencies: { "@batt/beta": "*" } }),
    );
    return manifest;
  }

  /** Imports `specifier` as the fake install would resolve it (the test's own resolver cannot see it). */
  function importFrom(manifest: string, specifier: string): Promise<unknown> {
    return import(pathToFileURL(createRequire(manifest).resolve(specifier)).href);
  }

  it("imports <name>/cli of every @batt dependency that exports it, and skips the rest", async () => {
    const manifest = fakeInstall();
    const imported: string[] = [];
    const warnings: string[] = [];
    const plugins = await discoverPlugins({
      packageJson: manifest,
      importModule: (specifier) => {
        imported.push(specifier);
        return importFrom(manifest, specifier);
      },
      warn: (m) => warnings.push(m),
    });
    expect(plugins.map((p) => p.id)).toEqual(["alpha", "beta"]);
    expect(imported.sort()).toEqual(["@batt/alpha/cli", "@batt/beta/cli", "@batt/broken/cli", "@batt/copy/cli", "@batt/wrong/cli"]);
    expect(warnings).toEqual([
      "cannot load @batt/broken/cli: boom",
      '@batt/copy/cli uses the device id "alpha" of another plugin; ignored',
      '@batt/wrong/cli does not export a device plugin named "plugin"',
    ]);
  });

  it("a discovered plugin gets the generic commands", async () => {
    const manifest = fakeInstall();
    const plugins = await discoverPlugins({ packageJson: manifest, importModule: (specifier) => importFrom(manifest, specifier) });
    const { stdout } = await runCli(["read", "--help"], { plugins });
    expect(stdout).toMatch(/alpha\s+read alpha device once/);
  });

  it("by default scans the CLI's own package.json and asks for exactly the packages that declare ./cli", async () => {
    const cliManifest = new URL("../package.json", import.meta.url);
    const deps = Object.keys((JSON.parse(readFileSync(cliManifest, "utf8")) as { dependencies: Record<string, string> }).dependencies);
    const require = createRequire(cliManifest);
    const declaring = deps.filter((name) => {
      if (!name.startsWith("@batt/")) return false;
      const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { exports?: Record<string, unknown> };
      return manifest.exports?.["./cli"] !== undefined;
    });
    const imported: string[] = [];
    const { plugin } = createToyPlugin();
    const plugins = await discoverPlugins({
      importModule: async (specifier) => {
        imported.push(specifier);
        return { plugin: { ...plugin, id: specifier.split("/")[1] } };
      },
    });
    expect(imported).toEqual(declaring.sort().map((name) => `${name}/cli`));
    expect(plugins).toHaveLength(declaring.length);
  });
});
