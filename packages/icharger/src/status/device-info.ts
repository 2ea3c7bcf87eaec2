import { BattError } from "@batt/core";
import { swappedText } from "../words.js";
import { decodeStatusWord, type StatusWord } from "./status-word.js";

/** Registers of the device-info block read by the driver (offsets 0–12). */
export const DEVICE_INFO_REGISTERS = 13;

/** Device information (input registers 0x0000…, docs/protocols/icharger.md#device-info-input-0x0000). */
export interface DeviceInfo {
  /** Device-ID register (64 = 4010 DUO, 66 = 308 DUO, 67 = 406 DUO; others unknown). */
  readonly deviceId: number;
  /** Serial number (pair-swapped on the wire; cut at the first NUL). */
  readonly serialNumber: string;
  /** Software version as text ("2.18"). */
  readonly softwareVersion: string;
  /** Hardware version as text. */
  readonly hardwareVersion: string;
  /** Software version register (hundredths). */
  readonly softwareVersionRaw: number;
  /** Hardware version register (hundredths). */
  readonly hardwareVersionRaw: number;
  /** SYSTEM length in bytes. */
  readonly systemLength: number;
  /** MEMORY (preset) length in bytes. */
  readonly memoryLength: number;
  /** Status word per channel (one on X/S). */
  readonly status: readonly StatusWord[];
}

/** Hundredths as a version ("2.18"). */
export function formatVersion(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

/**
 * Decodes the device-info block from register 0.
 *
 * @param statusWords how many status words the model has (1 or 2).
 * @throws BattError `frame` when fewer than 11 + statusWords registers are given.
 */
export function decodeDeviceInfo(registers: readonly number[], statusWords: 1 | 2 = 2): DeviceInfo {
  if (registers.length < 11 + statusWords) {
    throw new BattError("frame", `device info needs ${11 + statusWords} registers, got ${registers.length}`);
  }
  const r = (i: number): number => registers[i]!;
  return {
    deviceId: r(0),
    serialNumber: swappedText(registers.slice(1, 7)),
    softwareVersion: formatVersion(r(7)),
    hardwareVersion: formatVersion(r(8)),
    softwareVersionRaw: r(7),
    hardwareVersionRaw: r(8),
    systemLength: r(9),
    memoryLength: r(10),
    status: registers.slice(11, 11 + statusWords).map(decodeStatusWord),
  };
}

/** Register offset of channel `channel`'s status word in the device-info block. */
export function statusWordOffset(channel: number): number {
  return 11 + channel;
}
