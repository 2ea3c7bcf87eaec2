import { isUnit, type Unit } from "@batt/core";
import { isJsonObject, parseJsonObject } from "./json-object.js";

/** A control of a device as the gateway announces it to Home Assistant. */
export interface AnnouncedControl {
  /** Switch, number or button. */
  readonly kind: "switch" | "number" | "button";
  /** The gateway's control key (the last segment of the command topic). */
  readonly key: string;
  /** Name for a person. */
  readonly name: string;
  /** Where commands go (`batt/<gateway>/<device>/set/<key>`). */
  readonly commandTopic: string;
  /** Key of the measurement that shows its state, where the gateway names one. */
  readonly state?: string;
  /** Number: least value. */
  readonly min?: number;
  /** Number: greatest value. */
  readonly max?: number;
  /** Number: step between values. */
  readonly step?: number;
  /** Number: unit of the value. */
  readonly unit?: Unit;
}

/** What one retained discovery message says about a device of the gateway. */
export interface DiscoveryEntry {
  /** The device's topic root (`batt/<gateway>/<device>`): `/state`, `/availability` and `/result` hang off it. */
  readonly root: string;
  /** The gateway's status topic (`batt/<gateway>/status`). */
  readonly statusTopic?: string;
  /** The device's name for a person (its title in the gateway config). */
  readonly title?: string;
  /** The control this entity is, when it is one (sensors are not: their values come in the state). */
  readonly control?: AnnouncedControl;
}

const CONTROL_KINDS = new Set(["switch", "number", "button"]);
/** `value_json['values']['charge_on']` in the gateway's templates names the measurement that shows a control's state. */
const STATE_KEY = /value_json\['values'\]\['([^']+)'\]/;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Reads a retained Home Assistant discovery message of a `batt gateway`
 * (`<prefix>/<component>/<node>/<object>/config`), see packages/gateway/src/mqtt/discovery.ts.
 *
 * @returns the entry, or undefined for a message that is not about a gateway device (the gateway's
 * own status, another program's entities, a removal, a payload that is not JSON).
 */
export function readDiscovery(topic: string, payload: string): DiscoveryEntry | undefined {
  const parts = topic.split("/");
  if (parts.length !== 5 || parts[4] !== "config" || payload === "") return undefined;
  const body = parseJsonObject(payload);
  if (!body || !Array.isArray(body["availability"])) return undefined;
  // The gateway's device entities are available while both the gateway (first) and the device (second) are.
  const topics = body["availability"].map((a: unknown) => (isJsonObject(a) ? text(a["topic"]) : undefined));
  const deviceAvailability = topics.find((t) => t?.endsWith("/availability"));
  if (!deviceAvailability) return undefined;
  const root = deviceAvailability.slice(0, -"/availability".length);
  const statusTopic = topics.find((t) => t?.endsWith("/status"));
  const device = isJsonObject(body["device"]) ? body["device"] : {};
  const title = text(device["name"]);
  const component = parts[1]!;
  const commandTopic = text(body["command_topic"]);
  let control: AnnouncedControl | undefined;
  if (CONTROL_KINDS.has(component) && commandTopic?.startsWith(`${root}/set/`)) {
    const state = STATE_KEY.exec(text(body["value_template"]) ?? "")?.[1];
    const unit = body["unit_of_measurement"];
    control = {
      kind: component as AnnouncedControl["kind"],
      key: commandTopic.slice(`${root}/set/`.length),
      name: text(body["name"]) ?? commandTopic,
      commandTopic,
      ...(state ? { state } : {}),
      ...(component === "number"
        ? { min: finite(body["min"]) ?? 0, max: finite(body["max"]) ?? 0, step: finite(body["step"]) ?? 1, ...(isUnit(unit) ? { unit } : {}) }
        : {}),
    };
  }
  return { root, ...(statusTopic ? { statusTopic } : {}), ...(title ? { title } : {}), ...(control ? { control } : {}) };
}
