import { BattError } from "@batt/core";
import type { RegisterWriteBlock } from "../access/register-client.js";
import type { ChargerContext } from "../charger-context.js";
import { ControlRegister, ORDER_KEY, Order, type ChannelIndex } from "../constants.js";
import { checkChannel, readStatusWord } from "../status/channel-reads.js";

/** Highest cell voltage any preset may charge to (LiHV), V: the top of a voltage limit per cell. */
const MAX_CELL_VOLTAGE = 4.35;

/** What to change on a running channel. */
export interface ModifyOptions {
  /** Channel (0 = first). */
  readonly channel: ChannelIndex;
  /** New current limit, A (more than 0, at most the model's maximum charge current). */
  readonly current: number;
  /** New voltage limit, V (default: the limit the charger holds now, 0x8006). */
  readonly voltage?: number;
  /** Cancels. */
  readonly signal?: AbortSignal;
}

/** A confirmed change. */
export interface ModifyResult {
  /** Channel (0 = first). */
  readonly channel: ChannelIndex;
  /** Current limit read back, A. */
  readonly current: number;
  /** Voltage limit read back, V. */
  readonly voltage: number;
  /** The limits before, as read from 0x8005–0x8006. */
  readonly previous: { readonly current: number; readonly voltage: number };
}

/**
 * MODIFY (docs/protocols/icharger.md#control-registers-holding-0x8000): one write of
 * `[channel, 0x55AA, 2, current mA, voltage mV]` at 0x8002, the limits in the units johncclayton/electric decodes.
 *
 * @example modifyWrite(0, 2500, 16800) // 0x8002 ← [0, 0x55AA, 2, 2500, 16800]
 */
export function modifyWrite(channel: number, currentMa: number, voltageMv: number): RegisterWriteBlock {
  return { address: ControlRegister.channel, values: [channel, ORDER_KEY, Order.Modify, currentMa, voltageMv] };
}

/**
 * Changes the current (and voltage) limit of a running program (electric #124): checks the channel,
 * the current against the model's maximum and the voltage against its cell count before anything is
 * sent, refuses a channel that is not running, sends MODIFY, and reads the limits back.
 *
 * @throws BattError `invalid-argument` (nothing sent), `verify-failed` when the read-back differs, link errors.
 */
export async function modifyChannel(context: ChargerContext, options: ModifyOptions): Promise<ModifyResult> {
  const { channel, current, voltage, signal } = options;
  const call = signal ? { signal } : {};
  checkChannel(context, channel);
  const { model } = context;
  if (!(Number.isFinite(current) && current > 0 && current <= model.maxChargeCurrent)) {
    throw new BattError("invalid-argument", `current must be more than 0 and at most ${model.maxChargeCurrent} A on the ${model.name}, got ${current}`);
  }
  const maxVoltage = model.cellsPerChannel * MAX_CELL_VOLTAGE;
  if (voltage !== undefined && !(Number.isFinite(voltage) && voltage > 0 && voltage <= maxVoltage)) {
    throw new BattError("invalid-argument", `voltage must be more than 0 and at most ${maxVoltage.toFixed(2)} V (${model.cellsPerChannel} cells) on the ${model.name}, got ${voltage}`);
  }
  const status = await readStatusWord(context, channel, signal);
  if (!status.run) throw new BattError("invalid-argument", `channel ${channel + 1} is not running: start a program first`);
  const [currentBefore, voltageBefore] = await context.registers.readHolding(ControlRegister.limitCurrent, 2, call);
  const previous = { current: currentBefore! / 1000, voltage: voltageBefore! / 1000 };
  const currentMa = Math.round(current * 1000);
  // A voltage limit of 0 was never set: sending it back would ask for 0 V, so the caller must name one.
  if (voltage === undefined && voltageBefore === 0) throw new BattError("invalid-argument", `the charger holds no voltage limit for MODIFY (0x8006 reads 0): give the voltage`);
  const voltageMv = voltage !== undefined ? Math.round(voltage * 1000) : voltageBefore!;
  const write = modifyWrite(channel, currentMa, voltageMv);
  await context.registers.write(write.address, write.values, call);
  const [currentAfter, voltageAfter] = await context.registers.readHolding(ControlRegister.limitCurrent, 2, call);
  if (currentAfter !== currentMa || voltageAfter !== voltageMv) {
    throw new BattError("verify-failed", `channel ${channel + 1}: limits read ${currentAfter} mA / ${voltageAfter} mV after MODIFY to ${currentMa} mA / ${voltageMv} mV`, {
      context: { written: [currentMa, voltageMv], readBack: [currentAfter, voltageAfter] },
    });
  }
  return { channel, current: currentAfter / 1000, voltage: voltageAfter / 1000, previous };
}
