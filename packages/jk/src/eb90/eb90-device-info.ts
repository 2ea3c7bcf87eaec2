import type { DeviceIdentity } from "@batt/core";
import type { Eb90Values } from "./eb90-layout.js";

/** The device info frame (type 0x03) of a JK BMS, decoded. */
export interface JkEb90DeviceInfo {
  /** Model (`JK_PB2A16S15P`, `JK-B2A24S`). */
  readonly model: string;
  /** Hardware version (`14.XA`, `3.0`). */
  readonly hardwareVersion: string;
  /** Software version (`14.20`, `3.2.3`). */
  readonly softwareVersion: string;
  /** Time since the BMS started, s. */
  readonly uptime: number;
  /** Times powered on. */
  readonly powerOnCount: number;
  /** Device name the user gave it. */
  readonly deviceName: string;
  /** Manufacturing date as sent (`231118`: YYMMDD). */
  readonly manufacturingDate: string;
  /** Serial number. */
  readonly serialNumber: string;
  /** User data text. */
  readonly userData: string;
  /** Every decoded field, passcodes and port protocol numbers included. */
  readonly values: Eb90Values;
}

/** The device info of a decoded device info frame. */
export function eb90DeviceInfoOf(values: Eb90Values): JkEb90DeviceInfo {
  const s = (key: string): string => String(values[key] ?? "");
  const n = (key: string): number => Number(values[key] ?? 0);
  return {
    model: s("model"),
    hardwareVersion: s("hardwareVersion"),
    softwareVersion: s("softwareVersion"),
    uptime: n("uptime"),
    powerOnCount: n("powerOnCount"),
    deviceName: s("deviceName"),
    manufacturingDate: s("manufacturingDate"),
    serialNumber: s("serialNumber"),
    userData: s("userData"),
    values,
  };
}

/** Who the BMS is, from its device info: model, serial, hardware and software versions, and its bus address where it has one. */
export function eb90Identity(info: JkEb90DeviceInfo, address?: number): DeviceIdentity {
  const text = (value: string): string | undefined => (value.trim() !== "" ? value.trim() : undefined);
  const [model, serial, firmware, hardware] = [text(info.model), text(info.serialNumber), text(info.softwareVersion), text(info.hardwareVersion)];
  return {
    driver: "jk",
    category: "bms",
    manufacturer: "JK",
    ...(model ? { model } : {}),
    ...(serial ? { serial } : {}),
    ...(firmware ? { firmware } : {}),
    ...(hardware ? { hardware } : {}),
    ...(address !== undefined ? { address } : {}),
  };
}
