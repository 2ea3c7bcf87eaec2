import { describe, expect, it } from "vitest";
import { createDemoDevice } from "../src/sim/demo-modbus-device.js";
import { runCli } from "./run-cli.js";

// Issue 14 item 5: `batt modbus write` changes a device, so like every other write it needs --yes.
describe("batt modbus write needs --yes", () => {
  it("without --yes: usage error (exit 2), nothing sent, the register keeps its value", async () => {
    const demoDevice = createDemoDevice();
    const before = await runCli(["modbus", "read", "--sim", "--address", "5", "--json"], { demoDevice });
    const refused = await runCli(["modbus", "write", "--sim", "--address", "5", "25", "-v"], { demoDevice });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/would change the device.*--yes/);
    expect(refused.stderr).not.toMatch(/\btx\b/);
    const after = await runCli(["modbus", "read", "--sim", "--address", "5", "--json"], { demoDevice });
    expect(JSON.parse(after.stdout).values).toEqual(JSON.parse(before.stdout).values);
    expect(JSON.parse(after.stdout).values).not.toEqual([25]);
  });

  it("with --yes: writes", async () => {
    const demoDevice = createDemoDevice();
    const done = await runCli(["modbus", "write", "--sim", "--address", "5", "25", "--yes"], { demoDevice });
    expect(done).toMatchObject({ code: 0, stdout: "wrote 1 holding register at 5 of unit 1 (function 0x06)\n" });
    const back = await runCli(["modbus", "read", "--sim", "--address", "5", "--json"], { demoDevice });
    expect(JSON.parse(back.stdout).values).toEqual([25]);
  });

  it("a bad value is a usage error before the --yes question", async () => {
    const refused = await runCli(["modbus", "write", "--sim", "--type", "coil", "maybe"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/coil value/);
  });
});
