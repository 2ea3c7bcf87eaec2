import { FrameDecoder, waitFor, type Clock, type Transport, type Unsubscribe } from "@batt/core";
import { DeviceSimulator } from "@batt/core/simulator";
import { eb90CommandParser } from "../eb90/eb90-command-parser.js";
import type { Eb90CommandFields } from "../eb90/eb90-command.js";
import { Eb90Command, Eb90FrameType } from "../eb90/eb90-constants.js";
import { layoutOf } from "../eb90/eb90-generation.js";
import { encodePackFrames } from "../eb90/eb90-pack-frames.js";
import { EB90_WRITE_REGISTERS } from "../eb90/eb90-write-registers.js";
import { JkPbBlock, pbRegisterAddress } from "../pb/pb-blocks.js";
import { JK_PB_SETTINGS_MAP, type JkPbSettingName } from "../pb/pb-settings-map.js";
import type { PackModel } from "./pack-model.js";
import type { PackOptions } from "./pack-options.js";
import { JkPbDevice } from "./pb/jk-pb-device.js";
import { pbEb90State, SETTINGS_FRAME_KEY } from "./pb/pb-eb90-state.js";

/** Options of {@link JkEb90Simulator}. */
export interface JkEb90SimulatorOptions {
  /** Frame layout (default `jk02-32s`). */
  readonly generation?: "jk02-24s" | "jk02-32s";
  /** The pack, or options to build one. */
  readonly pack?: PackModel | PackOptions;
  /** Model and versions in the device info frame (defaults by generation: JK_PB2A16S20P 19A 19.05, or JK-B2A24S15P 10.XW 10.09). */
  readonly model?: string;
  /** Hardware version. */
  readonly hardwareVersion?: string;
  /** Software version. */
  readonly softwareVersion?: string;
  /** Delay before each reply, ms (default 0). */
  readonly responseDelayMs?: number;
  /** Time source (default: the system clock). */
  readonly clock?: Clock;
}

/** Settings-frame key → JK-PB Modbus setting (the model keeps its settings in the Modbus block). */
const MODBUS_NAME_OF: Readonly<Record<string, JkPbSettingName>> = Object.fromEntries(Object.entries(SETTINGS_FRAME_KEY).map(([name, key]) => [key, name as JkPbSettingName]));

/**
 * A JK BMS that speaks `55 AA EB 90` over a plain byte link: `AA 55 90 EB` 0x97 is answered with the
 * device info frame, 0x96 with the settings frame then a cell info frame, a write command changes
 * the setting (answered by nothing, as the BMS does; the next settings frame shows it). Frames come
 * from {@link encodePackFrames}, the same builder the JK-PB simulators use; a BLE variant only has
 * to cut them into notifications. Shared reply faults apply to each frame.
 */
export class JkEb90Simulator extends DeviceSimulator {
  /** The pack and its settings (held as a JK-PB's Modbus blocks). */
  readonly device: JkPbDevice;
  /** Commands received, in order. */
  readonly commands: Eb90CommandFields[] = [];
  /** The frame sum is the last byte. */
  protected readonly checksumAt = 1;
  private readonly generation: "jk02-24s" | "jk02-32s";
  private readonly responseDelayMs: number;
  private readonly versions: { readonly hardwareVersion: string; readonly softwareVersion: string };
  private counter = 0;

  constructor(options: JkEb90SimulatorOptions = {}) {
    super(options);
    this.generation = options.generation ?? "jk02-32s";
    const is32 = this.generation === "jk02-32s";
    this.device = new JkPbDevice({ address: 1, ...(options.pack ? { pack: options.pack } : {}), model: options.model ?? (is32 ? "JK_PB2A16S20P" : "JK-B2A24S15P") });
    this.versions = { hardwareVersion: options.hardwareVersion ?? (is32 ? "19A" : "10.XW"), softwareVersion: options.softwareVersion ?? (is32 ? "19.05" : "10.09") };
    this.responseDelayMs = options.responseDelayMs ?? 0;
  }

  /** Advances the pack by `ms`. */
  step(ms: number): void {
    this.device.step(ms);
  }

  /** The pack's three frames now. */
  frames(): ReturnType<typeof encodePackFrames> {
    this.device.step(0);
    const state = pbEb90State(this.device);
    return encodePackFrames({ ...state, deviceInfo: { ...state.deviceInfo, ...this.versions } }, this.generation, this.counter++);
  }

  /** Answers the commands that arrive on `transport`. */
  protected listen(transport: Transport): Unsubscribe {
    const decoder = new FrameDecoder(eb90CommandParser);
    return transport.onData((chunk) => {
      for (const event of decoder.push(chunk)) if (event.type === "frame") void this.answer(transport, event.frame);
    });
  }

  private async answer(transport: Transport, command: Eb90CommandFields): Promise<void> {
    this.commands.push(command);
    if (command.register === Eb90Command.DeviceInfo) return this.send(transport, [this.frames().deviceInfo]);
    if (command.register === Eb90Command.CellInfo) {
      const frames = this.frames();
      return this.send(transport, [frames.settings, frames.cellInfo]);
    }
    this.write(command);
  }

  private write(command: Eb90CommandFields): void {
    const entry = Object.entries(EB90_WRITE_REGISTERS).find(([, target]) => (target.registers as Partial<Record<string, number>>)[this.generation] === command.register);
    if (!entry) return;
    const [key] = entry;
    const name = MODBUS_NAME_OF[key];
    if (!name) return;
    const field = layoutOf(this.generation, Eb90FrameType.Settings).fields.find((f) => f.key === key);
    const signed = field?.type === "i32" ? command.value | 0 : command.value;
    const value = signed * (field?.scale ?? 1);
    const write = JK_PB_SETTINGS_MAP.encode(name, value as never);
    this.device.writeRegisters(pbRegisterAddress(JkPbBlock.settings, write.address), write.registers);
  }

  private async send(transport: Transport, frames: readonly Uint8Array[]): Promise<void> {
    for (const frame of frames) {
      for (const piece of this.shape(frame, this.responseDelayMs)) {
        if (piece.delayMs > 0) await waitFor(this.clock, piece.delayMs);
        if (transport.isOpen) await transport.write(piece.bytes);
      }
    }
  }
}
