import { BattError, makeReading, systemClock, type CallOptions, type Clock, type Device, type DeviceIdentity, type DeviceReading, type EngineCounters, type Transport, type Unsubscribe } from "@batt/core";
import { createRegisterAccess } from "./access/create-register-access.js";
import type { RegisterAccess } from "./access/register-access.js";
import { RegisterClient } from "./access/register-client.js";
import { RtuRegisterAccess } from "./access/rtu-register-access.js";
import type { ChargerContext, ControlTiming } from "./charger-context.js";
import { RegisterArea, type ChannelIndex } from "./constants.js";
import { answerDialog, setLogging, startChannel, stopChannel, type StartOptions, type StartResult, type StopOptions } from "./control/channel-control.js";
import { modifyChannel, type ModifyOptions, type ModifyResult } from "./control/modify.js";
import { runTemporaryPreset, type TemporaryRunOptions, type TemporaryRunResult } from "./control/temporary-run.js";
import { chargerIdentity } from "./device/identity.js";
import { ICHARGER_LINK_DEFAULTS } from "./device/link-defaults.js";
import type { IChargerOptions } from "./device/options.js";
import type { IChargerReading } from "./device/reading.js";
import type { LogViewReport } from "./hid/logview.js";
import { measureIr, type AutoIrOptions, type AutoIrResult } from "./ir/auto-ir.js";
import { readingParts } from "./measurements.js";
import { recordRun, type RecordOptions, type RecordedRun } from "./record/record-run.js";
import { identifyModel, type IdentifiedBy } from "./models/identify.js";
import type { ChargerModel } from "./models/model.js";
import type { PresetChanges, Preset } from "./presets/preset-codec.js";
import type { PresetIndex } from "./presets/preset-index.js";
import { listPresets, readPreset, readPresetIndex, writePreset, type PresetSummary, type PresetWriteOptions, type PresetWriteResult } from "./presets/preset-io.js";
import { readChannelStatus, readStatusWord } from "./status/channel-reads.js";
import type { ChannelStatus } from "./status/channel-status.js";
import { decodeDeviceInfo, DEVICE_INFO_REGISTERS, type DeviceInfo } from "./status/device-info.js";
import type { StatusWord } from "./status/status-word.js";
import { readSystemSettings, writeSystemSettings, type SystemWriteOptions, type SystemWriteResult } from "./system/system-io.js";
import type { SettingChanges, SystemSettings } from "./system/system-settings.js";

/** The identified charger: its model, what decided it, and the device info read then. */
export interface ChargerIdentity {
  /** Model. */
  readonly model: ChargerModel;
  /** What decided the model. */
  readonly by: IdentifiedBy;
  /** Device info read at identification. */
  readonly deviceInfo: DeviceInfo;
}

/** The charger's own IR results of a channel (channel registers 35–52). */
export type ChannelIr = Pick<ChannelStatus, "channel" | "cellCount" | "cellIr" | "cellIrRaw" | "totalIr" | "lineIr">;

function isRegisterAccess(link: Transport | RegisterAccess): link is RegisterAccess {
  return link.kind === "hid" || link.kind === "rtu";
}

/**
 * A Junsi iCharger over USB HID or serial Modbus RTU: the shared `Device` shape (`read()` gives
 * both channels as battery summaries plus the charger's measurements, in SI units), and the
 * charger's own operations: SYSTEM settings, presets, control (charge, storage, discharge, cycle,
 * balance, power; stop; dialog answers), the LogView stream, and internal-resistance measurement.
 *
 * Built on a transport, with the framing chosen by `options.link` (default: HID reports on a `packet`
 * transport, Modbus RTU on a `stream` one), or, as an advanced path, on a {@link RegisterAccess} of
 * your own. The model is identified on first use (or by {@link ICharger.open}).
 *
 * @example
 * ```ts
 * const charger = new ICharger(hidTransport);
 * const reading = await charger.read(); // reading.batteries: ch1, ch2; reading.measurements: SI units
 * await charger.start({ channel: 0, preset: 0, operation: "charge" });
 * await charger.stop(0);
 * ```
 */
export class ICharger implements Device<IChargerReading> {
  /** The transaction layer (HID or RTU framing). */
  readonly access: RegisterAccess;
  /** Block reads and writes (chunked to the charger's limits; reads retried by `options.retry`). */
  readonly registers: RegisterClient;
  private readonly clock: Clock;
  private readonly timing: ControlTiming;
  private readonly powerScale: number;
  private charger: ChargerIdentity | undefined;
  private device: DeviceIdentity | undefined;
  private productString: string | undefined;

  /**
   * @param link The open transport to the charger, or (advanced) a register access built on one.
   * @throws BattError `invalid-argument` for a `link` option other than `hid`/`rtu` or a bad address.
   */
  constructor(
    link: Transport | RegisterAccess,
    private readonly options: IChargerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.access = isRegisterAccess(link) ? link : createRegisterAccess(link, { ...options, timeoutMs: options.timeoutMs ?? ICHARGER_LINK_DEFAULTS.timeoutMs, minGapMs: options.minGapMs ?? ICHARGER_LINK_DEFAULTS.minGapMs });
    // The USB product string comes from the transport when it knows it (HID enumeration, WebHID).
    this.productString = options.productString ?? (isRegisterAccess(link) ? undefined : link.info.product);
    this.registers = new RegisterClient(this.access, { retry: options.retry ?? ICHARGER_LINK_DEFAULTS.retry, clock: this.clock });
    this.powerScale = options.powerScale ?? 0.01;
    this.timing = {
      pollIntervalMs: options.pollIntervalMs ?? 100,
      startCheckMs: options.startCheckMs ?? 500,
      stopTimeoutMs: options.stopTimeoutMs ?? 1000,
      stopAttempts: options.stopAttempts ?? 3,
    };
  }

  /** Creates a driver on an open transport and identifies the model at once (an unknown charger fails here). */
  static async open(transport: Transport, options: IChargerOptions = {}, signal?: AbortSignal): Promise<ICharger> {
    const charger = new ICharger(transport, options);
    try {
      await charger.detectModel(signal);
    } catch (error) {
      charger.dispose();
      throw error;
    }
    return charger;
  }

  /** Running totals of the link: requests, replies, retries, timeouts, checksum errors, skipped bytes. */
  get counters(): Readonly<EngineCounters> {
    return this.access.counters;
  }

  /**
   * Reads both channels and the device info: battery summaries `ch1`, `ch2` (voltage, current, power,
   * cells, probe temperature; no state of charge), the input voltage and each channel's run state,
   * charge moved, temperatures and IR, in SI units; the decoded registers in `reading`.
   */
  async read(options: CallOptions = {}): Promise<DeviceReading<IChargerReading>> {
    const device = await this.identify(options);
    const details = await this.readAll(options.signal);
    return makeReading(this.clock, { device, ...readingParts(details), reading: details });
  }

  /** Who the charger is (read once, then cached): Junsi, the model, serial number, firmware and hardware versions. */
  async identify(options: CallOptions = {}): Promise<DeviceIdentity> {
    if (this.device) return this.device;
    const { model, deviceInfo } = this.charger ?? (await this.detectModel(options.signal));
    this.device = chargerIdentity(model, deviceInfo, this.access instanceof RtuRegisterAccess ? this.access.address : undefined);
    return this.device;
  }

  /** Reads device info and chooses the model (explicit option, device ID, product string). */
  async detectModel(signal?: AbortSignal): Promise<ChargerIdentity> {
    const registers = await this.registers.readInput(RegisterArea.deviceInfo, DEVICE_INFO_REGISTERS, signal ? { signal } : {});
    const { model, by } = identifyModel(registers[0]!, {
      ...(this.options.model !== undefined ? { model: this.options.model } : {}),
      ...(this.productString !== undefined ? { productString: this.productString } : {}),
    });
    this.charger = { model, by, deviceInfo: decodeDeviceInfo(registers, model.statusWords) };
    this.device = undefined;
    return this.charger;
  }

  /** The identified model; requires identification ({@link ICharger.open}, {@link ICharger.identify} or any read). */
  get model(): ChargerModel {
    return this.context().model;
  }

  /** The model identification, once it has run. */
  get identified(): ChargerIdentity | undefined {
    return this.charger;
  }

  /** Reads device info (status words are live). */
  async readDeviceInfo(signal?: AbortSignal): Promise<DeviceInfo> {
    const { model } = await this.ready(signal);
    const registers = await this.registers.readInput(RegisterArea.deviceInfo, DEVICE_INFO_REGISTERS, signal ? { signal } : {});
    return decodeDeviceInfo(registers, model.statusWords);
  }

  /** Reads one channel's status. */
  async readChannelStatus(channel: ChannelIndex, signal?: AbortSignal): Promise<ChannelStatus> {
    return readChannelStatus(await this.ready(signal), channel, signal);
  }

  /** Reads one channel's status word. */
  async readStatusWord(channel: ChannelIndex, signal?: AbortSignal): Promise<StatusWord> {
    return readStatusWord(await this.ready(signal), channel, signal);
  }

  /** Reads device info and every channel, as decoded (what {@link ICharger.read} carries in `reading`). */
  async readAll(signal?: AbortSignal): Promise<IChargerReading> {
    const deviceInfo = await this.readDeviceInfo(signal);
    const channels: ChannelStatus[] = [];
    for (let c = 0; c < this.model.channels; c++) channels.push(await this.readChannelStatus(c as ChannelIndex, signal));
    return { model: { id: this.model.id, name: this.model.name }, deviceInfo, channels };
  }

  /** The charger's own IR results (channel registers 35–52, after a "Get IR" or a charge start), in Ω and as raw 0.1 mΩ registers. */
  async readInternalResistance(channel: ChannelIndex, signal?: AbortSignal): Promise<ChannelIr> {
    const s = await this.readChannelStatus(channel, signal);
    return { channel, cellCount: s.cellCount, cellIr: s.cellIr.slice(0, s.cellCount), cellIrRaw: s.cellIrRaw.slice(0, s.cellCount), totalIr: s.totalIr, lineIr: s.lineIr };
  }

  /** Reads SYSTEM settings. */
  async readSystemSettings(signal?: AbortSignal): Promise<SystemSettings> {
    return readSystemSettings(await this.ready(signal), signal);
  }

  /** Changes SYSTEM settings (validated, verified, saved). */
  async writeSystemSettings(changes: SettingChanges, options?: SystemWriteOptions): Promise<SystemWriteResult> {
    return writeSystemSettings(await this.ready(options?.signal), changes, options);
  }

  /** Reads the preset index. */
  async readPresetIndex(signal?: AbortSignal): Promise<PresetIndex> {
    return readPresetIndex(await this.ready(signal), signal);
  }

  /** Reads one preset by slot number. */
  async readPreset(slot: number, signal?: AbortSignal): Promise<Preset> {
    return readPreset(await this.ready(signal), slot, signal);
  }

  /** Reads every listed preset. */
  async listPresets(signal?: AbortSignal): Promise<PresetSummary[]> {
    return listPresets(await this.ready(signal), signal);
  }

  /** Changes a preset (validated, saved with the order key, verified). */
  async writePreset(slot: number, changes: PresetChanges, options?: PresetWriteOptions): Promise<PresetWriteResult> {
    return writePreset(await this.ready(options?.signal), slot, changes, options);
  }

  /** Starts a program on a channel, verified from the status word. */
  async start(options: StartOptions): Promise<StartResult> {
    return startChannel(await this.ready(options.signal), options);
  }

  /** Stops a channel. */
  async stop(channel: ChannelIndex, options?: StopOptions): Promise<StatusWord | undefined> {
    return stopChannel(await this.ready(options?.signal), channel, options);
  }

  /** Changes the current (and voltage) limit of a running program, range-checked against the model and read back. */
  async modify(options: ModifyOptions): Promise<ModifyResult> {
    return modifyChannel(await this.ready(options.signal), options);
  }

  /** Charges or discharges by capacity and C-rate through a temporary preset in a borrowed slot, restored afterwards. */
  async runTemporary(options: TemporaryRunOptions): Promise<TemporaryRunResult> {
    return runTemporaryPreset(await this.ready(options.signal), options);
  }

  /** Answers the open dialog box. */
  async answerDialog(answer: "yes" | "no", signal?: AbortSignal): Promise<void> {
    return answerDialog(await this.ready(signal), answer, signal);
  }

  /** Turns the LogView stream on or off (USB). */
  async setLogging(on: boolean, signal?: AbortSignal): Promise<void> {
    return setLogging(await this.ready(signal), on, signal);
  }

  /** LogView reports as they arrive (USB only). */
  onLog(listener: (report: LogViewReport) => void): Unsubscribe {
    return this.registers.onLog(listener);
  }

  /** Records a run from the LogView stream (USB) until it ends, the duration passes or `signal` fires; see {@link recordRun}. */
  record(options: RecordOptions = {}): Promise<RecordedRun> {
    return recordRun(this, this.clock, options);
  }

  /** Measures internal resistance with a discharge pulse; always stops the channel. */
  async measureIr(options: AutoIrOptions): Promise<AutoIrResult> {
    return measureIr(await this.ready(options.signal), options);
  }

  /** Releases the access layer (the transport stays open). */
  dispose(): void {
    this.access.dispose();
  }

  /** The shared context of the operations; requires identification. */
  context(): ChargerContext {
    const identity = this.charger;
    if (!identity) throw new BattError("not-open", "the charger has not been identified yet (call identify() or open())");
    return {
      registers: this.registers,
      model: identity.model,
      deviceInfo: identity.deviceInfo,
      clock: this.clock,
      timing: this.timing,
      powerScale: this.powerScale,
      ...(this.options.balancePortError !== undefined ? { balancePortError: this.options.balancePortError } : {}),
    };
  }

  /** The context, identifying the model first where that has not happened yet. */
  private async ready(signal?: AbortSignal): Promise<ChargerContext> {
    if (!this.charger) await this.detectModel(signal);
    return this.context();
  }
}
