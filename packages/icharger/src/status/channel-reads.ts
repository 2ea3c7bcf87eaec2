import { BattError } from "@batt/core";
import { channelStatusAddress, RegisterArea, type ChannelIndex } from "../constants.js";
import type { ChargerContext } from "../charger-context.js";
import { CHANNEL_BASE_REGISTERS, CHANNEL_FULL_REGISTERS, ChannelOffset, decodeChannelStatus, type ChannelStatus } from "./channel-status.js";
import { statusWordOffset } from "./device-info.js";
import { decodeRunError, type RunError } from "./run-error.js";
import { decodeStatusWord, type StatusWord } from "./status-word.js";
import { s16, u32LowFirst } from "../words.js";

/** Throws `invalid-argument` unless the model has channel `channel`. */
export function checkChannel(context: Pick<ChargerContext, "model">, channel: number): asserts channel is ChannelIndex {
  if (!Number.isInteger(channel) || channel < 0 || channel >= context.model.channels) {
    throw new BattError("invalid-argument", `channel must be 0..${context.model.channels - 1} on the ${context.model.name}, got ${channel}`);
  }
}

/** Reads one channel's status (58 registers, or 74 where the model has per-cell capacities). */
export async function readChannelStatus(context: ChargerContext, channel: number, signal?: AbortSignal): Promise<ChannelStatus> {
  checkChannel(context, channel);
  const count = context.model.cellCapacityRegisters ? CHANNEL_FULL_REGISTERS : CHANNEL_BASE_REGISTERS;
  const registers = await context.registers.readInput(channelStatusAddress(channel), count, signal ? { signal } : {});
  return decodeChannelStatus(channel, registers, { cells: context.model.cellsPerChannel, powerScale: context.powerScale });
}

/** Reads a channel's status word from the device-info block (X/S: the single word). */
export async function readStatusWord(context: ChargerContext, channel: number, signal?: AbortSignal): Promise<StatusWord> {
  checkChannel(context, channel);
  const offset = statusWordOffset(context.model.statusWords === 1 ? 0 : channel);
  const [raw] = await context.registers.readInput(RegisterArea.deviceInfo + offset, 1, signal ? { signal } : {});
  return decodeStatusWord(raw!);
}

/** Reads a channel's run status and run error (registers 55–56). */
export async function readRunState(context: ChargerContext, channel: number, signal?: AbortSignal): Promise<{ runStatus: number; runError: RunError }> {
  checkChannel(context, channel);
  const [runStatus, runError] = await context.registers.readInput(channelStatusAddress(channel) + ChannelOffset.runStatus, 2, signal ? { signal } : {});
  return { runStatus: runStatus!, runError: decodeRunError(runError!) };
}

/** Current and cell voltages from one transaction (registers 0–26), for measurements that need them together. */
export interface LiveSample {
  /** Time since the run started, s. */
  readonly time: number;
  /** Output current, A (negative while discharging). */
  readonly current: number;
  /** Output voltage, V. */
  readonly outputVoltage: number;
  /** The model's cell voltages, V. */
  readonly cells: readonly number[];
}

/** Registers of a {@link LiveSample}: up to the last cell slot, within one 30-register read. */
const LIVE_REGISTERS = ChannelOffset.cellVoltage + 16;

/** Reads a {@link LiveSample}: current and every cell in the same reply. */
export async function readLiveSample(context: ChargerContext, channel: number, signal?: AbortSignal): Promise<LiveSample> {
  checkChannel(context, channel);
  const r = await context.registers.readInput(channelStatusAddress(channel), LIVE_REGISTERS, signal ? { signal } : {});
  return {
    time: u32LowFirst(r, ChannelOffset.timestamp) / 1000,
    current: s16(r[ChannelOffset.current]!) / 100,
    outputVoltage: r[ChannelOffset.outputVoltage]! / 1000,
    cells: r.slice(ChannelOffset.cellVoltage, ChannelOffset.cellVoltage + context.model.cellsPerChannel).map((mv) => mv / 1000),
  };
}
