/** A byte as two upper-case hex digits (`0A`), for messages. */
export function hex8(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, "0");
}

/** A 16-bit value as four upper-case hex digits, for messages. */
export function hex16(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, "0");
}
