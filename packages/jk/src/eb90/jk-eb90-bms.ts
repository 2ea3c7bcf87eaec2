import {
  BattError,
  makeReading,
  measure,
  RequestEngine,
  resolveLinkOptions,
  systemClock,
  type BatterySummary,
  type CallOptions,
  type Clock,
  type Device,
  type DeviceIdentity,
  type DeviceReading,
  type EngineCounters,
  type LinkOptions,
  type Measurement,
  type Transport,
} from "@batt/core";
import { JK_LINK_DEFAULTS } from "../link-defaults.js";
import type { JkPbLiveData } from "../pb/pb-live-data.js";
import { pbBatterySummary, pbMeasurements } from "../pb/pb-measurements.js";
import { withProbeNumbers } from "../pb/probe-keys.js";
import { encodeCellInfoCommand, encodeDeviceInfoCommand, encodeEb90Command } from "./eb90-command.js";
import { Eb90FrameType } from "./eb90-constants.js";
import { eb90Identity, type JkEb90DeviceInfo } from "./eb90-device-info.js";
import type { Eb90Frame } from "./eb90-frame.js";
import { layoutOf, type Eb90Generation } from "./eb90-generation.js";
import type { Eb90Values } from "./eb90-layout.js";
import { eb90LiveData } from "./eb90-live.js";
import { eb90Parser } from "./eb90-parser.js";
import { EB90_WRITE_REGISTERS, type Eb90WritableSetting } from "./eb90-write-registers.js";
import { Eb90FrameSource } from "./eb90-frame-source.js";

/** Options of {@link JkEb90Bms}; link defaults in {@link JK_LINK_DEFAULTS}. */
export interface JkEb90BmsOptions extends LinkOptions {
  /** Frame layout (default: from the device info's versions). */
  readonly generation?: Eb90Generation;
  /** Quiet-period drain after a timeout. */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
}

/** The details of a {@link JkEb90Bms} reading: the cell info frame's values, and the live summary of JK02 frames. */
export interface JkEb90Reading {
  /** The protocol. */
  readonly protocol: "55aa-eb90";
  /** The frame layout. */
  readonly generation: Eb90Generation;
  /** Every value of the cell info frame, SI units. */
  readonly values: Eb90Values;
  /** The live summary (JK02 only; JK04 frames carry no current or SOC). */
  readonly live?: JkPbLiveData;
}

/** What a setting write did: before, and read back from the next settings frame. */
export interface JkEb90WriteResult {
  /** Setting key. */
  readonly name: Eb90WritableSetting;
  /** Value before. */
  readonly previous: number;
  /** Value read back. */
  readonly readBack: number;
  /** Whether a command was sent. */
  readonly changed: boolean;
}

/**
 * A JK BMS that speaks `55 AA EB 90` frames over a plain byte link (what JK's Bluetooth module carries;
 * docs/protocols/jk.md#55-aa-eb-90-protocol): `AA 55 90 EB` 0x97 asks for the device info frame, 0x96
 * for the settings frame and then cell info frames; settings and switches are written with their
 * register and read back from the next settings frame. The layout comes from the device info's
 * versions unless given.
 */
export class JkEb90Bms implements Device<JkEb90Reading> {
  /** The request engine on the transport. */
  readonly engine: RequestEngine<Eb90Frame>;
  private readonly clock: Clock;
  private readonly frames: Eb90FrameSource;

  constructor(transport: Transport, options: JkEb90BmsOptions = {}) {
    this.clock = options.clock ?? systemClock;
    const commands = { deviceInfo: [encodeDeviceInfoCommand, Eb90FrameType.DeviceInfo], settings: [encodeCellInfoCommand, Eb90FrameType.Settings], cellInfo: [encodeCellInfoCommand, Eb90FrameType.CellInfo] } as const;
    // 0x96 is answered by the settings frame first, then cell info frames: the frame type tells them apart.
    this.frames = new Eb90FrameSource((kind, signal) => this.ask(commands[kind][0](), commands[kind][1], signal), options.generation);
    this.engine = new RequestEngine<Eb90Frame>(transport, {
      parser: eb90Parser,
      ...resolveLinkOptions(options, JK_LINK_DEFAULTS),
    });
  }

  /** Running totals of the engine. */
  get counters(): EngineCounters {
    return this.engine.counters;
  }

  /** Reads the device info frame (0x97); the first is kept for {@link JkEb90Bms.identify}. */
  readDeviceInfo(signal?: AbortSignal): Promise<JkEb90DeviceInfo> {
    return this.frames.readDeviceInfo(signal);
  }

  /** The frame layout: the option, or the device info's (read once). */
  layout(signal?: AbortSignal): Promise<Eb90Generation> {
    return this.frames.layout(signal);
  }

  /** Reads the settings frame (0x96 is answered by it first), SI units by key. */
  async readSettings(signal?: AbortSignal): Promise<Eb90Values> {
    return (await this.frames.read("settings", signal)).values;
  }

  /** Reads one cell info frame, SI units by key. */
  async readCellInfo(signal?: AbortSignal): Promise<Eb90Values> {
    return (await this.frames.read("cellInfo", signal)).values;
  }

  /** Who the BMS is (device info, read once). */
  async identify(options: CallOptions = {}): Promise<DeviceIdentity> {
    return eb90Identity(await this.frames.deviceInfo(options.signal));
  }

  /** A reading in the shared model: the battery summary and measurements of a JK02 cell info frame; a JK04 frame's cells as measurements. */
  async read(options: CallOptions = {}): Promise<DeviceReading<JkEb90Reading>> {
    const device = await this.identify(options);
    const { generation, values } = await this.frames.read("cellInfo", options.signal);
    if (generation === "jk04") {
      const cells = ((values["cellVoltages"] ?? []) as readonly number[]).filter((v) => v > 0);
      const measurements: Measurement[] = cells.map((v, i) => measure(`cell_${i + 1}`, `Cell ${i + 1}`, "voltage", v, { decimals: 3 }));
      return makeReading(this.clock, { device, batteries: [], measurements, reading: { protocol: "55aa-eb90", generation, values } });
    }
    const live = eb90LiveData(values, generation);
    const batteries: BatterySummary[] = [pbBatterySummary(live)];
    return withProbeNumbers(makeReading(this.clock, { device, batteries, measurements: pbMeasurements(live), reading: { protocol: "55aa-eb90", generation, values, live } }), [live]);
  }

  /**
   * Writes a setting (SI units) with its `AA 55 90 EB` register, then reads the settings frame back.
   * Skipped when the BMS already holds the value.
   *
   * @throws BattError `unsupported` for a setting this generation does not take; `verify-failed` when the read-back differs.
   */
  async writeSetting(name: Eb90WritableSetting, value: number, signal?: AbortSignal): Promise<JkEb90WriteResult> {
    const generation = await this.layout(signal);
    const target = EB90_WRITE_REGISTERS[name] as { readonly registers: Partial<Record<Eb90Generation, number>>; readonly lengths?: Partial<Record<Eb90Generation, number>> };
    const register = target.registers[generation];
    if (register === undefined) throw new BattError("unsupported", `${name} cannot be written on ${generation} firmware`);
    const field = layoutOf(generation, Eb90FrameType.Settings).fields.find((f) => f.key === name);
    const scale = field?.scale ?? 1;
    const previous = Number((await this.readSettings(signal))[name]);
    if (previous === value) return { name, previous, readBack: previous, changed: false };
    await this.engine.announce({ request: encodeEb90Command(register, Math.round(value / scale), target.lengths?.[generation] ?? 4), ...(signal ? { signal } : {}) });
    const readBack = Number((await this.readSettings(signal))[name]);
    if (Math.abs(readBack - value) > scale / 2) throw new BattError("verify-failed", `${name} reads back ${readBack} after writing ${value}`);
    return { name, previous, readBack, changed: true };
  }

  /** Turns the charge, discharge or balancer switch on or off, read back. */
  setSwitch(name: "chargeSwitch" | "dischargeSwitch" | "balancerSwitch", on: boolean, signal?: AbortSignal): Promise<JkEb90WriteResult> {
    return this.writeSetting(name, on ? 1 : 0, signal);
  }

  /** Detaches from the transport (which stays open). */
  dispose(): void {
    this.engine.dispose();
  }

  private ask(command: Uint8Array, type: number, signal: AbortSignal | undefined): Promise<Eb90Frame> {
    return this.engine.request({ request: command, match: (frame) => (frame.type === type ? "reply" : "ignore"), ...(signal ? { signal } : {}) });
  }
}
