import { BattError } from "@batt/core";
import type { ChannelIndex } from "../constants.js";
import { registersToImage, s16, s32LowFirst, u32LowFirst } from "../words.js";
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
  readonly powerScaleW?: number;
}

/** One channel's live values (input registers 0x0100/0x0200). */
export interface ChannelStatus {
  /** Channel index (0 = first). */
  readonly channel: ChannelIndex;
  /** Milliseconds since the run started. */
  readonly timestampMs: number;
  /** Output power register, raw. */
  readonly powerRaw: number;
  /** Output power in W (raw × `powerScaleW`). */
  readonly powerW: number;
  /** Output current in A (negative while discharging). */
  readonly currentA: number;
  /** Input voltage in V (mV register; the seed's 10 mV is wrong: docs/protocols/icharger.md#seed-readme-claims). */
  readonly inputVoltageV: number;
  /** Output (battery) voltage in V. */
  readonly outputVoltageV: number;
  /** Capacity in mAh (negative while discharging). */
  readonly capacityMah: number;
  /** Internal temperature in °C. */
  readonly internalTemperatureC: number;
  /** External temperature in °C. */
  readonly externalTemperatureC: number;
  /** Voltage of each balance-port cell of the model in V (0 when nothing is connected). */
  readonly cells: readonly number[];
  /** Cells present: leading cells reading above 0 (and not the unexplained 1024 mV E skips). */
  readonly cellCount: number;
  /** Balance state per cell, raw u8 (pair-swapped on the wire). */
  readonly balance: readonly number[];
  /** Whether each cell is being balanced (raw state ≠ 0). */
  readonly balancing: readonly boolean[];
  /** Internal resistance per cell in mΩ, from the charger's own measurement. */
  readonly cellIrMilliohm: readonly number[];
  /** Total cell IR in mΩ. */
  readonly totalIrMilliohm: number;
  /** Line (lead) IR in mΩ. */
  readonly lineIrMilliohm: number;
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
  /** Capacity per cell in mAh, when registers 58–73 were read. */
  readonly cellCapacityMah?: readonly number[];
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
  const capacities =
    registers.length >= CHANNEL_FULL_REGISTERS ? registers.slice(ChannelOffset.cellCapacity, ChannelOffset.cellCapacity + cells) : undefined;
  return {
    channel,
    timestampMs: u32LowFirst(registers, ChannelOffset.timestamp),
    powerRaw,
    powerW: round(powerRaw * (options.powerScaleW ?? 0.01), 3),
    currentA: s16(r(ChannelOffset.current)) / 100,
    inputVoltageV: r(ChannelOffset.inputVoltage) / 1000,
    outputVoltageV: r(ChannelOffset.outputVoltage) / 1000,
    capacityMah: s32LowFirst(registers, ChannelOffset.capacity),
    internalTemperatureC: s16(r(ChannelOffset.internalTemperature)) / 10,
    externalTemperatureC: s16(r(ChannelOffset.externalTemperature)) / 10,
    cells: cellMv.map((mv) => mv / 1000),
    cellCount,
    balance,
    balancing: balance.map((b) => b !== 0),
    cellIrMilliohm: registers.slice(ChannelOffset.cellIr, ChannelOffset.cellIr + cells).map((v) => v / 10),
    totalIrMilliohm: r(ChannelOffset.totalIr) / 10,
    lineIrMilliohm: r(ChannelOffset.lineIr) / 10,
    cycleCount: r(ChannelOffset.cycleCount),
    controlStatus: controlStatusOf(r(ChannelOffset.controlStatus)),
    runStatus: runStatusOf(r(ChannelOffset.runStatus)),
    runError: decodeRunError(r(ChannelOffset.runError)),
    dialogBoxId: r(ChannelOffset.dialogBox),
    ...(capacities ? { cellCapacityMah: capacities } : {}),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
