import type { PasswordEncoding } from "../password.js";
import { bytesToText } from "../text.js";

/** Reads six password bytes as the firmware does: digit values (`raw`) or characters (`ascii`); `undefined` if malformed. */
export function decodePasswordBytes(bytes: Uint8Array, encoding: PasswordEncoding): string | undefined {
  if (bytes.length !== 6) return undefined;
  if (encoding === "ascii") return bytesToText(bytes);
  if (bytes.some((b) => b > 9)) return undefined;
  return Array.from(bytes, (b) => String(b)).join("");
}
