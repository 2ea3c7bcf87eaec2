import {
  BattError,
  makeReading,
  RequestEngine,
  resolveLinkOptions,
  systemClock,
  type CallOptions,
  type Clock,
  type Device,
  type DeviceIdentity,
  type DeviceReading,
  type EngineCounters,
  type LinkOptions,
  type MatchResult,
  type Transport,
} from "@batt/core";
import { eb90Identity, type JkEb90DeviceInfo } from "../eb90/eb90-device-info.js";
import type { Eb90Frame } from "../eb90/eb90-frame.js";
import type { Eb90Generation } from "../eb90/eb90-generation.js";
import type { Eb90Values } from "../eb90/eb90-layout.js";
import { eb90LiveData } from "../eb90/eb90-live.js";
import { JK_LINK_DEFAULTS } from "../link-defaults.js";
import { checkPbAddress, JkPbBlock, pbRegisterAddress } from "./pb-blocks.js";
import type { JkPbLiveData } from "./pb-live-data.js";
import { pbBatterySummary, pbMeasurements } from "./pb-measurements.js";
import { withProbeNumbers } from "./probe-keys.js";
import { JK_PB_SETTINGS_MAP } from "./pb-settings-map.js";
import { encodePbTrigger, JK_PB_TRIGGERS, type JkPbTrigger } from "./pb-trigger.js";
import { jkPbTriggerReplyParser, type JkPbTriggerReply } from "./pb-trigger-reply-parser.js";
import { encodeWriteRequest } from "./pb-write-request.js";
import { Eb90FrameSource } from "../eb90/eb90-frame-source.js";

/** Options of {@link JkPbTriggerBms}; link defaults in {@link JK_LINK_DEFAULTS}. */
export interface JkPbTriggerOptions extends LinkOptions {
  /** DIP-switch address, 1..15 (default 1). */
  readonly address?: number;
  /** Frame layout (default: from the device info's versions; JK-PB firmware is `jk02-32s`). */
  readonly generation?: Eb90Generation;
  /** Quiet-period drain after a timeout (see `RequestEngineOptions.drain`). */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
}

/** The details of a {@link JkPbTriggerBms} reading: the pack's live state and the layout that read it. */
export interface JkPbTriggerReading extends JkPbLiveData {
  /** The protocol. */
  readonly protocol: "pb-trigger";
  /** The frame layout. */
  readonly generation: Eb90Generation;
}

/** The JK-PB switches a trigger session can set, by their settings-frame key. */
export type JkPbTriggerSwitch = "chargeSwitch" | "dischargeSwitch" | "balancerSwitch";

const SWITCH_SETTING = { chargeSwitch: "chargeEnable", dischargeSwitch: "dischargeEnable", balancerSwitch: "balanceEnable" } as const;

/** What a switch write did, read back through the settings frame. */
export interface JkPbTriggerSwitchResult {
  /** The switch. */
  readonly name: JkPbTriggerSwitch;
  /** Value before (0/1). */
  readonly previous: number;
  /** Value read back after (0/1). */
  readonly readBack: number;
  /** Whether a write was sent. */
  readonly changed: boolean;
}

/**
 * One JK-PB pack read through the trigger path (docs/protocols/jk.md#55-aa-eb-90-protocol): an FC 0x10
 * write to 0x161C / 0x161E / 0x1620 is answered by a `55 AA EB 90` frame and the FC 0x10
 * acknowledgement, which names the sender. The field reports this as more reliable than FC 0x03
 * reads. One request in flight, deadlines, retries and the 100 ms gap come from core's RequestEngine.
 *
 * @example
 * ```ts
 * const pack = new JkPbTriggerBms(port, { address: 2 });
 * const reading = await pack.read();
 * ```
 */
export class JkPbTriggerBms implements Device<JkPbTriggerReading> {
  /** DIP-switch address. */
  readonly address: number;
  /** The request engine on the transport. */
  readonly engine: RequestEngine<JkPbTriggerReply>;
  private readonly clock: Clock;
  private readonly frames: Eb90FrameSource;

  private readonly ownsEngine: boolean;

  /**
   * @param link - The transport (the pack gets an engine of its own, with `options`' link settings), or
   *   the engine of a bus shared with other packs (one request in flight on the bus).
   * @throws BattError `invalid-argument` for an address outside 1..15.
   */
  constructor(link: Transport | RequestEngine<JkPbTriggerReply>, options: JkPbTriggerOptions = {}) {
    this.address = checkPbAddress(options.address ?? 1);
    this.clock = options.clock ?? systemClock;
    this.frames = new Eb90FrameSource((kind, signal) => this.trigger(kind, signal), options.generation);
    this.ownsEngine = !(link instanceof RequestEngine);
    this.engine = link instanceof RequestEngine ? link : JkPbTriggerBms.engineFor(link, options);
  }

  /** A request engine for trigger traffic on `transport`, to share between the packs of one bus. */
  static engineFor(transport: Transport, options: LinkOptions & Pick<JkPbTriggerOptions, "drain"> = {}): RequestEngine<JkPbTriggerReply> {
    return new RequestEngine<JkPbTriggerReply>(transport, {
      parser: jkPbTriggerReplyParser,
      ...resolveLinkOptions(options, JK_LINK_DEFAULTS),
    });
  }

  /** Running totals of the engine. */
  get counters(): EngineCounters {
    return this.engine.counters;
  }

  /** Sends one trigger and resolves with the frame the pack answered with (its acknowledgement checked). */
  trigger(which: JkPbTrigger, signal?: AbortSignal): Promise<Eb90Frame> {
    const { register, frameType } = JK_PB_TRIGGERS[which];
    const match = (reply: JkPbTriggerReply): MatchResult => {
      if (reply.kind === "exception" && reply.address === this.address) return new BattError("device-exception", `pack ${this.address}: Modbus exception ${reply.code} to the ${which} trigger`);
      return reply.kind === "frame-ack" && reply.address === this.address && reply.register === register && reply.frame.type === frameType ? "reply" : "ignore";
    };
    return this.engine.request({ request: encodePbTrigger(this.address, which), match, ...(signal ? { signal } : {}) }).then((reply) => (reply as { frame: Eb90Frame }).frame);
  }

  /** Reads the device info frame (type 0x03); the first one is kept for {@link JkPbTriggerBms.identify}. */
  readDeviceInfo(signal?: AbortSignal): Promise<JkEb90DeviceInfo> {
    return this.frames.readDeviceInfo(signal);
  }

  /** The frame layout: the option, or the one the device info's versions select (read once). */
  layout(signal?: AbortSignal): Promise<Eb90Generation> {
    return this.frames.layout(signal);
  }

  /** Reads the settings frame (type 0x01), values in SI units by settings-frame key. */
  async readSettings(signal?: AbortSignal): Promise<Eb90Values> {
    return (await this.frames.read("settings", signal)).values;
  }

  /** Reads the cell info frame (type 0x02) as the package's live shape. */
  async readLive(signal?: AbortSignal): Promise<JkPbLiveData> {
    const { generation, values } = await this.frames.read("cellInfo", signal);
    return eb90LiveData(values, generation, this.address);
  }

  /** Who the pack is, from its device info frame (read once, then kept). */
  async identify(options: CallOptions = {}): Promise<DeviceIdentity> {
    return eb90Identity(await this.frames.deviceInfo(options.signal), this.address);
  }

  /** The pack's reading in the shared model: battery summary, measurements and the live state. */
  async read(options: CallOptions = {}): Promise<DeviceReading<JkPbTriggerReading>> {
    const device = await this.identify(options);
    const live = await this.readLive(options.signal);
    const reading = makeReading<JkPbTriggerReading>(this.clock, { device, batteries: [pbBatterySummary(live)], measurements: pbMeasurements(live), reading: { protocol: "pb-trigger", generation: this.frames.chosen!, ...live } });
    return withProbeNumbers(reading, [live]);
  }

  /**
   * Turns a switch on or off: an FC 0x10 write to the settings block (its acknowledgement awaited),
   * read back through the settings frame. Skipped when the pack already holds the value.
   *
   * @throws BattError `verify-failed` when the settings frame shows another value afterwards.
   */
  async setSwitch(name: JkPbTriggerSwitch, on: boolean, signal?: AbortSignal): Promise<JkPbTriggerSwitchResult> {
    const want = on ? 1 : 0;
    const previous = Number((await this.readSettings(signal))[name]);
    if (previous === want) return { name, previous, readBack: previous, changed: false };
    const write = JK_PB_SETTINGS_MAP.encode(SWITCH_SETTING[name], want);
    const register = pbRegisterAddress(JkPbBlock.settings, write.address);
    const match = (reply: JkPbTriggerReply): MatchResult => {
      if (reply.kind === "exception" && reply.address === this.address) return new BattError("device-exception", `pack ${this.address}: Modbus exception ${reply.code} to the write of ${name}`);
      return reply.kind === "ack" && reply.address === this.address && reply.register === register ? "reply" : "ignore";
    };
    await this.engine.request({ request: encodeWriteRequest(this.address, register, write.registers), match, ...(signal ? { signal } : {}) });
    const readBack = Number((await this.readSettings(signal))[name]);
    if (readBack !== want) throw new BattError("verify-failed", `pack ${this.address}: ${name} reads back ${readBack} after writing ${want}`);
    return { name, previous, readBack, changed: true };
  }

  /** Detaches from the transport (which stays open); a shared engine is left to its owner. */
  dispose(): void {
    if (this.ownsEngine) this.engine.dispose();
  }
}
