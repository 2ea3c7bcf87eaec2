import { plugin as jbd } from "@batt/jbd/cli";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// These machines have neither @stoprocent/noble installed nor a Bluetooth adapter: every Bluetooth
// command must end with the typed error's message and exit 1, and bad Bluetooth flags with usage (2).

describe("batt over Bluetooth where Bluetooth is not available", () => {
  it("batt list --ble says why it cannot scan and exits 1", async () => {
    const run = await runCli(["list", "--ble"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^batt: unsupported: Bluetooth is not available: @stoprocent\/noble could not load .*npm install @stoprocent\/noble/m);
    expect(run.stdout).toBe("");
  });

  it("batt read jbd --ble NAME fails at the link with the same typed error", async () => {
    const run = await runCli(["read", "jbd", "--ble", "SP04S034"], { plugins: [jbd] });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^batt: unsupported: Bluetooth is not available/m);
  });

  it.each([
    [["read", "jbd", "--ble", "SP04S034", "--ble-profile", "daly"], /--ble-profile: expected one of jbd, jk, got "daly"/],
    [["read", "jbd", "--ble", "SP04S034", "--port", "/dev/ttyUSB0"], /choose one of --port, --ble/],
    [["read", "jbd", "--ble", "SP04S034", "--ble-mtu", "0"], /--ble-mtu/],
    [["modbus", "read", "--ble", "AA:BB:CC:DD:EE:FF"], /no Bluetooth profile of its own: add --ble-profile \(jbd, jk\)/],
  ])("%j is a usage error (exit 2) before anything opens", async (argv, message) => {
    const run = await runCli(argv, { plugins: [jbd] });
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
  });
});
