import { BattError, linkOptionsFrom, linkPluginOptions, numberOption, type PluginOption, type PluginOptionValues } from "@batt/core";
import { ICHARGER_LINK_DEFAULTS } from "../device/link-defaults.js";
import type { BalancePortErrorPolicy } from "../constants.js";
import type { IChargerOptions } from "../device/options.js";
import { isModelId, MODELS } from "../models/model-table.js";
import type { ModelId } from "../models/model.js";

/** Options every `batt icharger …` command takes: the shared link options (`--timeout`, `--gap`, `--retries`) and the charger's own. */
export const ICHARGER_OPTIONS: readonly PluginOption[] = [
  ...linkPluginOptions(ICHARGER_LINK_DEFAULTS),
  {
    name: "model",
    type: "string",
    description: `model when the device ID does not tell (${MODELS.map((m) => m.id).join(", ")}); with --sim, the model simulated (default 308duo)`,
  },
  { name: "address", type: "string", description: "slave address on serial Modbus (default 1)" },
  { name: "product", type: "string", description: "USB product string, to identify models whose device ID is unknown" },
  {
    name: "control-preset",
    type: "string",
    valueName: "slot",
    description: "preset slot the start buttons (charge, discharge, storage, balance) of the session's controls run, 0–63 (default 0)",
    check: (value) => void controlPresetOption({ "control-preset": value }),
  },
  {
    name: "balance-port-error",
    type: "string",
    description: "what a start does on run error 0x1D00 (balance port): stop (default: fail and STOP) or ignore (accept a program that runs on)",
  },
];

/** The `--balance-port-error` option, checked. */
export function balancePortErrorOption(options: PluginOptionValues): BalancePortErrorPolicy | undefined {
  const raw = options["balance-port-error"];
  if (raw === undefined || raw === false || raw === "") return undefined;
  if (raw !== "stop" && raw !== "ignore") throw new BattError("invalid-argument", `--balance-port-error must be stop or ignore, got ${String(raw)}`);
  return raw;
}

/** The `--model` option, checked. */
export function modelOption(options: PluginOptionValues): ModelId | undefined {
  const raw = options.model;
  if (raw === undefined || raw === false || raw === "") return undefined;
  if (typeof raw !== "string" || !isModelId(raw)) {
    throw new BattError("invalid-argument", `--model must be one of ${MODELS.map((m) => m.id).join(", ")}, got ${String(raw)}`);
  }
  return raw;
}

/** Driver options from the command line. */
export function driverOptions(options: PluginOptionValues): IChargerOptions {
  const address = numberOption(options, "address", { min: 1, max: 247, integer: true });
  const model = modelOption(options);
  const balancePortError = balancePortErrorOption(options);
  return {
    ...(balancePortError !== undefined ? { balancePortError } : {}),
    ...(address !== undefined ? { address } : {}),
    ...linkOptionsFrom(options, ICHARGER_LINK_DEFAULTS),
    ...(model !== undefined ? { model } : {}),
    ...(typeof options.product === "string" && options.product !== "" ? { productString: options.product } : {}),
  };
}

/** The `--control-preset` option: the slot the session's start buttons run, checked (undefined: the default slot). */
export function controlPresetOption(options: PluginOptionValues): number | undefined {
  return numberOption(options, "control-preset", { min: 0, max: 63, integer: true });
}

/** `--channel` as the CLI counts channels (1 or 2) converted to the driver's index (0 or 1). */
export function channelOption(options: PluginOptionValues): 0 | 1 {
  const channel = numberOption(options, "channel", { min: 1, max: 2, integer: true }) ?? 1;
  return (channel - 1) as 0 | 1;
}
