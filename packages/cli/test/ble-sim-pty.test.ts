import { plugin as jbd } from "@batt/jbd/cli";
import { createPtyPair } from "@batt/transport-node/testing";
import { describe, expect, it } from "vitest";
import { main } from "../src/index.js";
import { runCli } from "./run-cli.js";

// `batt sim jbd --ble-mtu 20`: the simulator behind core's BlePeripheralHost on a real serial line, each
// reply written in 20-byte pieces as a Bluetooth module's notifications come; the JBD driver on the other
// end reassembles them.
describe("batt sim <device> --ble-mtu over a socat pty pair", () => {
  it("answers in pieces of at most 20 bytes, and batt read jbd reads the pack", async () => {
    const pair = await createPtyPair();
    const stop = new AbortController();
    let stderr = "";
    try {
      let announced: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => (announced = resolve));
      const serving = main(["sim", "jbd", "--port", pair.a, "--ble-mtu", "20", "-v"], {
        plugins: [jbd],
        signal: stop.signal,
        stdout: { write: () => true },
        stderr: {
          write: (text: string) => {
            stderr += text;
            if (text.includes("Ctrl-C to stop")) announced();
          },
        },
      });
      await ready;
      const read = await runCli(["read", "jbd", "--port", pair.b, "--json", "--gap", "0"], { plugins: [jbd] });
      expect(read.code, read.stderr).toBe(0);
      expect(JSON.parse(read.stdout).batteries[0]).toMatchObject({ current: -2.5, soc: 60, fullCapacity: 100 });
      const pieces = [...stderr.matchAll(/^(?:batt: )?tx ((?:[0-9a-f]{2} ?)+)$/gm)].map((m) => m[1]!.trim().split(" ").length);
      expect(pieces.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...pieces)).toBe(20);
      stop.abort();
      expect(await serving).toBe(130);
    } finally {
      stop.abort();
      await pair.close();
    }
  });
});
