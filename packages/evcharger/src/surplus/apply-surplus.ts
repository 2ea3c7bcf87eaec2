import type { CallOptions } from "@batt/core";
import type { EvCharger } from "../ev-charger.js";
import type { SurplusDecision } from "./surplus-controller.js";

/** What {@link applySurplusDecision} sent, in order. */
export type SurplusAction = "stop" | "phases" | "current" | "start";

/**
 * Carries a {@link SurplusDecision} out on a charger: stop first, then phases and current, then
 * start (each a driver call with its read-back and EEPROM guard). Returns what it sent.
 */
export async function applySurplusDecision(charger: EvCharger, decision: SurplusDecision, options: CallOptions = {}): Promise<SurplusAction[]> {
  const done: SurplusAction[] = [];
  if (decision.stop) {
    await charger.stopCharging(options);
    done.push("stop");
    return done;
  }
  if (decision.switchPhases) {
    await charger.setPhases(decision.phases, options);
    done.push("phases");
  }
  if (decision.changeCurrent && decision.charging) {
    await charger.setChargeCurrent(decision.current, options);
    done.push("current");
  }
  if (decision.start) {
    await charger.startCharging(options);
    done.push("start");
  }
  return done;
}
