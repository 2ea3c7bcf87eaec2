/** The `name` of a `DOMException` (or any error), e.g. `NotFoundError`; undefined for non-errors. */
export function errorName(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === "string" ? name : undefined;
}

/** `Name: message` of an error thrown by a browser API, for BattError messages. */
export function errorText(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const message = (error as { message?: unknown }).message;
    const name = errorName(error);
    if (typeof message === "string") return name && name !== "Error" ? `${name}: ${message}` : message;
  }
  return String(error);
}
