import { wallTimeOf, type Clock } from "@batt/core";
import type { ChargerSettings, EvChargerReading } from "./charger-reading.js";
import type { ChargerStateName } from "./enums.js";

/** States in which a charging session runs: the car is plugged in and the session has not finished (docs/protocols/evcharger.md#state-input-0x001d). */
export const SESSION_STATES: readonly ChargerStateName[] = ["Preparing", "Charging", "SuspendedEV", "SuspendedEVSE", "StartDelay", "ChargePaused", "PhaseSwitching"];

/** A charging session as the registers show it. */
export interface ChargeSession {
  /** Whether the session still runs (state in {@link SESSION_STATES}). */
  readonly active: boolean;
  /** The charger's state name (or raw code). */
  readonly state: string | number;
  /** Energy of the session, Wh (input 0x000F, 0.1 kWh steps). */
  readonly energy: number;
  /** Charging time of the session, s (input 0x002B). */
  readonly duration: number;
  /** When it started: the charger's clock less the charging time (local time of the charger, no zone), while it runs. */
  readonly start?: string;
  /** The charger's clock when read (holding 0x061E–0x0623), local time of the charger. */
  readonly chargerTime?: string;
}

/** The charger's clock from the settings (0x061E–0x0623) as `YYYY-MM-DDTHH:MM:SS`, or undefined when not read. */
export function chargerTime(settings: ChargerSettings): string | undefined {
  const { rtcYear, rtcMonth, rtcDay, rtcHours, rtcMinutes, rtcSeconds } = settings;
  if ([rtcYear, rtcMonth, rtcDay, rtcHours, rtcMinutes, rtcSeconds].some((v) => v === undefined)) return undefined;
  return localText(Date.UTC(2000 + rtcYear!, rtcMonth! - 1, rtcDay!, rtcHours!, rtcMinutes!, rtcSeconds!));
}

/**
 * The current (or last) session from one reading: state, session energy (0x000F), charging time
 * (0x002B) and, while it runs and the clock was read, its start on the charger's clock.
 */
export function sessionFromReading(reading: EvChargerReading): ChargeSession {
  const state = reading.status.state.name ?? reading.status.state.value;
  const active = typeof state === "string" && (SESSION_STATES as readonly string[]).includes(state);
  const now = reading.settingsAge === undefined || reading.settingsAge === 0 ? chargerTime(reading.settings) : undefined;
  const start = active && now !== undefined ? localText(Date.parse(`${now}Z`) - reading.status.chargingTime * 1000) : undefined;
  return {
    active,
    state,
    energy: reading.status.sessionEnergy,
    duration: reading.status.chargingTime,
    ...(start !== undefined ? { start } : {}),
    ...(now !== undefined ? { chargerTime: now } : {}),
  };
}

/** A finished session in a {@link ChargeSessionLog}. */
export interface LoggedSession {
  /** Start, ISO 8601 (the watcher's clock, less the charging time seen first). */
  readonly start: string;
  /** End: the first reading that showed the session over, ISO 8601. */
  readonly end: string;
  /** Energy, Wh. */
  readonly energy: number;
  /** Charging time, s. */
  readonly duration: number;
}

/**
 * Turns repeated readings into a log of sessions with start, end, energy and duration: a session
 * starts when the state enters {@link SESSION_STATES} and ends when it leaves them; the energy and
 * duration are the charger's own session registers as last seen.
 */
export class ChargeSessionLog {
  /** Finished sessions, oldest first. */
  readonly sessions: LoggedSession[] = [];
  private running: { start: number; energy: number; duration: number } | undefined;

  constructor(private readonly clock: Clock) {}

  /** The session running now, if any. */
  get current(): { readonly start: string; readonly energy: number; readonly duration: number } | undefined {
    return this.running && { start: new Date(this.running.start).toISOString(), energy: this.running.energy, duration: this.running.duration };
  }

  /** Feeds one reading; returns the session it finished, if it finished one. */
  update(reading: EvChargerReading): LoggedSession | undefined {
    const session = sessionFromReading(reading);
    const now = wallTimeOf(this.clock);
    if (session.active) {
      this.running ??= { start: now - session.duration * 1000, energy: 0, duration: 0 };
      this.running = { start: this.running.start, energy: session.energy, duration: session.duration };
      return undefined;
    }
    if (!this.running) return undefined;
    // The registers keep the last session's values after it ends: take them if they grew.
    const done: LoggedSession = {
      start: new Date(this.running.start).toISOString(),
      end: new Date(now).toISOString(),
      energy: Math.max(this.running.energy, session.energy),
      duration: Math.max(this.running.duration, session.duration),
    };
    this.running = undefined;
    this.sessions.push(done);
    return done;
  }
}

function localText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
