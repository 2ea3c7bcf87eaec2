import { BattError } from "@batt/core";

/** Longest string the BMS keeps in its name, manufacturer and barcode registers. */
export const JBD_STRING_MAX = 31;

/** Bytes as text, one character per byte (the BMS strings are ASCII); stops at the first NUL. */
export function bytesToText(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    if (b === 0) break;
    out += String.fromCharCode(b);
  }
  return out;
}

/** Printable ASCII text as bytes; throws `invalid-argument` for other characters or text over `max` characters. */
export function textToBytes(text: string, max = JBD_STRING_MAX): Uint8Array {
  if (text.length > max) throw new BattError("invalid-argument", `text is longer than ${max} characters: "${text}"`);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) throw new BattError("invalid-argument", `only printable ASCII is allowed: "${text}"`);
    out[i] = code;
  }
  return out;
}

/** Register 0x05: the payload is the model string itself (no inner length byte). */
export function decodeDeviceName(payload: Uint8Array): string {
  return bytesToText(payload);
}

/**
 * String registers 0xA0–0xA2: `[n][n ASCII bytes]` (inner length byte); empty string = `00`.
 *
 * @throws BattError `frame` when the inner length exceeds the payload.
 */
export function decodeStringRegister(payload: Uint8Array): string {
  const n = payload[0];
  if (n === undefined || n + 1 > payload.length) {
    throw new BattError("frame", `string register: inner length ${n ?? "missing"} exceeds payload of ${payload.length} bytes`, {
      context: { raw: payload },
    });
  }
  return bytesToText(payload.subarray(1, 1 + n));
}

/** Builds a string register payload `[n][text]`. */
export function encodeStringRegister(text: string): Uint8Array {
  const body = textToBytes(text);
  const out = new Uint8Array(body.length + 1);
  out[0] = body.length;
  out.set(body, 1);
  return out;
}
