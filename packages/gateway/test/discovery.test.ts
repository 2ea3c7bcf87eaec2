import { measure, type DeviceControl } from "@batt/core";
import { describe, expect, it } from "vitest";
import { deviceDiscovery, gatewayDiscovery, type DiscoveryContext } from "../src/mqtt/discovery.js";
import { GatewayTopics } from "../src/mqtt/topics.js";

const context: DiscoveryContext = { prefix: "homeassistant", topics: new GatewayTopics("batt/garage"), gateway: { id: "garage", name: "Garage", version: "0.1.0" } };
const identity = { driver: "jbd", category: "bms" as const, manufacturer: "JBD", model: "JBD-SP04S034", firmware: "8.0" };
const charge: DeviceControl = { kind: "switch", key: "charge_switch", name: "Charge MOSFET", state: "charge_allowed", set: async () => undefined };

const device = {
  registry: {
    identifiers: ["batt_garage_house"],
    name: "House bank",
    manufacturer: "JBD",
    model: "JBD-SP04S034",
    sw_version: "8.0",
    via_device: "batt_garage",
  },
  availability: [{ topic: "batt/garage/status" }, { topic: "batt/garage/house/availability" }],
  origin: { name: "@batt/gateway", support_url: "https://github.com/batt/batt/tree/main/packages/gateway", sw_version: "0.1.0" },
};

function discover(...measurements: ReturnType<typeof measure>[]) {
  return deviceDiscovery(context, { name: "house", title: "House bank", identity, measurements, controls: [charge] });
}

describe("Home Assistant discovery", () => {
  it("announces a JBD cell voltage as a voltage sensor reading its value from the state JSON", () => {
    const [cell] = discover(measure("cell_1", "Cell 1", "voltage", 3.318, { decimals: 3 }));
    expect(cell).toEqual({
      topic: "homeassistant/sensor/batt_garage_house/cell_1/config",
      payload: {
        name: "Cell 1",
        unique_id: "batt_garage_house_cell_1",
        availability: device.availability,
        availability_mode: "all",
        device: device.registry,
        origin: device.origin,
        state_topic: "batt/garage/house/state",
        value_template: "{{ value_json['values']['cell_1'] }}",
        device_class: "voltage",
        state_class: "measurement",
        unit_of_measurement: "V",
        suggested_display_precision: 3,
      },
    });
  });

  it("announces an on/off state as a binary_sensor", () => {
    const [state] = discover(measure("charge_allowed", "Charge allowed", "state", true));
    expect(state).toEqual({
      topic: "homeassistant/binary_sensor/batt_garage_house/charge_allowed/config",
      payload: {
        name: "Charge allowed",
        unique_id: "batt_garage_house_charge_allowed",
        availability: device.availability,
        availability_mode: "all",
        device: device.registry,
        origin: device.origin,
        state_topic: "batt/garage/house/state",
        value_template: "{{ 'ON' if value_json['values']['charge_allowed'] else 'OFF' }}",
        payload_on: "ON",
        payload_off: "OFF",
      },
    });
  });

  it("announces an enum as a sensor of device class enum with its options, without state class or unit", () => {
    const [stage] = discover(measure("charge_stage", "Charge stage", "enum", "float", { options: ["off", "bulk", "absorption", "float"] }));
    expect(stage).toEqual({
      topic: "homeassistant/sensor/batt_garage_house/charge_stage/config",
      payload: {
        name: "Charge stage",
        unique_id: "batt_garage_house_charge_stage",
        availability: device.availability,
        availability_mode: "all",
        device: device.registry,
        origin: device.origin,
        state_topic: "batt/garage/house/state",
        value_template: "{{ value_json['values']['charge_stage'] }}",
        device_class: "enum",
        options: ["off", "bulk", "absorption", "float"],
      },
    });
  });

  it("announces a switch control with its command topic and its state read from the state JSON", () => {
    const messages = discover();
    expect(messages).toEqual([
      {
        topic: "homeassistant/switch/batt_garage_house/charge_switch/config",
        payload: {
          name: "Charge MOSFET",
          unique_id: "batt_garage_house_charge_switch",
          availability: device.availability,
          availability_mode: "all",
          device: device.registry,
          origin: device.origin,
          command_topic: "batt/garage/house/set/charge_switch",
          payload_on: "ON",
          payload_off: "OFF",
          state_topic: "batt/garage/house/state",
          value_template: "{{ 'ON' if value_json['values']['charge_allowed'] else 'OFF' }}",
          state_on: "ON",
          state_off: "OFF",
        },
      },
    ]);
  });

  it("takes units, device and state classes from MEASUREMENT_KINDS: energy is total_increasing, Ah has no device class", () => {
    const [energy, charge] = discover(measure("energy", "Energy", "energy", 1200), measure("remaining", "Remaining", "charge", 59.9));
    expect(energy!.payload).toMatchObject({ device_class: "energy", state_class: "total_increasing", unit_of_measurement: "Wh", suggested_display_precision: 0 });
    expect(charge!.payload).toMatchObject({ state_class: "measurement", unit_of_measurement: "Ah" });
    expect(charge!.payload).not.toHaveProperty("device_class");
  });

  it("announces the gateway itself, which every device names as via_device", () => {
    expect(gatewayDiscovery(context)).toEqual({
      topic: "homeassistant/binary_sensor/batt_garage/status/config",
      payload: {
        name: "Status",
        unique_id: "batt_garage_status",
        device_class: "connectivity",
        entity_category: "diagnostic",
        state_topic: "batt/garage/status",
        payload_on: "online",
        payload_off: "offline",
        device: { identifiers: ["batt_garage"], name: "Garage", manufacturer: "@batt", model: "batt gateway", sw_version: "0.1.0" },
        origin: device.origin,
      },
    });
  });
});

describe("GatewayTopics", () => {
  it("parses command topics and nothing else", () => {
    const topics = new GatewayTopics("batt/garage");
    expect(topics.parseCommand("batt/garage/house/set/charge_switch")).toEqual({ device: "house", control: "charge_switch" });
    expect(topics.parseCommand("batt/garage/house/state")).toBeUndefined();
    expect(topics.parseCommand("batt/other/house/set/x")).toBeUndefined();
    expect(topics.parseCommand("batt/garage/house/set/x/y")).toBeUndefined();
  });
});
