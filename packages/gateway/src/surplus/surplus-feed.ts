import { BattError, toBattError, type Clock, type TimerHandle } from "@batt/core";
import { SurplusController, type SurplusAction, type SurplusDecision, type SurplusOptions, type SurplusSetup } from "@batt/evcharger";
import type { SurplusConfig } from "../config/gateway-config.js";
import { SURPLUS_STALE_AFTER_S } from "../config/resolve-config.js";
import type { Logger } from "../log/logger.js";
import { parseGridPayload } from "./grid-payload.js";

/** The controller's starting point, and what the car draws at that moment. */
export interface ChargerStart extends SurplusSetup {
  /** The charger's total power as read, W. */
  readonly drawnW: number;
}

/** The charger as the feed reaches it: each call runs as the only operation on its link. */
export interface SurplusCharger {
  /** Reads the charger: the controller's starting point. */
  setup(): Promise<ChargerStart>;
  /** Carries a decision out (with the driver's read-back and EEPROM guard); returns what was sent. */
  apply(decision: SurplusDecision): Promise<readonly SurplusAction[]>;
}

/** What the feed publishes after every change: the decision, the input and the counters. */
export interface SurplusStatus {
  /** Whether surplus mode is on. */
  readonly enabled: boolean;
  /** Whether the input is lost (no valid value for `staleAfter`): the controller fails safe. */
  readonly stale: boolean;
  /** The last valid grid export, W (positive: exporting), or null before the first. */
  readonly exportW: number | null;
  /** Power the controller counted as available to the car, W, or null before its first decision. */
  readonly available: number | null;
  /** Whether charging is on, as decided. */
  readonly charging: boolean | null;
  /** Phases, as decided. */
  readonly phases: 1 | 3 | null;
  /** Current setting, A, as decided. */
  readonly current: number | null;
  /** Why, in a few words. */
  readonly reason: string;
  /** What the last decision sent to the charger (`stop`, `phases`, `current`, `start`). */
  readonly sent: readonly SurplusAction[];
  /** Payloads on the topic that held no usable value (counted, never acted on). */
  readonly badPayloads: number;
  /** Decisions that could not be made or carried out (the controller is then rebuilt from the charger). */
  readonly errors: number;
  /** The last such error. */
  readonly lastError: { readonly code: string; readonly message: string } | null;
}

/** Options of a {@link SurplusFeed}. */
export interface SurplusFeedOptions {
  /** The device's name, for logs. */
  readonly device: string;
  /** Its `surplus` config. */
  readonly config: SurplusConfig;
  /** How the charger is reached. */
  readonly charger: SurplusCharger;
  /** Time and timers: the controller's clock too. */
  readonly clock: Clock;
  /** Where problems go. */
  readonly logger: Logger;
  /** Called with the status after every change. */
  readonly publish: (status: SurplusStatus) => void;
  /** While the input is lost, how often the controller is asked again, ms (the device's poll interval). */
  readonly tickMs: number;
}

const CONTROLLER_KEYS = ["voltage", "minCurrent", "maxCurrent", "hysteresis", "enableDelayMs", "disableDelayMs", "phaseDelayMs", "minOnMs", "minOffMs"] as const;

/**
 * The controller's options: what the config gives (the controller's defaults for the rest), bounded
 * by what the charger allows (its rating, its wiring) and with its EEPROM guard.
 *
 * @throws BattError `invalid-argument` when the config asks for phases the charger cannot use.
 */
export function controllerOptions(config: SurplusConfig, setup: SurplusSetup): SurplusOptions {
  const options: { -readonly [K in keyof SurplusOptions]: SurplusOptions[K] } = {};
  for (const key of CONTROLLER_KEYS) if (config[key] !== undefined) options[key] = config[key];
  const phases = config.phases ? config.phases.filter((p) => setup.options.phases.includes(p)) : setup.options.phases;
  if (phases.length === 0) throw new BattError("invalid-argument", `surplus phases ${JSON.stringify(config.phases)}: the charger can use ${JSON.stringify(setup.options.phases)}`);
  return {
    ...options,
    maxCurrent: Math.min(config.maxCurrent ?? setup.options.maxCurrent, setup.options.maxCurrent),
    phases,
    eepromMinIntervalMs: setup.options.eepromMinIntervalMs,
    currentInEeprom: setup.options.currentInEeprom,
  };
}

/**
 * Solar-surplus charging of one charger from grid-power messages: each payload is parsed (a bad
 * one is counted and logged, never acted on), each value is handed to a `SurplusController` on the
 * gateway's clock with the charger's latest draw, and each decision is carried out through the
 * link (one decision at a time; values arriving meanwhile are coalesced to the latest). With no
 * valid value for `staleAfter` the controller fails safe (`SurplusController.failSafe`: least
 * current, then stop) and is asked again every tick until values return. The controller is built
 * from a fresh reading of the charger when the feed is enabled, and rebuilt after any failure.
 */
export class SurplusFeed {
  private controller: SurplusController | undefined;
  private enabledNow: boolean;
  /** Whether `enabled` was set at run time (a command), so a retained state no longer applies. */
  private commanded = false;
  private exportW: number | undefined;
  private lastValueAt: number;
  private stale = false;
  private staleTimer: TimerHandle | undefined;
  private chargingW = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private last: SurplusDecision | undefined;
  private sent: readonly SurplusAction[] = [];
  private badPayloads = 0;
  private badInARow = 0;
  private errors = 0;
  private lastError: BattError | undefined;
  private readonly staleAfterMs: number;

  constructor(private readonly options: SurplusFeedOptions) {
    this.enabledNow = options.config.enabled ?? true;
    this.staleAfterMs = Math.round((options.config.staleAfter ?? SURPLUS_STALE_AFTER_S) * 1000);
    this.lastValueAt = options.clock.now();
  }

  /** Whether surplus mode is on. */
  get enabled(): boolean {
    return this.enabledNow;
  }

  /** The status as published. */
  get status(): SurplusStatus {
    const d = this.last;
    return {
      enabled: this.enabledNow,
      stale: this.stale,
      exportW: this.exportW ?? null,
      available: d?.available ?? null,
      charging: d?.charging ?? null,
      phases: d?.phases ?? null,
      current: d?.current ?? null,
      reason: !this.enabledNow ? "disabled" : (d?.reason ?? (this.stale ? "input lost" : "waiting for grid power")),
      sent: this.sent,
      badPayloads: this.badPayloads,
      errors: this.errors,
      lastError: this.lastError ? { code: this.lastError.code, message: this.lastError.message } : null,
    };
  }

  /** Starts watching for a lost input (from now) and publishes the status. */
  start(): void {
    this.lastValueAt = this.options.clock.now();
    this.armStale();
    this.options.publish(this.status);
  }

  /** Resolves once no decision is in progress (nor queued behind one). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops: no more decisions; one in progress ends on its own. Returns when it has. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearStale();
    await this.running;
  }

  /** One payload from the grid topic. */
  message(payload: string): void {
    if (this.stopped) return;
    let exportW: number;
    try {
      exportW = parseGridPayload(payload, { unit: this.options.config.unit ?? "W", sign: this.options.config.sign, ...(this.options.config.field !== undefined ? { field: this.options.config.field } : {}) });
    } catch (error) {
      this.badPayloads++;
      // The first of a run is logged; a meter that keeps sending rubbish would flood the log otherwise.
      if (this.badInARow++ === 0) this.options.logger.warn("surplus: grid payload ignored", { device: this.options.device, topic: this.options.config.topic, error: toBattError(error, "unexpected-reply").message });
      this.options.publish(this.status);
      return;
    }
    this.badInARow = 0;
    this.exportW = exportW;
    this.lastValueAt = this.options.clock.now();
    if (this.stale) this.options.logger.info("surplus: grid power back", { device: this.options.device });
    this.stale = false;
    this.armStale();
    this.request();
  }

  /** The charger's present draw, W, from its latest reading. */
  reading(chargingW: number): void {
    if (Number.isFinite(chargingW)) this.chargingW = chargingW;
  }

  /**
   * Turns surplus mode on or off. Off hands the charger back as it is (nothing is sent); on
   * rebuilds the controller from a fresh reading. `retained` marks the state kept by the broker from
   * an earlier run: it applies only until the first command.
   */
  setEnabled(on: boolean, retained = false): void {
    if (retained && this.commanded) return;
    if (!retained) this.commanded = true;
    if (on === this.enabledNow) {
      this.options.publish(this.status);
      return;
    }
    this.enabledNow = on;
    this.controller = undefined;
    this.last = undefined;
    this.sent = [];
    this.options.logger.info(on ? "surplus charging on" : "surplus charging off", { device: this.options.device });
    if (on) {
      // A value younger than staleAfter is decided on at once; otherwise the lost-input timer fires at once.
      if (this.exportW !== undefined && this.options.clock.now() - this.lastValueAt < this.staleAfterMs) this.request();
      this.armStale();
    } else this.clearStale();
    this.options.publish(this.status);
  }

  /** Arms the lost-input timer for `staleAfter` past the last value. */
  private armStale(): void {
    this.clearStale();
    if (!this.enabledNow || this.stopped) return;
    const due = Math.max(0, this.lastValueAt + this.staleAfterMs - this.options.clock.now());
    this.staleTimer = this.options.clock.setTimer(() => this.onStale(), due);
  }

  private clearStale(): void {
    if (this.staleTimer !== undefined) this.options.clock.clearTimer(this.staleTimer);
    this.staleTimer = undefined;
  }

  private onStale(): void {
    this.staleTimer = undefined;
    if (!this.stale) this.options.logger.warn("surplus: no grid power; failing safe", { device: this.options.device, topic: this.options.config.topic, staleAfterS: this.staleAfterMs / 1000 });
    this.stale = true;
    this.request();
    this.staleTimer = this.options.clock.setTimer(() => this.onStale(), Math.max(1, this.options.tickMs));
  }

  /** Asks for a decision: now, or after the one in progress (values in between are coalesced). */
  private request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => (this.running = undefined));
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      await this.step();
    } while (this.again && !this.stopped);
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    if (!this.enabledNow || (!this.stale && this.exportW === undefined)) {
      this.options.publish(this.status); // the input, shown while disabled too
      return;
    }
    try {
      if (!this.controller) {
        const setup = await this.options.charger.setup();
        if (!this.enabledNow || this.stopped) return;
        // Fresher than the last poll, and there when no poll has come yet.
        this.reading(setup.drawnW);
        this.controller = new SurplusController(this.options.clock, controllerOptions(this.options.config, setup), setup.initial);
      }
      const decision = this.stale ? this.controller.failSafe() : this.controller.decide(this.exportW!, this.chargingW);
      this.last = decision;
      const due = decision.stop || decision.start || decision.switchPhases || (decision.changeCurrent && decision.charging);
      this.sent = due ? await this.options.charger.apply(decision) : [];
      if (this.sent.length > 0) this.options.logger.info("surplus: applied", { device: this.options.device, sent: this.sent.join(","), current: decision.current, phases: decision.phases, reason: decision.reason });
      this.lastError = undefined;
    } catch (error) {
      const e = toBattError(error, "device-exception");
      this.errors++;
      // The controller assumed its decision was carried out: start again from what the charger says.
      this.controller = undefined;
      this.sent = [];
      if (this.lastError?.message !== e.message) this.options.logger.warn("surplus: decision not carried out", { device: this.options.device, code: e.code, error: e.message });
      this.lastError = e;
    }
    this.options.publish(this.status);
  }
}
