import { BattError } from "@batt/core";
import type { ChannelIndex } from "../constants.js";
import { registersToImage, s16, s32LowFirst, u32LowFirst } from "../words.js";
import { externalProbeTemperature } from "./external-probe.js";
import { decodeRunError, type RunError } from "./run-error.js";
import { controlStatusOf, runStatusOf, type ObservedStatus } from "./run-status.js";

/** Channel registers up to the dialog-box ID (offsets 0–57). */
export const CHANNEL_BASE_REGISTERS = 58;
/** Channel registers including the per-cell capacities (offsets 0–73, X/DX and later firmware). */
export const CHANNEL_FULL_REGISTERS = 74;
/** Cell slots in the channel block; only the model's first cells are meaningful. */
export const CHANNEL_CELL_SLOTS = 16;

/** Offsets of the channel status block (docs/protocols/icharger.md#channel-status-input-0x0100-0x0200). */
export const ChannelOffset = {
  timestamp: 0,
  power: 2,
  current: 4,
  inputVoltage: 5,
  outputVoltage: 6,
  capacity: 7,
  internalTemperature: 9,
  externalTemperature: 10,
  cellVoltage: 11,
  balance: 27,
  cellIr: 35,
  totalIr: 51,
  lineIr: 52,
  cycleCount: 53,
  controlStatus: 54,
  runStatus: 55,
  runError: 56,
  dialogBox: 57,
  cellCapacity: 58,
} as const;

/** Options of {@link decodeChannelStatus}. */
export interface ChannelDecodeOptions {
  /** Cells of the model's balance port (the rest of the 16 slots are stale). */
  readonly cells: number;
  /**
   * Watts per unit of the power register (default 0.01: 10 mW). The unit is unverified (docs/protocols/icharger.md#channel-status-input-0x0100-0x0200:
   * the seed says mW, E divides by 100 since 2018); `powerRaw` is always given as well.
   */
  readonly powerScale?: number;
}

/** One channel's live values (input registers 0x0100/0x0200), in SI units. */
export interface ChannelStatus {
  /** Channel index (0 = first). */
  readonly channel: ChannelIndex;
  /** Time since the run started, s (register in ms). */
  readonly time: number;
  /** Output power register, raw. */
  readonly powerRaw: number;
  /** Output power, W (raw × `powerScale`; a magnitude, whatever the direction of the current). */
  readonly power: number;
  /** Output current, A (negative while discharging). */
  readonly current: number;
  /** Input voltage, V (mV register; the seed's 10 mV is wrong: docs/protocols/icharger.md#seed-readme-claims). */
  readonly inputVoltage: number;
  /** Output (battery) voltage, V. */
  readonly outputVoltage: number;
  /** Charge moved since the run started, Ah (negative while discharging; register in mAh). */
  readonly capacity: number;
  /** Internal temperature, °C. */
  readonly internalTemperature: number;
  /** External (probe) temperature, °C; `null` when no probe is fitted (the register reads exactly 0, see {@link externalProbeTemperature}). */
  readonly externalTemperature: number | null;
  /** Voltage of each balance-port cell of the model, V (0 when nothing is connected). */
  readonly cells: readonly number[];
  /** Cells present: leading cells reading above 0 (and not the unexplained 1024 mV E skips). */
  readonly cellCount: number;
  /** Balance state per cell, raw u8 (pair-swapped on the wire). */
  readonly balance: readonly number[];
  /** Whether each cell is being balanced (raw state ≠ 0). */
  readonly balancing: readonly boolean[];
  /** Internal resistance per cell, Ω, from the charger's own measurement. */
  readonly cellIr: readonly number[];
  /** The cell IR registers as read, 0.1 mΩ each (what `@batt/fingerprint`'s `cellIrFromICharger` takes). */
  readonly cellIrRaw: readonly number[];
  /** Total cell IR, Ω. */
  readonly totalIr: number;
  /** Line (lead) IR, Ω. */
  readonly lineIr: number;
  /** Cycle count. */
  readonly cycleCount: number;
  /** Control status with its observed meaning. */
  readonly controlStatus: ObservedStatus;
  /** Run status with its observed meaning. */
  readonly runStatus: ObservedStatus;
  /** Run error, decoded. */
  readonly runError: RunError;
  /** ID of the open dialog box (0 when none; no ID table is known). */
  readonly dialogBoxId: number;
  /** Charge per cell, Ah, when registers 58–73 were read (registers in mAh). */
  readonly cellCapacity?: readonly number[];
}

/** The value E treats as "no cell" for reasons unknown. */
const E_SKIPPED_MV = 1024;

/**
 * Decodes a channel status block read from its first register.
 *
 * @throws BattError `frame` when fewer than 58 registers are given.
 */
export function decodeChannelStatus(channel: ChannelIndex, registers: readonly number[], options: ChannelDecodeOptions): ChannelStatus {
  if (registers.length < CHANNEL_BASE_REGISTERS) {
    throw new BattError("frame", `channel status needs ${CHANNEL_BASE_REGISTERS} registers, got ${registers.length}`);
  }
  const r = (i: number): number => registers[i]!;
  const cells = Math.min(Math.max(0, options.cells), CHANNEL_CELL_SLOTS);
  const cellMv = registers.slice(ChannelOffset.cellVoltage, ChannelOffset.cellVoltage + cells);
  let cellCount = 0;
  while (cellCount < cellMv.length && cellMv[cellCount]! > 0 && cellMv[cellCount] !== E_SKIPPED_MV) cellCount++;
  const balanceBytes = registersToImage(registers.slice(ChannelOffset.balance, ChannelOffset.balance + 8));
  const balance = [...balanceBytes.subarray(0, cells)];
  const powerRaw = u32LowFirst(registers, ChannelOffset.power);
  const cellIrRaw = registers.slice(ChannelOffset.cellIr, ChannelOffset.cellIr + cells);
  const capacities =
    registers.length >= CHANNEL_FULL_REGISTERS ? registers.slice(ChannelOffset.cellCapacity, ChannelOffset.cellCapacity + cells) : undefined;
  return {
    channel,
    time: u32LowFirst(registers, ChannelOffset.timestamp) / 1000,
    powerRaw,
    power: round(powerRaw * (options.powerScale ?? 0.01), 3),
    current: s16(r(ChannelOffset.current)) / 100,
    inputVoltage: r(ChannelOffset.inputVoltage) / 1000,
    outputVoltage: r(ChannelOffset.outputVoltage) / 1000,
    capacity: s32LowFirst(registers, ChannelOffset.capacity) / 1000,
    internalTemperature: s16(r(ChannelOffset.internalTemperature)) / 10,
    externalTemperature: externalProbeTemperature(s16(r(ChannelOffset.externalTemperature))),
    cells: cellMv.map((mv) => mv / 1000),
    cellCount,
    balance,
    balancing: balance.map((b) => b !== 0),
    cellIr: cellIrRaw.map(tenthMilliohmToOhm),
    cellIrRaw,
    totalIr: tenthMilliohmToOhm(r(ChannelOffset.totalIr)),
    lineIr: tenthMilliohmToOhm(r(ChannelOffset.lineIr)),
    cycleCount: r(ChannelOffset.cycleCount),
    controlStatus: controlStatusOf(r(ChannelOffset.controlStatus)),
    runStatus: runStatusOf(r(ChannelOffset.runStatus)),
    runError: decodeRunError(r(ChannelOffset.runError)),
    dialogBoxId: r(ChannelOffset.dialogBox),
    ...(capacities ? { cellCapacity: capacities.map((mah) => mah / 1000) } : {}),
  };
}

/** A 0.1 mΩ register in Ω (one correctly rounded division: 215 → 0.0215 exactly as written). */
function tenthMilliohmToOhm(raw: number): number {
  return raw / 10_000;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
