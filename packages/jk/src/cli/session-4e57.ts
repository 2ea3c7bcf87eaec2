import { BattError, type DeviceControl, type DeviceReading, type Transport } from "@batt/core";
import { identifierByKey, type JkWritableKey } from "../identifiers/identifier-table.js";
import { JkBms, type JkBmsOptions, type JkWriteValues } from "../jk-bms.js";
import type { JkReading } from "../jk-reading.js";
import { JK_SETTING_KEYS, settingsOf, writableSpec } from "../settings.js";
import { jk4e57Controls } from "./controls.js";
import type { JkCliSession, JkSwitchName } from "./jk-session.js";
import { parseIdentifierValue } from "./parse-value.js";

/** A `batt jk` session over the 4E57 protocol. */
export class Jk4e57Session implements JkCliSession {
  /** {@inheritDoc JkCliSession.protocol} */
  readonly protocol = "4e57" as const;
  /** The driver. */
  readonly bms: JkBms;
  /** The charge and discharge MOSFET switches. */
  readonly controls: readonly DeviceControl[];

  constructor(transport: Transport, options: JkBmsOptions = {}) {
    this.bms = new JkBms(transport, options);
    this.controls = jk4e57Controls(this.bms);
  }

  /** The driver's reading: the shared model, with every identifier of the read-all reply in the details. */
  read(signal?: AbortSignal): Promise<DeviceReading<JkReading>> {
    return this.bms.read(signal ? { signal } : {});
  }

  /** {@inheritDoc JkCliSession.readSettings} */
  async readSettings(signal?: AbortSignal): Promise<unknown> {
    return settingsOf(await this.bms.readAll(signal));
  }

  /** {@inheritDoc JkCliSession.readSetting} */
  async readSetting(name: string, signal?: AbortSignal): Promise<unknown> {
    const spec = identifierByKey(name);
    if (!spec || spec.access === "w") throw new BattError("invalid-argument", `unknown setting ${name}; settings: ${JK_SETTING_KEYS.join(", ")}`);
    const value = (await this.bms.readAll(signal)).values[spec.key as keyof JkWriteValues];
    if (value === undefined) throw new BattError("not-found", `the BMS did not report ${name} (older firmware?)`);
    return { [name]: value };
  }

  /** {@inheritDoc JkCliSession.writeSetting} */
  writeSetting(name: string, text: string, signal?: AbortSignal): Promise<unknown> {
    const spec = writableSpec(name);
    const value = parseIdentifierValue(spec, text);
    return this.bms.writeSettings({ [spec.key as JkWritableKey]: value } as JkWriteValues, signal ? { signal } : {}).then((r) => r[0]);
  }

  /** {@inheritDoc JkCliSession.setSwitch} */
  setSwitch(which: JkSwitchName, on: boolean, signal?: AbortSignal): Promise<unknown> {
    const options = signal ? { signal } : {};
    return which === "charge" ? this.bms.setChargeSwitch(on, options) : this.bms.setDischargeSwitch(on, options);
  }

  /** Releases the driver. */
  async close(): Promise<void> {
    this.bms.dispose();
  }
}
