import type { Eb90PackState } from "../../eb90/eb90-pack-frames.js";
import type { Eb90Values } from "../../eb90/eb90-layout.js";
import { JkPbBlock } from "../../pb/pb-blocks.js";
import { JK_PB_DEVICE_INFO_MAP } from "../../pb/pb-device-info-map.js";
import { pbLiveData } from "../../pb/pb-live-data.js";
import { JK_PB_LIVE_MAP } from "../../pb/pb-live-map.js";
import { JK_PB_SETTINGS_MAP, type JkPbSettingName } from "../../pb/pb-settings-map.js";
import type { JkPbDevice } from "./jk-pb-device.js";

/** The settings-frame key of each JK-PB Modbus setting (the frame carries the block's values at byte offset + 6). */
export const SETTINGS_FRAME_KEY: Partial<Readonly<Record<JkPbSettingName, string>>> = {
  smartSleepVoltage: "smartSleepVoltage",
  cellUndervoltageProtection: "cellUndervoltageProtection",
  cellUndervoltageRecovery: "cellUndervoltageRecovery",
  cellOvervoltageProtection: "cellOvervoltageProtection",
  cellOvervoltageRecovery: "cellOvervoltageRecovery",
  balanceTriggerVoltage: "balanceTriggerVoltage",
  soc100Voltage: "soc100Voltage",
  soc0Voltage: "soc0Voltage",
  requestChargeVoltage: "requestChargeVoltage",
  floatVoltage: "requestFloatVoltage",
  powerOffVoltage: "powerOffVoltage",
  chargeOvercurrentProtection: "maxChargeCurrent",
  chargeOvercurrentDelay: "chargeOvercurrentDelay",
  chargeOvercurrentReleaseDelay: "chargeOvercurrentRecovery",
  dischargeOvercurrentProtection: "maxDischargeCurrent",
  dischargeOvercurrentDelay: "dischargeOvercurrentDelay",
  dischargeOvercurrentReleaseDelay: "dischargeOvercurrentRecovery",
  shortCircuitReleaseDelay: "shortCircuitRecovery",
  maxBalanceCurrent: "maxBalanceCurrent",
  chargeOvertemperature: "chargeOvertemperature",
  chargeOvertemperatureRelease: "chargeOvertemperatureRecovery",
  dischargeOvertemperature: "dischargeOvertemperature",
  dischargeOvertemperatureRelease: "dischargeOvertemperatureRecovery",
  chargeUndertemperature: "chargeUndertemperature",
  chargeUndertemperatureRelease: "chargeUndertemperatureRecovery",
  mosOvertemperature: "mosOvertemperature",
  mosOvertemperatureRelease: "mosOvertemperatureRecovery",
  cellCount: "cellCount",
  chargeEnable: "chargeSwitch",
  dischargeEnable: "dischargeSwitch",
  balanceEnable: "balancerSwitch",
  capacity: "nominalCapacity",
  shortCircuitDelay: "shortCircuitDelay",
  balanceStartVoltage: "balanceStartVoltage",
  deviceAddress: "deviceAddress",
  preDischargeTime: "prechargeTime",
};

/** A simulated JK-PB's state as the three `55 AA EB 90` frames carry it: live data, settings and device info from its Modbus blocks. */
export function pbEb90State(device: JkPbDevice): Eb90PackState {
  const live = pbLiveData(device.address, JK_PB_LIVE_MAP.decode(0, device.readRegisters(JkPbBlock.live.base, JkPbBlock.live.bytes / 2)));
  const settings = device.settings.decode(JK_PB_SETTINGS_MAP) as Readonly<Record<string, unknown>>;
  const frameSettings: Record<string, number> = {};
  for (const [name, key] of Object.entries(SETTINGS_FRAME_KEY)) {
    const value = settings[name];
    if (key !== undefined && typeof value === "number") frameSettings[key] = value;
  }
  const info = device.deviceInfo.decode(JK_PB_DEVICE_INFO_MAP);
  const deviceInfo: Eb90Values = {
    model: info.model.trim(),
    hardwareVersion: info.hardwareVersion.trim(),
    softwareVersion: info.softwareVersion.trim(),
    uptime: info.uptime,
    powerOnCount: info.powerOnCount,
    deviceName: `JK-PB pack ${device.address}`,
    serialNumber: `SIM${String(device.address).padStart(8, "0")}`,
  };
  return { live, settings: frameSettings, deviceInfo };
}
