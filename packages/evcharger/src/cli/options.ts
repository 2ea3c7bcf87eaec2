import { BattError, numberOption, type PluginOptionValues } from "@batt/core";
import type { WordOrder } from "@batt/modbus-rtu";
import type { EvChargerOptions } from "../ev-charger.js";
import type { Generation } from "../generation.js";
import type { WordOrders } from "../word-order.js";

/** `--generation`: g1, g2 or auto. */
export function generationOption(options: PluginOptionValues, name = "generation"): Generation | "auto" | undefined {
  const value = options[name];
  if (value === undefined || value === false || value === "") return undefined;
  if (value === "g1" || value === "g2" || value === "auto") return value;
  throw new BattError("invalid-argument", `--${name} must be g1, g2 or auto: ${String(value)}`);
}

const WORD_ORDER_KEYS: readonly (keyof WordOrders)[] = ["inputEnergyTotal", "faultCode", "chargingTime", "holdingEnergyTotal", "upgrade"];

/** `--word-order inputEnergyTotal=low-first,faultCode=high-first`. */
export function wordOrderOption(options: PluginOptionValues): Partial<WordOrders> | undefined {
  const value = options["word-order"];
  if (typeof value !== "string" || value === "") return undefined;
  const out: Partial<Record<keyof WordOrders, WordOrder>> = {};
  for (const part of value.split(",")) {
    const [key, order] = part.split("=").map((s) => s.trim());
    if (!WORD_ORDER_KEYS.includes(key as keyof WordOrders) || (order !== "high-first" && order !== "low-first")) {
      throw new BattError("invalid-argument", `--word-order takes ${WORD_ORDER_KEYS.join("|")}=high-first|low-first, comma-separated: ${JSON.stringify(part)}`);
    }
    out[key as keyof WordOrders] = order;
  }
  return out;
}

/** Driver options from the command line. */
export function chargerOptions(options: PluginOptionValues): EvChargerOptions {
  const unit = numberOption(options, "unit");
  if (unit !== undefined && !(Number.isInteger(unit) && unit >= 1 && unit <= 247)) throw new BattError("invalid-argument", `--unit must be an address 1..247: ${unit}`);
  const generation = generationOption(options);
  const wordOrders = wordOrderOption(options);
  const timeoutMs = numberOption(options, "timeout");
  const minIntervalMs = numberOption(options, "interval");
  const eepromMinIntervalMs = numberOption(options, "eeprom-interval");
  return {
    ...(unit !== undefined ? { unit } : {}),
    ...(generation !== undefined ? { generation } : {}),
    ...(wordOrders !== undefined ? { wordOrders } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(minIntervalMs !== undefined ? { minIntervalMs } : {}),
    ...(eepromMinIntervalMs !== undefined ? { eepromMinIntervalMs } : {}),
  };
}
