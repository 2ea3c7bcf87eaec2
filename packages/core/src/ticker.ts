import type { Clock, TimerHandle } from "./clock.js";
import { BattError } from "./errors.js";

/** A running {@link startTicker} loop. */
export interface Ticker {
  /** Stops the loop; no tick runs after it returns (also when called from inside a tick). */
  stop(): void;
}

/**
 * Calls `onTick` every `periodMs` on `clock` with the time that passed since the previous tick
 * (or the start), measured on the clock, until stopped: what a simulator needs to advance its
 * model in step with the clock, also when timers fire late. A tick that throws ends the loop.
 *
 * @throws BattError `invalid-argument` unless `periodMs` is a positive finite number.
 * @example
 * ```ts
 * const ticker = startTicker(clock, 1000, (elapsedMs) => model.step(elapsedMs * speed));
 * ticker.stop();
 * ```
 */
export function startTicker(clock: Clock, periodMs: number, onTick: (elapsedMs: number) => void): Ticker {
  if (!(periodMs > 0 && Number.isFinite(periodMs))) throw new BattError("invalid-argument", `tick period ${periodMs} ms must be a positive number`);
  let last = clock.now();
  let handle: TimerHandle | undefined;
  let stopped = false;
  const tick = (): void => {
    const now = clock.now();
    const elapsed = now - last;
    last = now;
    handle = undefined;
    onTick(elapsed);
    if (!stopped) handle = clock.setTimer(tick, periodMs);
  };
  handle = clock.setTimer(tick, periodMs);
  return {
    stop() {
      stopped = true;
      if (handle !== undefined) clock.clearTimer(handle);
      handle = undefined;
    },
  };
}
