import { ModbusException, ModbusExceptionError, type ModbusHandler } from "@batt/modbus-rtu";
import { BALANCE_PORT_ERROR, ControlRegister, ORDER_KEY, Order, RegisterArea, type ChannelIndex } from "../constants.js";
import { encodeLogViewSample } from "../hid/logview.js";
import { LITHIUM_CHEMISTRIES } from "../models/chemistry.js";
import { modelById } from "../models/model-table.js";
import type { ChargerModel, ModelId } from "../models/model.js";
import { decodePreset, presetRegisterCount } from "../presets/preset-codec.js";
import { presetIndexRegisters } from "../presets/preset-index.js";
import { DEVICE_INFO_REGISTERS } from "../status/device-info.js";
import { imageToRegisters } from "../words.js";
import { ChannelSim, type ChannelLimits, type ChannelSimOptions } from "./channel-sim.js";
import { defaultPresetIndex, defaultPresetSlots, defaultSystemRegisters } from "./default-settings.js";
import { PackModel, type PackConfig } from "./pack-model.js";
import { operationOf, programParams } from "./program.js";

/** Options of {@link ChargerDevice}. */
export interface ChargerDeviceOptions extends ChannelSimOptions {
  /** Model (default `308duo`). */
  readonly model?: ModelId;
  /** Pack per channel (default: a 4S 2.2 Ah LiPo at 3.8 V per cell with 0.025 Ω cells). */
  readonly packs?: readonly (PackConfig | undefined)[];
  /** Device-ID register (default: the model's; 0 where unknown). */
  readonly deviceId?: number;
  /** Serial number, up to 12 characters. */
  readonly serialNumber?: string;
  /** Software version in hundredths (default 218). */
  readonly softwareVersion?: number;
  /** Hardware version in hundredths (default 100). */
  readonly hardwareVersion?: number;
  /** MEMORY length in bytes (default: the family's largest). */
  readonly memoryLength?: number;
  /** Input voltage, V (default 24). */
  readonly inputVoltage?: number;
  /**
   * A unit whose balance-port error 0x1D00 is only a warning (the seed README: "may appear but
   * doesn't prevent operation"): the error bit and run error show, the program runs. Default false:
   * the error ends the start, as on units without a balance lead.
   */
  readonly balancePortWarning?: boolean;
}

/** An order the device carried out. */
export interface ExecutedOrder {
  /** Order number. */
  readonly order: number;
  /** Control registers 0x8000–0x8002 at the time (operation, slot, channel). */
  readonly operation: number;
  /** Slot register. */
  readonly slot: number;
  /** Channel register. */
  readonly channel: number;
}

/** Address ranges of the register areas (docs/protocols/icharger.md#address-map). */
const INPUT_AREAS = [
  { start: 0x0000, end: 0x00ff },
  { start: 0x0100, end: 0x01ff },
  { start: 0x0200, end: 0x02ff },
] as const;
const HOLDING_AREAS = [
  { start: RegisterArea.control, end: 0x83ff },
  { start: RegisterArea.system, end: 0x87ff },
  { start: RegisterArea.memHead, end: 0x8bff },
  { start: RegisterArea.memory, end: 0x9000 },
] as const;

function illegalAddress(address: number, count: number): ModbusExceptionError {
  return new ModbusExceptionError(ModbusException.IllegalDataAddress, `0x${address.toString(16)}+${count} is not a register area of the charger`);
}

function areaOf(areas: readonly { start: number; end: number }[], address: number, count: number): number {
  const index = areas.findIndex((a) => address >= a.start && address + count - 1 <= a.end);
  if (index < 0) throw illegalAddress(address, count);
  return index;
}

/**
 * The register file and behaviour of a simulated iCharger, as a Modbus handler: device info and
 * channel status computed from the channels, control registers that carry out orders once the key is
 * written, SYSTEM and MEM_HEAD RAM mirrors saved to "flash" by their orders, and a MEMORY window that
 * shows the selected slot. Transport-free: the HID and RTU fronts put it on a wire.
 */
export class ChargerDevice implements ModbusHandler {
  /** The simulated model. */
  readonly model: ChargerModel;
  /** Packs, one per channel. */
  readonly packs: PackModel[];
  /** Channels. */
  readonly channels: ChannelSim[];
  /** Control registers 0x8000–0x83FF. */
  readonly control = new Array<number>(0x400).fill(0);
  /** SYSTEM RAM mirror. */
  system: number[];
  /** SYSTEM as saved by ORDER_WRITE_SYS. */
  systemFlash: number[];
  /** MEM_HEAD RAM. */
  memHead: number[];
  /** MEM_HEAD as saved by ORDER_WRITE_MEM_HEAD. */
  memHeadFlash: number[];
  /** MEMORY per slot, as saved by ORDER_WRITE_MEM. */
  readonly slots: number[][];
  /** The MEMORY window (working copy of the selected slot). */
  memoryWindow: number[];
  /** Whether the LogView stream is on. */
  logging = false;
  /** Every order carried out, in order. */
  readonly orders: ExecutedOrder[] = [];
  private readonly balancePortWarning: boolean;
  /** Answers given to dialog boxes. */
  readonly dialogAnswers: ("yes" | "no")[] = [];
  /** Receives each LogView report to send (set by the USB front). */
  onLog: ((report: Uint8Array) => void) | undefined;
  /** MEMORY length in bytes. */
  readonly memoryLength: number;
  private readonly deviceInfo: number[];
  private readonly inputVoltage: number;
  private readonly logTimers: number[];
  private readonly startFailures = new Map<number, number>();

  constructor(options: ChargerDeviceOptions = {}) {
    this.model = modelById(options.model ?? "308duo");
    const m = this.model;
    this.memoryLength = options.memoryLength ?? Math.max(...m.memoryLengths);
    this.inputVoltage = options.inputVoltage ?? 24;
    this.balancePortWarning = options.balancePortWarning ?? false;
    this.packs = Array.from({ length: m.channels }, (_, c) => new PackModel(options.packs?.[c] ?? {}));
    this.channels = this.packs.map((pack, c) => new ChannelSim(c as ChannelIndex, pack, m.cellsPerChannel, () => this.limits(c), options));
    this.system = defaultSystemRegisters(m);
    this.systemFlash = [...this.system];
    this.memHead = defaultPresetIndex(m);
    this.memHeadFlash = [...this.memHead];
    this.slots = defaultPresetSlots(m, this.memoryLength);
    this.memoryWindow = [...this.slots[0]!];
    this.logTimers = this.channels.map(() => 0);
    const serial = new Uint8Array(12);
    [...(options.serialNumber ?? `${m.id.toUpperCase()}-SIM1`).slice(0, 12)].forEach((ch, i) => (serial[i] = ch.charCodeAt(0) & 0xff));
    this.deviceInfo = [
      options.deviceId ?? m.deviceId ?? 0,
      ...imageToRegisters(serial),
      options.softwareVersion ?? 218,
      options.hardwareVersion ?? 100,
      2 * this.system.length,
      this.memoryLength,
    ];
  }

  /** Makes the next RUN on `channel` fail at the end of its check with run error `raw` (e.g. 0x2300 channel occupied). */
  failNextStart(channel: number, raw: number): void {
    this.startFailures.set(channel, raw);
  }

  /** Opens a dialog box on a channel (status bit 4, register 57). */
  openDialog(channel: number, id: number): void {
    this.channels[channel]!.dialogId = id;
  }

  /** Advances every channel by `ms` and sends due LogView reports. */
  step(ms: number): void {
    for (let left = ms; left > 0; left -= 50) {
      const dt = Math.min(50, left);
      this.channels.forEach((ch, c) => {
        const wasRunning = ch.running;
        ch.step(dt);
        if (!this.logging || !ch.running) {
          this.logTimers[c] = 0;
          // A run that ends sends one last sample with its end state (done or error), as LogView shows it.
          if (this.logging && wasRunning && (ch.phase === "done" || ch.phase === "error")) this.onLog?.(encodeLogViewSample(ch.logSample()));
          return;
        }
        this.logTimers[c]! += dt;
        if (this.logTimers[c]! >= this.logIntervalMs(c)) {
          this.logTimers[c] = 0;
          this.onLog?.(encodeLogViewSample(ch.logSample()));
        }
      });
    }
  }

  /** Answers a read of input registers (0x04) from the simulated charger's state. */
  readInputRegisters(address: number, count: number): number[] {
    const area = areaOf(INPUT_AREAS, address, count);
    if (area > this.model.channels) throw illegalAddress(address, count);
    const base = INPUT_AREAS[area]!.start;
    const data = area === 0 ? [...this.deviceInfo, ...this.channels.map((c) => c.statusWord())].slice(0, DEVICE_INFO_REGISTERS) : this.channels[area - 1]!.registers();
    return slice(data, address - base, count);
  }

  /** Answers a read of holding registers (0x03) from the simulated charger's settings and presets. */
  readHoldingRegisters(address: number, count: number): number[] {
    const area = areaOf(HOLDING_AREAS, address, count);
    return slice(this.holding(area), address - HOLDING_AREAS[area]!.start, count);
  }

  /** Carries out a write of holding registers (0x06/0x10): settings, presets and control orders. */
  writeRegisters(address: number, values: readonly number[]): void {
    const area = areaOf(HOLDING_AREAS, address, values.length);
    const offset = address - HOLDING_AREAS[area]!.start;
    const target = this.holding(area);
    if (area > 0 && offset + values.length > target.length) throw illegalAddress(address, values.length);
    values.forEach((v, i) => (target[offset + i] = v));
    if (area !== 0) return;
    const touches = (register: number): boolean => address <= register && register < address + values.length;
    if (touches(ControlRegister.memorySlot)) this.select(this.control[1]!);
    if (touches(ControlRegister.order) && this.control[3] === ORDER_KEY) this.execute(this.control[4]!);
  }

  private holding(area: number): number[] {
    switch (area) {
      case 0:
        return this.control;
      case 1:
        return this.system;
      case 2:
        return this.memHead;
      default:
        return this.memoryWindow;
    }
  }

  private select(slot: number): void {
    const stored = this.slots[slot];
    this.memoryWindow = stored ? [...stored] : new Array<number>(presetRegisterCount(this.memoryLength)).fill(0xffff);
  }

  private execute(order: number): void {
    const [operation, slot, channel] = [this.control[0]!, this.control[1]!, this.control[2]!];
    this.orders.push({ order, operation, slot, channel });
    switch (order) {
      case Order.Stop:
        this.channels[channel]?.stop();
        break;
      case Order.Run:
        this.run(operation, slot, channel);
        break;
      case Order.WriteSys:
        this.systemFlash = [...this.system];
        break;
      case Order.WriteMemHead:
        this.memHeadFlash = [...this.memHead.slice(0, presetIndexRegisters(this.model.presetSlots))];
        break;
      case Order.WriteMem:
        if (this.slots[slot]) this.slots[slot] = [...this.memoryWindow];
        break;
      case Order.TransLogOn:
        this.logging = true;
        break;
      case Order.TransLogOff:
        this.logging = false;
        break;
      case Order.MsgBoxYes:
      case Order.MsgBoxNo:
        this.dialogAnswers.push(order === Order.MsgBoxYes ? "yes" : "no");
        for (const ch of this.channels) ch.dialogId = 0;
        break;
      case Order.Modify:
        this.channels[channel]?.modify(this.control[5]! / 1000);
        break;
      default:
        break; // unknown orders: no effect
    }
  }

  private run(operationCode: number, slot: number, channel: number): void {
    const ch = this.channels[channel];
    if (!ch || ch.running) return;
    const stored = this.slots[slot];
    const preset = stored ? decodePreset(slot, stored, this.memoryLength, this.model.batteryTypes) : undefined;
    const chemistry = preset?.state === "empty" ? undefined : preset?.chemistry;
    const operation = chemistry ? operationOf(this.model, chemistry, operationCode) : undefined;
    if (!preset || !chemistry || !operation) {
      ch.failStart(0x1000); // "control"
      return;
    }
    const params = programParams(preset, chemistry);
    let error = this.startFailures.get(channel) ?? 0;
    this.startFailures.delete(channel);
    const lithium = LITHIUM_CHEMISTRIES.has(chemistry);
    if (error === 0 && lithium && operation !== "power" && !ch.pack.balanceLead) error = 0x1d00; // balance port
    if (error === 0 && lithium && params.cells !== 0 && params.cells !== ch.pack.cells) error = 0x1a00; // cell count set
    if (error === BALANCE_PORT_ERROR && this.balancePortWarning) {
      ch.run(operation, params, 0);
      ch.warn(BALANCE_PORT_ERROR);
      return;
    }
    ch.run(operation, params, error);
  }

  private limits(channel: number): ChannelLimits {
    const s = this.system;
    const fallback = { chargePower: this.model.chargePower, dischargePower: this.model.dischargePower };
    if (this.model.systemLayout === "duo") {
      return { inputVoltage: this.inputVoltage, chargePower: s[34 + channel] || fallback.chargePower, dischargePower: s[36 + channel] || fallback.dischargePower };
    }
    if (this.model.systemLayout === "x") {
      const source = Math.min(3, s[22] ?? 0);
      return { inputVoltage: this.inputVoltage, chargePower: s[23 + 9 * source + 2] || fallback.chargePower, dischargePower: s[59] || fallback.dischargePower };
    }
    return { inputVoltage: this.inputVoltage, ...fallback };
  }

  private logIntervalMs(channel: number): number {
    const deci = this.model.systemLayout === "duo" ? this.system[39 + channel] : this.model.systemLayout === "x" ? this.system[60] : 10;
    return Math.max(100, (deci || 10) * 100);
  }
}

function slice(data: readonly number[], offset: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => data[offset + i] ?? 0);
}
