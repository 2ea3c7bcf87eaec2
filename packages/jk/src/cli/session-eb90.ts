import { BattError, type DeviceControl, type DeviceReading, type Transport } from "@batt/core";
import { JkEb90Bms, type JkEb90BmsOptions, type JkEb90Reading } from "../eb90/jk-eb90-bms.js";
import { EB90_WRITE_REGISTERS, type Eb90WritableSetting } from "../eb90/eb90-write-registers.js";
import type { JkCliSession, JkSwitchName } from "./jk-session.js";

const SWITCHES = { charge: "chargeSwitch", discharge: "dischargeSwitch" } as const;

function writable(name: string): Eb90WritableSetting {
  if (!Object.hasOwn(EB90_WRITE_REGISTERS, name)) {
    throw new BattError("invalid-argument", `${name} cannot be written over 55 AA EB 90; writable: ${Object.keys(EB90_WRITE_REGISTERS).join(", ")}`);
  }
  return name as Eb90WritableSetting;
}

/**
 * A `batt jk --protocol eb90` session: a JK BMS over the `55 AA EB 90` protocol, as its Bluetooth
 * module speaks it (the default with `--ble`) and newer packs on their UART.
 */
export class JkEb90Session implements JkCliSession {
  /** {@inheritDoc JkCliSession.protocol} */
  readonly protocol = "eb90" as const;
  /** The driver. */
  readonly bms: JkEb90Bms;
  /** The charge, discharge and balancer switches, read back. */
  readonly controls: readonly DeviceControl[];

  constructor(transport: Transport, options: JkEb90BmsOptions = {}) {
    this.bms = new JkEb90Bms(transport, options);
    const bms = this.bms;
    this.controls = (
      [
        ["charge_mosfet", "Charge MOSFET", "chargeSwitch"],
        ["discharge_mosfet", "Discharge MOSFET", "dischargeSwitch"],
        ["balancer", "Balancer", "balancerSwitch"],
      ] as const
    ).map(([key, name, setting]): DeviceControl => ({ kind: "switch", key, name, set: async (on, signal) => void (await bms.setSwitch(setting, on, signal)) }));
  }

  /** The driver's reading: cell info, with the device info read once. */
  read(signal?: AbortSignal): Promise<DeviceReading<JkEb90Reading>> {
    return this.bms.read(signal ? { signal } : {});
  }

  /** {@inheritDoc JkCliSession.readSettings} */
  readSettings(signal?: AbortSignal): Promise<unknown> {
    return this.bms.readSettings(signal);
  }

  /** {@inheritDoc JkCliSession.readSetting} */
  async readSetting(name: string, signal?: AbortSignal): Promise<unknown> {
    const settings = await this.bms.readSettings(signal);
    if (!Object.hasOwn(settings, name)) throw new BattError("invalid-argument", `the settings frame has no ${name}; it has: ${Object.keys(settings).join(", ")}`);
    return { [name]: settings[name] };
  }

  /** {@inheritDoc JkCliSession.writeSetting} */
  writeSetting(name: string, text: string, signal?: AbortSignal): Promise<unknown> {
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value)) throw new BattError("invalid-argument", `${name} takes a number, got "${text}"`);
    return this.bms.writeSetting(writable(name), value, signal);
  }

  /** {@inheritDoc JkCliSession.setSwitch} */
  setSwitch(which: JkSwitchName, on: boolean, signal?: AbortSignal): Promise<unknown> {
    return this.bms.setSwitch(SWITCHES[which], on, signal);
  }

  /** Releases the driver. */
  async close(): Promise<void> {
    this.bms.dispose();
  }
}
