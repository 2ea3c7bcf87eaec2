import { BattError, linkPluginOptions, numberOption, type PluginOption, type PluginOptionValues } from "@batt/core";
import { JK_LINK_DEFAULTS } from "../link-defaults.js";
import { checkPbAddress } from "../pb/pb-blocks.js";
import { EB90_GENERATIONS, isEb90Generation, type Eb90Generation } from "../eb90/eb90-generation.js";
import type { JkTemperatureRule } from "../temperature.js";

/** The protocols of the `jk` device: 4E57, JK-PB Modbus registers, JK-PB trigger path (55 AA EB 90 frames), JK-PB listen-only, and 55 AA EB 90 itself (Bluetooth modules). */
export type JkCliProtocol = "4e57" | "pb" | "pb-trigger" | "pb-listen" | "eb90";

/** Every {@link JkCliProtocol}. */
export const JK_PROTOCOLS: readonly JkCliProtocol[] = ["4e57", "pb", "pb-trigger", "pb-listen", "eb90"];
const PROTOCOLS = JK_PROTOCOLS;

/** Options of the `jk` device on the command line: its own, then the link options every device has (`--timeout`, `--gap`, `--retries`). */
export const JK_CLI_OPTIONS: readonly PluginOption[] = [
  {
    name: "protocol",
    type: "string",
    description:
      "4e57 (JK-B/JK-BD on the GPS/RS485 port), pb (JK-PB over Modbus RTU registers), pb-trigger (JK-PB 55 AA EB 90 frames by FC 0x10 triggers) pb-listen (listen to a bus polled by its master at address 0; sends nothing) or eb90 (55 AA EB 90 as JK Bluetooth modules speak it); default 4e57, or eb90 over Bluetooth",
  },
  { name: "generation", type: "string", description: "55 AA EB 90 frame layout: jk02-24s, jk02-32s or jk04 (default: from the device info's versions)" },
  { name: "listen", type: "string", description: "pb-listen: longest wait for one polling cycle of the master, ms (default 5000)" },
  { name: "address", type: "string", description: "JK-PB pack address(es) 1..15, comma-separated (default 1); 4E57 has no addressing" },
  { name: "temperature-rule", type: "string", description: "4E57 negative-temperature rule: esphome (default), vendor or dbus" },
  { name: "password-delay", type: "string", description: "4E57: wait after the password frame before a write, ms (default 150)" },
  { name: "no-verify", type: "boolean", description: "decode: show a frame even when its checksum is wrong (diagnostics)" },
  { name: "sim-cells", type: "string", description: "simulator: cells in series (default 16)" },
  { name: "sim-chemistry", type: "string", description: "simulator: lifepo4 (default), li-ion (JK: ternary) or lto" },
  { name: "sim-capacity", type: "string", description: "simulator: capacity in Ah (default 100)" },
  { name: "sim-soc", type: "string", description: "simulator: initial state of charge in % (default 50)" },
  { name: "sim-current", type: "string", description: "simulator: load (negative) or charge (positive) current in A (default -8)" },
  { name: "sim-probes", type: "string", description: "simulator (pb, pb-trigger, pb-listen, eb90): battery temperature probes fitted, e.g. 1,2,4 (default 1,2,3,4,5)" },
  ...linkPluginOptions(JK_LINK_DEFAULTS),
];

/** Wait after the password frame of `--password-delay`, ms, if given. */
export function passwordDelayOf(options: PluginOptionValues): number | undefined {
  return numberOption(options, "password-delay", { min: 0, max: 60_000 });
}

/** The protocol chosen by `--protocol`. */
export function protocolOf(options: PluginOptionValues): JkCliProtocol {
  const value = String(options["protocol"] ?? "4e57").toLowerCase();
  const protocol = PROTOCOLS.find((p) => p === value);
  if (protocol) return protocol;
  throw new BattError("invalid-argument", `--protocol must be ${PROTOCOLS.join(", ")}, got ${value}`);
}

/** The pack addresses of `--address` (JK-PB only; default [1]). */
export function addressesOf(options: PluginOptionValues, protocol: JkCliProtocol): number[] {
  const text = options["address"];
  if (text === undefined || text === false) return [1];
  if (protocol === "4e57") throw new BattError("invalid-argument", "4E57 has no addressing (one BMS per serial line); --address is for the JK-PB protocols");
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

/** The listening deadline of `--listen`, ms, if given. */
export function listenMsOf(options: PluginOptionValues): number | undefined {
  return numberOption(options, "listen", { min: 100, max: 600_000 });
}

/** The frame layout of `--generation`, if given. */
export function generationOptionOf(options: PluginOptionValues): Eb90Generation | undefined {
  const value = options["generation"];
  if (value === undefined || value === false) return undefined;
  if (isEb90Generation(value)) return value;
  throw new BattError("invalid-argument", `--generation must be ${EB90_GENERATIONS.join(", ")}, got ${String(value)}`);
}
