import {
  BattError,
  makeReading,
  resolveLinkOptions,
  systemClock,
  type CallOptions,
  type Clock,
  type Device,
  type DeviceIdentity,
  type DeviceReading,
  type EngineCounters,
  type LinkOptions,
  type Transport,
} from "@batt/core";
import { ModbusClient, readRegisterMap, type FieldInput, type FieldValue, type RegisterValues } from "@batt/modbus-rtu";
import { JK_LINK_DEFAULTS } from "../link-defaults.js";
import { blockReader } from "./pb-block-reader.js";
import { checkPbAddress, JkPbBlock, pbRegisterAddress } from "./pb-blocks.js";
import { JK_PB_DEVICE_INFO_MAP } from "./pb-device-info-map.js";
import { pbLiveData, type JkPbLiveData, type JkPbLiveRegisters } from "./pb-live-data.js";
import { JK_PB_LIVE_MAP } from "./pb-live-map.js";
import { pbBatterySummary, pbMeasurements } from "./pb-measurements.js";
import { withProbeNumbers } from "./probe-keys.js";
import { JK_PB_SETTINGS_MAP, type JkPbSettingName } from "./pb-settings-map.js";

/** Default largest read, registers: reads of about 40 work on JK-PB, 128 fail (docs/protocols/jk.md#jk-pb-bus-behaviour). */
export const JK_PB_DEFAULT_MAX_READ = 40;

/** Decoded JK-PB settings, field by field. */
export type JkPbSettings = RegisterValues<typeof JK_PB_SETTINGS_MAP.fields>;

/** Decoded JK-PB device information. */
export type JkPbDeviceInfo = RegisterValues<typeof JK_PB_DEVICE_INFO_MAP.fields>;

type SettingFields = typeof JK_PB_SETTINGS_MAP.fields;

/** Options of {@link JkPbBms}; link defaults in {@link JK_LINK_DEFAULTS} (they apply when the pack has a transport of its own). */
export interface JkPbBmsOptions extends LinkOptions {
  /** DIP-switch address, 1..15 (default 1). */
  readonly address?: number;
  /** Largest read in registers (default {@link JK_PB_DEFAULT_MAX_READ}). */
  readonly maxRead?: number;
  /** Quiet-period drain after a timeout (see `RequestEngineOptions.drain`). */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
}

/** The live state of one JK-PB pack: the details of a {@link JkPbBms} reading. */
export interface JkPbReading extends JkPbLiveData {
  /** The protocol. */
  readonly protocol: "pb";
}

/** Options of one write. */
export interface JkPbWriteOptions {
  /** Cancels the sequence. */
  readonly signal?: AbortSignal;
  /** Write even when the pack already holds the value (default false). */
  readonly force?: boolean;
}

/** What a JK-PB setting write did. */
export interface JkPbWriteResult<K extends JkPbSettingName = JkPbSettingName> {
  /** Setting name. */
  readonly name: K;
  /** Modbus address written. */
  readonly address: number;
  /** Value before the write. */
  readonly previous: FieldValue<SettingFields[K]>;
  /** Value read back after the write. */
  readonly readBack: FieldValue<SettingFields[K]>;
  /** Whether a write was sent (`false`: the pack already held the value). */
  readonly changed: boolean;
}

/**
 * One JK-PB pack on an RS-485 bus, by its DIP-switch address (standard Modbus RTU, FC 0x03 / 0x10).
 * {@link JkPbBms.read} is the documented way to read it. Reads go through the register maps in
 * planned block reads of at most 40 registers; writes are range-checked, skipped when unchanged,
 * and read back. Several packs on one bus share one Modbus client: build them with
 * {@link JkPbBus.pack}, or pass the client instead of a transport.
 *
 * @example
 * ```ts
 * const pack = new JkPbBms(port, { address: 2 });
 * const reading = await pack.read();
 * ```
 */
export class JkPbBms implements Device<JkPbReading> {
  /** DIP-switch address (Modbus unit). */
  readonly address: number;
  /** The Modbus client (shared with the other packs when built on a bus's client). */
  readonly client: ModbusClient;
  private readonly maxRead: number;
  private readonly clock: Clock;
  private readonly ownsClient: boolean;
  private identity: DeviceIdentity | undefined;

  /**
   * @param link - The transport (the pack gets a Modbus client of its own, with `options`' link
   *   settings), or the Modbus client of a bus shared with other packs.
   * @throws BattError `invalid-argument` for an address outside 1..15.
   */
  constructor(link: Transport | ModbusClient, options: JkPbBmsOptions = {}) {
    this.address = checkPbAddress(options.address ?? 1);
    this.maxRead = options.maxRead ?? JK_PB_DEFAULT_MAX_READ;
    this.clock = options.clock ?? systemClock;
    this.ownsClient = !(link instanceof ModbusClient);
    this.client =
      link instanceof ModbusClient
        ? link
        : new ModbusClient(link, {
            ...resolveLinkOptions(options, JK_LINK_DEFAULTS),
          });
  }

  /** Running totals of the Modbus client (of the whole bus when shared). */
  get counters(): EngineCounters {
    return this.client.counters;
  }

  /**
   * Reads the live state in the shared model: the pack as a battery summary (alarms mapped onto
   * the shared ids), the other live values as measurements, who the pack is (its device
   * information, read on the first call), and the live data in `reading`.
   */
  async read(options: CallOptions = {}): Promise<DeviceReading<JkPbReading>> {
    const device = await this.identify(options);
    const live = await this.readLive(options.signal);
    return withProbeNumbers(makeReading(this.clock, { device, batteries: [pbBatterySummary(live)], measurements: pbMeasurements(live), reading: { protocol: "pb", ...live } }), [live]);
  }

  /** Who the pack is: model, hardware and software versions from the device-information block, and its address; read once, then kept. */
  async identify(options: CallOptions = {}): Promise<DeviceIdentity> {
    if (!this.identity) {
      const info = await this.readDeviceInfo(options.signal);
      const text = (value: string): string | undefined => (value.trim() !== "" ? value.trim() : undefined);
      const [model, hardware, firmware] = [text(info.model), text(info.hardwareVersion), text(info.softwareVersion)];
      this.identity = {
        driver: "jk",
        category: "bms",
        manufacturer: "JK",
        ...(model ? { model } : {}),
        ...(firmware ? { firmware } : {}),
        ...(hardware ? { hardware } : {}),
        address: this.address,
      };
    }
    return this.identity;
  }

  /** Releases the pack: its own Modbus client stops listening on the transport; a bus's shared client is left to the bus. */
  dispose(): void {
    if (this.ownsClient) this.client.dispose();
  }

  /** Reads the settings block. */
  readSettings(signal?: AbortSignal): Promise<JkPbSettings> {
    return readRegisterMap(blockReader(this.client, JkPbBlock.settings), this.address, JK_PB_SETTINGS_MAP, this.plan(signal));
  }

  /** Reads the live block, field by field. */
  readLiveRegisters(signal?: AbortSignal): Promise<JkPbLiveRegisters> {
    return readRegisterMap(blockReader(this.client, JkPbBlock.live), this.address, JK_PB_LIVE_MAP, this.plan(signal));
  }

  /** Reads the live state as the package's own summary (cells, voltage, current, SOC, temperatures, alarms, FETs); {@link JkPbBms.read} is the shared one. */
  async readLive(signal?: AbortSignal): Promise<JkPbLiveData> {
    return pbLiveData(this.address, await this.readLiveRegisters(signal));
  }

  /** Reads the device information block. */
  readDeviceInfo(signal?: AbortSignal): Promise<JkPbDeviceInfo> {
    return readRegisterMap(blockReader(this.client, JkPbBlock.deviceInfo), this.address, JK_PB_DEVICE_INFO_MAP, this.plan(signal));
  }

  /** Reads one setting. */
  async readSetting<K extends JkPbSettingName>(name: K, signal?: AbortSignal): Promise<FieldValue<SettingFields[K]>> {
    const size = JK_PB_SETTINGS_MAP.size(name);
    const wordOffset = JK_PB_SETTINGS_MAP.fields[name]?.address;
    if (wordOffset === undefined) throw new BattError("invalid-argument", `no JK-PB setting ${name}`);
    const registers = await this.client.readHoldingRegisters(this.address, pbRegisterAddress(JkPbBlock.settings, wordOffset), size, signal ? { signal } : {});
    return JK_PB_SETTINGS_MAP.decodeField(name, wordOffset, registers);
  }

  /**
   * Writes one setting (FC 0x10): the value is range-checked before anything is sent, an unchanged
   * value is not written, and the setting is read back.
   *
   * @throws BattError `invalid-argument` (nothing sent), `verify-failed` when the pack holds another value afterwards.
   */
  async writeSetting<K extends JkPbSettingName>(name: K, value: FieldInput<SettingFields[K]>, options: JkPbWriteOptions = {}): Promise<JkPbWriteResult<K>> {
    const write = JK_PB_SETTINGS_MAP.encode(name, value);
    const address = pbRegisterAddress(JkPbBlock.settings, write.address);
    const call = options.signal ? { signal: options.signal } : {};
    const before = await this.client.readHoldingRegisters(this.address, address, write.registers.length, call);
    const changed = options.force === true || !sameWords(before, write.registers);
    if (changed) await this.client.writeMultipleRegisters(this.address, address, write.registers, call);
    const after = changed ? await this.client.readHoldingRegisters(this.address, address, write.registers.length, call) : before;
    const previous = JK_PB_SETTINGS_MAP.decodeField(name, write.address, before);
    const readBack = JK_PB_SETTINGS_MAP.decodeField(name, write.address, after);
    if (!sameWords(after, write.registers)) {
      throw new BattError("verify-failed", `pack ${this.address}: ${name} reads back ${JSON.stringify(readBack)} after writing ${JSON.stringify(value)}`, {
        context: { expected: write.registers, actual: after },
      });
    }
    return { name, address, previous, readBack, changed };
  }

  /** Turns charging on or off (setting `chargeEnable`). */
  setChargeSwitch(on: boolean, options: JkPbWriteOptions = {}): Promise<JkPbWriteResult<"chargeEnable">> {
    return this.writeSetting("chargeEnable", on ? 1 : 0, options);
  }

  /** Turns discharging on or off (setting `dischargeEnable`). */
  setDischargeSwitch(on: boolean, options: JkPbWriteOptions = {}): Promise<JkPbWriteResult<"dischargeEnable">> {
    return this.writeSetting("dischargeEnable", on ? 1 : 0, options);
  }

  /** Turns the balancer on or off (setting `balanceEnable`). */
  setBalancer(on: boolean, options: JkPbWriteOptions = {}): Promise<JkPbWriteResult<"balanceEnable">> {
    return this.writeSetting("balanceEnable", on ? 1 : 0, options);
  }

  private plan(signal: AbortSignal | undefined) {
    // Blocks are read whole: spanning the unmapped words between fields keeps the number of reads low.
    return { table: "holding" as const, maxCount: this.maxRead, maxGap: this.maxRead, ...(signal ? { signal } : {}) };
  }
}

function sameWords(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}
