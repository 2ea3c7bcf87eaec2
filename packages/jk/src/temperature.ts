import { BattError } from "@batt/core";

/**
 * How raw temperature values above the positive range encode negatives (docs/protocols/jk.md#temperatures-0x80-to-0x82):
 * - `esphome` (default, matches devices): `v > 99 ? 99 − v : v` (100 → −1 °C, 101 → −2 °C);
 * - `vendor`: `v > 100 ? 100 − v : v` (101 → −1 °C; 100 → +100 °C);
 * - `dbus`: `v < 99 ? v : 100 − v` (100 → 0 °C, 101 → −1 °C).
 */
export type JkTemperatureRule = "esphome" | "vendor" | "dbus";

/** The temperature rule used unless another is chosen. */
export const DEFAULT_TEMPERATURE_RULE: JkTemperatureRule = "esphome";

/** Decodes a raw 0x80–0x82 value to °C. */
export function decodeTemperature(raw: number, rule: JkTemperatureRule = DEFAULT_TEMPERATURE_RULE): number {
  switch (rule) {
    case "esphome":
      return raw > 99 ? 99 - raw : raw;
    case "vendor":
      return raw > 100 ? 100 - raw : raw;
    case "dbus":
      return raw < 99 ? raw : 100 - raw;
  }
}

/**
 * Encodes °C as the raw value a BMS sends under `rule` (the simulator's side).
 *
 * @throws BattError `invalid-argument` for a temperature the rule cannot express.
 */
export function encodeTemperature(celsius: number, rule: JkTemperatureRule = DEFAULT_TEMPERATURE_RULE): number {
  const t = Math.round(celsius);
  const top = rule === "esphome" ? 99 : rule === "vendor" ? 100 : 98;
  const base = rule === "esphome" ? 99 : 100;
  const raw = t >= 0 && t <= top ? t : t < 0 ? base - t : -1;
  if (raw < 0 || raw > 0xffff || decodeTemperature(raw, rule) !== t) {
    throw new BattError("invalid-argument", `${celsius} °C cannot be encoded with the ${rule} temperature rule`);
  }
  return raw;
}
