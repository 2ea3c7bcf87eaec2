// `batt gateway` through the real binary (from sources): the contract the checks use, a clean
// SIGTERM shutdown, and a bad config refused with exit 2 naming line and field.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { batt, finished, untilSays } from "@batt/test-support/cli-process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_PLUGINS } from "./all-plugins.js";
import { startMosquitto, type Mosquitto } from "./support/mosquitto.js";
import { MqttWatch } from "./support/mqtt-watch.js";

describe("batt gateway (the real binary)", () => {
  let broker: Mosquitto;
  let dir: string;

  beforeAll(async () => {
    broker = await startMosquitto();
    dir = mkdtempSync(join(tmpdir(), "batt-gateway-cli-"));
  });

  afterAll(async () => {
    await broker?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("--sim --mqtt publishes discovery under homeassistant for one simulator of each kind within 10 s, and SIGTERM ends it cleanly", async () => {
    const watch = await MqttWatch.open(broker.url, ["homeassistant/#", "batt/batt/status"]);
    const child = batt(["gateway", "--sim", "--mqtt", broker.url, "--log-format", "json"]);
    const done = finished(child);
    try {
      // The clock starts when the process is up: loading the CLI from sources through tsx takes 2–3 s on a quiet
      // machine but over 10 s on a saturated one, and that start-up is every command's, not the gateway's.
      await untilSays(child, "stderr", "gateway running");
      const started = Date.now();
      const kinds = ALL_PLUGINS.filter((p) => p.simulate !== undefined).map((p) => p.id);
      expect(kinds).toHaveLength(5);
      for (const kind of kinds) {
        const message = await watch.next((m) => m.topic.startsWith(`homeassistant/sensor/batt_batt_sim-${kind}/`), Math.max(1, 10_000 - (Date.now() - started)));
        const config = JSON.parse(message.payload) as { device: { identifiers: string[] }; state_topic: string };
        expect(config.device.identifiers).toEqual([`batt_batt_sim-${kind}`]);
        expect(config.state_topic).toBe(`batt/batt/sim-${kind}/state`);
      }
      expect(Date.now() - started).toBeLessThan(10_000);
      await watch.next((m) => m.topic === "batt/batt/status" && m.payload === "online");
    } finally {
      child.kill("SIGTERM");
    }
    const result = await done;
    expect(result.code).toBe(0);
    // Structured logs: JSON lines on stderr.
    const lines = result.stderr.trim().split("\n").map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["gateway running", "stopping", "stopped"]));
    await watch.next((m) => m.topic === "batt/batt/status" && m.payload === "offline", 5000);
    await watch.close();
  });

  it("refuses a bad config with exit 2, naming the line and the field", async () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(file, ["links:", "  - type: serial", "    path: /dev/ttyUSB0", "    devices:", "      - kind: jbd", "        name: house", "        poll: fast", ""].join("\n"));
    const result = await finished(batt(["gateway", "--config", file]));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:7:15: links[0].devices[0].poll: must be number`);
  });
});
