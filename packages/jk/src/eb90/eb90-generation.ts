import { BattError } from "@batt/core";
import { JK02_24S_CELL_LAYOUT, JK02_32S_CELL_LAYOUT, JK04_CELL_LAYOUT } from "./eb90-cell-layouts.js";
import { Eb90FrameType } from "./eb90-constants.js";
import { EB90_DEVICE_INFO_LAYOUT } from "./eb90-device-info-layout.js";
import type { Eb90Layout } from "./eb90-layout.js";
import { JK02_24S_SETTINGS_LAYOUT, JK02_32S_SETTINGS_LAYOUT, JK04_SETTINGS_LAYOUT } from "./eb90-settings-layouts.js";

/** The frame layouts in the field: JK02 with 24 cells (software < 11), JK02 with 32 cells (software ≥ 11, JK-PB), JK04 (hardware 2.x/3.x). */
export const EB90_GENERATIONS = ["jk02-24s", "jk02-32s", "jk04"] as const;

/** One of {@link EB90_GENERATIONS}. */
export type Eb90Generation = (typeof EB90_GENERATIONS)[number];

/** Whether `value` names a generation. */
export function isEb90Generation(value: unknown): value is Eb90Generation {
  return (EB90_GENERATIONS as readonly unknown[]).includes(value);
}

/** The layouts of each generation, by frame type. */
export const EB90_LAYOUTS: Readonly<Record<Eb90Generation, Readonly<Record<number, Eb90Layout>>>> = {
  "jk02-24s": { [Eb90FrameType.Settings]: JK02_24S_SETTINGS_LAYOUT, [Eb90FrameType.CellInfo]: JK02_24S_CELL_LAYOUT, [Eb90FrameType.DeviceInfo]: EB90_DEVICE_INFO_LAYOUT },
  "jk02-32s": { [Eb90FrameType.Settings]: JK02_32S_SETTINGS_LAYOUT, [Eb90FrameType.CellInfo]: JK02_32S_CELL_LAYOUT, [Eb90FrameType.DeviceInfo]: EB90_DEVICE_INFO_LAYOUT },
  jk04: { [Eb90FrameType.Settings]: JK04_SETTINGS_LAYOUT, [Eb90FrameType.CellInfo]: JK04_CELL_LAYOUT, [Eb90FrameType.DeviceInfo]: EB90_DEVICE_INFO_LAYOUT },
};

/**
 * The generation of a BMS from the versions in its device info frame (docs/protocols/jk.md#generations): hardware 2.x or 3.x is JK04
 * (JK-B2A16S 3.0 / 3.3.0, JK-B2A24S 3.0 / 3.2.3); software 11 and later is JK02 with 32 cells
 * (JK-B…11.x, JK-PB 14.x–19.x); anything else JK02 with 24 cells (7.x, 8.x, 10.x). The same rule as
 * syssi/esphome-jk-bms's protocol_version examples and Louisvdw/dbus-serialbattery's jkbms_brn.py.
 *
 * @throws BattError `unsupported` when neither version starts with a number.
 */
export function generationOf(info: { readonly hardwareVersion: string; readonly softwareVersion: string }): Eb90Generation {
  const hardware = Number.parseInt(info.hardwareVersion, 10);
  const software = Number.parseInt(info.softwareVersion, 10);
  if (Number.isNaN(hardware) && Number.isNaN(software)) {
    throw new BattError("unsupported", `cannot tell the frame layout from hardware "${info.hardwareVersion}" software "${info.softwareVersion}"; choose one (${EB90_GENERATIONS.join(", ")})`);
  }
  if (hardware === 2 || hardware === 3) return "jk04";
  return software >= 11 || hardware >= 11 ? "jk02-32s" : "jk02-24s";
}

/**
 * The layout of a frame type in a generation.
 *
 * @throws BattError `unsupported` for a frame type no layout describes (0x05 logbook…).
 */
export function layoutOf(generation: Eb90Generation, type: number): Eb90Layout {
  const layout = EB90_LAYOUTS[generation][type];
  if (!layout) throw new BattError("unsupported", `no layout for 55 AA EB 90 frame type 0x${type.toString(16).padStart(2, "0")}`);
  return layout;
}
