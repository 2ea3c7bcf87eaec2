import { JkCommand } from "../constants.js";
import type { JkRequestFrame } from "../frame.js";
import { encodeFlags, JK_STATUS_BITS, JK_WARNING_BITS, type JkStatusName, type JkWarningName } from "../identifiers/flag-tables.js";
import { identifierById, JK_IDENTIFIERS } from "../identifiers/identifier-table.js";
import { joinInfoEntries } from "../info-encode.js";
import { decodeValue, encodeValue, type JkValue, type JkValueContext } from "../value-codec.js";
import { defaultJkSettings, type JkSettingValues } from "./default-settings.js";
import type { JkDeviceOptions, JkFirmwareProfile } from "./jk-device-options.js";
import { limitsFromJkSettings } from "./limits-from-settings.js";
import type { PackLimits } from "./pack-limits.js";
import { PackModel } from "./pack-model.js";

/** A reply the device wants to send: command word and information field. */
export interface JkDeviceReply {
  /** Command word (echoes the request). */
  readonly command: number;
  /** Information field. */
  readonly info: Uint8Array;
}

/** Last identifier sent by legacy firmware. */
const LEGACY_LAST_ID = 0xb7;
const LEGACY_VERSION = "NW_1_0_0_200428";

/**
 * The behaviour of a simulated 4E57 BMS, without I/O: settings store, live values from the pack
 * model, and the answer to each request (read all, single read, password, write, activate).
 */
export class JkDevice {
  /** The pack. */
  readonly pack: PackModel;
  /** Settings and identity values by identifier name (live values come from the pack). */
  readonly settings: JkSettingValues;
  /** Firmware imitated. */
  readonly firmware: JkFirmwareProfile;
  /** Whether a password frame has been received since the last restart. */
  paired = false;
  /** A hibernating BMS answers nothing until an activation frame. */
  asleep = false;
  /** Write-only commands received (restart, factory reset…), by identifier name, in order. */
  readonly commands: { readonly key: string; readonly value: JkValue }[] = [];
  private readonly options: JkDeviceOptions;
  private readonly factory: JkSettingValues;

  constructor(options: JkDeviceOptions = {}) {
    this.options = options;
    this.pack = options.pack instanceof PackModel ? options.pack : new PackModel(options.pack);
    this.firmware = options.firmware ?? "v11";
    this.factory = { ...defaultJkSettings(this.pack), ...(this.firmware === "legacy" ? { softwareVersion: LEGACY_VERSION } : {}), ...options.settings };
    this.settings = { ...this.factory };
  }

  /** The value context of the replies (protocol version of the firmware, temperature rule). */
  get context(): JkValueContext {
    return { protocolVersion: this.firmware === "legacy" ? undefined : 1, ...(this.options.temperatureRule ? { temperatureRule: this.options.temperatureRule } : {}) };
  }

  /** What the BMS enforces now. */
  limits(): PackLimits {
    return limitsFromJkSettings(this.settings);
  }

  /** Advances the pack by `ms`. */
  step(ms: number): void {
    this.pack.step(ms, this.limits());
  }

  /** Every identifier value the BMS would report now, by name. */
  values(): Record<string, JkValue> {
    const p = this.pack;
    this.pack.step(0, this.limits()); // MOSFET states follow switch changes at once
    const volts = p.cellVoltages();
    const soc = Math.round(p.soc());
    const total = Math.round(p.totalVoltage() * 100) / 100;
    const [t1 = p.ambient, t2 = p.ambient] = p.batteryTemperatures;
    const live: Record<string, JkValue> = {
      cellVoltages: volts.map((voltage, i) => ({ index: i + 1, voltage })),
      mosTemperature: Math.round(p.mosTemperature),
      temperature1: Math.round(t1),
      temperature2: Math.round(t2),
      totalVoltage: total,
      current: Math.round(p.current * 100) / 100,
      soc,
      temperatureSensorCount: 2,
      cycleCount: p.cycles(),
      totalCycleCapacity: Math.round(p.dischargedAh),
      cellCount: p.cells,
      warnings: this.warnings(volts, soc, total),
      status: this.status(),
    };
    const runtime = Math.floor(((this.settings["runtime"] as number) + p.runtimeS) / 60) * 60;
    return { ...this.settings, ...live, runtime, protocolVersion: 1 };
  }

  /** The answer to one request, or `undefined` when the BMS stays silent. */
  handle(request: JkRequestFrame): JkDeviceReply | undefined {
    if (this.asleep) {
      if (request.command === JkCommand.Activate) this.asleep = false;
      return undefined;
    }
    switch (request.command) {
      case JkCommand.ReadAll:
        return { command: JkCommand.ReadAll, info: this.readAllInfo() };
      case JkCommand.Read:
        return this.readOne(request.info[0] ?? 0);
      case JkCommand.Password:
        this.paired = true;
        return undefined;
      case JkCommand.Write:
        return this.write(request.info);
      default:
        return undefined;
    }
  }

  /** The read-all information field, in the order the firmware sends it. */
  readAllInfo(): Uint8Array {
    const values = this.values();
    const context = this.context;
    const entries: { id: number; raw: Uint8Array }[] = [];
    for (const spec of JK_IDENTIFIERS) {
      if (spec.access === "w" || (this.firmware === "legacy" && spec.id > LEGACY_LAST_ID)) continue;
      const value = values[spec.key];
      if (value !== undefined) entries.push({ id: spec.id, raw: encodeValue(spec, value, context) });
    }
    for (const extra of this.options.extraIdentifiers ?? []) entries.push({ id: extra.id, raw: extra.raw });
    entries.sort((a, b) => a.id - b.id);
    return joinInfoEntries(entries);
  }

  /** Restores the factory settings and clears protections (identifier 0xBC). */
  factoryReset(): void {
    for (const key of Object.keys(this.settings)) delete this.settings[key];
    Object.assign(this.settings, this.factory);
    this.pack.protections.reset();
  }

  private readOne(id: number): JkDeviceReply | undefined {
    if (id === 0) return { command: JkCommand.Read, info: this.readAllInfo() };
    const spec = identifierById(id);
    if (!spec || spec.access === "w" || (this.firmware === "legacy" && id > LEGACY_LAST_ID)) return undefined;
    const value = this.values()[spec.key];
    if (value === undefined) return undefined;
    return { command: JkCommand.Read, info: Uint8Array.of(id, ...encodeValue(spec, value, this.context)) };
  }

  private write(info: Uint8Array): JkDeviceReply | undefined {
    if (this.options.requirePassword !== false && !this.paired) return undefined;
    const id = info[0] ?? 0;
    const spec = identifierById(id);
    const raw = info.subarray(1);
    if (!spec || spec.access === "r" || spec.kind === "cells" || raw.length !== spec.size) return undefined;
    const reply = { command: JkCommand.Write, info: info.slice() };
    if ((this.options.ignoredWrites ?? [0x9d]).includes(id)) return reply;
    const value = decodeValue(spec, raw, this.context);
    if (spec.access === "w") {
      this.commands.push({ key: spec.key, value });
      if (spec.key === "factoryReset") this.factoryReset();
      if (spec.key === "restartSystem") this.pack.protections.reset();
    } else {
      this.settings[spec.key] = value;
    }
    return reply;
  }

  private warnings(volts: readonly number[], soc: number, total: number): JkValue {
    const s = this.settings;
    const active = this.pack.protections.active;
    const t1 = this.pack.batteryTemperatures[0] ?? this.pack.ambient;
    const on: JkWarningName[] = [];
    const when = (name: JkWarningName, condition: boolean): void => {
      if (condition) on.push(name);
    };
    when("lowCapacity", soc <= (s["lowCapacityAlarm"] as number));
    when("mosOvertemperature", active.has("mosOvertemperature"));
    when("chargeOvervoltage", total >= (s["totalOvervoltageProtection"] as number));
    when("dischargeUndervoltage", total <= (s["totalUndervoltageProtection"] as number));
    when("batteryOvertemperature", active.has("chargeOvertemperature") || active.has("dischargeOvertemperature"));
    when("chargeOvercurrent", active.has("chargeOvercurrent"));
    when("dischargeOvercurrent", active.has("dischargeOvercurrent"));
    when("cellVoltageDifference", Math.max(...volts) - Math.min(...volts) >= (s["cellVoltageDifferenceProtection"] as number));
    when("boxOvertemperature", t1 >= (s["boxOvertemperatureProtection"] as number));
    when("batteryUndertemperature", active.has("chargeUndertemperature") || active.has("dischargeUndertemperature"));
    when("cellOvervoltage", active.has("cellOvervoltage"));
    when("cellUndervoltage", active.has("cellUndervoltage"));
    return decodeValue(identifierById(0x8b)!, u16(encodeFlags(on, JK_WARNING_BITS)), this.context);
  }

  private status(): JkValue {
    const on: JkStatusName[] = ["batteryConnected"];
    if (this.pack.chargeMos) on.push("chargeMosOn");
    if (this.pack.dischargeMos) on.push("dischargeMosOn");
    if (this.pack.balancing) on.push("balancing");
    return decodeValue(identifierById(0x8c)!, u16(encodeFlags(on, JK_STATUS_BITS)), this.context);
  }
}

function u16(value: number): Uint8Array {
  return Uint8Array.of((value >> 8) & 0xff, value & 0xff);
}
