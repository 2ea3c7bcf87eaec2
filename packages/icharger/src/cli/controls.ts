import { BattError, type ButtonControl, type DeviceControl } from "@batt/core";
import type { ChannelIndex } from "../constants.js";
import type { ICharger } from "../icharger.js";
import type { OperationName } from "../models/operations.js";

/**
 * The preset slot the start buttons run unless told otherwise: slot 0, the first preset of a fresh
 * charger's list (MEM_HEAD `{7, {0..6}}`, docs/protocols/icharger.md#preset-index-mem_head-holding-0x8800).
 * The protocol has no register for the preset a channel has selected on its own screen (0x8001 is the
 * host's MEMORY window, shared by both channels and rewritten by every preset read), so the slot is
 * chosen here, not read back.
 */
export const DEFAULT_CONTROL_PRESET = 0;

/** A program a button starts: the driver's operation (its REG_SEL_OP number comes from the preset's chemistry) and the words of its key and name. */
export interface ProgramButton {
  /** Operation started through `ICharger.start`. */
  readonly operation: OperationName;
  /** Key suffix (`ch1_charge`). */
  readonly key: string;
  /** Name for a person, after "Channel n". */
  readonly label: string;
}

/**
 * The programs offered as buttons: lithium REG_SEL_OP 0 charge, 2 discharge, 1 storage, 4 balance
 * (docs/protocols/icharger.md#control-registers-holding-0x8000); Ni and Pb presets number them
 * differently and have no storage or balance, which `operationCode` refuses with `invalid-argument`.
 */
export const PROGRAM_BUTTONS: readonly ProgramButton[] = [
  { operation: "charge", key: "charge", label: "charge" },
  { operation: "discharge", key: "discharge", label: "discharge" },
  { operation: "storage", key: "storage", label: "storage" },
  { operation: "balance", key: "balance", label: "balance only" },
];

/** Options of {@link ichargerControls}. */
export interface IChargerControlOptions {
  /** Preset slot (0..63, the slot number `presets` lists) the start buttons run (default {@link DEFAULT_CONTROL_PRESET}). */
  readonly preset?: number;
}

/**
 * What an application may change on an iCharger while it watches it, per channel: start the charge,
 * discharge, storage and balance-only programs of one preset slot (`ch1_charge`, … named "Channel 1
 * charge (preset slot 0)"), and stop (`ch1_stop`).
 *
 * A start button is `ICharger.start`: the preset is read (chemistry, OpEnable), `0x8000 ← [operation,
 * slot, channel, 0x55AA, 1]` is written, and the press resolves only once the status word read back
 * shows the program running (or the run status shows it already done) at the end of the start check
 * (`startCheckMs`, polled every `pollIntervalMs` on the driver's clock). It rejects with a `BattError`:
 * `device-exception` when the charger refuses (run error read back: no battery, balance port, cell
 * count; the channel is then stopped), `invalid-argument` when the channel already runs or the preset
 * does not enable the program, `unsupported` or `invalid-argument` for a program the preset's chemistry
 * lacks. The stop button writes `0x8002 ← [channel, 0x55AA, 0]` and resolves when the run bit has
 * cleared (`verify-failed` after `stopTimeoutMs` otherwise).
 *
 * @throws BattError `invalid-argument` for a preset slot outside 0..63, before any control exists.
 */
export function ichargerControls(charger: ICharger, options: IChargerControlOptions = {}): DeviceControl[] {
  const preset = options.preset ?? DEFAULT_CONTROL_PRESET;
  if (!Number.isInteger(preset) || preset < 0 || preset > 63) throw new BattError("invalid-argument", `preset slot must be 0..63, got ${preset}`);
  const channels = charger.model.channels;
  const controls: DeviceControl[] = [];
  for (let c = 0; c < channels; c++) {
    const channel = c as ChannelIndex;
    const n = c + 1;
    // Measurements carry the channel prefix only on two-channel models (readingParts).
    const state = channels > 1 ? `ch${n}_run_state` : "run_state";
    for (const program of PROGRAM_BUTTONS) {
      controls.push(startButton(charger, channel, preset, program, state));
    }
    controls.push({
      kind: "button",
      key: `ch${n}_stop`,
      name: `Channel ${n} stop`,
      state,
      press: async (signal) => void (await charger.stop(channel, signal ? { signal } : {})),
    });
  }
  return controls;
}

function startButton(charger: ICharger, channel: ChannelIndex, preset: number, program: ProgramButton, state: string): ButtonControl {
  const n = channel + 1;
  return {
    kind: "button",
    key: `ch${n}_${program.key}`,
    name: `Channel ${n} ${program.label} (preset slot ${preset})`,
    state,
    press: async (signal) => void (await charger.start({ channel, preset, operation: program.operation, ...(signal ? { signal } : {}) })),
  };
}
