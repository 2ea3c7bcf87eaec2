import { BattError, isBattError, waitFor } from "@batt/core";
import type { ChargerContext } from "../charger-context.js";
import type { ChannelIndex } from "../constants.js";
import { startChannel, stopSafely } from "../control/channel-control.js";
import { CELL_LIMITS_MV, chemistryClass, type Chemistry } from "../models/chemistry.js";
import { LITHIUM_VOLTAGE_FIELDS } from "../presets/preset-fields.js";
import { readPreset } from "../presets/preset-io.js";
import { checkChannel, readLiveSample, readRunState, readStatusWord, type LiveSample } from "../status/channel-reads.js";
import { runStatusOf } from "../status/run-status.js";
import { computeIr, type IrComputation } from "./ir-compute.js";

/** Hard ceilings that options cannot exceed. */
export const IR_HARD_LIMITS = {
  /** Largest pulse current, A. */
  maxCurrentA: 40,
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
  readonly maxCurrentA?: number;
  /** Longest time from RUN to the loaded sample, ms (default 5000; ≤ 30000). */
  readonly maxPulseMs?: number;
  /** Current that counts as settled, A (default 80 % of the preset's discharge current). */
  readonly settleCurrentA?: number;
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
  | { readonly phase: "checked"; readonly cells: number; readonly chemistry: Chemistry; readonly pulseCurrentA: number }
  | { readonly phase: "ocv"; readonly ocvMv: readonly number[] }
  | { readonly phase: "started" }
  | { readonly phase: "sample"; readonly currentA: number; readonly elapsedMs: number }
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
  /** IR seen at the output terminals, mΩ: includes leads and connectors. */
  readonly outputIrMilliohm: number;
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
 * lithium preset with discharge enabled, its current exceeds `maxCurrentA`, no cells are connected, or
 * any cell is outside the chemistry's limits or at the preset's discharge voltage. The pulse is capped
 * by `maxPulseMs` and `maxCurrentA`, and the channel is always stopped — after success, on error, on
 * abort and when the link fails (STOP is repeated; a failed STOP is reported as the error).
 *
 * @throws BattError `invalid-argument` (refused), `timeout` (no settled current within the pulse),
 *   `device-exception` (start failed, or the charger ended the program during the pulse), `aborted`,
 *   transport errors.
 */
export async function measureIr(context: ChargerContext, options: AutoIrOptions): Promise<AutoIrResult> {
  const { channel, preset, signal } = options;
  checkChannel(context, channel);
  const maxCurrentA = options.maxCurrentA ?? 10;
  const maxPulseMs = options.maxPulseMs ?? 5000;
  if (!(maxCurrentA > 0 && maxCurrentA <= IR_HARD_LIMITS.maxCurrentA)) throw refuse(`maxCurrentA must be in (0, ${IR_HARD_LIMITS.maxCurrentA}] A`);
  if (!(maxPulseMs > 0 && maxPulseMs <= IR_HARD_LIMITS.maxPulseMs)) throw refuse(`maxPulseMs must be in (0, ${IR_HARD_LIMITS.maxPulseMs}] ms`);
  const tolerance = options.settleTolerance ?? 0.02;
  const progress = options.onProgress ?? (() => undefined);

  if ((await readStatusWord(context, channel, signal)).run) throw refuse(`channel ${channel} is running`);
  const p = await readPreset(context, preset, signal);
  const chemistry = p.chemistry;
  if (p.state === "empty") throw refuse(`preset slot ${preset} is empty`);
  if (chemistry === undefined || chemistryClass(chemistry) !== "lithium") throw refuse(`preset ${preset} is ${chemistry ?? "of unknown type"}; cells are measured on lithium presets only`);
  const ops = (p.values.opEnable as { names: readonly string[] } | undefined)?.names ?? [];
  if (!ops.includes("discharge")) throw refuse(`preset ${preset} "${p.name}" does not enable discharge`);
  const pulseCurrentA = p.values.dischargeCurrent as number;
  if (!(pulseCurrentA > 0) || pulseCurrentA > maxCurrentA) throw refuse(`preset discharge current ${pulseCurrentA} A exceeds the cap of ${maxCurrentA} A`);
  const settleCurrentA = options.settleCurrentA ?? 0.8 * pulseCurrentA;
  if (!(settleCurrentA > 0 && settleCurrentA <= pulseCurrentA)) throw refuse(`settleCurrentA must be in (0, ${pulseCurrentA}] A`);

  const ocv = await readLiveSample(context, channel, signal);
  const cells = leadingCells(ocv.cellsMv);
  if (cells === 0) throw refuse("no cells on the balance port");
  if (Math.abs(ocv.currentA) >= 0.05) throw refuse(`the channel carries ${ocv.currentA} A; open-circuit voltages need 0 A`);
  const limits = CELL_LIMITS_MV[chemistry]!;
  const dischargeField = LITHIUM_VOLTAGE_FIELDS[chemistry]?.discharge;
  const dischargeMv = dischargeField ? (p.values[dischargeField] as number | undefined) : undefined;
  const ocvMv = ocv.cellsMv.slice(0, cells);
  ocvMv.forEach((mv, i) => {
    if (mv < limits.min || mv > limits.max) throw refuse(`cell ${i + 1} at ${mv} mV is outside ${limits.min}..${limits.max} mV for ${chemistry}`, { ocvMv });
    if (dischargeMv !== undefined && mv <= dischargeMv) throw refuse(`cell ${i + 1} at ${mv} mV is at the preset's discharge voltage ${dischargeMv} mV`, { ocvMv });
  });
  progress({ phase: "checked", cells, chemistry, pulseCurrentA });
  progress({ phase: "ocv", ocvMv });

  const sentAt = context.clock.now();
  let outcome: { sample: LiveSample; at: number } | undefined;
  let failure: unknown;
  try {
    await startChannel(context, { channel, preset, operation: "discharge", chemistry, ...(signal ? { signal } : {}) });
    progress({ phase: "started" });
    outcome = await awaitSettled(context, channel, { sentAt, maxPulseMs, maxCurrentA, settleCurrentA, tolerance, settleMs: options.settleMs ?? 0, signal, progress });
  } catch (error) {
    failure = error;
  }
  try {
    await stopSafely(context, channel);
    progress({ phase: "stopped" });
  } catch (stopError) {
    const cause = failure ?? stopError;
    const code = isBattError(stopError) ? stopError.code : "timeout";
    throw new BattError(code, `channel ${channel} may still be discharging: STOP failed (${(stopError as Error).message})${failure ? ` after ${(failure as Error).message}` : ""}`, {
      cause,
    });
  }
  if (failure !== undefined || !outcome) throw failure;
  const loaded = outcome.sample;
  const computed = computeIr(ocvMv, loaded.cellsMv.slice(0, cells), loaded.currentA);
  return {
    ...computed,
    channel,
    preset,
    chemistry,
    cells,
    pulseMs: Math.round(outcome.at - sentAt),
    outputIrMilliohm: Math.round(((ocv.outputMv - loaded.outputMv) / computed.currentA) * 100) / 100,
  };
}

interface SettleOptions {
  readonly sentAt: number;
  readonly maxPulseMs: number;
  readonly maxCurrentA: number;
  readonly settleCurrentA: number;
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
    const current = Math.abs(sample.currentA);
    o.progress({ phase: "sample", currentA: sample.currentA, elapsedMs: now - o.sentAt });
    if (current > 1.1 * o.maxCurrentA) throw new BattError("device-exception", `pulse current ${current} A exceeds the cap of ${o.maxCurrentA} A`);
    if (current >= o.settleCurrentA) {
      settledSince ??= now;
      const stable = previous !== undefined && Math.abs(current - Math.abs(previous.currentA)) <= o.tolerance * current;
      if (stable && now - settledSince >= o.settleMs) return { sample, at: now };
    } else {
      settledSince = undefined;
      // A charger that ended the program (a cell reached the discharge voltage, an error) will not settle.
      if (!(await readStatusWord(context, channel, o.signal)).run) {
        const { runStatus, runError } = await readRunState(context, channel, o.signal);
        const meaning = runStatusOf(runStatus).observedMeaning;
        throw new BattError("device-exception", `channel ${channel} stopped during the pulse (run status ${runStatus}${meaning ? ` ${meaning}` : ""}, error ${runError.displayCode}${runError.name ? ` ${runError.name}` : ""})`, {
          context: { deviceCode: runError.raw, runStatus },
        });
      }
    }
    previous = sample;
    const left = o.sentAt + o.maxPulseMs - now;
    if (left <= 0) {
      throw new BattError("timeout", `the discharge current did not settle at ≥ ${o.settleCurrentA} A within ${o.maxPulseMs} ms (last ${current} A)`);
    }
    await waitFor(clock, Math.min(timing.pollIntervalMs, left), o.signal);
  }
}

/** Cells present: the leading cells reading above 0 mV. */
function leadingCells(cellsMv: readonly number[]): number {
  let n = 0;
  while (n < cellsMv.length && cellsMv[n]! > 0 && cellsMv[n] !== 1024) n++;
  return n;
}
