import { BattError } from "@batt/core";
import type { JbdClient } from "./client.js";
import { CLEAR_PASSWORD_TEXT, JbdRegister, JbdStatus } from "./constants.js";
import { hasJbdStatus } from "./status.js";
import { textToBytes } from "./text.js";

/**
 * How password characters go on the wire: `raw` digit values (`"765828"` → `07 06 05 08 02 08`,
 * V11 and the official app; default) or `ascii` (later bms-tools).
 */
export type PasswordEncoding = "raw" | "ascii";

/** Encodes a 6-character password. Raw encoding takes six digits; ASCII takes six printable characters. */
export function encodePassword(password: string, encoding: PasswordEncoding = "raw"): Uint8Array {
  if (password.length !== 6) throw new BattError("invalid-argument", `password must have 6 characters, got ${password.length}`);
  if (encoding === "ascii") return textToBytes(password, 6);
  if (!/^\d{6}$/.test(password)) throw new BattError("invalid-argument", "a raw-encoded password must be 6 digits");
  return Uint8Array.from(password, (c) => c.charCodeAt(0) - 0x30);
}

/** Payload of register 0x06 (use password): `[06][password]`. */
export function usePasswordData(password: string, encoding: PasswordEncoding = "raw"): Uint8Array {
  return Uint8Array.of(6, ...encodePassword(password, encoding));
}

/** Payload of register 0x07 (set password): `[0C][old][new]`. */
export function setPasswordData(oldPassword: string, newPassword: string, encoding: PasswordEncoding = "raw"): Uint8Array {
  return Uint8Array.of(12, ...encodePassword(oldPassword, encoding), ...encodePassword(newPassword, encoding));
}

/** Payload of register 0x09 (clear password): `[06]` + ASCII `J1B2D4`. */
export function clearPasswordData(): Uint8Array {
  return Uint8Array.of(6, ...textToBytes(CLEAR_PASSWORD_TEXT));
}

/**
 * Sends the password (register 0x06). Resolves `true` when accepted and `false` when the firmware
 * has no password (status 0x80, firmware 0x21 and later); a wrong password rejects (0x81/0x83).
 */
export async function sendPassword(client: JbdClient, password: string, encoding: PasswordEncoding, signal?: AbortSignal): Promise<boolean> {
  try {
    await client.write(JbdRegister.UsePassword, usePasswordData(password, encoding), signal);
    return true;
  } catch (error) {
    if (hasJbdStatus(error, JbdStatus.UnknownRegister)) return false;
    throw error;
  }
}
