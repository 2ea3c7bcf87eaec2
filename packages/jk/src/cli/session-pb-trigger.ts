import { BattError, isBattError, makeReading, systemClock, toBattError, type Clock, type DeviceReading, type LinkOptions, type RequestEngine, type Transport } from "@batt/core";
import { JkPbTriggerBms, type JkPbTriggerReading } from "../pb/jk-pb-trigger-bms.js";
import type { JkPbPackFailure } from "../pb/jk-pb-bus.js";
import type { JkPbLiveData } from "../pb/pb-live-data.js";
import { pbBatterySummary, pbMeasurements } from "../pb/pb-measurements.js";
import { withProbeNumbers } from "../pb/probe-keys.js";
import type { JkPbTriggerReply } from "../pb/pb-trigger-reply-parser.js";
import type { Eb90Generation } from "../eb90/eb90-generation.js";
import type { JkCliSession, JkSwitchName } from "./jk-session.js";

/** The details of a trigger reading of several packs: each pack's live state, or why it failed, in address order. */
export interface JkPbTriggerBusReading {
  /** The protocol. */
  readonly protocol: "pb-trigger";
  /** Each pack asked for. */
  readonly packs: readonly (JkPbLiveData | JkPbPackFailure)[];
}

/** A `batt jk --protocol pb-trigger` session: JK-PB packs read through the trigger path, one request engine for the bus. */
export class JkPbTriggerSession implements JkCliSession {
  /** {@inheritDoc JkCliSession.protocol} */
  readonly protocol = "pb-trigger" as const;
  /** The shared engine. */
  readonly engine: RequestEngine<JkPbTriggerReply>;
  /** The packs, by address. */
  readonly packs: ReadonlyMap<number, JkPbTriggerBms>;
  private readonly clock: Clock;

  constructor(
    transport: Transport,
    /** Pack addresses to talk to. */
    readonly addresses: readonly number[],
    options: LinkOptions & { readonly generation?: Eb90Generation } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.engine = JkPbTriggerBms.engineFor(transport, options);
    this.packs = new Map(addresses.map((address) => [address, new JkPbTriggerBms(this.engine, { ...options, address })]));
  }

  /** One pack: its reading. Several: one reading with a battery per pack that answered (`pack1`…) and every pack's data or failure. */
  async read(signal?: AbortSignal): Promise<DeviceReading<JkPbTriggerReading | JkPbTriggerBusReading>> {
    const call = signal ? { signal } : {};
    if (this.addresses.length === 1) return this.pack(this.addresses[0]!).read(call);
    const packs: (JkPbLiveData | JkPbPackFailure)[] = [];
    for (const address of this.addresses) {
      try {
        packs.push(await this.pack(address).readLive(signal));
      } catch (error) {
        if (isBattError(error, "aborted")) throw error;
        const e = toBattError(error, "unexpected-reply");
        packs.push({ address, code: e.code, error: e.message });
      }
    }
    const answered = packs.filter((p): p is JkPbLiveData => "packVoltage" in p);
    if (answered.length === 0) throw new BattError("timeout", `no JK-PB pack answered (${this.addresses.join(", ")})`);
    const batteries = answered.map((live) => pbBatterySummary(live, `pack${live.address}`, `Pack ${live.address}`));
    const reading = makeReading(this.clock, {
      device: { driver: "jk", category: "bms", manufacturer: "JK", model: `JK-PB bus (packs ${this.addresses.join(", ")})` },
      batteries,
      measurements: answered.flatMap((live, i) => pbMeasurements(live, batteries[i])),
      reading: { protocol: "pb-trigger" as const, packs },
    });
    return withProbeNumbers(reading, answered);
  }

  /** {@inheritDoc JkCliSession.readSettings} */
  async readSettings(signal?: AbortSignal): Promise<unknown> {
    if (this.addresses.length === 1) return this.pack(this.addresses[0]!).readSettings(signal);
    const out: Record<number, unknown> = {};
    for (const address of this.addresses) out[address] = await this.pack(address).readSettings(signal);
    return out;
  }

  /** {@inheritDoc JkCliSession.readSetting} */
  async readSetting(name: string, signal?: AbortSignal): Promise<unknown> {
    const out: Record<string, unknown> = {};
    for (const address of this.addresses) {
      const settings = await this.pack(address).readSettings(signal);
      if (!(name in settings)) throw new BattError("invalid-argument", `no setting ${name} in the settings frame; settings: ${Object.keys(settings).join(", ")}`);
      out[this.addresses.length === 1 ? name : String(address)] = settings[name];
    }
    return out;
  }

  /** Settings writes go through the register path. */
  async writeSetting(): Promise<unknown> {
    throw new BattError("unsupported", "settings set is not offered over the trigger path; use --protocol pb");
  }

  /** {@inheritDoc JkCliSession.setSwitch} */
  async setSwitch(which: JkSwitchName, on: boolean, signal?: AbortSignal): Promise<unknown> {
    const results: unknown[] = [];
    for (const address of this.addresses) results.push(await this.pack(address).setSwitch(which === "charge" ? "chargeSwitch" : "dischargeSwitch", on, signal));
    return this.addresses.length === 1 ? results[0] : results;
  }

  /** Releases the engine. */
  async close(): Promise<void> {
    this.engine.dispose();
  }

  private pack(address: number): JkPbTriggerBms {
    return this.packs.get(address)!;
  }
}
