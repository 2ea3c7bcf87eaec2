import { BattError } from "@batt/core";
import { readRegisterMap, type FieldInput, type FieldValue, type ModbusClient, type RegisterValues } from "@batt/modbus-rtu";
import { blockReader } from "./pb-block-reader.js";
import { checkPbAddress, JkPbBlock, pbRegisterAddress } from "./pb-blocks.js";
import { JK_PB_DEVICE_INFO_MAP } from "./pb-device-info-map.js";
import { pbLiveData, type JkPbLiveData, type JkPbLiveRegisters } from "./pb-live-data.js";
import { JK_PB_LIVE_MAP } from "./pb-live-map.js";
import { JK_PB_SETTINGS_MAP, type JkPbSettingName } from "./pb-settings-map.js";

/** Default largest read, registers: reads of about 40 work on JK-PB, 128 fail (docs/protocols/jk.md#jk-pb-bus-behaviour). */
export const JK_PB_DEFAULT_MAX_READ = 40;

/** Decoded JK-PB settings, field by field. */
export type JkPbSettings = RegisterValues<typeof JK_PB_SETTINGS_MAP.fields>;

/** Decoded JK-PB device information. */
export type JkPbDeviceInfo = RegisterValues<typeof JK_PB_DEVICE_INFO_MAP.fields>;

type SettingFields = typeof JK_PB_SETTINGS_MAP.fields;

/** Options of {@link JkPbBms}. */
export interface JkPbBmsOptions {
  /** Largest read in registers (default {@link JK_PB_DEFAULT_MAX_READ}). */
  readonly maxRead?: number;
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
 * One JK-PB pack on an RS-485 bus, by its DIP-switch address, over a shared `ModbusClient`
 * (standard Modbus RTU, FC 0x03 / 0x10). Reads go through the register maps in planned block reads
 * of at most 40 registers; writes are range-checked, skipped when unchanged, and read back.
 */
export class JkPbBms {
  /** DIP-switch address (Modbus unit). */
  readonly address: number;
  private readonly maxRead: number;

  constructor(
    /** The bus client (shared by every pack on the bus). */
    readonly client: ModbusClient,
    address: number,
    options: JkPbBmsOptions = {},
  ) {
    this.address = checkPbAddress(address);
    this.maxRead = options.maxRead ?? JK_PB_DEFAULT_MAX_READ;
  }

  /** Reads the settings block. */
  readSettings(signal?: AbortSignal): Promise<JkPbSettings> {
    return readRegisterMap(blockReader(this.client, JkPbBlock.settings), this.address, JK_PB_SETTINGS_MAP, this.plan(signal));
  }

  /** Reads the live block, field by field. */
  readLiveRegisters(signal?: AbortSignal): Promise<JkPbLiveRegisters> {
    return readRegisterMap(blockReader(this.client, JkPbBlock.live), this.address, JK_PB_LIVE_MAP, this.plan(signal));
  }

  /** Reads the live state: cells, voltage, current, SOC, temperatures, alarms, FETs. */
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
