import { BattError, numberOption, type PluginCommand, type PluginCommandContext } from "@batt/core";
import { DEVICE_MODE, type DeviceModeName } from "../enums.js";
import type { HoldingName } from "../holding-registers.js";
import { imageBytesFromText } from "../image-text.js";
import { EvChargerSession } from "./session.js";

function chargerOf(context: PluginCommandContext): EvChargerSession["charger"] {
  if (!(context.session instanceof EvChargerSession)) throw new BattError("invalid-argument", "not an EV charger session");
  return context.session.charger;
}

function arg(context: PluginCommandContext, index: number, what: string): string {
  const value = context.args[index];
  if (value === undefined) throw new BattError("invalid-argument", `missing ${what}`);
  return value;
}

const call = (context: PluginCommandContext): { signal: AbortSignal } => ({ signal: context.signal });

const start: PluginCommand = {
  name: "start",
  summary: "Start charging (control command 4) and read the state",
  changesDevice: true,
  run: async (context) => chargerOf(context).startCharging(call(context)),
};

const stop: PluginCommand = {
  name: "stop",
  summary: "Stop charging (control command 3) and read the state",
  changesDevice: true,
  run: async (context) => chargerOf(context).stopCharging(call(context)),
};

const reserve: PluginCommand = {
  name: "reserve",
  summary: "Reserve the charger (control command 5), or cancel with --cancel (command 6)",
  changesDevice: true,
  options: [{ name: "cancel", type: "boolean", description: "cancel the reservation instead", default: false }],
  run: async (context) => (context.options.cancel === true ? chargerOf(context).cancelReservation(call(context)) : chargerOf(context).reserve(call(context))),
};

const current: PluginCommand = {
  name: "current",
  summary: "Set the charging current (6–32 A, at most the charger's rating), read back",
  usage: "<amps>",
  changesDevice: true,
  run: async (context) => {
    const text = arg(context, 0, "amps");
    const amps = Number(text);
    if (text.trim() === "" || !Number.isFinite(amps)) throw new BattError("invalid-argument", `amps must be a number, got "${text}"`);
    return chargerOf(context).setChargeCurrent(amps, call(context));
  },
};

const mode: PluginCommand = {
  name: "mode",
  summary: `Set the charge mode (${Object.values(DEVICE_MODE).join(", ")}); stored in EEPROM, so skipped when unchanged`,
  usage: "<mode>",
  changesDevice: true,
  run: async (context) => {
    const name = arg(context, 0, "mode").toLowerCase();
    if (!(Object.values(DEVICE_MODE) as string[]).includes(name)) throw new BattError("invalid-argument", `mode must be one of ${Object.values(DEVICE_MODE).join(", ")}, got "${name}"`);
    return chargerOf(context).setMode(name as DeviceModeName, call(context));
  },
};

const set: PluginCommand = {
  name: "set",
  summary: "Write one holding register by name (range-checked, skipped when unchanged, EEPROM writes rate-limited, read back)",
  usage: "<name> <value>",
  changesDevice: true,
  run: async (context) => {
    const charger = chargerOf(context);
    const name = arg(context, 0, "register name");
    const text = arg(context, 1, "value");
    const map = charger.holdingMap(await charger.generation(call(context)));
    if (!(map.names as readonly string[]).includes(name)) throw new BattError("invalid-argument", `unknown register "${name}" (known: ${map.names.join(", ")})`);
    const field = map.fields[name as HoldingName];
    const value = field.type === "string" || field.type === "enum" ? (field.type === "enum" && /^\d+$/.test(text) ? Number(text) : text) : Number(text);
    if (typeof value === "number" && !Number.isFinite(value)) throw new BattError("invalid-argument", `${name} takes a number, got "${text}"`);
    // Parsed at run time from text: the map's encode checks the value against the field, so the static type is waived here.
    return charger.writeSetting(name as HoldingName, value as never, call(context));
  },
};

const upgrade: PluginCommand = {
  name: "upgrade",
  summary: "Upload a firmware file through the upgrade registers (verified before anything is erased)",
  usage: "<file> | <file-name> <hex:…|base64:…>",
  changesDevice: true,
  options: [
    { name: "checksum", type: "string", description: "expected CRC-16/MODBUS of the file (hex, e.g. 0x1a2b); checked before anything is sent" },
    { name: "module", type: "string", description: "upgrade module, 0x3003 (default 10, EVC)" },
    { name: "first-package", type: "string", description: "number of the first data packet (default 1)" },
  ],
  run: async (context) => {
    const path = arg(context, 0, "file");
    const inline = context.args[1];
    // A file path where the host can read files (the CLI); the image as text otherwise (a browser).
    let data: Uint8Array;
    if (inline !== undefined) data = imageBytesFromText(inline);
    else if (context.readFile) data = await context.readFile(path);
    else throw new BattError("unsupported", "this host cannot read files: give the image as text after the file name (hex:… or base64:…)");
    const name = path.split(/[\\/]/).pop() ?? path;
    const checksumText = context.options.checksum;
    const expectedChecksum = typeof checksumText === "string" && checksumText !== "" ? Number.parseInt(checksumText.replace(/^0x/i, ""), 16) : undefined;
    if (expectedChecksum !== undefined && !(expectedChecksum >= 0 && expectedChecksum <= 0xffff)) throw new BattError("invalid-argument", `--checksum must be 16-bit hex: ${String(checksumText)}`);
    const module = numberOption(context.options, "module");
    const first = numberOption(context.options, "first-package");
    let step = "";
    return chargerOf(context).upgradeFirmware(
      { name, data, ...(expectedChecksum !== undefined ? { expectedChecksum } : {}) },
      {
        signal: context.signal,
        ...(module !== undefined ? { module } : {}),
        ...(first !== undefined ? { firstPackageNumber: first } : {}),
        onProgress: (p) => {
          const state = p.iapState !== undefined ? `, IapState 0x${p.iapState.toString(16).padStart(4, "0")}` : "";
          if (context.progress) {
            context.progress(p.bytesSent, p.bytes, `${p.step}: ${p.packetsSent}/${p.packets} packets${state}`);
          } else if (p.step !== step) {
            context.log(`${p.step}: ${p.packetsSent}/${p.packets} packets, ${p.bytesSent}/${p.bytes} bytes${state}`);
          }
          step = p.step;
        },
      },
    );
  },
};

/** The device-specific subcommands of `batt evcharger`. */
export const EVCHARGER_COMMANDS: readonly PluginCommand[] = [start, stop, reserve, current, mode, set, upgrade];
