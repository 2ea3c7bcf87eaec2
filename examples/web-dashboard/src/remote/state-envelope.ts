import type { DeviceReading } from "@batt/core";
import { parseJsonObject } from "./json-object.js";

/**
 * The reading in a gateway state message: the gateway publishes the device model's envelope as the
 * driver returned it plus `values` (every measurement by key, for Home Assistant templates), which is
 * dropped here so a remote reading is the same object a local driver's `read()` gives.
 *
 * @returns the reading, or undefined when the payload is not an envelope.
 */
export function readStateEnvelope(payload: string): DeviceReading<unknown> | undefined {
  const body = parseJsonObject(payload);
  if (!body) return undefined;
  const { values: _values, ...reading } = body;
  const ok =
    typeof reading["time"] === "string" &&
    typeof reading["device"] === "object" &&
    reading["device"] !== null &&
    Array.isArray(reading["measurements"]) &&
    Array.isArray(reading["batteries"]);
  return ok ? (reading as unknown as DeviceReading<unknown>) : undefined;
}
