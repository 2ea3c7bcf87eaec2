import type { ChildProcess } from "node:child_process";
import { createPtyPair, type PtyPair } from "@batt/transport-node/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batt, endProcess, finished, untilSays, type Finished } from "@batt/test-support/cli-process";
import { main } from "../src/index.js";
import { runCli } from "./run-cli.js";
import { createToyPlugin } from "./toy-plugin.js";

// The real command in child processes, over a socat pseudo-terminal pair with the real serialport binding.

describe("batt over a real serial line (socat pty pair)", () => {
  let pair: PtyPair;
  let server: ChildProcess;
  let serverDone: Promise<Finished>;

  beforeAll(async () => {
    pair = await createPtyPair();
    server = batt(["sim", "modbus", "--port", pair.a, "--baud", "19200"]);
    serverDone = finished(server);
    await untilSays(server, "stderr", "Ctrl-C to stop");
  });

  afterAll(async () => {
    if (server) await endProcess(server, "SIGKILL");
    await pair?.close();
  });

  it("writes and reads registers through `batt sim modbus` in another process, which stops with 130 on Ctrl-C", async () => {
    const write = await finished(batt(["modbus", "write", "--port", pair.b, "--baud", "19200", "--address", "3", "77", "25", "--yes"]));
    expect(write, write.stderr).toMatchObject({ code: 0, stdout: "wrote 2 holding registers at 3..4 of unit 1 (function 0x10)\n" });

    const read = await finished(batt(["modbus", "read", "--port", pair.b, "--baud", "19200", "--count", "6", "--json"]));
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toMatchObject({ unit: 1, type: "holding", values: [2000, 1280, 1420, 77, 25, 20] });

    const refused = await finished(batt(["modbus", "read", "--port", pair.b, "--baud", "19200", "--address", "50"]));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^batt: device-exception: Illegal Data Address/m);

    server.kill("SIGINT");
    const done = await serverDone;
    expect(done.code).toBe(130);
  });
});

describe("batt sim <device> and batt read <device> over a real serial line", () => {
  it("serves a plugin's simulator on one end and reads it from the other", async () => {
    const pair = await createPtyPair();
    const { plugin, state } = createToyPlugin();
    const stop = new AbortController();
    try {
      let announced: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => (announced = resolve));
      const serving = main(["sim", "toy", "--port", pair.a], {
        plugins: [plugin],
        signal: stop.signal,
        stdout: { write: () => true },
        stderr: { write: (text: string) => (text.includes("Ctrl-C to stop") ? announced() : undefined) },
      });
      await ready;
      const read = await runCli(["read", "toy", "--port", pair.b, "--json"], { plugins: [plugin] });
      expect(read.code, read.stderr).toBe(0);
      expect(JSON.parse(read.stdout).reading).toEqual({ millivolts: 13250, cellMillivolts: 3313 });
      expect(state.requests).toBe(1);
      stop.abort();
      expect(await serving).toBe(130);
    } finally {
      stop.abort();
      await pair.close();
    }
  });
});
