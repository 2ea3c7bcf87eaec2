import { BattError, isBattError, makeReading, type CallOptions, type Device, type DeviceReading, type EngineCounters, type Transport } from "@batt/core";
import { decodeAfeChip, type AfeChip } from "./afe-chip.js";
import { createBackup, diffSettings, parseBackup, type JbdSettingsBackup, type SettingDiff } from "./backup.js";
import { decodeBasicInfo, type BasicInfo } from "./basic-info.js";
import { decodeCellVoltages } from "./cell-voltages.js";
import { JbdClient, type JbdClientOptions } from "./client.js";
import { JbdRegister } from "./constants.js";
import {
  balanceTest,
  calibrate,
  endBalanceTest,
  sendControl,
  type BalanceTestMode,
  type Calibration,
  type ControlCommand,
} from "./control.js";
import { decodeErrorCounters, type ErrorCounters } from "./error-counters.js";
import { withFactoryMode, type FactoryModeOptions } from "./factory-mode.js";
import { sendFetControl, type JbdFetSwitch } from "./fet-control.js";
import { jbdIdentity, type JbdIdentity } from "./identity.js";
import { jbdBatterySummary, jbdMeasurements } from "./measurements.js";
import { setMosfet, type MosfetRequest, type MosfetResult } from "./mosfet.js";
import { clearPasswordData, sendPassword, setPasswordData, type PasswordEncoding } from "./password.js";
import { detectParameterProtocol, readParameters, writeParameters, type JbdParameter } from "./parameters.js";
import type { JbdReading } from "./reading.js";
import { readRegisters } from "./settings-reader.js";
import { writeSettings, type SettingsWriteReport } from "./settings-writer.js";
import { snapshotFromRegisters, type SettingsSnapshot } from "./settings/snapshot.js";
import { findSetting, JBD_SETTINGS, settingAddresses } from "./settings/table.js";
import type { SettingValue } from "./settings/types.js";
import { decodeDeviceName } from "./text.js";

/** Options for {@link JbdBms}. */
export interface JbdBmsOptions extends JbdClientOptions {
  /** Password sent when factory-mode entry is refused (firmware 0x16–0x20 with a PIN). */
  readonly password?: string;
  /** Password byte encoding (default `raw` digit values). */
  readonly passwordEncoding?: PasswordEncoding;
  /** Pause after a saving exit before the next request, ms (default 3500). */
  readonly pauseAfterSaveMs?: number;
  /** Multiplier for current and capacities on BMSs that use 100 mA / 100 mAh units (default 1). */
  readonly capacityScale?: 1 | 10;
}

/** Options of a restore. */
export interface RestoreOptions {
  /** Only compute the diff; write nothing. */
  readonly dryRun?: boolean;
  /** Settings to leave alone (e.g. `cycle_cnt`, `serial_num`). */
  readonly exclude?: readonly string[];
  /** Cancels the work (factory mode is still left). */
  readonly signal?: AbortSignal;
}

/** What a restore found and did. */
export interface RestoreResult {
  /** Settings that differ between the BMS and the backup. */
  readonly diff: readonly SettingDiff[];
  /** Settings of the backup this BMS does not have (not written). */
  readonly skipped: readonly string[];
  /** The write report (absent on a dry run or when nothing differs). */
  readonly report?: SettingsWriteReport;
}

/**
 * Driver for JBD / Xiaoxiang / Overkill Solar BMSs over their UART protocol (`DD … 77`): a
 * {@link Device} whose {@link JbdBms.read} gives basic info and cell voltages as one reading in the
 * shared model, plus settings, MOSFET, balance and password control, backup and restore.
 *
 * @example
 * ```ts
 * const bms = new JbdBms(transport);
 * const reading = await bms.read();
 * const [pack] = reading.batteries;
 * console.log(pack.voltage, pack.current, pack.soc, pack.alarms);
 * await bms.writeSettings({ covp: 3.65, covp_rel: 3.4 });
 * ```
 */
export class JbdBms implements Device<JbdReading> {
  /** The request layer (engine counters, traces). */
  readonly client: JbdClient;
  private readonly options: JbdBmsOptions;
  /** Cell count from the last basic info, to check cell-voltage replies against. */
  private cellCount: number | undefined;
  /** Model string of register 0x05, once read. */
  private model: string | undefined;
  /** What {@link JbdBms.identify} found. */
  private identity: JbdIdentity | undefined;

  constructor(transport: Transport, options: JbdBmsOptions = {}) {
    this.client = new JbdClient(transport, options);
    this.options = options;
  }

  /** Running totals of the link: requests, replies, retries, timeouts, checksum errors, skipped bytes. */
  get counters(): Readonly<EngineCounters> {
    return this.client.engine.counters;
  }

  /**
   * One reading: basic info (0x03) and cell voltages (0x04), as measurements in SI units, the
   * pack's battery summary and the decoded registers. The identity carries the software version and
   * manufacture date; the model string only once it has been read ({@link JbdBms.identify}), as
   * register 0x05 is never polled.
   *
   * @throws BattError `frame` when the cell-voltage reply holds another number of cells than basic info says.
   */
  async read(options: CallOptions = {}): Promise<DeviceReading<JbdReading>> {
    const basicInfo = await this.readBasicInfo(options.signal);
    const cellVoltages = await this.readCellVoltages(options.signal);
    const reading: JbdReading = { basicInfo, cellVoltages };
    return makeReading(this.client.clock, {
      device: jbdIdentity(basicInfo, this.model),
      batteries: [jbdBatterySummary(reading)],
      measurements: jbdMeasurements(reading),
      reading,
    });
  }

  /**
   * Who the BMS is: software version and manufacture date (basic info) and the model string
   * (register 0x05, read here once; left out when the BMS does not answer it). Read on the first
   * call, then answered from memory.
   */
  async identify(options: CallOptions = {}): Promise<JbdIdentity> {
    if (this.identity) return this.identity;
    const info = await this.readBasicInfo(options.signal);
    if (this.model === undefined) {
      await this.readDeviceName(options.signal).catch((error: unknown) => {
        // Some units do not answer 0x05; the identity goes without a model. A cancel still cancels.
        if (isBattError(error, "aborted") || options.signal?.aborted) throw error;
      });
    }
    this.identity = jbdIdentity(info, this.model);
    return this.identity;
  }

  private factory(signal?: AbortSignal): FactoryModeOptions {
    return {
      ...(this.options.password !== undefined ? { password: this.options.password } : {}),
      ...(this.options.passwordEncoding ? { passwordEncoding: this.options.passwordEncoding } : {}),
      ...(this.options.pauseAfterSaveMs !== undefined ? { pauseAfterSaveMs: this.options.pauseAfterSaveMs } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  /** Basic information (register 0x03), in SI units. */
  async readBasicInfo(signal?: AbortSignal): Promise<BasicInfo> {
    const scale = this.options.capacityScale;
    const info = decodeBasicInfo(await this.client.read(JbdRegister.BasicInfo, signal), scale ? { capacityScale: scale } : {});
    this.cellCount = info.cellCount;
    return info;
  }

  /**
   * Cell voltages (register 0x04), V, cell 1 first.
   *
   * @throws BattError `frame` when the reply holds another number of cells than the last basic info gave.
   */
  async readCellVoltages(signal?: AbortSignal): Promise<number[]> {
    const raw = await this.client.read(JbdRegister.CellVoltages, signal);
    const cells = decodeCellVoltages(raw);
    if (this.cellCount !== undefined && cells.length !== this.cellCount) {
      throw new BattError("frame", `the cell-voltage reply holds ${cells.length} cells, but basic info says the pack has ${this.cellCount}`, {
        context: { raw, cells: cells.length, expectedCells: this.cellCount },
      });
    }
    return cells;
  }

  /** Device model string (register 0x05), kept for the identity. Some units dislike it: read it once, not periodically. */
  async readDeviceName(signal?: AbortSignal): Promise<string> {
    this.model = decodeDeviceName(await this.client.read(JbdRegister.DeviceName, signal));
    return this.model;
  }

  /** Error counters (register 0xAA). */
  async readErrorCounters(signal?: AbortSignal): Promise<ErrorCounters> {
    return decodeErrorCounters(await this.client.read(JbdRegister.ErrorCounters, signal));
  }

  /** AFE chip type (read of register 0x00; many units do not answer it). */
  async readAfeChip(signal?: AbortSignal): Promise<AfeChip> {
    return decodeAfeChip(await this.client.read(JbdRegister.FactoryEnter, signal));
  }

  /** Reads settings (all by default) in one factory-mode session. */
  async readSettings(names?: readonly string[], signal?: AbortSignal): Promise<SettingsSnapshot> {
    const defs = names
      ? names.map((n) => {
          const def = findSetting(n);
          if (!def) throw new BattError("invalid-argument", `unknown setting "${n}"`);
          return def;
        })
      : JBD_SETTINGS;
    const { registers, unsupported } = await withFactoryMode(this.client, this.factory(signal), () =>
      readRegisters(this.client, settingAddresses(defs), signal),
    );
    const snapshot = snapshotFromRegisters(registers, unsupported);
    if (!names) return snapshot;
    const wanted = new Set(names);
    return {
      values: Object.fromEntries(Object.entries(snapshot.values).filter(([n]) => wanted.has(n))),
      registers: snapshot.registers,
      unsupported: snapshot.unsupported.filter((n) => wanted.has(n)),
      bits: Object.fromEntries(Object.entries(snapshot.bits).filter(([n]) => wanted.has(n))),
    };
  }

  /** Reads one setting. @throws BattError `unsupported` when the BMS lacks its register. */
  async readSetting(name: string, signal?: AbortSignal): Promise<SettingValue> {
    const snapshot = await this.readSettings([name], signal);
    const value = snapshot.values[name];
    if (value === undefined) throw new BattError("unsupported", `this BMS has no setting ${name}`);
    return value;
  }

  /** Writes settings with validation, unchanged-skip, read-back and EEPROM save (see `writeSettings`). */
  writeSettings(changes: Readonly<Record<string, SettingValue>>, options: { save?: boolean; signal?: AbortSignal } = {}): Promise<SettingsWriteReport> {
    return writeSettings(this.client, changes, { ...this.factory(options.signal), ...(options.save !== undefined ? { save: options.save } : {}) });
  }

  /** Writes one setting. */
  writeSetting(name: string, value: SettingValue, signal?: AbortSignal): Promise<SettingsWriteReport> {
    return this.writeSettings({ [name]: value }, signal ? { signal } : {});
  }

  /** Switches the charge and/or discharge MOSFET and reports the state read back. */
  setMosfet(request: MosfetRequest, signal?: AbortSignal): Promise<MosfetResult> {
    return setMosfet(this.client, request, this.factory(signal));
  }

  /** Starts a balance test (odd cells, even cells, or all closed). */
  balanceTest(mode: BalanceTestMode, signal?: AbortSignal): Promise<void> {
    return balanceTest(this.client, mode, this.factory(signal));
  }

  /** Ends a balance test (enter and leave factory mode). */
  endBalanceTest(signal?: AbortSignal): Promise<void> {
    return endBalanceTest(this.client, this.factory(signal));
  }

  /** Sends a 0x0A control command (reset capacity, clear protection, …). */
  control(command: ControlCommand, signal?: AbortSignal): Promise<void> {
    return sendControl(this.client, command, signal);
  }

  /** Calibration or remaining-capacity write (factory mode, saved). */
  calibrate(calibration: Calibration, signal?: AbortSignal): Promise<void> {
    return calibrate(this.client, calibration, this.factory(signal));
  }

  /** Whether the BMS speaks the V11 numbered-parameter protocol (0xFA); one factory-mode session. */
  detectParameterProtocol(signal?: AbortSignal): Promise<boolean> {
    return detectParameterProtocol(this.client, this.factory(signal));
  }

  /** Reads `count` numbered parameters from `first` (0xFA, factory mode). */
  readParameters(first: number, count: number, signal?: AbortSignal): Promise<JbdParameter[]> {
    return readParameters(this.client, first, count, this.factory(signal));
  }

  /** Writes numbered parameters from `first` (0xFA): factory mode, read back, saved only when verified. */
  writeParameters(first: number, words: readonly number[], signal?: AbortSignal): Promise<{ readonly before: readonly number[]; readonly after: readonly number[]; readonly saved: boolean }> {
    return writeParameters(this.client, first, words, this.factory(signal));
  }

  /** Forces a switch off or releases it with the V11 0xFB command (newer firmware). */
  fetControl(which: JbdFetSwitch, off: boolean, signal?: AbortSignal): Promise<void> {
    return sendFetControl(this.client, which, off, signal);
  }

  /** Sends the password (0x06). `false` when the firmware has none (answers 0x80). */
  usePassword(password: string, signal?: AbortSignal): Promise<boolean> {
    return sendPassword(this.client, password, this.options.passwordEncoding ?? "raw", signal);
  }

  /** Changes the password (0x07). */
  async setPassword(oldPassword: string, newPassword: string, signal?: AbortSignal): Promise<void> {
    await this.client.write(JbdRegister.SetPassword, setPasswordData(oldPassword, newPassword, this.options.passwordEncoding ?? "raw"), signal);
  }

  /** Clears the password (0x09 with `J1B2D4`; stock firmware always accepts it). */
  async clearPassword(signal?: AbortSignal): Promise<void> {
    await this.client.write(JbdRegister.ClearPassword, clearPasswordData(), signal);
  }

  /** Reads every setting into a backup document with the device name, firmware and date. */
  async exportSettings(signal?: AbortSignal, created: Date = new Date()): Promise<JbdSettingsBackup> {
    const info = await this.readBasicInfo(signal);
    const name = await this.readDeviceName(signal).catch(() => undefined);
    const snapshot = await this.readSettings(undefined, signal);
    return createBackup(
      snapshot,
      {
        ...(name !== undefined ? { name } : {}),
        softwareVersion: info.softwareVersion,
        manufactureDate: info.manufactureDate,
        cellCount: info.cellCount,
      },
      created,
    );
  }

  /**
   * Restores a backup: validates it completely, reads the BMS, and writes only the settings that
   * differ (each verified by read-back, then saved). Returns the diff.
   */
  async restoreSettings(backup: unknown, options: RestoreOptions = {}): Promise<RestoreResult> {
    const doc = parseBackup(backup);
    const exclude = new Set(options.exclude ?? []);
    const target = Object.fromEntries(Object.entries(doc.settings).filter(([n]) => !exclude.has(n)));
    const current = await this.readSettings(undefined, options.signal);
    const all = diffSettings(current, target);
    const skipped = all.filter((d) => d.from === undefined).map((d) => d.name);
    const diff = all.filter((d) => d.from !== undefined);
    if (options.dryRun || diff.length === 0) return { diff, skipped };
    const changes = Object.fromEntries(diff.map((d) => [d.name, d.to]));
    const report = await this.writeSettings(changes, options.signal ? { signal: options.signal } : {});
    return { diff, skipped, report };
  }

  /** Detaches from the transport (the caller closes it). */
  dispose(): void {
    this.client.dispose();
  }
}
