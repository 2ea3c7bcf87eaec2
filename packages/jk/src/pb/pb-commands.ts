import { BattError, type CallOptions } from "@batt/core";
import { JkPbBlock } from "./pb-blocks.js";
import type { JkPbBms } from "./jk-pb-bms.js";

/**
 * The JK-PB command block at 0x1600 (write only; docs/protocols/jk.md#jk-pb-register-blocks): byte offset and
 * width of each command. Addresses are the block base plus the byte offset, as everywhere on JK-PB; 32-bit
 * values take two registers, high word first.
 */
export const JK_PB_COMMANDS = {
  /** Pack voltage calibration: the true pack voltage, mV (u32). */
  voltageCalibration: { offset: 0x00, registers: 2 },
  /** Shut the BMS down. */
  shutdown: { offset: 0x04, registers: 1 },
  /** Current calibration: the true current, mA (u32). */
  currentCalibration: { offset: 0x06, registers: 2 },
  /** Load the Li-ion (ternary) parameter preset. */
  presetLiIon: { offset: 0x0a, registers: 1 },
  /** Load the LiFePO4 parameter preset. */
  presetLiFePo4: { offset: 0x0c, registers: 1 },
  /** Load the LTO parameter preset. */
  presetLto: { offset: 0x0e, registers: 1 },
  /** Emergency start (discharge despite a protection, for a limited time). */
  emergencyStart: { offset: 0x10, registers: 1 },
  /** Time calibration: the clock, seconds since 2020-01-01 00:00 UTC (u32; the live block's RTC counts from there). */
  timeCalibration: { offset: 0x12, registers: 2 },
} as const;

/** A command of {@link JK_PB_COMMANDS}. */
export type JkPbCommandName = keyof typeof JK_PB_COMMANDS;

/** The chemistry presets, by the name the CLI takes. */
export const JK_PB_PRESETS = { "li-ion": "presetLiIon", lifepo4: "presetLiFePo4", lto: "presetLto" } as const satisfies Record<string, JkPbCommandName>;

/** A JK-PB chemistry preset name. */
export type JkPbPreset = keyof typeof JK_PB_PRESETS;

/** A command with its argument, in SI units. */
export type JkPbCommandRequest =
  | { readonly command: "shutdown" | "emergencyStart" }
  | { readonly command: "preset"; readonly preset: JkPbPreset }
  | { readonly command: "voltageCalibration"; readonly voltage: number }
  | { readonly command: "currentCalibration"; readonly current: number }
  | { readonly command: "timeCalibration"; readonly time: Date };

/** The FC 0x10 write a command makes: the register address on the wire and the words. */
export interface JkPbCommandWrite {
  /** The command written. */
  readonly name: JkPbCommandName;
  /** Register address (0x1600 + byte offset). */
  readonly address: number;
  /** The words, high word first for 32-bit values. */
  readonly values: readonly number[];
}

/** Start of the JK-PB clock: 2020-01-01 00:00:00 UTC, ms since the Unix epoch. */
export const JK_PB_EPOCH_MS = Date.UTC(2020, 0, 1);

/** Value written to the action commands (shutdown, emergency start, presets): 1, "do it", as JK's other start flags. */
const ACTION = 1;

function u32Words(value: number): number[] {
  return [Math.floor(value / 0x10000), value % 0x10000];
}

function checked(value: number, min: number, max: number, what: string): number {
  if (!Number.isFinite(value) || value < min || value > max) throw new BattError("invalid-argument", `${what} must be ${min}..${max}, got ${value}`);
  return value;
}

/**
 * The write of a command, range-checked; nothing is sent.
 *
 * @throws BattError `invalid-argument` for a value out of range or an unknown preset.
 */
export function encodePbCommand(request: JkPbCommandRequest): JkPbCommandWrite {
  const at = (name: JkPbCommandName, values: number[]): JkPbCommandWrite => ({ name, address: JkPbBlock.commands.base + JK_PB_COMMANDS[name].offset, values });
  switch (request.command) {
    case "shutdown":
    case "emergencyStart":
      return at(request.command, [ACTION]);
    case "preset": {
      const name = JK_PB_PRESETS[request.preset];
      if (name === undefined) throw new BattError("invalid-argument", `unknown preset "${String(request.preset)}" (known: ${Object.keys(JK_PB_PRESETS).join(", ")})`);
      return at(name, [ACTION]);
    }
    case "voltageCalibration":
      return at("voltageCalibration", u32Words(Math.round(checked(request.voltage, 1, 200, "pack voltage (V)") * 1000)));
    case "currentCalibration":
      return at("currentCalibration", u32Words(Math.round(checked(request.current, 0.1, 1000, "current (A)") * 1000)));
    case "timeCalibration": {
      const ms = request.time.getTime();
      if (!Number.isFinite(ms) || ms < JK_PB_EPOCH_MS) throw new BattError("invalid-argument", "time must be a valid date from 2020-01-01 on");
      return at("timeCalibration", u32Words(checked(Math.floor((ms - JK_PB_EPOCH_MS) / 1000), 0, 0xffffffff, "seconds since 2020")));
    }
  }
}

/**
 * Sends a command to one pack (FC 0x10). The block cannot be read back; the caller reads the live state
 * (MOSFETs, pack voltage, current, RTC) to see the effect.
 */
export async function sendPbCommand(pack: JkPbBms, request: JkPbCommandRequest, options: CallOptions = {}): Promise<JkPbCommandWrite> {
  const write = encodePbCommand(request);
  await pack.client.writeMultipleRegisters(pack.address, write.address, write.values, options.signal ? { signal: options.signal } : {});
  return write;
}
