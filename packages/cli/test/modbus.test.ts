import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc16Modbus, fromHex, toHex } from "@batt/core";
import { afterAll, describe, expect, it } from "vitest";
import { createDemoDevice } from "../src/sim/demo-modbus-device.js";
import { DEMO_REGISTER_MAP } from "../src/sim/demo-register-map.js";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "batt-cli-"));
afterAll(() => undefined);

/** An RTU frame with its CRC (low byte first), as hex. */
function rtu(hex: string): string {
  const body = fromHex(hex);
  const crc = crc16Modbus(body);
  return toHex(Uint8Array.from([...body, crc & 0xff, crc >> 8]));
}

const settings = DEMO_REGISTER_MAP.filter((p) => p.table === "holding").map((p) => p.initial);

describe("batt modbus read --sim", () => {
  it("prints an aligned table of address, hex, decimal and meaning", async () => {
    const { code, stdout, stderr } = await runCli(["modbus", "read", "--sim", "--unit", "1", "--address", "0", "--count", "10"]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^address\s+hex\s+decimal\s+meaning$/);
    expect(lines).toHaveLength(11);
    expect(lines[1]).toMatch(/^\s+0 {2}0x07d0 {5}2000 {2}battery capacity: 200\.0 Ah$/);
    expect(lines[2]).toMatch(/^\s+1 {2}0x0500 {5}1280 {2}nominal voltage: 12\.80 V$/);
    // Columns line up: every row has its hex value at the same offset.
    const hexColumn = new Set(lines.slice(1).map((l) => l.indexOf("0x")));
    expect(hexColumn.size).toBe(1);
    expect(stderr).toContain("holding registers 0..9 of unit 1");
  });

  it("--json prints one JSON document with the register values", async () => {
    const { code, stdout } = await runCli(["modbus", "read", "--sim", "--address", "0", "--count", "12", "--json"]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual({ unit: 1, type: "holding", function: 3, address: 0, count: 12, values: settings });
  });

  it("reads bits as address/value and live input registers that move with time", async () => {
    let now = 0;
    const demoDevice = createDemoDevice({ now: () => now });
    const coils = await runCli(["modbus", "read", "--sim", "--type", "coil", "--count", "3"], { demoDevice });
    expect(coils.stdout.split("\n")[0]).toMatch(/^address\s+value\s+meaning$/);
    expect(coils.stdout).toMatch(/ 1 {6}1 {2}alarm buzzer enabled: on/);

    const read = async () => JSON.parse((await runCli(["modbus", "read", "--sim", "--function", "4", "--count", "11", "--json"], { demoDevice })).stdout).values as number[];
    const first = await read();
    now += 60_000;
    const later = await read();
    expect(first[3]).toBe(825); // 82.5 % at start
    expect(later[1]).not.toBe(first[1]); // current follows the load cycle
    expect(later[10]! - first[10]!).toBe(60); // uptime low word counts seconds
  });
});

describe("batt modbus write --sim", () => {
  it("writes registers and reads them back", async () => {
    const demoDevice = createDemoDevice();
    const one = await runCli(["modbus", "write", "--sim", "--address", "5", "25", "--yes"], { demoDevice });
    expect(one).toMatchObject({ code: 0, stdout: "wrote 1 holding register at 5 of unit 1 (function 0x06)\n" });
    const two = await runCli(["modbus", "write", "--sim", "--address", "0x06", "1150", "1450", "--json", "--yes"], { demoDevice });
    expect(JSON.parse(two.stdout)).toEqual({ unit: 1, type: "holding", function: 16, address: 6, count: 2, values: [1150, 1450] });
    const back = await runCli(["modbus", "read", "--sim", "--address", "5", "--count", "3", "--json"], { demoDevice });
    expect(JSON.parse(back.stdout).values).toEqual([25, 1150, 1450]);
  });

  it("writes coils with 0x05 or 0x0F and --multiple forces 0x10 for one register", async () => {
    const demoDevice = createDemoDevice();
    const single = await runCli(["modbus", "write", "--sim", "--type", "coil", "--address", "0", "on", "-v", "--yes"], { demoDevice });
    expect(single.stderr).toContain(`tx ${rtu("01 05 00 00 ff 00")}`);
    const multiple = await runCli(["modbus", "write", "--sim", "--function", "15", "--address", "0", "0", "1", "--yes"], { demoDevice });
    expect(multiple.code).toBe(0);
    const coils = await runCli(["modbus", "read", "--sim", "--type", "coil", "--count", "2", "--json"], { demoDevice });
    expect(JSON.parse(coils.stdout).values).toEqual([false, true]);
    const forced = await runCli(["modbus", "write", "--sim", "--address", "4", "--multiple", "7", "-v", "--yes"], { demoDevice });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain(`tx ${rtu("01 10 00 04 00 01 02 00 07")}`);
  });

  it("sends a negative value as its two's complement and reports the device's refusal", async () => {
    const { code, stderr } = await runCli(["modbus", "write", "--sim", "--address", "5", "-1", "--verbose", "--yes"]);
    expect(stderr).toContain(`tx ${rtu("01 06 00 05 ff ff")}`);
    expect(code).toBe(1);
    expect(stderr).toContain("batt: device-exception: Illegal Data Value (exception 03)");
    expect(stderr).toMatch(/deviceCode: 3/);
  });
});

describe("exit codes", () => {
  it.each([
    [["modbus", "read", "--sim", "--count", "126"], /--count: expected an integer 1..125/],
    [["modbus", "read", "--sim", "--type", "bogus"], /--type: expected coil, discrete, holding or input/],
    [["modbus", "read", "--sim", "--parity", "weird"], /--parity: expected one of/],
    [["modbus", "read", "--sim", "--function", "6"], /--function: expected one of 0x01, 0x02, 0x03, 0x04/],
    [["modbus", "read", "--sim", "--unit", "0"], /broadcast/],
    [["modbus", "read", "--sim", "--address", "65535", "--count", "2"], /runs past address 65535/],
    [["modbus", "read"], /no device given/],
    [["modbus", "read", "--sim", "--port", "/dev/null"], /choose one of --port, --sim/],
    [["modbus", "read", "--sim", "--record", "a", "--replay", "b"], /choose one of --sim, --replay|cannot be combined/],
    [["modbus", "write", "--sim", "--type", "input", "1"], /read-only/],
    [["modbus", "write", "--sim", "--type", "coil", "maybe"], /coil value/],
    [["modbus", "write", "--sim", "--function", "6", "1", "2"], /exactly one value/],
    [["nope"], /unknown command/],
  ])("usage error for %j: exit 2, nothing sent", async (argv, message) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^batt: usage: /);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Run "batt .*--help" for usage/);
  });

  it("a device exception is a device error: exit 1", async () => {
    const { code, stdout, stderr } = await runCli(["modbus", "read", "--sim", "--address", "100"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("batt: device-exception: Illegal Data Address (exception 02): unit 1 function 0x03\n");
  });

  it("a missing port is a device error: exit 1", async () => {
    const { code, stderr } = await runCli(["modbus", "read", "--port", join(dir, "no-such-port")]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^batt: not-found: /);
  });

  it("no reply is a timeout: exit 1, with the tx/rx trace under --verbose", async () => {
    const file = join(dir, "silent.txt");
    writeFileSync(file, `=> ${rtu("01 03 00 00 00 01")}\n`);
    const { code, stderr } = await runCli(["modbus", "read", "--replay", file, "--timeout", "30", "--verbose"]);
    expect(code).toBe(1);
    expect(stderr).toContain(`batt: tx ${rtu("01 03 00 00 00 01")}`);
    expect(stderr).toMatch(/batt: timeout: no reply within 30 ms/);
    expect(stderr).toContain(`request: ${rtu("01 03 00 00 00 01")}`);
  });

  it("Ctrl-C (the abort signal) ends the command with 130", async () => {
    const file = join(dir, "forever.txt");
    writeFileSync(file, `=> ${rtu("01 03 00 00 00 01")}\n`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const { code } = await runCli(["modbus", "read", "--replay", file, "--timeout", "10000"], { signal: controller.signal });
    expect(code).toBe(130);
  });
});

describe("--record and --replay", () => {
  it("replaying a recording reproduces the output of the same command", async () => {
    const file = join(dir, "input.txt");
    const args = ["modbus", "read", "--type", "input", "--count", "11", "--json"];
    const recorded = await runCli([...args, "--sim", "--record", file]);
    expect(recorded.code).toBe(0);
    const transcript = readFileSync(file, "utf8");
    expect(transcript).toMatch(/^# batt modbus read .*--record/);
    expect(transcript).toContain(`=> ${rtu("01 04 00 00 00 0b")}`);
    const replayed = await runCli([...args, "--replay", file]);
    expect(replayed).toEqual({ code: 0, stdout: recorded.stdout, stderr: "" });

    // The table shows the same numbers as the recorded JSON.
    const table = await runCli(["modbus", "read", "--type", "input", "--count", "11", "--replay", file]);
    const decimals = table.stdout.trim().split("\n").slice(1).map((l) => Number(l.trim().split(/\s+/)[2]));
    expect(decimals).toEqual(JSON.parse(recorded.stdout).values);
  });

  it("writes the transcript also when the command fails", async () => {
    const file = join(dir, "failed.txt");
    const { code } = await runCli(["modbus", "read", "--sim", "--address", "100", "--record", file]);
    expect(code).toBe(1);
    expect(readFileSync(file, "utf8")).toContain(`<= ${rtu("01 83 02")}`);
  });

  it("a transcript that does not match fails with exit 1", async () => {
    const file = join(dir, "holding.txt");
    await runCli(["modbus", "read", "--sim", "--count", "2", "--record", file]);
    const good = readFileSync(file, "utf8");
    expect((await runCli(["modbus", "read", "--count", "2", "--replay", file])).code).toBe(0);

    // Another command than the one recorded: the request differs.
    const other = await runCli(["modbus", "read", "--count", "3", "--replay", file, "--timeout", "50"]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^batt: transcript-mismatch: line 2: expected => /);

    // Lines left over at the end.
    const longer = join(dir, "longer.txt");
    writeFileSync(longer, `${good}=> ${rtu("01 03 00 00 00 01")}\n`);
    const left = await runCli(["modbus", "read", "--count", "2", "--replay", longer]);
    expect(left.code).toBe(1);
    expect(left.stdout).toBe(""); // a replay that did not play out is a failed command
    expect(left.stderr).toMatch(/batt: transcript-mismatch: transcript not finished: 1 line\(s\) left/);

    // A reply byte changed: the CRC no longer matches.
    const corrupted = join(dir, "corrupted.txt");
    writeFileSync(corrupted, good.replace(/<= 01 03 04 07 d0/, "<= 01 03 04 07 d1"));
    const bad = await runCli(["modbus", "read", "--count", "2", "--replay", corrupted, "--timeout", "50"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^batt: checksum: /);
  });
});
