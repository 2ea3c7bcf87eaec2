import { BattError, systemClock, type Clock, type Transport, type Unsubscribe } from "@batt/core";
import { HidRegisterAccess } from "./access/hid-register-access.js";
import type { RegisterAccess } from "./access/register-access.js";
import { RegisterClient } from "./access/register-client.js";
import { RtuRegisterAccess } from "./access/rtu-register-access.js";
import type { ChargerContext, ControlTiming } from "./charger-context.js";
import { RegisterArea, type ChannelIndex } from "./constants.js";
import { answerDialog, setLogging, startChannel, stopChannel, type StartOptions, type StartResult, type StopOptions } from "./control/channel-control.js";
import type { LogViewReport } from "./hid/logview.js";
import { measureIr, type AutoIrOptions, type AutoIrResult } from "./ir/auto-ir.js";
import { identifyModel, type IdentifiedBy } from "./models/identify.js";
import type { ChargerModel, ModelId } from "./models/model.js";
import type { PresetChanges, Preset } from "./presets/preset-codec.js";
import type { PresetIndex } from "./presets/preset-index.js";
import { listPresets, readPreset, readPresetIndex, writePreset, type PresetSummary, type PresetWriteOptions, type PresetWriteResult } from "./presets/preset-io.js";
import { readChannelStatus, readStatusWord } from "./status/channel-reads.js";
import type { ChannelStatus } from "./status/channel-status.js";
import { decodeDeviceInfo, DEVICE_INFO_REGISTERS, type DeviceInfo } from "./status/device-info.js";
import type { StatusWord } from "./status/status-word.js";
import { readSystemSettings, writeSystemSettings, type SystemWriteOptions, type SystemWriteResult } from "./system/system-io.js";
import type { SettingChanges, SystemSettings } from "./system/system-settings.js";

/** Options of {@link ICharger}. */
export interface IChargerOptions {
  /** Slave address on serial Modbus RTU, 1..247 (default 1; ignored over USB). */
  readonly address?: number;
  /** Reply deadline per transaction, ms (default 1000, docs/protocols/icharger.md#timing). */
  readonly timeoutMs?: number;
  /** Extra attempts of a read after a timeout or garbled reply (default 1; writes are never repeated). */
  readonly readRetries?: number;
  /** Time source for deadlines and polls (default: the system clock). */
  readonly clock?: Clock;
  /** The model, when the device ID does not tell (456/458/4512 DUO, X, S, DX). */
  readonly model?: ModelId;
  /** The USB product string, used when the device ID is unknown (default: the transport's `info.product`). */
  readonly productString?: string;
  /** Watts per unit of the power register (default 0.01: 10 mW, unverified; docs/protocols/icharger.md#channel-status-input-0x0100-0x0200). */
  readonly powerScaleW?: number;
  /** Time between status polls, ms (default 100). */
  readonly pollIntervalMs?: number;
  /** Window after RUN in which the start is checked, ms (default 500). */
  readonly startCheckMs?: number;
  /** Deadline for the run bit to clear after STOP, ms (default 1000). */
  readonly stopTimeoutMs?: number;
  /** STOP attempts on cleanup paths (default 3). */
  readonly stopAttempts?: number;
}

/** The identified charger. */
export interface ChargerIdentity {
  /** Model. */
  readonly model: ChargerModel;
  /** What decided the model. */
  readonly by: IdentifiedBy;
  /** Device info read at identification. */
  readonly deviceInfo: DeviceInfo;
}

/** One complete reading: device info and every channel. */
export interface ChargerReading {
  /** Model id and name. */
  readonly model: { readonly id: ModelId; readonly name: string };
  /** Device info (status words fresh). */
  readonly deviceInfo: DeviceInfo;
  /** Every channel's status. */
  readonly channels: readonly ChannelStatus[];
}

/** The register access for a transport: HID reports on `packet` transports, Modbus RTU on `stream` ones. */
export function createRegisterAccess(transport: Transport, options: Pick<IChargerOptions, "address" | "timeoutMs" | "clock"> = {}): RegisterAccess {
  const common = { ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), ...(options.clock ? { clock: options.clock } : {}) };
  return transport.kind === "packet"
    ? new HidRegisterAccess(transport, common)
    : new RtuRegisterAccess(transport, { ...common, ...(options.address !== undefined ? { address: options.address } : {}) });
}

/**
 * A Junsi iCharger over USB HID or serial Modbus RTU: identification, live status, SYSTEM settings,
 * presets, control (charge, storage, discharge, cycle, balance, power; stop; dialog answers), the
 * LogView stream, and internal-resistance measurement.
 *
 * @example
 * ```ts
 * const charger = await ICharger.open(hidTransport);            // identifies the model
 * const status = await charger.readChannelStatus(0);
 * await charger.start({ channel: 0, preset: 0, operation: "charge" });
 * await charger.stop(0);
 * ```
 */
export class ICharger {
  /** Block reads and writes (chunked to the charger's limits). */
  readonly registers: RegisterClient;
  private readonly clock: Clock;
  private readonly timing: ControlTiming;
  private readonly powerScaleW: number;
  private identity: ChargerIdentity | undefined;

  constructor(
    /** The transaction layer (see {@link createRegisterAccess}). */
    readonly access: RegisterAccess,
    private readonly options: IChargerOptions = {},
  ) {
    this.registers = new RegisterClient(access, options.readRetries !== undefined ? { readRetries: options.readRetries } : {});
    this.clock = options.clock ?? systemClock;
    this.powerScaleW = options.powerScaleW ?? 0.01;
    this.timing = {
      pollIntervalMs: options.pollIntervalMs ?? 100,
      startCheckMs: options.startCheckMs ?? 500,
      stopTimeoutMs: options.stopTimeoutMs ?? 1000,
      stopAttempts: options.stopAttempts ?? 3,
    };
  }

  /** Creates a driver on an open transport and identifies the model. */
  static async open(transport: Transport, options: IChargerOptions = {}, signal?: AbortSignal): Promise<ICharger> {
    // The USB product string comes from the transport when it knows it (HID enumeration, WebHID).
    const productString = options.productString ?? transport.info.product;
    const charger = new ICharger(createRegisterAccess(transport, options), { ...options, ...(productString !== undefined ? { productString } : {}) });
    try {
      await charger.identify(signal);
    } catch (error) {
      charger.dispose();
      throw error;
    }
    return charger;
  }

  /** Reads device info and chooses the model (explicit option, device ID, product string). */
  async identify(signal?: AbortSignal): Promise<ChargerIdentity> {
    const registers = await this.registers.readInput(RegisterArea.deviceInfo, DEVICE_INFO_REGISTERS, signal ? { signal } : {});
    const { model, by } = identifyModel(registers[0]!, {
      ...(this.options.model !== undefined ? { model: this.options.model } : {}),
      ...(this.options.productString !== undefined ? { productString: this.options.productString } : {}),
    });
    this.identity = { model, by, deviceInfo: decodeDeviceInfo(registers, model.statusWords) };
    return this.identity;
  }

  /** The identified model. */
  get model(): ChargerModel {
    return this.context().model;
  }

  /** Identification result, if {@link identify} has run. */
  get identified(): ChargerIdentity | undefined {
    return this.identity;
  }

  /** Reads device info (status words are live). */
  async readDeviceInfo(signal?: AbortSignal): Promise<DeviceInfo> {
    const registers = await this.registers.readInput(RegisterArea.deviceInfo, DEVICE_INFO_REGISTERS, signal ? { signal } : {});
    return decodeDeviceInfo(registers, this.model.statusWords);
  }

  /** Reads one channel's status. */
  readChannelStatus(channel: ChannelIndex, signal?: AbortSignal): Promise<ChannelStatus> {
    return readChannelStatus(this.context(), channel, signal);
  }

  /** Reads one channel's status word. */
  readStatusWord(channel: ChannelIndex, signal?: AbortSignal): Promise<StatusWord> {
    return readStatusWord(this.context(), channel, signal);
  }

  /** Reads device info and every channel. */
  async read(signal?: AbortSignal): Promise<ChargerReading> {
    const deviceInfo = await this.readDeviceInfo(signal);
    const channels: ChannelStatus[] = [];
    for (let c = 0; c < this.model.channels; c++) channels.push(await this.readChannelStatus(c as ChannelIndex, signal));
    return { model: { id: this.model.id, name: this.model.name }, deviceInfo, channels };
  }

  /** The charger's own IR results (channel registers 35–52, after a "Get IR" or a charge start). */
  async readInternalResistance(channel: ChannelIndex, signal?: AbortSignal): Promise<Pick<ChannelStatus, "channel" | "cellCount" | "cellIrMilliohm" | "totalIrMilliohm" | "lineIrMilliohm">> {
    const s = await this.readChannelStatus(channel, signal);
    return { channel, cellCount: s.cellCount, cellIrMilliohm: s.cellIrMilliohm.slice(0, s.cellCount), totalIrMilliohm: s.totalIrMilliohm, lineIrMilliohm: s.lineIrMilliohm };
  }

  /** Reads SYSTEM settings. */
  readSystemSettings(signal?: AbortSignal): Promise<SystemSettings> {
    return readSystemSettings(this.context(), signal);
  }

  /** Changes SYSTEM settings (validated, verified, saved). */
  writeSystemSettings(changes: SettingChanges, options?: SystemWriteOptions): Promise<SystemWriteResult> {
    return writeSystemSettings(this.context(), changes, options);
  }

  /** Reads the preset index. */
  readPresetIndex(signal?: AbortSignal): Promise<PresetIndex> {
    return readPresetIndex(this.context(), signal);
  }

  /** Reads one preset by slot number. */
  readPreset(slot: number, signal?: AbortSignal): Promise<Preset> {
    return readPreset(this.context(), slot, signal);
  }

  /** Reads every listed preset. */
  listPresets(signal?: AbortSignal): Promise<PresetSummary[]> {
    return listPresets(this.context(), signal);
  }

  /** Changes a preset (validated, saved with the order key, verified). */
  writePreset(slot: number, changes: PresetChanges, options?: PresetWriteOptions): Promise<PresetWriteResult> {
    return writePreset(this.context(), slot, changes, options);
  }

  /** Starts a program on a channel, verified from the status word. */
  start(options: StartOptions): Promise<StartResult> {
    return startChannel(this.context(), options);
  }

  /** Stops a channel. */
  stop(channel: ChannelIndex, options?: StopOptions): Promise<StatusWord | undefined> {
    return stopChannel(this.context(), channel, options);
  }

  /** Answers the open dialog box. */
  answerDialog(answer: "yes" | "no", signal?: AbortSignal): Promise<void> {
    return answerDialog(this.context(), answer, signal);
  }

  /** Turns the LogView stream on or off (USB). */
  setLogging(on: boolean, signal?: AbortSignal): Promise<void> {
    return setLogging(this.context(), on, signal);
  }

  /** LogView reports as they arrive (USB only). */
  onLog(listener: (report: LogViewReport) => void): Unsubscribe {
    return this.registers.onLog(listener);
  }

  /** Measures internal resistance with a discharge pulse; always stops the channel. */
  measureIr(options: AutoIrOptions): Promise<AutoIrResult> {
    return measureIr(this.context(), options);
  }

  /** Releases the access layer (the transport stays open). */
  dispose(): void {
    this.access.dispose();
  }

  /** The shared context of the operations; requires {@link identify}. */
  context(): ChargerContext {
    const identity = this.identity;
    if (!identity) throw new BattError("not-open", "the charger has not been identified yet (call identify())");
    return {
      registers: this.registers,
      model: identity.model,
      deviceInfo: identity.deviceInfo,
      clock: this.clock,
      timing: this.timing,
      powerScaleW: this.powerScaleW,
    };
  }
}
