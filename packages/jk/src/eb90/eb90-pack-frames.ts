import { Eb90FrameType } from "./eb90-constants.js";
import { encodeEb90Frame } from "./eb90-encode.js";
import { layoutOf, type Eb90Generation } from "./eb90-generation.js";
import type { Eb90Values } from "./eb90-layout.js";
import type { JkPbLiveData } from "../pb/pb-live-data.js";

/** What a simulated pack's three frames are built from: its live state, its settings (by settings-frame key) and its device info (by device-info key). */
export interface Eb90PackState {
  /** The live state (the JK-PB live shape, SI units). */
  readonly live: JkPbLiveData;
  /** Settings by their settings-frame key (`cellOvervoltageProtection`, `chargeSwitch`…), SI units. */
  readonly settings: Eb90Values;
  /** Device info by key (`model`, `hardwareVersion`, `softwareVersion`, `uptime`…). */
  readonly deviceInfo: Eb90Values;
}

/** The three frames of a pack: type 0x01, 0x02 and 0x03. */
export interface Eb90PackFrames {
  /** Settings frame (0x01). */
  readonly settings: Uint8Array;
  /** Cell info frame (0x02). */
  readonly cellInfo: Uint8Array;
  /** Device info frame (0x03). */
  readonly deviceInfo: Uint8Array;
}

/** A 24-cell JK02 frame has room for the MOSFET sensor and probes 1 and 2 only (bits 0–2 of the presence byte). */
const JK02_24S_PRESENCE_BITS = 0x07;

/**
 * The cell info values of a live state (the inverse of `eb90LiveData`): cells from cell 1 with their
 * mask, power unsigned, each probe's temperature in its own slot (0 where none is fitted) and the
 * presence byte (docs/protocols/jk.md#temperature-sensor-presence).
 */
export function cellInfoValuesOf(live: JkPbLiveData, generation: Eb90Generation): Eb90Values {
  const slot = (n: number): number => {
    const i = live.temperatureSensors.indexOf(n);
    return i < 0 ? 0 : (live.temperatures[i] ?? 0);
  };
  const [t1, t2, t3, t4, t5] = [slot(1), slot(2), slot(3), slot(4), slot(5)];
  const presence = live.temperatureSensorPresence;
  const count = live.cellVoltages.length;
  const mv = live.cellVoltages.map((v) => Math.round(v * 1000));
  const average = count > 0 ? Math.round(mv.reduce((a, b) => a + b, 0) / count) / 1000 : 0;
  const max = count > 0 ? Math.max(...mv) : 0;
  const min = count > 0 ? Math.min(...mv) : 0;
  return {
    cellVoltages: live.cellVoltages,
    cellMask: count >= 32 ? 0xffffffff : 2 ** count - 1,
    averageCellVoltage: average,
    deltaCellVoltage: (max - min) / 1000,
    maxCellIndex: Math.max(0, mv.indexOf(max)),
    minCellIndex: Math.max(0, mv.indexOf(min)),
    mosTemperature: live.mosTemperature,
    packVoltage: live.packVoltage,
    power: Math.abs(live.power),
    current: live.current,
    temperature1: t1,
    temperature2: t2,
    ...(generation === "jk02-32s" ? { temperature3: t3, temperature4: t4, temperature5: t5 } : {}),
    ...(presence === undefined ? {} : { temperatureSensorPresence: generation === "jk02-32s" ? presence : presence & JK02_24S_PRESENCE_BITS }),
    alarms: live.alarms.value,
    balanceCurrent: live.balanceCurrent,
    balanceState: live.balanceState.value,
    soc: live.soc,
    remainingCapacity: live.remainingCapacity,
    fullChargeCapacity: live.fullChargeCapacity,
    cycleCount: live.cycleCount,
    cycleCapacity: live.cycleCapacity,
    soh: live.soh,
    runtime: live.runtime,
    chargeMos: live.chargeMos ? 1 : 0,
    dischargeMos: live.dischargeMos ? 1 : 0,
  };
}

/**
 * Encodes a simulated pack's state into its three `55 AA EB 90` frames, in the layouts of
 * `generation` (JK02 only: JK04 frames carry floats and no live summary). One builder for every
 * simulator: the JK-PB RS-485 trigger replies, a bus master's broadcasts, and BLE notifications.
 */
export function encodePackFrames(state: Eb90PackState, generation: Exclude<Eb90Generation, "jk04">, counter = 0): Eb90PackFrames {
  return {
    settings: encodeEb90Frame(layoutOf(generation, Eb90FrameType.Settings), Eb90FrameType.Settings, counter, state.settings),
    cellInfo: encodeEb90Frame(layoutOf(generation, Eb90FrameType.CellInfo), Eb90FrameType.CellInfo, counter, cellInfoValuesOf(state.live, generation)),
    deviceInfo: encodeEb90Frame(layoutOf(generation, Eb90FrameType.DeviceInfo), Eb90FrameType.DeviceInfo, counter, state.deviceInfo),
  };
}
