import type { STATE_NAMES } from "../enums.js";

/** State values of input 0x001D, by name. */
export const ChargerState = {
  Available: 0,
  Preparing: 1,
  Charging: 2,
  Finishing: 3,
  Faulted: 4,
  Unavailable: 5,
  Reserved: 6,
  SuspendedEV: 7,
  SuspendedEVSE: 8,
  Update: 9,
} as const satisfies Readonly<Record<string, keyof typeof STATE_NAMES>>;

/** Options for {@link ChargerModel}. */
export interface ChargerModelOptions {
  /** Phases wired (default 3, an X3). */
  readonly phases?: 1 | 3;
  /** Rated current per phase, A (default 16, an 11 kW X3). */
  readonly ratedCurrent?: number;
  /** Grid voltage per phase, V (default 230). */
  readonly voltage?: number;
  /** Grid frequency, Hz (default 50). */
  readonly frequency?: number;
  /** Household load per phase on the grid side, W (default 400). */
  readonly houseLoad?: number;
  /** Lifetime energy at the start, Wh (default 1 234 500). */
  readonly totalEnergy?: number;
  /** Largest current the car draws, A (default 32). */
  readonly evMaxCurrent?: number;
}

/** Charge modes of holding 0x060D. */
export const Mode = { Stop: 0, Fast: 1, Eco: 2, Green: 3 } as const;

/**
 * The charger's behaviour: plug, car readiness, control commands, modes and faults decide the
 * state (Available → Preparing → Charging → Finishing, suspended by car or charger, Faulted,
 * Unavailable, Reserved, Update), and while charging the configured current flows and session
 * and lifetime energy accumulate. Time moves only through {@link ChargerModel.step}.
 */
export class ChargerModel {
  /** Phases wired. */
  readonly phases: 1 | 3;
  /** Rated current per phase, A. */
  readonly ratedCurrent: number;
  /** Grid voltage, V. */
  readonly voltage: number;
  /** Grid frequency, Hz. */
  readonly frequency: number;
  /** Household load per phase, W. */
  houseLoad: number;
  /** Largest current the car draws, A. */
  evMaxCurrent: number;
  /** Charging current setting (holding 0x0628, or what G2's 0x0668 allows), A. */
  maxCurrent = 16;
  /** Phases in use (the G2 phase switch 0xA105 or G1's 0x0625 may drop a three-phase charger to one). */
  activePhases: 1 | 3;
  /** Charge mode (holding 0x060D). */
  mode: number = Mode.Fast;
  /** ECO gear limit, A. */
  ecoCurrent = 6;
  /** Green gear limit, A. */
  greenCurrent = 3;
  /** Whether plugging in starts a session (holding 0x0610 = plug and charge). */
  plugAndCharge = true;
  /** Active fault bits (input 0x001E). */
  faultBits = 0;
  /** Energy of the current or last session, Wh. */
  sessionEnergy = 0;
  /** Lifetime energy, Wh. */
  totalEnergy: number;
  /** Duration of the current or last session's charging, ms. */
  chargingMs = 0;

  private plugged = false;
  private evReady = true;
  private sessionActive = false;
  private stopped = false;
  private forced = false;
  private halted = false;
  private unavailable = false;
  private reserved = false;
  private updating = false;

  constructor(options: ChargerModelOptions = {}) {
    this.phases = options.phases ?? 3;
    this.activePhases = this.phases;
    this.ratedCurrent = options.ratedCurrent ?? 16;
    this.voltage = options.voltage ?? 230;
    this.frequency = options.frequency ?? 50;
    this.houseLoad = options.houseLoad ?? 400;
    this.totalEnergy = options.totalEnergy ?? 1_234_500;
    this.evMaxCurrent = options.evMaxCurrent ?? 32;
  }

  /** Whether a car is plugged in. */
  get isPlugged(): boolean {
    return this.plugged;
  }

  /** The state (input 0x001D). */
  get state(): number {
    if (this.updating) return ChargerState.Update;
    if (this.faultBits !== 0) return ChargerState.Faulted;
    if (this.unavailable) return ChargerState.Unavailable;
    if (!this.plugged) return this.reserved ? ChargerState.Reserved : ChargerState.Available;
    if (this.stopped) return ChargerState.Finishing;
    if (!this.sessionActive) return ChargerState.Preparing;
    if ((this.mode === Mode.Stop || this.halted) && !this.forced) return ChargerState.SuspendedEVSE;
    if (!this.evReady) return ChargerState.SuspendedEV;
    return ChargerState.Charging;
  }

  /** Current per active phase, A (0 unless charging). */
  get current(): number {
    if (this.state !== ChargerState.Charging) return 0;
    const modeLimit = this.mode === Mode.Eco ? this.ecoCurrent : this.mode === Mode.Green ? this.greenCurrent : Number.POSITIVE_INFINITY;
    return Math.max(0, Math.min(this.maxCurrent, this.ratedCurrent, this.evMaxCurrent, modeLimit));
  }

  /** A car is plugged in; a new session starts (charging at once with plug and charge). */
  plugIn(evReady = true): void {
    this.plugged = true;
    this.evReady = evReady;
    this.reserved = false;
    this.stopped = false;
    this.sessionActive = this.plugAndCharge;
    this.forced = false;
    this.halted = false;
    this.sessionEnergy = 0;
    this.chargingMs = 0;
  }

  /** The car is unplugged; the session ends (its energy stays readable). */
  unplug(): void {
    this.plugged = false;
    this.sessionActive = false;
    this.stopped = false;
    this.forced = false;
  }

  /** The car asks for energy, or pauses (SuspendedEV). */
  setEvReady(ready: boolean): void {
    this.evReady = ready;
  }

  /** Applies a control command (holding 0x0627); unknown values are ignored, as the register is simply cleared. */
  command(value: number): void {
    switch (value) {
      case 1:
        this.unavailable = false;
        break;
      case 2:
        if (this.state !== ChargerState.Charging) this.unavailable = true;
        break;
      case 3:
        if (this.plugged) this.stopped = true;
        break;
      case 4:
        if (this.plugged) {
          this.sessionActive = true;
          this.stopped = false;
          this.forced = true; // starts even in Stop mode, without changing 0x060D
          this.halted = false;
        }
        break;
      case 5:
        if (!this.plugged) this.reserved = true;
        break;
      case 6:
        this.reserved = false;
        break;
    }
  }

  /**
   * Changes the mode (holding 0x060D). Stop suspends charging, and leaving Stop does not resume
   * it: a start command is needed first (SolaX support, docs/protocols/evcharger.md#start-stop-and-reserve).
   */
  setMode(mode: number): void {
    this.mode = mode;
    if (mode === Mode.Stop) {
      this.forced = false;
      this.halted = true;
    }
  }

  /** Enters or leaves the bootloader (state Update). */
  setUpdating(updating: boolean): void {
    this.updating = updating;
  }

  /** Advances time by `ms`: energy and charging time accumulate while charging. */
  step(ms: number): void {
    const current = this.current;
    if (current <= 0 || ms <= 0) return;
    const watts = this.voltage * current * this.activePhases;
    const wh = (watts * ms) / 3_600_000;
    this.sessionEnergy += wh;
    this.totalEnergy += wh;
    this.chargingMs += ms;
  }
}
