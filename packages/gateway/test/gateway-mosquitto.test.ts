// The gateway against a real Mosquitto: discovery and state arrive and parse, a command through MQTT
// switches a simulated JBD's charge MOSFET, and a broker restart mid-run is survived.
import type { DevicePlugin } from "@batt/core";
import { plugin as jbd } from "@batt/jbd/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Gateway } from "../src/gateway.js";
import { startMosquitto, type Mosquitto } from "./support/mosquitto.js";
import { MqttWatch } from "./support/mqtt-watch.js";

const PLUGINS = [jbd] as readonly DevicePlugin[];

describe("gateway with Mosquitto", () => {
  let broker: Mosquitto;
  let gateway: Gateway;
  let watch: MqttWatch;

  beforeAll(async () => {
    broker = await startMosquitto();
    watch = await MqttWatch.open(broker.url, ["homeassistant/#", "batt/#"]);
    gateway = await Gateway.start({
      plugins: PLUGINS,
      config: {
        gateway: { id: "itest" },
        mqtt: { url: broker.url },
        links: [
          { type: "sim", name: "bus", devices: [{ kind: "jbd", name: "pack", title: "House pack", poll: 0.5, writable: true, options: { "sim-cells": 4 } }] },
          { type: "sim", name: "bus2", devices: [{ kind: "jbd", name: "readonly", poll: 0.5 }] },
        ],
      },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await watch?.close();
    await broker?.dispose();
  });

  it("publishes the gateway status, Home Assistant discovery and parseable state", async () => {
    await watch.next((m) => m.topic === "batt/itest/status" && m.payload === "online");
    const voltage = await watch.next((m) => m.topic === "homeassistant/sensor/batt_itest_pack/voltage/config");
    const config = JSON.parse(voltage.payload) as Record<string, unknown>;
    expect(config).toMatchObject({
      unique_id: "batt_itest_pack_voltage",
      state_topic: "batt/itest/pack/state",
      device_class: "voltage",
      state_class: "measurement",
      unit_of_measurement: "V",
      availability_mode: "all",
      device: { identifiers: ["batt_itest_pack"], manufacturer: "JBD", name: "House pack", via_device: "batt_itest" },
    });
    const gatewayDevice = await watch.next((m) => m.topic === "homeassistant/binary_sensor/batt_itest/status/config");
    expect(JSON.parse(gatewayDevice.payload)).toMatchObject({ device: { identifiers: ["batt_itest"] }, state_topic: "batt/itest/status" });
    const state = JSON.parse((await watch.next((m) => m.topic === "batt/itest/pack/state")).payload) as { time: string; values: Record<string, unknown>; device: { driver: string } };
    expect(state.device.driver).toBe("jbd");
    expect(Number.isNaN(Date.parse(state.time))).toBe(false);
    expect(state.values["voltage"]).toBeGreaterThan(10);
    expect(state.values["charge_allowed"]).toBe(true);
    await watch.next((m) => m.topic === "batt/itest/pack/availability" && m.payload === "online");
    // A client that subscribes later gets discovery, status and availability from the broker: they are retained.
    const late = await MqttWatch.open(broker.url, ["homeassistant/sensor/batt_itest_pack/voltage/config", "batt/itest/status", "batt/itest/pack/availability"]);
    try {
      for (const topic of ["homeassistant/sensor/batt_itest_pack/voltage/config", "batt/itest/status", "batt/itest/pack/availability"]) {
        expect((await late.next((m) => m.topic === topic)).retain).toBe(true);
      }
    } finally {
      await late.close();
    }
    // Only the writable device has its controls announced.
    await watch.next((m) => m.topic === "homeassistant/switch/batt_itest_pack/charge_switch/config");
    await watch.next((m) => m.topic === "batt/itest/readonly/state");
    expect(watch.messages.some((m) => m.topic.startsWith("homeassistant/switch/batt_itest_readonly/"))).toBe(false);
  });

  it("switches the simulated JBD's charge MOSFET off from MQTT and publishes the new state", async () => {
    await watch.next((m) => m.topic === "homeassistant/switch/batt_itest_pack/charge_switch/config");
    const from = watch.messages.length;
    await watch.publish("batt/itest/pack/set/charge_switch", "OFF");
    const result = JSON.parse((await watch.next((m) => m.topic === "batt/itest/pack/result", 10_000, from)).payload) as Record<string, unknown>;
    expect(result).toMatchObject({ ok: true, control: "charge_switch", value: "OFF", state: false });
    const state = await watch.next((m) => m.topic === "batt/itest/pack/state" && m.seq > from);
    expect((JSON.parse(state.payload) as { values: Record<string, unknown> }).values["charge_allowed"]).toBe(false);
    // Back on, so the pack is left as found.
    const again = watch.messages.length;
    await watch.publish("batt/itest/pack/set/charge_switch", "ON");
    expect(JSON.parse((await watch.next((m) => m.topic === "batt/itest/pack/result", 10_000, again)).payload)).toMatchObject({ ok: true, state: true });
  });

  it("publishes a refused or malformed command as an error, never a silent no-op", async () => {
    const from = watch.messages.length;
    await watch.publish("batt/itest/readonly/set/charge_switch", "OFF");
    const refused = JSON.parse((await watch.next((m) => m.topic === "batt/itest/readonly/result", 10_000, from)).payload) as { ok: boolean; error: { code: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: "unsupported" } });
    await watch.publish("batt/itest/pack/set/charge_switch", "MAYBE");
    const bad = JSON.parse((await watch.next((m) => m.topic === "batt/itest/pack/result", 10_000, from)).payload) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid-argument" } });
    await watch.publish("batt/itest/pack/set/no_such_control", "ON");
    const unknown = await watch.next((m) => m.topic === "batt/itest/pack/result" && m.payload.includes("no_such_control"), 10_000, from);
    expect(JSON.parse(unknown.payload)).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("survives Mosquitto stopping and restarting: publishing resumes, retained status and discovery come back", async () => {
    await watch.next((m) => m.topic === "batt/itest/pack/state");
    await broker.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // polls go on while the broker is away
    expect(gateway.health().ok).toBe(false);
    const from = watch.messages.length;
    await broker.start();
    // A fresh broker (no persistence) knows nothing: the gateway must announce itself again.
    await watch.next((m) => m.topic === "batt/itest/status" && m.payload === "online", 15_000, from);
    await watch.next((m) => m.topic === "homeassistant/sensor/batt_itest_pack/voltage/config", 15_000, from);
    await watch.next((m) => m.topic === "batt/itest/pack/availability" && m.payload === "online", 15_000, from);
    const state = await watch.next((m) => m.topic === "batt/itest/pack/state", 15_000, from);
    // No reading taken while the broker was away is delivered late: the state is fresh.
    expect(Date.now() - Date.parse((JSON.parse(state.payload) as { time: string }).time)).toBeLessThan(1500);
    expect(gateway.health().ok).toBe(true);
  });
});
