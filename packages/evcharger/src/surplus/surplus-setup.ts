import { MAX_CHARGE_CURRENT_A, MIN_CHARGE_CURRENT_A } from "../constants.js";
import type { EvChargerReading } from "../charger-reading.js";
import { RATED_CURRENT } from "../enums.js";
import type { SurplusOptions, SurplusState } from "./surplus-controller.js";

/** States in which the charger counts as charging for the controller (a session it runs). */
const CHARGING_STATES: readonly string[] = ["Charging", "SuspendedEV", "Preparing"];

/** What a {@link SurplusController} needs to know of a charger before it starts. */
export interface SurplusSetup {
  /** What the charger does now. */
  readonly initial: SurplusState;
  /** The options the charger itself dictates: its rating, its wiring, its EEPROM guard. */
  readonly options: Pick<Required<SurplusOptions>, "maxCurrent" | "phases" | "eepromMinIntervalMs" | "currentInEeprom">;
}

/**
 * The controller's starting point from one full reading of the charger: charging or not, the
 * phases in use (L2 dead while L1 carries current on a three-phase unit means one), the current
 * setting the generation honours (G2: 0x0668, EEPROM-backed), the rating of the power class as the
 * highest current, and the phase counts the wiring allows.
 *
 * @param eepromMinIntervalMs - The driver's EEPROM guard interval (`EvCharger.eeprom.minIntervalMs`).
 */
export function surplusSetup(reading: EvChargerReading, eepromMinIntervalMs: number): SurplusSetup {
  const { status, settings, generation } = reading;
  const threePhase = status.typePhase.name === "three";
  const inUse: 1 | 3 = threePhase && status.currentL2 === 0 && status.currentL1 > 0 ? 1 : threePhase ? 3 : 1;
  const setting = generation === "g2" ? (settings.g2MaxCurrent ?? settings.maxCurrent) : settings.maxCurrent;
  return {
    initial: { charging: CHARGING_STATES.includes(status.state.name ?? ""), phases: inUse, current: setting ?? MIN_CHARGE_CURRENT_A },
    options: {
      maxCurrent: Math.min(MAX_CHARGE_CURRENT_A, RATED_CURRENT[status.typePower.name ?? ""] ?? MAX_CHARGE_CURRENT_A),
      phases: threePhase ? [1, 3] : [1],
      eepromMinIntervalMs,
      currentInEeprom: generation === "g2",
    },
  };
}
