import { applyPbCommand, PbCommandState } from "./pb-command-effects.js";
import { ModbusException, ModbusExceptionError } from "@batt/modbus-rtu";
import { JkPbBlock } from "../../pb/pb-blocks.js";
import type { JkPbAlarmName } from "../../pb/pb-alarm-bits.js";
import { JK_PB_DEVICE_INFO_MAP } from "../../pb/pb-device-info-map.js";
import { JK_PB_LIVE_MAP } from "../../pb/pb-live-map.js";
import { JK_PB_SETTINGS_MAP, type JkPbSettingName } from "../../pb/pb-settings-map.js";
import type { PackLimits } from "../pack-limits.js";
import { PackModel } from "../pack-model.js";
import type { PackOptions } from "../pack-options.js";
import { defaultPbSettings, type JkPbSettingValues } from "./pb-default-settings.js";
import { PbImage } from "./pb-image.js";
import { presenceByteOf } from "../../pb/temperature-probes.js";
import { limitsFromPbSettings } from "./pb-limits.js";

/** One simulated JK-PB pack on a bus. */
export interface JkPbPackOptions {
  /** DIP-switch address, 1..15. */
  readonly address: number;
  /** The pack, or options to build one (the seed defaults to the address, so packs differ). */
  readonly pack?: PackModel | PackOptions;
  /** Settings that differ from the defaults. */
  readonly settings?: JkPbSettingValues;
  /** Model text in the device-information block (default `JK_PB2A16S20P`). */
  readonly model?: string;
}

/** A command written to the 0x1600 block: byte offset and registers. */
export interface JkPbCommand {
  /** Byte offset in the command block (0x04 shutdown, 0x10 emergency start…). */
  readonly offset: number;
  /** Registers written. */
  readonly values: readonly number[];
}

const ALARM_OF: Partial<Record<string, JkPbAlarmName>> = {
  mosOvertemperature: "mosOvertemperature",
  cellOvervoltage: "cellOvervoltage",
  cellUndervoltage: "cellUndervoltage",
  chargeOvercurrent: "chargeOvercurrent",
  dischargeOvercurrent: "dischargeOvercurrent",
  chargeOvertemperature: "chargeOvertemperature",
  dischargeOvertemperature: "dischargeOvertemperature",
  chargeUndertemperature: "chargeUndertemperature",
};

/**
 * The register side of one simulated JK-PB: settings and device-information blocks held as bytes,
 * the live block rebuilt from the pack model on every read, byte-offset addressing as the device
 * does it, writes to settings applied to the model and commands recorded.
 */
export class JkPbDevice {
  /** DIP-switch address. */
  readonly address: number;
  /** The pack. */
  readonly pack: PackModel;
  /** The settings block. */
  readonly settings: PbImage;
  /** The device-information block. */
  readonly deviceInfo: PbImage;
  /** Commands received, in order. */
  readonly commands: JkPbCommand[] = [];
  /** What the commands did (shutdown, presets, calibrations, clock). */
  readonly commandState = new PbCommandState();
  private readonly live: PbImage;

  constructor(options: JkPbPackOptions) {
    this.address = options.address;
    this.pack = options.pack instanceof PackModel ? options.pack : new PackModel({ seed: options.address, ...options.pack });
    this.settings = new PbImage(JkPbBlock.settings.base, JkPbBlock.settings.bytes);
    this.live = new PbImage(JkPbBlock.live.base, JkPbBlock.live.bytes);
    this.deviceInfo = new PbImage(JkPbBlock.deviceInfo.base, JkPbBlock.deviceInfo.bytes);
    const settings = { ...defaultPbSettings(this.pack, this.address), ...options.settings };
    for (const [name, value] of Object.entries(settings)) this.settings.set(JK_PB_SETTINGS_MAP, name as JkPbSettingName, value);
    const info = {
      model: options.model ?? "JK_PB2A16S20P",
      hardwareVersion: "19A",
      softwareVersion: "19.05",
      uptime: 0,
      powerOnCount: 3,
      uart1CanProtocol: 0x0100,
      uart2Protocol: 0x0001,
      lcdBuzzerTriggers: 0,
    };
    for (const [name, value] of Object.entries(info)) this.deviceInfo.set(JK_PB_DEVICE_INFO_MAP, name as keyof typeof JK_PB_DEVICE_INFO_MAP.fields, value);
  }

  /** What the pack enforces now (from the settings block). */
  limits(): PackLimits {
    const limits = limitsFromPbSettings(this.settings.decode(JK_PB_SETTINGS_MAP));
    // A shut-down pack keeps both MOSFETs off until an emergency start.
    return this.commandState.shutDown ? { ...limits, chargeEnabled: false, dischargeEnabled: false } : limits;
  }

  /** Advances the pack by `ms`. */
  step(ms: number): void {
    this.pack.step(ms, this.limits());
    this.deviceInfo.set(JK_PB_DEVICE_INFO_MAP, "uptime", Math.floor(this.pack.runtimeS));
  }

  /**
   * FC 0x03: `count` registers from `address` (any block; byte-offset addressing).
   *
   * @throws ModbusExceptionError 02 outside the readable blocks.
   */
  readRegisters(address: number, count: number): number[] {
    if (this.live.contains(address, count)) {
      this.refreshLive();
      return this.live.read(address, count);
    }
    for (const image of [this.settings, this.deviceInfo]) if (image.contains(address, count)) return image.read(address, count);
    throw new ModbusExceptionError(ModbusException.IllegalDataAddress, `no readable block holds ${count} registers at 0x${address.toString(16)}`);
  }

  /**
   * FC 0x10: stores settings, or records a command.
   *
   * @throws ModbusExceptionError 02 outside the settings and command blocks.
   */
  writeRegisters(address: number, values: readonly number[]): void {
    if (this.settings.contains(address, values.length)) {
      this.settings.write(address, values);
      this.pack.step(0, this.limits());
      return;
    }
    const commands = JkPbBlock.commands;
    const offset = address - commands.base;
    if (offset >= 0 && offset + 2 * values.length <= commands.bytes) {
      this.commands.push({ offset, values: [...values] });
      applyPbCommand(this.commandState, offset, values);
      this.pack.step(0, this.limits());
      return;
    }
    throw new ModbusExceptionError(ModbusException.IllegalDataAddress, `no writable block holds ${values.length} registers at 0x${address.toString(16)}`);
  }

  private refreshLive(): void {
    const p = this.pack;
    p.step(0, this.limits());
    const volts = p.cellVoltages();
    const map = JK_PB_LIVE_MAP;
    const set = (name: keyof typeof map.fields & string, value: unknown): void => this.live.set(map, name, value);
    for (let i = 0; i < 32; i++) set(`cell${i + 1}`, volts[i] ?? 0);
    set("cellMask", 2 ** volts.length - 1);
    const mv = volts.map((v) => Math.round(v * 1000));
    const maxIndex = mv.indexOf(Math.max(...mv));
    const minIndex = mv.indexOf(Math.min(...mv));
    set("averageCellVoltage", Math.round(mv.reduce((a, b) => a + b, 0) / mv.length) / 1000);
    set("maxCellDifference", (mv[maxIndex]! - mv[minIndex]!) / 1000);
    set("maxMinCell", ((maxIndex + 1) << 8) | (minIndex + 1));
    set("mosTemperature", round1(p.mosTemperature));
    const total = p.totalVoltage();
    set("packVoltage", total);
    set("power", Math.round(Math.abs(total * p.current) * 1000) / 1000);
    set("current", p.current);
    const [t1 = p.ambient, t2 = p.ambient] = p.batteryTemperatures;
    set("temperature1", round1(t1));
    set("temperature2", round1(t2));
    set("alarms", [...p.protections.active].flatMap((name) => ALARM_OF[name] ?? []));
    set("balanceCurrent", p.balancing ? p.balanceCurrentNow : 0);
    set("balanceStateSoc", ((p.balancing ? 1 : 0) << 8) | Math.round(p.soc()));
    set("remainingCapacity", round3(p.remaining()));
    set("fullChargeCapacity", p.capacity);
    set("cycleCount", p.cycles());
    set("cycleCapacity", round3(p.dischargedAh));
    set("sohPrecharge", 100 << 8);
    set("runtime", Math.floor(p.runtimeS));
    set("fetState", ((p.chargeMos ? 1 : 0) << 8) | (p.dischargeMos ? 1 : 0));
    set("packVoltage2", Math.round(total * 100) / 100);
    set("temperature3", round1(p.ambient));
    set("temperature4", round1(p.ambient));
    set("temperature5", round1(p.ambient));
    // Every register holds a value; the presence byte (high byte, heating off in the low byte) says which probes are real.
    set("temperatureSensorState", presenceByteOf(p.probes) << 8);
    set("rtcTicks", Math.floor(p.runtimeS));
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
