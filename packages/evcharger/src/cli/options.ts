import { BattError, linkOptionsFrom, numberOption, type PluginOption, type PluginOptionValues } from "@batt/core";
import type { WordOrder } from "@batt/modbus-rtu";
import { EVCHARGER_DEFAULT_ADDRESS, EVCHARGER_LINK_DEFAULTS } from "../constants.js";
import type { EvChargerOptions } from "../ev-charger-options.js";
import type { Generation } from "../generation.js";
import type { WordOrders } from "../word-order.js";

/** The charger's own plugin options, beside the shared link options. */
export const EVCHARGER_DEVICE_OPTIONS: readonly PluginOption[] = [
  { name: "address", type: "string", description: "Modbus address of the charger", default: String(EVCHARGER_DEFAULT_ADDRESS) },
  { name: "generation", type: "string", description: "g1 (X1/X3-EVC), g2 (HAC) or auto (detect; default)" },
  { name: "word-order", type: "string", description: "override 32-bit word orders: inputEnergyTotal=low-first,faultCode=high-first,…" },
  { name: "eeprom-interval", type: "string", description: "least time between changes of one EEPROM-backed register in ms (default 60000)" },
  { name: "settings-refresh", type: "string", description: "repeated readings (monitor, gateway): read the settings again after this many ms, the live block every time (default 60000; 0: every reading)" },
];

/** How long repeated readings keep the settings unless `--settings-refresh` says otherwise, ms. */
export const SETTINGS_REFRESH_MS = 60_000;

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

/** `--address`: a bus address 1..247. */
export function addressOption(options: PluginOptionValues): number | undefined {
  const address = numberOption(options, "address");
  if (address !== undefined && !(Number.isInteger(address) && address >= 1 && address <= 247)) throw new BattError("invalid-argument", `--address must be an address 1..247: ${address}`);
  return address;
}

/** Driver options from the command line: the shared link options and the charger's own. */
export function chargerOptions(options: PluginOptionValues): EvChargerOptions {
  const address = addressOption(options);
  const generation = generationOption(options);
  const wordOrders = wordOrderOption(options);
  const eepromMinIntervalMs = numberOption(options, "eeprom-interval", { min: 0 });
  const slowRefreshMs = numberOption(options, "settings-refresh", { min: 0 }) ?? SETTINGS_REFRESH_MS;
  return {
    ...linkOptionsFrom(options, EVCHARGER_LINK_DEFAULTS),
    ...(address !== undefined ? { address } : {}),
    ...(generation !== undefined ? { generation } : {}),
    ...(wordOrders !== undefined ? { wordOrders } : {}),
    ...(eepromMinIntervalMs !== undefined ? { eepromMinIntervalMs } : {}),
    slowRefreshMs,
  };
}
