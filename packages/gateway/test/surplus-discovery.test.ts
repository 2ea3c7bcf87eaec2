// Home Assistant discovery of a charger's surplus charging: a switch, a lost-input problem sensor and status sensors.
import { describe, expect, it } from "vitest";
import { deviceDiscovery, type DiscoveryContext } from "../src/mqtt/discovery.js";
import { GatewayTopics } from "../src/mqtt/topics.js";
import { SURPLUS_CONTROL, surplusDiscovery } from "../src/surplus/surplus-discovery.js";

const topics = new GatewayTopics("batt/garage");
const context: DiscoveryContext = { prefix: "homeassistant", topics, gateway: { id: "garage", name: "Garage", version: "0.1.0" } };
const identity = { driver: "evcharger", category: "ev-charger" as const, manufacturer: "SolaX", model: "X3-EVC-11K" };

function discover() {
  return deviceDiscovery(context, {
    name: "wallbox",
    title: "Wallbox",
    identity,
    measurements: [],
    controls: [],
    extra: (common, node) => surplusDiscovery(context.prefix, node, topics.surplus("wallbox"), topics.command("wallbox", SURPLUS_CONTROL), common),
  });
}

describe("surplus discovery", () => {
  it("announces the switch on the device, its state read from the retained surplus topic", () => {
    const sw = discover().find((m) => m.topic === "homeassistant/switch/batt_garage_wallbox/surplus_mode/config");
    expect(sw?.payload).toEqual({
      name: "Surplus charging",
      unique_id: "batt_garage_wallbox_surplus_mode",
      availability: [{ topic: "batt/garage/status" }, { topic: "batt/garage/wallbox/availability" }],
      availability_mode: "all",
      device: { identifiers: ["batt_garage_wallbox"], name: "Wallbox", manufacturer: "SolaX", model: "X3-EVC-11K", via_device: "batt_garage" },
      origin: { name: "@batt/gateway", support_url: "https://github.com/batt/batt/tree/main/packages/gateway", sw_version: "0.1.0" },
      command_topic: "batt/garage/wallbox/set/surplus_mode",
      payload_on: "ON",
      payload_off: "OFF",
      state_topic: "batt/garage/wallbox/surplus",
      value_template: "{{ 'ON' if value_json.enabled else 'OFF' }}",
      state_on: "ON",
      state_off: "OFF",
    });
  });

  it("announces the decision, the input and the counters as sensors with their classes and units", () => {
    const byTopic = new Map(discover().map((m) => [m.topic.replace("homeassistant/", "").replace("/batt_garage_wallbox/", ":").replace("/config", ""), m.payload]));
    expect([...byTopic.keys()]).toEqual([
      "switch:surplus_mode",
      "binary_sensor:surplus_input_lost",
      "sensor:surplus_current",
      "sensor:surplus_phases",
      "sensor:surplus_available",
      "sensor:surplus_grid_export",
      "sensor:surplus_reason",
      "sensor:surplus_bad_payloads",
      "sensor:surplus_errors",
    ]);
    expect(byTopic.get("sensor:surplus_current")).toMatchObject({ value_template: "{{ value_json.current }}", device_class: "current", unit_of_measurement: "A", state_class: "measurement" });
    expect(byTopic.get("sensor:surplus_grid_export")).toMatchObject({ value_template: "{{ value_json.exportW }}", device_class: "power", unit_of_measurement: "W" });
    expect(byTopic.get("binary_sensor:surplus_input_lost")).toMatchObject({ value_template: "{{ 'ON' if value_json.stale else 'OFF' }}", device_class: "problem", entity_category: "diagnostic" });
    expect(byTopic.get("sensor:surplus_bad_payloads")).toMatchObject({ value_template: "{{ value_json.badPayloads }}", state_class: "total_increasing", entity_category: "diagnostic" });
    for (const payload of byTopic.values()) expect(payload["state_topic"]).toBe("batt/garage/wallbox/surplus");
  });
});
