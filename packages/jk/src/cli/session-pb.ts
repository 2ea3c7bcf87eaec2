import { BattError, type DeviceControl, type DeviceReading, type DeviceSettings, type Transport } from "@batt/core";
import type { JkPbReading } from "../pb/jk-pb-bms.js";
import { JkPbBus, type JkPbBusOptions, type JkPbBusReading } from "../pb/jk-pb-bus.js";
import { JkPbDeviceSettings } from "../pb/pb-device-settings.js";
import { JK_PB_SETTINGS_MAP, type JkPbSettingName } from "../pb/pb-settings-map.js";
import { jkPbControls } from "./controls.js";
import type { JkCliSession, JkSwitchName } from "./jk-session.js";
import { parseFieldValue } from "./parse-value.js";

/** A `batt jk --protocol pb` session: one or more JK-PB packs on an RS-485 bus. */
export class JkPbSession implements JkCliSession {
  /** {@inheritDoc JkCliSession.protocol} */
  readonly protocol = "pb" as const;
  /** The bus. */
  readonly bus: JkPbBus;
  /** Each pack's charge and discharge MOSFETs and balancer. */
  readonly controls: readonly DeviceControl[];
  /** The pack's settings block, when the session talks to one pack (settings are per pack; several have no single editor). */
  readonly settings?: DeviceSettings;

  constructor(
    transport: Transport,
    /** Pack addresses to talk to. */
    readonly addresses: readonly number[],
    options: JkPbBusOptions = {},
  ) {
    this.bus = new JkPbBus(transport, options);
    this.controls = jkPbControls(this.bus, addresses);
    if (addresses.length === 1) this.settings = new JkPbDeviceSettings(this.bus.pack(addresses[0]!));
  }

  /**
   * One pack: that pack's reading (identity included). Several: ONE reading of the bus, a battery
   * summary per pack that answered (`pack1`, `pack2`… by address) and every pack's data or failure
   * in the details.
   */
  read(signal?: AbortSignal): Promise<DeviceReading<JkPbReading | JkPbBusReading>> {
    const call = signal ? { signal } : {};
    if (this.addresses.length === 1) return this.bus.pack(this.addresses[0]!).read(call);
    return this.bus.read(this.addresses, call);
  }

  /** {@inheritDoc JkCliSession.readSettings} */
  async readSettings(signal?: AbortSignal): Promise<unknown> {
    if (this.addresses.length === 1) return this.bus.pack(this.addresses[0]!).readSettings(signal);
    const out: Record<number, unknown> = {};
    for (const address of this.addresses) out[address] = await this.bus.pack(address).readSettings(signal);
    return out;
  }

  /** {@inheritDoc JkCliSession.readSetting} */
  async readSetting(name: string, signal?: AbortSignal): Promise<unknown> {
    const setting = settingName(name);
    const out: Record<string, unknown> = {};
    for (const address of this.addresses) out[this.addresses.length === 1 ? name : String(address)] = await this.bus.pack(address).readSetting(setting, signal);
    return out;
  }

  /** {@inheritDoc JkCliSession.writeSetting} */
  writeSetting(name: string, text: string, signal?: AbortSignal): Promise<unknown> {
    const setting = settingName(name);
    const value = parseFieldValue(name, JK_PB_SETTINGS_MAP.fields[setting]!, text);
    return this.each((address) => this.bus.pack(address).writeSetting(setting, value as never, signal ? { signal } : {}));
  }

  /** {@inheritDoc JkCliSession.setSwitch} */
  setSwitch(which: JkSwitchName, on: boolean, signal?: AbortSignal): Promise<unknown> {
    const options = signal ? { signal } : {};
    return this.each((address) => (which === "charge" ? this.bus.pack(address).setChargeSwitch(on, options) : this.bus.pack(address).setDischargeSwitch(on, options)));
  }

  /** Releases the bus client. */
  async close(): Promise<void> {
    this.bus.dispose();
  }

  private async each(work: (address: number) => Promise<unknown>): Promise<unknown> {
    const results: unknown[] = [];
    for (const address of this.addresses) results.push(await work(address));
    return this.addresses.length === 1 ? results[0] : results;
  }
}

function settingName(name: string): JkPbSettingName {
  if (!(name in JK_PB_SETTINGS_MAP.fields)) {
    throw new BattError("invalid-argument", `unknown JK-PB setting ${name}; settings: ${JK_PB_SETTINGS_MAP.names.join(", ")}`);
  }
  return name as JkPbSettingName;
}
