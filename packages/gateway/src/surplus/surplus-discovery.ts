import type { DiscoveryMessage, EntityCommon } from "../mqtt/discovery.js";

/** The control key of the surplus switch: its command topic is `…/<device>/set/surplus_mode`. */
export const SURPLUS_CONTROL = "surplus_mode";

/** A sensor on the surplus topic: key, name, template field and what Home Assistant should make of it. */
interface SurplusSensor {
  readonly key: string;
  readonly name: string;
  readonly field: string;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** The surplus status as sensors (the decision, the input, the counters). Table: data. */
const SURPLUS_SENSORS: readonly SurplusSensor[] = [
  { key: "surplus_current", name: "Surplus target current", field: "current", extra: { device_class: "current", state_class: "measurement", unit_of_measurement: "A" } },
  { key: "surplus_phases", name: "Surplus phases", field: "phases", extra: { state_class: "measurement" } },
  { key: "surplus_available", name: "Surplus available power", field: "available", extra: { device_class: "power", state_class: "measurement", unit_of_measurement: "W" } },
  { key: "surplus_grid_export", name: "Grid export", field: "exportW", extra: { device_class: "power", state_class: "measurement", unit_of_measurement: "W" } },
  { key: "surplus_reason", name: "Surplus decision", field: "reason", extra: {} },
  { key: "surplus_bad_payloads", name: "Surplus bad grid payloads", field: "badPayloads", extra: { state_class: "total_increasing", entity_category: "diagnostic" } },
  { key: "surplus_errors", name: "Surplus errors", field: "errors", extra: { state_class: "total_increasing", entity_category: "diagnostic" } },
];

/**
 * Discovery of a charger's surplus charging: a switch (surplus mode on/off, state from the
 * retained surplus topic), a binary sensor for lost input, and a sensor per status field.
 */
export function surplusDiscovery(prefix: string, node: string, surplusTopic: string, commandTopic: string, common: EntityCommon): DiscoveryMessage[] {
  const messages: DiscoveryMessage[] = [
    {
      topic: `${prefix}/switch/${node}/${SURPLUS_CONTROL}/config`,
      payload: {
        ...common(SURPLUS_CONTROL, "Surplus charging"),
        command_topic: commandTopic,
        payload_on: "ON",
        payload_off: "OFF",
        state_topic: surplusTopic,
        value_template: "{{ 'ON' if value_json.enabled else 'OFF' }}",
        state_on: "ON",
        state_off: "OFF",
      },
    },
    {
      topic: `${prefix}/binary_sensor/${node}/surplus_input_lost/config`,
      payload: {
        ...common("surplus_input_lost", "Surplus grid input lost"),
        state_topic: surplusTopic,
        value_template: "{{ 'ON' if value_json.stale else 'OFF' }}",
        payload_on: "ON",
        payload_off: "OFF",
        device_class: "problem",
        entity_category: "diagnostic",
      },
    },
  ];
  for (const s of SURPLUS_SENSORS) {
    messages.push({
      topic: `${prefix}/sensor/${node}/${s.key}/config`,
      payload: { ...common(s.key, s.name), state_topic: surplusTopic, value_template: `{{ value_json.${s.field} }}`, ...s.extra },
    });
  }
  return messages;
}
