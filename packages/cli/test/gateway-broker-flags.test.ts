import { plugin as jbd } from "@batt/jbd/cli";
import { describe, expect, it } from "vitest";
import { main } from "../src/index.js";
import { createDemoDevice } from "../src/sim/demo-modbus-device.js";
import { runCli } from "./run-cli.js";

describe("batt gateway: the embedded broker's address from the command line", () => {
  it("--broker-host/--broker-port/--broker-ws-port place the embedded broker (the dashboard on another machine reaches it there)", async () => {
    const stopped = new AbortController();
    let stderr = "";
    const code = await main(["gateway", "--sim", "--broker-host", "127.0.0.1", "--broker-port", "0", "--broker-ws-port", "0", "--log-format", "json"], {
      plugins: [jbd],
      demoDevice: createDemoDevice(),
      signal: stopped.signal,
      stdout: { write: () => true, isTTY: false },
      stderr: {
        write: (text: string) => {
          stderr += text;
          // Stop once it says where it listens: that line is what this test is about.
          if (text.includes('"gateway running"')) stopped.abort();
          return true;
        },
      },
    });
    expect(code, stderr).toBe(0);
    const running = stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string; mqtt?: string; ws?: string })
      .find((line) => line.msg === "gateway running");
    // Port 0 is any free port: not the defaults 1883 and 9001.
    expect(running?.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:(\d+)$/);
    expect(running?.mqtt).not.toMatch(/:1883$/);
    expect(running?.ws).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(running?.ws).not.toMatch(/:9001$/);
  });

  it("refuses broker flags with an external broker, and a bad port, before anything starts", async () => {
    const external = await runCli(["gateway", "--sim", "--mqtt", "mqtt://127.0.0.1:1", "--broker-host", "0.0.0.0"], { plugins: [jbd] });
    expect(external.code).toBe(2);
    expect(external.stderr).toMatch(/with an external broker/);
    const port = await runCli(["gateway", "--sim", "--broker-ws-port", "70000"], { plugins: [jbd] });
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/broker-ws-port/);
  });
});
