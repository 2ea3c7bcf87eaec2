import { BattError, type Clock, type DeviceReading, type DeviceSession } from "@batt/core";
import { applySurplusDecision, surplusSetup, type EvCharger } from "@batt/evcharger";
import type { LinkRunner } from "../link/link-runner.js";
import type { SurplusCharger } from "./surplus-feed.js";

/** The parts of the driver surplus charging uses (`applySurplusDecision` and `surplusSetup` need no more). */
type SurplusDriver = Pick<EvCharger, "readAll" | "readSettings" | "startCharging" | "stopCharging" | "setChargeCurrent" | "setPhases" | "eeprom">;

/**
 * The EV charger driver behind a device session. Checked by shape, not `instanceof`: the plugin's
 * bundle and this package's may each hold their own copy of the class.
 *
 * @throws BattError `unsupported` when the session is not an EV charger's.
 */
export function chargerOfSession(session: DeviceSession): SurplusDriver {
  const charger = (session as { charger?: Partial<SurplusDriver> }).charger;
  const methods = ["readAll", "readSettings", "startCharging", "stopCharging", "setChargeCurrent", "setPhases"] as const;
  if (charger === undefined || charger === null || methods.some((m) => typeof charger[m] !== "function") || typeof charger.eeprom?.minIntervalMs !== "number") {
    throw new BattError("unsupported", "surplus charging needs an EV charger session (kind: evcharger)");
  }
  return charger as SurplusDriver;
}

/** Runs `work` with an abort signal that fires after `ms` on `clock`. */
async function withDeadline<T>(clock: Clock, ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = clock.setTimer(() => controller.abort(new BattError("timeout", `surplus charging: the charger took longer than ${ms} ms`)), ms);
  try {
    return await work(controller.signal);
  } finally {
    clock.clearTimer(timer);
  }
}

/**
 * A device's charger as a {@link SurplusCharger}, reached through its link's queue (one request
 * in flight per link, between polls). After a decision that sent something, the device is read
 * and the reading handed to `onReading`, so its state topic shows the new setting at once.
 *
 * @param deadlineMs - The device's deadline: the setup gets two (a reading, then the settings afresh), a decision one per action plus one for the reading.
 */
export function linkCharger(runner: LinkRunner, device: string, clock: Clock, deadlineMs: number, onReading: (reading: DeviceReading<unknown>) => void): SurplusCharger {
  return {
    setup: () =>
      runner.withSession(device, (session) => {
        const charger = chargerOfSession(session);
        return withDeadline(clock, 2 * deadlineMs, async (signal) => {
          const reading = await charger.readAll({ signal });
          // readAll's settings may be up to `settings-refresh` old, and another client (the charger's app) may have changed
          // the current since: the controller must start from the setting as it is.
          const { settings } = await charger.readSettings({ signal });
          return { ...surplusSetup({ ...reading, settings }, charger.eeprom.minIntervalMs), drawnW: reading.status.totalPower };
        });
      }),
    apply: async (decision) => {
      const actions = decision.stop ? 1 : Number(decision.switchPhases) + Number(decision.changeCurrent && decision.charging) + Number(decision.start);
      const { sent, reading } = await runner.withSession(device, (session) =>
        withDeadline(clock, deadlineMs * (actions + 1), async (signal) => {
          // applySurplusDecision calls only what SurplusDriver holds.
          const sent = await applySurplusDecision(chargerOfSession(session) as EvCharger, decision, { signal });
          // The decision is carried out either way; a failed reading only leaves the state topic to the next poll.
          const reading = sent.length > 0 ? await session.read(signal).catch(() => undefined) : undefined;
          return { sent, reading };
        }),
      );
      if (reading) onReading(reading);
      return sent;
    },
  };
}
