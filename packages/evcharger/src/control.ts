import type { ChargerStateName, ControlCommandName } from "./enums.js";

/** Command values of holding 0x0627. */
export const CONTROL_COMMAND_VALUE: Readonly<Record<ControlCommandName, number>> = {
  available: 1,
  unavailable: 2,
  stopCharging: 3,
  startCharging: 4,
  reserve: 5,
  cancelReservation: 6,
};

/**
 * States a command leads to (docs/protocols/evcharger.md#start-stop-and-reserve: start → Preparing/Charging; stop → Finishing/Available/SuspendedEVSE),
 * used to judge whether the charger followed; the register itself reads back 0.
 */
export const EXPECTED_STATES: Readonly<Record<ControlCommandName, readonly ChargerStateName[]>> = {
  available: ["Available", "Preparing"],
  unavailable: ["Unavailable"],
  stopCharging: ["Finishing", "Available", "SuspendedEVSE"],
  startCharging: ["Preparing", "Charging", "SuspendedEV"],
  reserve: ["Reserved"],
  cancelReservation: ["Available"],
};
