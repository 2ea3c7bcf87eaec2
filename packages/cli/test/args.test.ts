import { describe, expect, it } from "vitest";
import { parseInteger } from "../src/args.js";
import { parseCommandLine } from "../src/program.js";
import type { GroupNode } from "../src/command.js";
import { buildCommandTree } from "../src/commands/tree.js";
import { UsageError } from "../src/exit-codes.js";
import { runCli } from "./run-cli.js";

const root: GroupNode = buildCommandTree([]);

function parse(argv: string[]) {
  return parseCommandLine(argv, root);
}

describe("parseCommandLine: an option whose value is optional", () => {
  const tree: GroupNode = {
    kind: "group",
    name: "batt",
    summary: "test",
    children: [
      {
        kind: "command",
        name: "read",
        summary: "read",
        positionals: { min: 0, max: 1 },
        options: [{ name: "hid", type: "string", optionalValue: /^(\/|[0-9a-f]{1,4}:[0-9a-f]{0,4}$)/i, description: "HID device" }],
        run: async () => undefined,
      },
    ],
  };
  const values = (argv: string[]) => {
    const parsed = parseCommandLine(argv, tree);
    if (parsed.kind !== "run") throw new Error("expected run");
    return { hid: parsed.values["hid"], positionals: parsed.positionals };
  };

  it("stands alone, takes a value that matches its pattern, and leaves other words alone", () => {
    expect(values(["read", "--hid"])).toEqual({ hid: true, positionals: [] });
    expect(values(["read", "--hid", "0483:5751"])).toEqual({ hid: "0483:5751", positionals: [] });
    expect(values(["read", "--hid", "/dev/hidraw2"])).toEqual({ hid: "/dev/hidraw2", positionals: [] });
    expect(values(["read", "--hid", "icharger"])).toEqual({ hid: true, positionals: ["icharger"] });
    expect(values(["read", "--hid=anything"])).toEqual({ hid: "anything", positionals: [] });
  });
});

describe("parseCommandLine", () => {
  it("walks subcommand words and reads --name value, --name=value, switches and defaults", () => {
    const parsed = parse(["modbus", "read", "--sim", "--unit=3", "--address", "0x10", "--json"]);
    expect(parsed.kind).toBe("run");
    if (parsed.kind !== "run") return;
    expect(parsed.path).toEqual(["modbus", "read"]);
    expect(parsed.values).toMatchObject({ sim: true, unit: "3", address: "0x10", json: true, count: "1", baud: "9600" });
    expect(parsed.values["type"]).toBeUndefined(); // the command works out its default itself
  });

  it("accepts global options before the command and negative numbers as values", () => {
    const parsed = parse(["-v", "modbus", "write", "--sim", "--address", "5", "-1", "--", "--7"]);
    if (parsed.kind !== "run") throw new Error("expected run");
    expect(parsed.values["verbose"]).toBe(true);
    expect(parsed.positionals).toEqual(["-1", "--7"]);
  });

  it("returns help for the node where --help appears, even without a subcommand", () => {
    expect(parse(["--help"])).toMatchObject({ kind: "help", path: [] });
    expect(parse(["modbus", "--help"])).toMatchObject({ kind: "help", path: ["modbus"] });
    expect(parse(["modbus", "read", "-h"])).toMatchObject({ kind: "help", path: ["modbus", "read"] });
  });

  it.each([
    [["frob"], /unknown command "frob"/],
    [["modbus", "frob"], /unknown command "frob" for "batt modbus"/],
    [["modbus"], /needs a subcommand/],
    [[], /no command given/],
    [["modbus", "read", "--bogus"], /unknown option "--bogus"/],
    [["modbus", "read", "--count"], /--count <n>" argument missing/],
    [["modbus", "read", "--sim=yes"], /unknown option "--sim=yes"/],
    [["modbus", "read", "extra"], /unexpected argument "extra"/],
    [["modbus", "write", "--sim"], /missing argument/],
    [["--port", "x", "modbus", "read"], /unknown option "--port"/],
  ])("rejects %j", (argv, message) => {
    expect(() => parse(argv)).toThrow(UsageError);
    expect(() => parse(argv)).toThrow(message);
  });
});

describe("parseInteger", () => {
  it("reads decimal and 0x hex within the range", () => {
    expect(parseInteger("42", "--n", 0, 100)).toBe(42);
    expect(parseInteger("0x1F", "--n", 0, 100)).toBe(31);
    expect(parseInteger("-5", "--n", -10, 10)).toBe(-5);
  });

  it.each(["", "abc", "1.5", "101", "-1", "0x", "12abc"])("rejects %j", (text) => {
    expect(() => parseInteger(text, "--n", 0, 100)).toThrow(/--n: expected an integer 0..100/);
  });
});

describe("help", () => {
  it("batt --help lists the commands, generated from the tree", async () => {
    const { code, stdout, stderr } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: batt <command>/);
    for (const child of root.children.filter((c) => !c.hidden)) expect(stdout).toContain(`  ${child.name}`);
    expect(stdout).toContain("--verbose");
  });

  it("batt modbus read --help shows every option of the command with its default", async () => {
    const { code, stdout } = await runCli(["modbus", "read", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: batt modbus read [options]");
    for (const option of ["--unit <id>", "--address <n>", "--count <n>", "--type <table>", "--port <path>", "--tcp <host:port>", "--record <file>", "--replay <file>", "--timeout <ms>"]) {
      expect(stdout).toContain(option);
    }
    const flat = stdout.replace(/\s+/g, " "); // wrapped to the width
    expect(flat).toContain("--baud <n> baud rate (default: 9600)");
    expect(flat).toContain("--type <table> coil, discrete, holding or input (default: holding)");
  });

  it("group help lists its subcommands", async () => {
    const { stdout } = await runCli(["modbus", "--help"]);
    expect(stdout).toMatch(/read\s+read coils, discrete inputs, holding or input registers/);
    expect(stdout).toMatch(/write <value…>\s+write coils or holding registers/);
    const sim = await runCli(["sim", "-h"]);
    expect(sim.stdout).toMatch(/modbus\s+simulate a Modbus RTU battery monitor/);
  });

  it("--version prints the package version", async () => {
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
