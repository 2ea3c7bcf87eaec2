import { BattError, numberOption, systemClock, type PluginCommand, type PluginCommandContext } from "@batt/core";
import { sessionFromReading } from "../charge-session.js";
import { MAX_CHARGE_CURRENT_A, MIN_CHARGE_CURRENT_A } from "../constants.js";
import { DEVICE_MODE, EVSE_MODE, type DeviceModeName, type EvseModeName } from "../enums.js";
import type { ChargerClock } from "../ev-charger-options.js";
import { applySurplusDecision } from "../surplus/apply-surplus.js";
import { SurplusController } from "../surplus/surplus-controller.js";
import { surplusSetup } from "../surplus/surplus-setup.js";
import { HOLDING_WRITE_POLICY, type HoldingName } from "../holding-registers.js";
import { imageBytesFromText } from "../image-text.js";
import { EvChargerSession } from "./session.js";

function chargerOf(context: PluginCommandContext): EvChargerSession["charger"] {
  if (!(context.session instanceof EvChargerSession)) throw new BattError("invalid-argument", "not an EV charger session");
  return context.session.charger;
}

function arg(args: readonly string[], index: number, what: string): string {
  const value = args[index];
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

const current: PluginCommand<number> = {
  name: "current",
  summary: "Set the charging current (6–32 A, at most the charger's rating), read back",
  usage: "<amps>",
  changesDevice: true,
  // The range every charger takes is checked here; the charger's own rating is read from it in run.
  prepare: (args) => {
    const text = arg(args, 0, "amps");
    const amps = Number(text);
    if (text.trim() === "" || !Number.isFinite(amps)) throw new BattError("invalid-argument", `amps must be a number, got "${text}"`);
    if (amps > MAX_CHARGE_CURRENT_A) throw new BattError("invalid-argument", `${amps} A is above the maximum ${MAX_CHARGE_CURRENT_A} A`);
    if (amps < MIN_CHARGE_CURRENT_A) throw new BattError("invalid-argument", `${amps} A is below the minimum ${MIN_CHARGE_CURRENT_A} A`);
    return amps;
  },
  run: async (context) => chargerOf(context).setChargeCurrent(context.input, call(context)),
};

const mode: PluginCommand<DeviceModeName> = {
  name: "mode",
  summary: `Set the charge mode (${Object.values(DEVICE_MODE).join(", ")}); stored in EEPROM, so skipped when unchanged`,
  usage: "<mode>",
  changesDevice: true,
  prepare: (args) => {
    const name = arg(args, 0, "mode").toLowerCase();
    if (!(Object.values(DEVICE_MODE) as string[]).includes(name)) throw new BattError("invalid-argument", `mode must be one of ${Object.values(DEVICE_MODE).join(", ")}, got "${name}"`);
    return name as DeviceModeName;
  },
  run: async (context) => chargerOf(context).setMode(context.input, call(context)),
};

const set: PluginCommand = {
  name: "set",
  summary: "Write one holding register by name (range-checked, skipped when unchanged, EEPROM writes rate-limited, read back)",
  usage: "<name> <value>",
  changesDevice: true,
  // A name no generation has is refused here; whether the charger's generation has it is checked in run.
  prepare: (args) => {
    const name = arg(args, 0, "register name");
    arg(args, 1, "value");
    if (!Object.hasOwn(HOLDING_WRITE_POLICY, name)) throw new BattError("invalid-argument", `unknown register "${name}" (known: ${Object.keys(HOLDING_WRITE_POLICY).join(", ")})`);
  },
  run: async (context) => {
    const charger = chargerOf(context);
    const name = context.args[0]!;
    const text = context.args[1]!;
    const map = charger.holdingMap(await charger.generation(call(context)));
    if (!(map.names as readonly string[]).includes(name)) throw new BattError("invalid-argument", `unknown register "${name}" (known: ${map.names.join(", ")})`);
    const field = map.fields[name as HoldingName];
    const value = field.type === "string" || field.type === "enum" ? (field.type === "enum" && /^\d+$/.test(text) ? Number(text) : text) : Number(text);
    if (typeof value === "number" && !Number.isFinite(value)) throw new BattError("invalid-argument", `${name} takes a number, got "${text}"`);
    // Parsed at run time from text: the map's encode checks the value against the field, so the static type is waived here.
    return charger.writeSetting(name as HoldingName, value as never, call(context));
  },
};

/** The checked input of `upgrade`: the image and the options. */
interface UpgradeInput {
  readonly name: string;
  readonly data: Uint8Array;
  readonly expectedChecksum?: number;
  readonly module?: number;
  readonly first?: number;
}

const upgrade: PluginCommand<UpgradeInput> = {
  name: "upgrade",
  summary: "Upload a firmware file through the upgrade registers (verified before anything is erased)",
  usage: "<file> | <file-name> <hex:…|base64:…>",
  changesDevice: true,
  options: [
    { name: "checksum", type: "string", description: "expected CRC-16/MODBUS of the file (hex, e.g. 0x1a2b); checked before anything is sent" },
    { name: "module", type: "string", description: "upgrade module, 0x3003 (default 10, EVC)" },
    { name: "first-package", type: "string", description: "number of the first data packet (default 1)" },
  ],
  // The image is read and the options checked before the link opens.
  prepare: async (args, options, host) => {
    const path = arg(args, 0, "file");
    const inline = args[1];
    const checksumText = options.checksum;
    const expectedChecksum = typeof checksumText === "string" && checksumText !== "" ? Number.parseInt(checksumText.replace(/^0x/i, ""), 16) : undefined;
    if (expectedChecksum !== undefined && !(/^(0x)?[0-9a-f]{1,4}$/i.test(String(checksumText)) && expectedChecksum >= 0 && expectedChecksum <= 0xffff)) {
      throw new BattError("invalid-argument", `--checksum must be 16-bit hex: ${String(checksumText)}`);
    }
    const module = numberOption(options, "module");
    const first = numberOption(options, "first-package");
    // A file path where the host can read files (the CLI); the image as text otherwise (a browser).
    let data: Uint8Array;
    if (inline !== undefined) data = imageBytesFromText(inline);
    else if (host.readFile) data = await host.readFile(path);
    else throw new BattError("unsupported", "this host cannot read files: give the image as text after the file name (hex:… or base64:…)");
    const name = path.split(/[\\/]/).pop() ?? path;
    return { name, data, ...(expectedChecksum !== undefined ? { expectedChecksum } : {}), ...(module !== undefined ? { module } : {}), ...(first !== undefined ? { first } : {}) };
  },
  run: async (context) => {
    const { name, data, expectedChecksum, module, first } = context.input;
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

const phases: PluginCommand<1 | 3> = {
  name: "phases",
  summary: "Charge on 1 or 3 phases (G2: switch 0xA105, firmware ≥ 9.05; G1: 0x0625); EEPROM-backed, so skipped when unchanged and rate-limited",
  usage: "<1|3>",
  changesDevice: true,
  prepare: (args) => {
    const text = arg(args, 0, "phases");
    if (text !== "1" && text !== "3") throw new BattError("invalid-argument", `phases must be 1 or 3, got "${text}"`);
    return text === "1" ? 1 : 3;
  },
  run: async (context) => chargerOf(context).setPhases(context.input, call(context)),
};

const evseMode: PluginCommand<EvseModeName> = {
  name: "evse-mode",
  summary: `Set the second generation's EVSE mode, 0x0669 (${Object.values(EVSE_MODE).join(", ")}); EEPROM-backed`,
  usage: "<mode>",
  changesDevice: true,
  prepare: (args) => {
    const name = arg(args, 0, "mode").toLowerCase();
    if (!(Object.values(EVSE_MODE) as string[]).includes(name)) throw new BattError("invalid-argument", `EVSE mode must be one of ${Object.values(EVSE_MODE).join(", ")}, got "${name}"`);
    return name as EvseModeName;
  },
  run: async (context) => chargerOf(context).setEvseMode(context.input, call(context)),
};

const clock: PluginCommand<ChargerClock | undefined> = {
  name: "clock",
  summary: "Set the charger's clock (0x061E–0x0623) to this computer's local time, or to the given local time",
  usage: "[YYYY-MM-DDTHH:MM:SS]",
  changesDevice: true,
  // A given time is checked here; "now" is taken when the link is open, so it is not stale.
  prepare: (args) => (args[0] === undefined || args[0] === "now" ? undefined : parseClock(args[0])),
  run: async (context) => {
    const time = context.input ?? clockOf(new Date());
    await chargerOf(context).setClock(time, call(context));
    return { set: formatClock(time) };
  },
};

const session: PluginCommand = {
  name: "session",
  summary: "The current or last charging session from the registers: state, energy, charging time, start on the charger's clock",
  changesDevice: false,
  run: async (context) => sessionFromReading(await chargerOf(context).readAll(call(context))),
};

/** The checked input of `surplus`. */
interface SurplusInput {
  readonly exportW: number;
  readonly dryRun: boolean;
}

const surplus: PluginCommand<SurplusInput> = {
  name: "surplus",
  summary: "One step of solar-surplus charging: from the grid export in W (positive = exporting), start/stop, pick phases and a 6–32 A current",
  usage: "<export-watts>",
  changesDevice: true,
  options: [{ name: "dry-run", type: "boolean", description: "print the decision without sending it", default: false }],
  prepare: (args, options) => {
    const text = arg(args, 0, "export in W");
    const exportW = Number(text);
    if (text.trim() === "" || !Number.isFinite(exportW) || Math.abs(exportW) > 1_000_000) throw new BattError("invalid-argument", `export must be a number of watts, got "${text}"`);
    return { exportW, dryRun: options["dry-run"] === true };
  },
  run: async (context) => {
    const charger = chargerOf(context);
    const reading = await charger.readAll(call(context));
    const setup = surplusSetup(reading, charger.eeprom.minIntervalMs);
    // One step: no delays or minimum times, which only mean something across steps.
    const oneShot = { enableDelayMs: 0, disableDelayMs: 0, phaseDelayMs: 0, minOnMs: 0, minOffMs: 0 };
    const control = new SurplusController(systemClock, { ...oneShot, ...setup.options }, setup.initial);
    const decision = control.decide(context.input.exportW, reading.status.totalPower);
    const sent = context.input.dryRun ? [] : await applySurplusDecision(charger, decision, call(context));
    return { ...decision, sent };
  },
};

/** `YYYY-MM-DDTHH:MM[:SS]` as the charger's local clock. */
function parseClock(text: string): ChargerClock {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) throw new BattError("invalid-argument", `time must be YYYY-MM-DDTHH:MM:SS (local time) or "now", got "${text}"`);
  const [year, month, day, hours, minutes, seconds] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  if (year < 2000 || year > 2099 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hours > 23 || minutes > 59 || seconds > 59) {
    throw new BattError("invalid-argument", `not a time the charger can hold (2000–2099): "${text}"`);
  }
  return { year, month, day, hours, minutes, seconds };
}

function clockOf(date: Date): ChargerClock {
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(), hours: date.getHours(), minutes: date.getMinutes(), seconds: date.getSeconds() };
}

function formatClock(t: ChargerClock): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.year}-${p(t.month)}-${p(t.day)}T${p(t.hours)}:${p(t.minutes)}:${p(t.seconds)}`;
}

/** The device-specific subcommands of `batt evcharger`. */
export const EVCHARGER_COMMANDS: readonly PluginCommand[] = [start, stop, reserve, current, mode, set, upgrade, phases, evseMode, clock, session, surplus];
