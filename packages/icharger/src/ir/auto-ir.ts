import { BattError, isBattError, waitFor } from "@batt/core";
import type { ChargerContext } from "../charger-context.js";
import type { ChannelIndex } from "../constants.js";
import { startChannel, stopSafely } from "../control/channel-control.js";
import { CELL_LIMITS, chemistryClass, type Chemistry } from "../models/chemistry.js";
import { LITHIUM_VOLTAGE_FIELDS } from "../presets/preset-fields.js";
import { readPreset } from "../presets/preset-io.js";
import { checkChannel, readLiveSample, readRunState, readStatusWord, type LiveSample } from "../status/channel-reads.js";
import { runStatusOf } from "../status/run-status.js";
import { computeIr, type IrComputation } from "./ir-compute.js";

/** Hard ceilings that options cannot exceed. */
export const IR_HARD_LIMITS = {
  /** Largest pulse current, A. */
  maxCurrent: 40,
  /** Longest pulse, ms. */
  maxPulseMs: 30_000,
} as const;

/** Options of {@link measureIr}. */
export interface AutoIrOptions {
  /** Channel (0 = first). */
  readonly channel: ChannelIndex;
  /** Slot of a lithium preset with discharge enabled; its discharge current is the pulse current. */
  readonly preset: number;
  /** Refuse presets whose discharge current exceeds this, and abort above 1.1 × this, A (default 10; ≤ 40). */
  readonly maxCurrent?: number;
  /** Longest time from RUN to the loaded sample, ms (default 5000; ≤ 30000). */
  readonly maxPulseMs?: number;
  /** Current that counts as settled, A (default 80 % of the preset's discharge current). */
  readonly settleCurrent?: number;
  /** Largest relative change between two polls of a settled current (default 0.02). */
  readonly settleTolerance?: number;
  /** Extra time to wait after the current first settles, ms (default 0: take the first stable sample). */
  readonly settleMs?: number;
  /** Cancels; the channel is stopped in any case. */
  readonly signal?: AbortSignal;
  /** Progress for a person or a log. */
  readonly onProgress?: (event: IrProgress) => void;
}

/** A step of the measurement. */
export type IrProgress =
  | { readonly phase: "checked"; readonly cells: number; readonly chemistry: Chemistry; readonly pulseCurrent: number }
  | { readonly phase: "ocv"; readonly ocv: readonly number[] }
  | { readonly phase: "started" }
  | { readonly phase: "sample"; readonly current: number; readonly elapsedMs: number }
  | { readonly phase: "stopped" };

/** The result of an automatic IR measurement. */
export interface AutoIrResult extends IrComputation {
  /** Channel measured. */
  readonly channel: ChannelIndex;
  /** Preset used for the pulse. */
  readonly preset: number;
  /** Chemistry of the preset. */
  readonly chemistry: Chemistry;
  /** Cells measured. */
  readonly cells: number;
  /** Time from RUN to the loaded sample, ms. */
  readonly pulseMs: number;
  /** IR seen at the output terminals, Ω: includes leads and connectors. */
  readonly outputIr: number;
}

function refuse(message: string, context: Record<string, unknown> = {}): BattError {
  return new BattError("invalid-argument", `IR measurement refused: ${message}`, { context });
}

/**
 * Measures internal resistance with a discharge pulse (docs/protocols/icharger.md#internal-resistance-measurement): reads the open-circuit cell
 * voltages, starts a discharge with the preset, polls until the current has settled, captures the
 * loaded voltages and current from one reply, stops, and computes per-cell and pack IR and IR ratios.
 *
 * Safe by construction: it refuses (nothing is started) when the channel is busy, the preset is not a
 * lithium preset with discharge enabled, its current exceeds `maxCurrent`, no cells are connected, or
 * any cell is outside the chemistry's limits or at the preset's discharge voltage. The pulse is capped
 * by `maxPulseMs` and `maxCurrent`, and the channel is always stopped — after success, on error, on
 * abort and when the link fails (STOP is repeated; a failed STOP is reported as the error).
 *
 * @throws BattError `invalid-argument` (refused), `timeout` (no settled current within the pulse),
 *   `device-exception` (start failed, or the charger ended the program during the pulse), `aborted`,
 *   transport errors.
 */
export async function measureIr(context: ChargerContext, options: AutoIrOptions): Promise<AutoIrResult> {
  const { channel, preset, signal } = options;
  checkChannel(context, channel);
  const maxCurrent = options.maxCurrent ?? 10;
  const maxPulseMs = options.maxPulseMs ?? 5000;
  if (!(maxCurrent > 0 && maxCurrent <= IR_HARD_LIMITS.maxCurrent)) throw refuse(`maxCurrent must be in (0, ${IR_HARD_LIMITS.maxCurrent}] A`);
  if (!(maxPulseMs > 0 && maxPulseMs <= IR_HARD_LIMITS.maxPulseMs)) throw refuse(`maxPulseMs must be in (0, ${IR_HARD_LIMITS.maxPulseMs}] ms`);
  const tolerance = options.settleTolerance ?? 0.02;
  const progress = options.onProgress ?? (() => undefined);

  if ((await readStatusWord(context, channel, signal)).run) throw refuse(`channel ${channel + 1} is running`);
  const p = await readPreset(context, preset, signal);
  const chemistry = p.chemistry;
  if (p.state === "empty") throw refuse(`preset slot ${preset} is empty`);
  if (chemistry === undefined || chemistryClass(chemistry) !== "lithium") throw refuse(`preset ${preset} is ${chemistry ?? "of unknown type"}; cells are measured on lithium presets only`);
  const ops = (p.values.opEnable as { names: readonly string[] } | undefined)?.names ?? [];
  if (!ops.includes("discharge")) throw refuse(`preset ${preset} "${p.name}" does not enable discharge`);
  const pulseCurrent = p.values.dischargeCurrent as number;
  if (!(pulseCurrent > 0) || pulseCurrent > maxCurrent) throw refuse(`preset discharge current ${pulseCurrent} A exceeds the cap of ${maxCurrent} A`);
  const settleCurrent = options.settleCurrent ?? 0.8 * pulseCurrent;
  if (!(settleCurrent > 0 && settleCurrent <= pulseCurrent)) throw refuse(`settleCurrent must be in (0, ${pulseCurrent}] A`);

  const rest = await readLiveSample(context, channel, signal);
  const cells = leadingCells(rest.cells);
  if (cells === 0) throw refuse("no cells on the balance port");
  if (Math.abs(rest.current) >= 0.05) throw refuse(`the channel carries ${rest.current} A; open-circuit voltages need 0 A`);
  const limits = CELL_LIMITS[chemistry]!;
  const dischargeField = LITHIUM_VOLTAGE_FIELDS[chemistry]?.discharge;
  const floor = dischargeField ? (p.values[dischargeField] as number | undefined) : undefined;
  const ocv = rest.cells.slice(0, cells);
  const volts = (v: number): string => `${v.toFixed(3)} V`;
  ocv.forEach((v, i) => {
    if (v < limits.min || v > limits.max) throw refuse(`cell ${i + 1} at ${volts(v)} is outside ${volts(limits.min)}..${volts(limits.max)} for ${chemistry}`, { ocv });
    if (floor !== undefined && v <= floor) throw refuse(`cell ${i + 1} at ${volts(v)} is at the preset's discharge voltage ${volts(floor)}`, { ocv });
  });
  progress({ phase: "checked", cells, chemistry, pulseCurrent });
  progress({ phase: "ocv", ocv });

  const sentAt = context.clock.now();
  let outcome: { sample: LiveSample; at: number } | undefined;
  let failure: unknown;
  try {
    await startChannel(context, { channel, preset, operation: "discharge", chemistry, ...(signal ? { signal } : {}) });
    progress({ phase: "started" });
    outcome = await awaitSettled(context, channel, { sentAt, maxPulseMs, maxCurrent, settleCurrent, tolerance, settleMs: options.settleMs ?? 0, signal, progress });
  } catch (error) {
    failure = error;
  }
  try {
    await stopSafely(context, channel);
    progress({ phase: "stopped" });
  } catch (stopError) {
    const cause = failure ?? stopError;
    const code = isBattError(stopError) ? stopError.code : "timeout";
    throw new BattError(code, `channel ${channel + 1} may still be discharging: STOP failed (${(stopError as Error).message})${failure ? ` after ${(failure as Error).message}` : ""}`, {
      cause,
    });
  }
  if (failure !== undefined || !outcome) throw failure;
  const loaded = outcome.sample;
  const computed = computeIr(ocv, loaded.cells.slice(0, cells), loaded.current);
  return {
    ...computed,
    channel,
    preset,
    chemistry,
    cells,
    pulseMs: Math.round(outcome.at - sentAt),
    // To 0.01 mΩ, as the cell IRs.
    outputIr: Math.round(((rest.outputVoltage - loaded.outputVoltage) / computed.current) * 100_000) / 100_000,
  };
}

interface SettleOptions {
  readonly sentAt: number;
  readonly maxPulseMs: number;
  readonly maxCurrent: number;
  readonly settleCurrent: number;
  readonly tolerance: number;
  readonly settleMs: number;
  readonly signal: AbortSignal | undefined;
  readonly progress: (event: IrProgress) => void;
}

/** Polls until two consecutive samples carry a settled current (and `settleMs` has passed since it first settled). */
async function awaitSettled(context: ChargerContext, channel: ChannelIndex, o: SettleOptions): Promise<{ sample: LiveSample; at: number }> {
  const { clock, timing } = context;
  let previous: LiveSample | undefined;
  let settledSince: number | undefined;
  for (;;) {
    const sample = await readLiveSample(context, channel, o.signal);
    const now = clock.now();
    const current = Math.abs(sample.current);
    o.progress({ phase: "sample", current: sample.current, elapsedMs: now - o.sentAt });
    if (current > 1.1 * o.maxCurrent) throw new BattError("device-exception", `pulse current ${current} A exceeds the cap of ${o.maxCurrent} A`);
    if (current >= o.settleCurrent) {
      settledSince ??= now;
      const stable = previous !== undefined && Math.abs(current - Math.abs(previous.current)) <= o.tolerance * current;
      if (stable && now - settledSince >= o.settleMs) return { sample, at: now };
    } else {
      settledSince = undefined;
      // A charger that ended the program (a cell reached the discharge voltage, an error) will not settle.
      if (!(await readStatusWord(context, channel, o.signal)).run) {
        const { runStatus, runError } = await readRunState(context, channel, o.signal);
        const meaning = runStatusOf(runStatus).observedMeaning;
        throw new BattError("device-exception", `channel ${channel + 1} stopped during the pulse (run status ${runStatus}${meaning ? ` ${meaning}` : ""}, error ${runError.displayCode}${runError.name ? ` ${runError.name}` : ""})`, {
          context: { deviceCode: runError.raw, runStatus },
        });
      }
    }
    previous = sample;
    const left = o.sentAt + o.maxPulseMs - now;
    if (left <= 0) {
      throw new BattError("timeout", `the discharge current did not settle at ≥ ${o.settleCurrent} A within ${o.maxPulseMs} ms (last ${current} A)`);
    }
    await waitFor(clock, Math.min(timing.pollIntervalMs, left), o.signal);
  }
}

/** Cells present: the leading cells reading above 0 V (and not the 1.024 V E skips, as in `decodeChannelStatus`). */
function leadingCells(cells: readonly number[]): number {
  let n = 0;
  while (n < cells.length && cells[n]! > 0 && cells[n] !== 1.024) n++;
  return n;
}
