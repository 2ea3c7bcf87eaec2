import { BattError, type Clock } from "@batt/core";
import { MAX_CHARGE_CURRENT_A, MIN_CHARGE_CURRENT_A } from "../constants.js";

/** Options for {@link SurplusController}; times in ms, powers in W. */
export interface SurplusOptions {
  /** Phase voltage, V (default 230). */
  readonly voltage?: number;
  /** Lowest current, A (default 6, IEC 61851). */
  readonly minCurrent?: number;
  /** Highest current, A (default 32; give the charger's rating). */
  readonly maxCurrent?: number;
  /** Phase counts the charger can use (default [1, 3]; [3] or [1] without a phase switch). */
  readonly phases?: readonly (1 | 3)[];
  /** Margin above a start or phase-up threshold and below a stop or phase-down threshold, W (default 300). */
  readonly hysteresis?: number;
  /** How long the surplus must stay enough before charging starts (default 60 000). */
  readonly enableDelayMs?: number;
  /** How long it must stay too small before charging stops (default 180 000). */
  readonly disableDelayMs?: number;
  /** How long a phase change must stay due before it is made (default 300 000). */
  readonly phaseDelayMs?: number;
  /** Least time charging runs once started (default 300 000). */
  readonly minOnMs?: number;
  /** Least time charging stays off once stopped (default 300 000). */
  readonly minOffMs?: number;
  /**
   * The EEPROM write guard of the charger (`EvCharger.eeprom.minIntervalMs`, default 60 000): the
   * phase switch is never changed sooner than this after the last change, nor is the current when
   * {@link SurplusOptions.currentInEeprom} (G2's 0x0668).
   */
  readonly eepromMinIntervalMs?: number;
  /** Whether the current register is EEPROM-backed (G2: true; G1's 0x0628 is volatile). Default false. */
  readonly currentInEeprom?: boolean;
}

/** The defaults of every {@link SurplusOptions} field (what the controller uses where an option is not given). */
export const SURPLUS_DEFAULTS: Readonly<Required<SurplusOptions>> = {
  voltage: 230,
  minCurrent: MIN_CHARGE_CURRENT_A,
  maxCurrent: MAX_CHARGE_CURRENT_A,
  phases: [1, 3],
  hysteresis: 300,
  enableDelayMs: 60_000,
  disableDelayMs: 180_000,
  phaseDelayMs: 300_000,
  minOnMs: 300_000,
  minOffMs: 300_000,
  eepromMinIntervalMs: 60_000,
  currentInEeprom: false,
};

/** What the charger is doing, as the controller starts or as last applied. */
export interface SurplusState {
  /** Whether charging is on. */
  readonly charging: boolean;
  /** Phases in use. */
  readonly phases: 1 | 3;
  /** Current setting, A. */
  readonly current: number;
}

/** One decision: the state to be in, and what changes to get there. */
export interface SurplusDecision extends SurplusState {
  /** Power available to the car: export plus what the car draws now, W. */
  readonly available: number;
  /** Start charging now. */
  readonly start: boolean;
  /** Stop charging now. */
  readonly stop: boolean;
  /** Change the phases now. */
  readonly switchPhases: boolean;
  /** Change the current now. */
  readonly changeCurrent: boolean;
  /** Why, in a few words. */
  readonly reason: string;
}

/**
 * Solar-surplus charging as pure logic: from grid export (W, positive when exporting) and what the
 * car draws, picks on/off, one or three phases and a current within 6–32 A, with hysteresis,
 * delays, minimum on and off times, and never an EEPROM-backed change sooner than the charger's
 * write guard allows. Time comes from the clock; nothing is sent (see {@link applySurplusDecision}).
 *
 * @example
 * ```ts
 * const control = new SurplusController(clock, { maxCurrent: 16, currentInEeprom: generation === "g2" }, { charging: false, phases: 3, current: 6 });
 * const decision = control.decide(exportW, reading.status.totalPower);
 * ```
 */
export class SurplusController {
  private state: SurplusState;
  private readonly o: Required<SurplusOptions>;
  private onOffAt = Number.NEGATIVE_INFINITY;
  private phasesAt = Number.NEGATIVE_INFINITY;
  private currentAt = Number.NEGATIVE_INFINITY;
  private enoughSince: number | undefined;
  private shortSince: number | undefined;
  private phaseDueSince: number | undefined;

  constructor(
    private readonly clock: Clock,
    options: SurplusOptions = {},
    initial: SurplusState = { charging: false, phases: 3, current: MIN_CHARGE_CURRENT_A },
  ) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SurplusOptions;
    this.o = { ...SURPLUS_DEFAULTS, ...defined };
    const { minCurrent, maxCurrent, phases } = this.o;
    if (!(minCurrent >= MIN_CHARGE_CURRENT_A && maxCurrent <= MAX_CHARGE_CURRENT_A && minCurrent <= maxCurrent)) {
      throw new BattError("invalid-argument", `currents must lie within ${MIN_CHARGE_CURRENT_A}–${MAX_CHARGE_CURRENT_A} A, min ≤ max: ${minCurrent}–${maxCurrent}`);
    }
    if (phases.length === 0 || phases.some((p) => p !== 1 && p !== 3)) throw new BattError("invalid-argument", `phases must be 1 and/or 3: ${JSON.stringify(phases)}`);
    this.state = { ...initial, phases: phases.includes(initial.phases) ? initial.phases : phases[0]! };
  }

  /** The state after the last decision. */
  get current(): SurplusState {
    return this.state;
  }

  /**
   * Decides with the grid input lost (a meter gone quiet): as though no power at all were
   * available, so the current falls to the least at once (where the EEPROM guard allows) and
   * charging stops once the stop delay and the minimum on time have passed; it never starts.
   * Call it on every tick while the input stays lost.
   */
  failSafe(): SurplusDecision {
    const decision = this.decide(0, 0);
    return { ...decision, reason: `input lost: ${decision.reason}` };
  }

  /**
   * Decides from the grid export and the car's present draw (W). Call it on every new export value.
   *
   * @throws BattError `invalid-argument` for a value that is not a finite number.
   */
  decide(exportW: number, chargingW = 0): SurplusDecision {
    if (!Number.isFinite(exportW) || !Number.isFinite(chargingW)) throw new BattError("invalid-argument", `export and charging power must be numbers: ${exportW}, ${chargingW}`);
    const now = this.clock.now();
    const o = this.o;
    const available = exportW + (this.state.charging ? chargingW : 0);
    const watts = (phases: number, amps: number) => phases * amps * o.voltage;
    const least = Math.min(...o.phases);
    const most = Math.max(...o.phases);
    const since = (mark: number | undefined, condition: boolean): number | undefined => (condition ? (mark ?? now) : undefined);
    const prev = this.state;
    let { charging, phases, current } = prev;
    let reason = "steady";
    const eepromFree = (at: number) => now - at >= o.eepromMinIntervalMs;

    if (!charging) {
      this.enoughSince = since(this.enoughSince, available >= watts(least, o.minCurrent) + o.hysteresis);
      if (this.enoughSince !== undefined && now - this.enoughSince >= o.enableDelayMs && now - this.onOffAt >= o.minOffMs) {
        charging = true;
        reason = "surplus enough to start";
        const want: 1 | 3 = available >= watts(most, o.minCurrent) + o.hysteresis ? (most as 1 | 3) : (least as 1 | 3);
        if (want !== phases && o.phases.includes(want) && eepromFree(this.phasesAt)) phases = want;
        if (!o.phases.includes(phases)) phases = least as 1 | 3;
      } else reason = this.enoughSince === undefined ? "too little surplus" : "waiting to start";
    } else {
      // Phases: up when three phases' minimum fits, down when it no longer does.
      const other: 1 | 3 = phases === 1 ? 3 : 1;
      const due = o.phases.includes(other) && (other === 3 ? available >= watts(3, o.minCurrent) + o.hysteresis : available < watts(3, o.minCurrent) - o.hysteresis);
      this.phaseDueSince = since(this.phaseDueSince, due);
      if (this.phaseDueSince !== undefined && now - this.phaseDueSince >= o.phaseDelayMs && eepromFree(this.phasesAt)) {
        phases = other;
        reason = `switch to ${other} phase${other === 3 ? "s" : ""}`;
        this.phaseDueSince = undefined;
      }
      this.shortSince = since(this.shortSince, available < watts(least, o.minCurrent) - o.hysteresis);
      if (this.shortSince !== undefined && now - this.shortSince >= o.disableDelayMs && now - this.onOffAt >= o.minOnMs) {
        charging = false;
        phases = prev.phases;
        reason = "surplus too small: stop";
      }
    }
    if (charging) {
      const target = Math.min(o.maxCurrent, Math.max(o.minCurrent, Math.floor(available / (phases * o.voltage))));
      if (target !== current && (!o.currentInEeprom || eepromFree(this.currentAt))) {
        current = target;
        if (reason === "steady") reason = `current ${target} A`;
      }
    }
    const decision: SurplusDecision = {
      charging,
      phases,
      current,
      available,
      start: charging && !prev.charging,
      stop: !charging && prev.charging,
      switchPhases: phases !== prev.phases,
      changeCurrent: current !== prev.current,
      reason,
    };
    if (decision.start || decision.stop) {
      this.onOffAt = now;
      this.enoughSince = undefined;
      this.shortSince = undefined;
    }
    if (decision.switchPhases) this.phasesAt = now;
    if (decision.changeCurrent) this.currentAt = now;
    this.state = { charging, phases, current };
    return decision;
  }
}
