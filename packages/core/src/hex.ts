import { BattError } from "./errors.js";

const HEX_DIGITS = "0123456789abcdef";

/**
 * Bytes as lowercase hex pairs, separated by `separator` (a space by default).
 *
 * @example toHex(Uint8Array.of(0x01, 0x03)) === "01 03"
 */
export function toHex(bytes: Uint8Array, separator = " "): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (i > 0) out += separator;
    out += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 0x0f]!;
  }
  return out;
}

/**
 * Parses hex as people write it in documents: any case, with or without spaces, colons, commas,
 * dashes or `0x` prefixes (`"01 03 00 00"`, `"0x01,0x03"`, `"DD A5 03 00 FF FD 77"`).
 *
 * @throws BattError `invalid-argument` on a non-hex character or an odd number of digits.
 */
export function fromHex(text: string): Uint8Array {
  const cleaned = text.replace(/0x/gi, "").replace(/[\s,:\-_]/g, "");
  if (cleaned.length % 2 !== 0) {
    throw new BattError("invalid-argument", `hex has an odd number of digits: "${text}"`);
  }
  if (!/^[0-9a-fA-F]*$/.test(cleaned)) {
    throw new BattError("invalid-argument", `not hex: "${text}"`);
  }
  const out = new Uint8Array(cleaned.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(cleaned.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Tagged-template form of {@link fromHex}: `` hex`01 03 00 00 00 01 84 0A` ``. */
export function hex(strings: TemplateStringsArray, ...values: unknown[]): Uint8Array {
  let text = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) text += String(values[i]) + (strings[i + 1] ?? "");
  return fromHex(text);
}
