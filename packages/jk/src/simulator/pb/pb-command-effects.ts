import { JK_PB_COMMANDS, JK_PB_EPOCH_MS, type JkPbCommandName } from "../../pb/pb-commands.js";

/** What the commands of the 0x1600 block did to a simulated JK-PB. */
export class PbCommandState {
  /** Shut down: both MOSFETs stay off. */
  shutDown = false;
  /** Emergency starts received. */
  emergencyStarts = 0;
  /** The last chemistry preset loaded. */
  preset: "li-ion" | "lifepo4" | "lto" | undefined;
  /** Last pack-voltage calibration, V. */
  voltageCalibration: number | undefined;
  /** Last current calibration, A. */
  currentCalibration: number | undefined;
  /** The clock set by the last time calibration, ms since the Unix epoch. */
  clock: number | undefined;
}

const BY_OFFSET = new Map<number, JkPbCommandName>(Object.entries(JK_PB_COMMANDS).map(([name, c]) => [c.offset, name as JkPbCommandName]));

function u32(values: readonly number[]): number {
  return (values[0] ?? 0) * 0x10000 + (values[1] ?? 0);
}

/**
 * Applies a command written at byte `offset` of the 0x1600 block. A write that does not start at a
 * command or does not have its width changes nothing (it is still recorded by the device).
 */
export function applyPbCommand(state: PbCommandState, offset: number, values: readonly number[]): void {
  const name = BY_OFFSET.get(offset);
  if (name === undefined || values.length !== JK_PB_COMMANDS[name].registers) return;
  switch (name) {
    case "shutdown":
      state.shutDown = true;
      break;
    case "emergencyStart":
      state.shutDown = false;
      state.emergencyStarts++;
      break;
    case "presetLiIon":
      state.preset = "li-ion";
      break;
    case "presetLiFePo4":
      state.preset = "lifepo4";
      break;
    case "presetLto":
      state.preset = "lto";
      break;
    case "voltageCalibration":
      state.voltageCalibration = u32(values) / 1000;
      break;
    case "currentCalibration":
      state.currentCalibration = u32(values) / 1000;
      break;
    case "timeCalibration":
      state.clock = JK_PB_EPOCH_MS + u32(values) * 1000;
      break;
  }
}
