/** A JSON object's members, as a message payload holds them. */
export type JsonObject = Record<string, unknown>;

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A message payload as a JSON object; undefined for text that is not JSON or JSON that is not an object (a broker carries anything). */
export function parseJsonObject(payload: string): JsonObject | undefined {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return undefined;
  }
  return isJsonObject(body) ? body : undefined;
}
