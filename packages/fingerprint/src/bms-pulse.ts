import { BattError, waitFor, type Clock } from "@batt/core";
import { pulseFromBms } from "./input-adapters.js";
import type { PulseReadings } from "./inputs.js";

/** One BMS sample: cell voltages (V, cell 1 first) and pack current (A, positive while charging). */
export interface BmsSample {
  /** Cell voltages, V. */
  readonly cellVoltages: readonly number[];
  /** Pack current, A, positive while charging. */
  readonly current: number;
}

/** What {@link captureBmsPulse} reports while it works, for a guide on screen. */
export type BmsPulseEvent =
  /** The rest sample was taken; now apply (or switch on) the load. */
  | { readonly phase: "rest"; readonly sample: BmsSample }
  /** The current moved by at least the step; the voltages are left to settle. */
  | { readonly phase: "load-detected"; readonly current: number }
  /** The loaded samples were taken; the load can be removed. */
  | { readonly phase: "loaded"; readonly sample: BmsSample };

/** Options of {@link captureBmsPulse}. */
export interface BmsPulseOptions {
  /** Time source (the tests' `ManualClock`). */
  readonly clock: Clock;
  /** Smallest change of current that counts as the load step, A (default 1). */
  readonly minStepAmps?: number;
  /** Largest current at rest, A (default 0.5): a pack already under load has no rest sample. */
  readonly maxRestAmps?: number;
  /** Time between reads while waiting, ms (default 500). */
  readonly pollMs?: number;
  /** Time the cell voltages are left to settle after the step, ms (default 2000). */
  readonly settleMs?: number;
  /** Loaded samples averaged (default 3). */
  readonly samples?: number;
  /** Longest wait for the load step, ms (default 120000). */
  readonly timeoutMs?: number;
  /** Resolution of the BMS's current, mA (default 10: JBD and JK). */
  readonly currentResolutionMilliamps?: number;
  /** Progress, for the guide. */
  readonly onEvent?: (event: BmsPulseEvent) => void;
  /** Cancels the wait. */
  readonly signal?: AbortSignal;
}

function average(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Measures a load pulse on a BMS: a sample at rest, then waits (polling `read`) until the current
 * steps by at least `minStepAmps`, lets the cell voltages settle, and averages `samples` loaded reads;
 * per-cell IR then follows from (rest − loaded) / ΔI ({@link pulseFromBms} and the fingerprint's IR).
 * The step may be a discharge or a charge. The user makes the step (switches a load on); a simulator can too.
 *
 * @throws BattError `invalid-argument` when the pack is not at rest, the cell count changes, or the
 *   current does not hold the step while sampling; `timeout` when no step comes in `timeoutMs`; `aborted`.
 */
export async function captureBmsPulse(read: () => Promise<BmsSample>, options: BmsPulseOptions): Promise<PulseReadings> {
  const { clock, signal } = options;
  const minStep = options.minStepAmps ?? 1;
  const maxRest = options.maxRestAmps ?? 0.5;
  const pollMs = options.pollMs ?? 500;
  const count = options.samples ?? 3;
  if (!(minStep > 0) || !(maxRest >= 0) || !(pollMs > 0) || !Number.isInteger(count) || count < 1) {
    throw new BattError("invalid-argument", "captureBmsPulse: minStepAmps and pollMs must be positive, maxRestAmps not negative, samples a positive integer");
  }
  const rest = await read();
  if (rest.cellVoltages.length < 2) throw new BattError("invalid-argument", `a fingerprint needs at least 2 cells, the BMS reports ${rest.cellVoltages.length}`);
  if (Math.abs(rest.current) > maxRest) {
    throw new BattError("invalid-argument", `the pack is not at rest (${rest.current.toFixed(2)} A flows, at most ${maxRest} A allowed): remove the load or charger and try again`, {
      context: { current: rest.current },
    });
  }
  options.onEvent?.({ phase: "rest", sample: rest });
  const deadline = clock.now() + (options.timeoutMs ?? 120_000);
  let step: number | undefined;
  while (step === undefined) {
    if (clock.now() >= deadline) throw new BattError("timeout", `no load step of ${minStep} A or more within ${(options.timeoutMs ?? 120_000) / 1000} s`);
    await waitFor(clock, pollMs, signal);
    const now = await read();
    if (Math.abs(now.current - rest.current) >= minStep) step = now.current - rest.current;
  }
  options.onEvent?.({ phase: "load-detected", current: step + rest.current });
  await waitFor(clock, options.settleMs ?? 2000, signal);
  const loaded: BmsSample[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) await waitFor(clock, pollMs, signal);
    const sample = await read();
    if (sample.cellVoltages.length !== rest.cellVoltages.length) {
      throw new BattError("invalid-argument", `the BMS reported ${sample.cellVoltages.length} cells under load and ${rest.cellVoltages.length} at rest`);
    }
    const delta = sample.current - rest.current;
    if (Math.sign(delta) !== Math.sign(step) || Math.abs(delta) < minStep) {
      throw new BattError("invalid-argument", `the load did not hold while sampling (${sample.current.toFixed(2)} A): keep it on until told to remove it`);
    }
    loaded.push(sample);
  }
  const sample: BmsSample = {
    cellVoltages: rest.cellVoltages.map((_, c) => average(loaded.map((s) => s.cellVoltages[c]!))),
    current: average(loaded.map((s) => s.current)),
  };
  options.onEvent?.({ phase: "loaded", sample });
  return pulseFromBms({
    restCellVolts: rest.cellVoltages,
    loadedCellVolts: sample.cellVoltages,
    currentAmps: sample.current,
    restCurrentAmps: rest.current,
    currentResolutionMilliamps: options.currentResolutionMilliamps ?? 10,
  });
}
