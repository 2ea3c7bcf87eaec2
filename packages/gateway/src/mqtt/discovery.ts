import { MEASUREMENT_KINDS, type DeviceControl, type DeviceIdentity, type Measurement } from "@batt/core";
import { OFFLINE, ONLINE, type GatewayTopics } from "./topics.js";

/** One retained discovery message. */
export interface DiscoveryMessage {
  /** `<prefix>/<component>/<node_id>/<object_id>/config` */
  readonly topic: string;
  /** The config document (an empty payload removes the entity; not used here). */
  readonly payload: Record<string, unknown>;
}

/** The gateway as Home Assistant's device registry knows it. */
export interface GatewayIdentity {
  /** Gateway id (`batt`). */
  readonly id: string;
  /** Name shown in Home Assistant. */
  readonly name: string;
  /** Version of @batt/gateway. */
  readonly version: string;
}

/** One device as discovery needs it. */
export interface DiscoveredDevice {
  /** The device's config name (topic segment). */
  readonly name: string;
  /** The name Home Assistant shows. */
  readonly title: string;
  /** Who it is (from its latest reading). */
  readonly identity: DeviceIdentity;
  /** Its measurements (from its latest reading). */
  readonly measurements: readonly Measurement[];
  /** Its controls; published only when it is writable. */
  readonly controls: readonly DeviceControl[];
  /** Further entities of the device (surplus charging's), from the fields every entity shares and the node id. */
  readonly extra?: (common: EntityCommon, node: string) => DiscoveryMessage[];
}

/** The fields every entity of a device shares (name, unique id, availability, device registry, origin), by key and name. */
export type EntityCommon = (key: string, name: string) => Record<string, unknown>;

/** Where discovery goes and what it refers to. */
export interface DiscoveryContext {
  /** Discovery prefix (`homeassistant`). */
  readonly prefix: string;
  /** The gateway's topics. */
  readonly topics: GatewayTopics;
  /** The gateway. */
  readonly gateway: GatewayIdentity;
}

const ORIGIN = { name: "@batt/gateway", support_url: "https://github.com/batt/batt/tree/main/packages/gateway" };

/** Home Assistant ids allow letters, digits, `_` and `-`. */
function safeId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_");
}

/** The node id of a device: `batt_<gateway>_<device>`. */
export function deviceNodeId(gatewayId: string, device: string): string {
  return safeId(`batt_${gatewayId}_${device}`);
}

/** The gateway's own device: a connectivity binary sensor on its status topic, which every device points to as `via_device`. */
export function gatewayDiscovery(context: DiscoveryContext): DiscoveryMessage {
  const node = safeId(`batt_${context.gateway.id}`);
  return {
    topic: `${context.prefix}/binary_sensor/${node}/status/config`,
    payload: {
      name: "Status",
      unique_id: `${node}_status`,
      device_class: "connectivity",
      entity_category: "diagnostic",
      state_topic: context.topics.status,
      payload_on: ONLINE,
      payload_off: OFFLINE,
      device: { identifiers: [node], name: context.gateway.name, manufacturer: "@batt", model: "batt gateway", sw_version: context.gateway.version },
      origin: { ...ORIGIN, sw_version: context.gateway.version },
    },
  };
}

/**
 * The discovery messages of one device: a sensor per measurement (`state` → binary_sensor, `enum`
 * → sensor with device class `enum` and its options), and for a writable device a switch, number
 * or button per control. Each entity reads its value from the device's state topic, is available
 * while both the gateway and the device are online, and belongs to the device's registry entry,
 * which hangs off the gateway's (`via_device`).
 */
export function deviceDiscovery(context: DiscoveryContext, device: DiscoveredDevice): DiscoveryMessage[] {
  const node = deviceNodeId(context.gateway.id, device.name);
  const stateTopic = context.topics.state(device.name);
  const { identity } = device;
  const registry = {
    identifiers: [node],
    name: device.title,
    ...(identity.manufacturer ? { manufacturer: identity.manufacturer } : {}),
    ...(identity.model ? { model: identity.model } : {}),
    ...(identity.firmware ? { sw_version: identity.firmware } : {}),
    ...(identity.hardware ? { hw_version: identity.hardware } : {}),
    ...(identity.serial ? { serial_number: identity.serial } : {}),
    via_device: safeId(`batt_${context.gateway.id}`),
  };
  const common = (key: string, name: string) => ({
    name,
    unique_id: `${node}_${safeId(key)}`,
    availability: [{ topic: context.topics.status }, { topic: context.topics.availability(device.name) }],
    availability_mode: "all",
    device: registry,
    origin: { ...ORIGIN, sw_version: context.gateway.version },
  });
  const messages = device.measurements.map((m) => measurementDiscovery(context.prefix, node, stateTopic, m, common(m.key, m.name)));
  for (const control of device.controls) messages.push(controlDiscovery(context, node, device.name, stateTopic, control, common(control.key, control.name)));
  messages.push(...(device.extra?.(common, node) ?? []));
  return messages;
}

/** The template that picks one value out of the state payload. */
function valueOf(key: string): string {
  return `value_json['values']['${key}']`;
}

function measurementDiscovery(prefix: string, node: string, stateTopic: string, m: Measurement, common: Record<string, unknown>): DiscoveryMessage {
  const info = MEASUREMENT_KINDS[m.kind];
  const objectId = safeId(m.key);
  if (info.value === "boolean") {
    return {
      topic: `${prefix}/binary_sensor/${node}/${objectId}/config`,
      payload: { ...common, state_topic: stateTopic, value_template: `{{ 'ON' if ${valueOf(m.key)} else 'OFF' }}`, payload_on: "ON", payload_off: "OFF" },
    };
  }
  const stateClass = m.stateClass ?? info.stateClass;
  return {
    topic: `${prefix}/sensor/${node}/${objectId}/config`,
    payload: {
      ...common,
      state_topic: stateTopic,
      value_template: `{{ ${valueOf(m.key)} }}`,
      ...(info.deviceClass ? { device_class: info.deviceClass } : {}),
      ...(stateClass ? { state_class: stateClass } : {}),
      ...(m.unit ? { unit_of_measurement: m.unit } : {}),
      ...(info.value === "number" ? { suggested_display_precision: m.decimals ?? info.decimals } : {}),
      ...(m.kind === "enum" && m.options ? { options: [...m.options] } : {}),
    },
  };
}

function controlDiscovery(
  context: DiscoveryContext,
  node: string,
  device: string,
  stateTopic: string,
  control: DeviceControl,
  common: Record<string, unknown>,
): DiscoveryMessage {
  const objectId = safeId(control.key);
  const commandTopic = context.topics.command(device, control.key);
  const state = control.state;
  switch (control.kind) {
    case "switch":
      return {
        topic: `${context.prefix}/switch/${node}/${objectId}/config`,
        payload: {
          ...common,
          command_topic: commandTopic,
          payload_on: "ON",
          payload_off: "OFF",
          ...(state ? { state_topic: stateTopic, value_template: `{{ 'ON' if ${valueOf(state)} else 'OFF' }}`, state_on: "ON", state_off: "OFF" } : { optimistic: true }),
        },
      };
    case "number":
      return {
        topic: `${context.prefix}/number/${node}/${objectId}/config`,
        payload: {
          ...common,
          command_topic: commandTopic,
          min: control.min,
          max: control.max,
          step: control.step,
          mode: "box",
          ...(control.unit ? { unit_of_measurement: control.unit } : {}),
          ...(state ? { state_topic: stateTopic, value_template: `{{ ${valueOf(state)} }}` } : { optimistic: true }),
        },
      };
    case "button":
      return { topic: `${context.prefix}/button/${node}/${objectId}/config`, payload: { ...common, command_topic: commandTopic, payload_press: "PRESS" } };
  }
}
