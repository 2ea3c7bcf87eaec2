// Every simulated device kind through the gateway on the embedded broker (TCP and WebSocket): its controls are announced to
// Home Assistant as switches, numbers and buttons, and a command to one of them (the Voltaic load output)
// is applied, read back and published.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConfig } from "../src/config/sim-config.js";
import { Gateway } from "../src/gateway.js";
import { ALL_PLUGINS } from "./all-plugins.js";
import { MqttWatch } from "./support/mqtt-watch.js";

describe("gateway --sim controls", () => {
  let gateway: Gateway;
  let watch: MqttWatch;

  beforeAll(async () => {
    gateway = await Gateway.start({ plugins: ALL_PLUGINS, config: simulatorConfig(ALL_PLUGINS, { broker: { port: 0, wsPort: 0 } }) });
    watch = await MqttWatch.open(gateway.brokerUrl, ["homeassistant/+/+/+/config", "batt/batt/+/result", "batt/batt/sim-voltaic/state"]);
  });

  afterAll(async () => {
    await watch?.close();
    await gateway?.stop();
  });

  it("serves MQTT over WebSocket too, for browsers", async () => {
    expect(gateway.brokerWsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const browser = await MqttWatch.open(gateway.brokerWsUrl!, ["batt/batt/status"]);
    try {
      expect((await browser.next((m) => m.topic === "batt/batt/status")).payload).toBe("online");
    } finally {
      await browser.close();
    }
  });

  it("announces the controls of every writable simulated device", async () => {
    const expected = [
      "switch/batt_batt_sim-jbd/charge_switch",
      "switch/batt_batt_sim-jbd/discharge_switch",
      "switch/batt_batt_sim-jk/charge_mosfet",
      "switch/batt_batt_sim-voltaic/load",
      "button/batt_batt_sim-evcharger/stop_charging",
      "number/batt_batt_sim-evcharger/",
      "button/batt_batt_sim-icharger/",
    ];
    for (const prefix of expected) {
      const message = await watch.next((m) => m.topic.startsWith(`homeassistant/${prefix}`), 15_000);
      const payload = JSON.parse(message.payload) as { command_topic: string; min?: number; max?: number; step?: number };
      expect(payload.command_topic).toMatch(/^batt\/batt\/sim-[a-z]+\/set\/[a-z0-9_]+$/);
      if (prefix.startsWith("number/")) expect(payload.max! > payload.min! && payload.step! > 0).toBe(true);
    }
  });

  it("switches the simulated Voltaic load output off and on through MQTT, confirmed by read-back", async () => {
    await watch.next((m) => m.topic === "homeassistant/switch/batt_batt_sim-voltaic/load/config", 15_000);
    for (const [payload, on] of [
      ["OFF", false],
      ["ON", true],
    ] as const) {
      const from = watch.messages.length;
      await watch.publish("batt/batt/sim-voltaic/set/load", payload);
      const result = JSON.parse((await watch.next((m) => m.topic === "batt/batt/sim-voltaic/result", 10_000, from)).payload) as Record<string, unknown>;
      expect(result).toMatchObject({ ok: true, control: "load", value: payload, state: on });
      const state = await watch.next((m) => m.topic === "batt/batt/sim-voltaic/state" && m.seq > from, 10_000);
      expect((JSON.parse(state.payload) as { values: Record<string, unknown> }).values["load_on"]).toBe(on);
    }
  });
});
