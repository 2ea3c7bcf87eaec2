import { BattError, linkPluginOptions, numberOption, type PluginOption, type PluginOptionValues } from "@batt/core";
import { JK_LINK_DEFAULTS } from "../link-defaults.js";
import { checkPbAddress } from "../pb/pb-blocks.js";
import type { JkTemperatureRule } from "../temperature.js";

/** The two protocols the `jk` device speaks. */
export type JkCliProtocol = "4e57" | "pb";

/** Options of the `jk` device on the command line: its own, then the link options every device has (`--timeout`, `--gap`, `--retries`). */
export const JK_CLI_OPTIONS: readonly PluginOption[] = [
  { name: "protocol", type: "string", description: "4e57 (JK-B/JK-BD on the GPS/RS485 port) or pb (JK-PB inverter BMS over Modbus RTU)", default: "4e57" },
  { name: "address", type: "string", description: "JK-PB pack address(es) 1..15, comma-separated (default 1); 4E57 has no addressing" },
  { name: "temperature-rule", type: "string", description: "4E57 negative-temperature rule: esphome (default), vendor or dbus" },
  { name: "password-delay", type: "string", description: "4E57: wait after the password frame before a write, ms (default 150)" },
  { name: "no-verify", type: "boolean", description: "decode: show a frame even when its checksum is wrong (diagnostics)" },
  { name: "sim-cells", type: "string", description: "simulator: cells in series (default 16)" },
  { name: "sim-chemistry", type: "string", description: "simulator: lifepo4 (default), li-ion (JK: ternary) or lto" },
  { name: "sim-capacity", type: "string", description: "simulator: capacity in Ah (default 100)" },
  { name: "sim-soc", type: "string", description: "simulator: initial state of charge in % (default 50)" },
  { name: "sim-current", type: "string", description: "simulator: load (negative) or charge (positive) current in A (default -8)" },
  ...linkPluginOptions(JK_LINK_DEFAULTS),
];

/** Wait after the password frame of `--password-delay`, ms, if given. */
export function passwordDelayOf(options: PluginOptionValues): number | undefined {
  return numberOption(options, "password-delay", { min: 0, max: 60_000 });
}

/** The protocol chosen by `--protocol`. */
export function protocolOf(options: PluginOptionValues): JkCliProtocol {
  const value = String(options["protocol"] ?? "4e57").toLowerCase();
  if (value === "4e57" || value === "pb") return value;
  throw new BattError("invalid-argument", `--protocol must be 4e57 or pb, got ${value}`);
}

/** The pack addresses of `--address` (JK-PB only; default [1]). */
export function addressesOf(options: PluginOptionValues, protocol: JkCliProtocol): number[] {
  const text = options["address"];
  if (text === undefined || text === false) return [1];
  if (protocol === "4e57") throw new BattError("invalid-argument", "4E57 has no addressing (one BMS per serial line); --address is for --protocol pb");
  const addresses = String(text)
    .split(",")
    .map((part) => Number(part.trim()))
    .map((address) => checkPbAddress(address));
  if (new Set(addresses).size !== addresses.length) throw new BattError("invalid-argument", `--address lists a pack twice: ${String(text)}`);
  return addresses;
}

/** The temperature rule of `--temperature-rule`, if given. */
export function temperatureRuleOf(options: PluginOptionValues): JkTemperatureRule | undefined {
  const value = options["temperature-rule"];
  if (value === undefined || value === false) return undefined;
  if (value === "esphome" || value === "vendor" || value === "dbus") return value;
  throw new BattError("invalid-argument", `--temperature-rule must be esphome, vendor or dbus, got ${String(value)}`);
}
