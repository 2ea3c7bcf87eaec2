import type { DeviceReading } from "@batt/core";

/**
 * The reading in a gateway state message: the gateway publishes the device model's envelope as the
 * driver returned it plus `values` (every measurement by key, for Home Assistant templates), which is
 * dropped here so a remote reading is the same object a local driver's `read()` gives.
 *
 * @returns the reading, or undefined when the payload is not an envelope.
 */
export function readStateEnvelope(payload: string): DeviceReading<unknown> | undefined {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const { values: _values, ...reading } = body as Record<string, unknown>;
  const ok =
    typeof reading["time"] === "string" &&
    typeof reading["device"] === "object" &&
    reading["device"] !== null &&
    Array.isArray(reading["measurements"]) &&
    Array.isArray(reading["batteries"]);
  return ok ? (reading as unknown as DeviceReading<unknown>) : undefined;
}
