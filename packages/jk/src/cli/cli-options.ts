import { BattError, numberOption, type PluginOption, type PluginOptionValues } from "@batt/core";
import { checkPbAddress } from "../pb/pb-blocks.js";
import type { JkTemperatureRule } from "../temperature.js";

/** The two protocols the `jk` device speaks. */
export type JkCliProtocol = "4e57" | "pb";

/** Options of the `jk` device on the command line. */
export const JK_CLI_OPTIONS: readonly PluginOption[] = [
  { name: "protocol", type: "string", description: "4e57 (JK-B/JK-BD on the GPS/RS485 port) or pb (JK-PB inverter BMS over Modbus RTU)", default: "4e57" },
  { name: "address", type: "string", description: "JK-PB pack address(es) 1..15, comma-separated (default 1); 4E57 has no addressing" },
  { name: "temperature-rule", type: "string", description: "4E57 negative-temperature rule: esphome (default), vendor or dbus" },
  { name: "timeout", type: "string", description: "reply deadline per attempt, ms (default 1000)" },
  { name: "gap", type: "string", description: "least time between requests, ms (default 100, as the vendor and JK-PB buses need)" },
  { name: "password-delay", type: "string", description: "4E57: wait after the password frame before a write, ms (default 150)" },
  { name: "no-verify", type: "boolean", description: "decode: show a frame even when its checksum is wrong (diagnostics)" },
];

/** Request pacing from `--timeout`, `--gap` and `--password-delay` (only the ones given). */
export interface JkCliPacing {
  readonly timeoutMs?: number;
  readonly minGapMs?: number;
  readonly passwordDelayMs?: number;
}

/** The pacing options given on the command line; the drivers' defaults apply to the others. */
export function pacingOf(options: PluginOptionValues): JkCliPacing {
  const timeoutMs = numberOption(options, "timeout", { min: 0 });
  const minGapMs = numberOption(options, "gap", { min: 0 });
  const passwordDelayMs = numberOption(options, "password-delay", { min: 0 });
  return {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(minGapMs !== undefined ? { minGapMs } : {}),
    ...(passwordDelayMs !== undefined ? { passwordDelayMs } : {}),
  };
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
