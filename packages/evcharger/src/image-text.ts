import { BattError, fromHex } from "@batt/core";

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Firmware bytes given as text, since the platform-free plugin cannot read files: `hex:…` or
 * `base64:…`, or without a prefix hex when it only has hex digits and separators, else base64.
 *
 * @throws BattError `invalid-argument` for text that is neither.
 */
export function imageBytesFromText(text: string): Uint8Array {
  const trimmed = text.trim();
  if (trimmed.startsWith("hex:")) return fromHex(trimmed.slice(4));
  if (trimmed.startsWith("base64:")) return fromBase64(trimmed.slice(7));
  if (/^[0-9a-fA-F\s:,_-]+$/.test(trimmed)) return fromHex(trimmed);
  return fromBase64(trimmed);
}

/**
 * Decodes standard base64 (padding optional, whitespace ignored).
 *
 * @throws BattError `invalid-argument` for characters outside the alphabet or a truncated group.
 */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, "").replace(/=+$/, "");
  if (clean.length % 4 === 1) throw new BattError("invalid-argument", "base64 text is truncated");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of clean) {
    const digit = BASE64_ALPHABET.indexOf(char);
    if (digit < 0) throw new BattError("invalid-argument", `not base64: ${JSON.stringify(char)}`);
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
