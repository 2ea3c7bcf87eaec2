import {
  abortError,
  BattError,
  emptyCounters,
  FrameDecoder,
  makeReading,
  systemClock,
  type CallOptions,
  type Clock,
  type Device,
  type DeviceIdentity,
  type DeviceReading,
  type EngineCounters,
  type Transport,
  type Unsubscribe,
} from "@batt/core";
import { Eb90FrameType } from "../eb90/eb90-constants.js";
import { decodeEb90 } from "../eb90/eb90-decode.js";
import { eb90DeviceInfoOf, type JkEb90DeviceInfo } from "../eb90/eb90-device-info.js";
import type { Eb90Frame } from "../eb90/eb90-frame.js";
import type { Eb90Generation } from "../eb90/eb90-generation.js";
import type { Eb90Values } from "../eb90/eb90-layout.js";
import { eb90LiveData } from "../eb90/eb90-live.js";
import { jkPbBusParser } from "./pb-bus-parser.js";
import type { JkPbBusToken } from "./pb-bus-token.js";
import type { JkPbLiveData } from "./pb-live-data.js";
import { pbBatterySummary, pbMeasurements } from "./pb-measurements.js";
import { withProbeNumbers } from "./probe-keys.js";
import { frameTypeOfTrigger } from "./pb-trigger.js";

/** Options of {@link JkPbListener}. */
export interface JkPbListenerOptions {
  /** Frame layout of the packs (default `jk02-32s`, what JK-PB firmware sends). */
  readonly generation?: Exclude<Eb90Generation, "jk04">;
  /** The longest a {@link JkPbListener.read} listens for a whole polling cycle, ms (default 5000; a master with 15 addresses and 220 ms timeouts cycles in about 3.5 s). */
  readonly listenMs?: number;
  /** Time source for the listening deadline (default: the system clock). */
  readonly clock?: Clock;
}

/** One pack heard on the bus: its latest live state, and its settings and device info when the master asked for them. */
export interface JkPbHeardPack extends JkPbLiveData {
  /** Model and versions, once a device info frame of the pack went by. */
  readonly deviceInfo?: Pick<JkEb90DeviceInfo, "model" | "hardwareVersion" | "softwareVersion" | "serialNumber">;
  /** Settings, once a settings frame of the pack went by. */
  readonly settings?: Eb90Values;
}

/** The details of a listening reading: every pack heard, by address (the master is address 0). */
export interface JkPbListenReading {
  /** The protocol. */
  readonly protocol: "pb-listen";
  /** The packs heard, in address order. */
  readonly packs: readonly JkPbHeardPack[];
}

interface PackState {
  live?: JkPbLiveData;
  settings?: Eb90Values;
  deviceInfo?: JkEb90DeviceInfo;
}

/**
 * Listen-only reading (docs/protocols/jk.md#jk-pb-on-rs-485-listening-to-a-bus-master) of a JK-PB bus whose master (DIP address 0, as inverters require) polls the
 * other packs with trigger writes: every `55 AA EB 90` frame is attributed to the address of the FC 0x10
 * acknowledgement that follows it (the frame carries none), so every pack the master polls is heard,
 * the master's own broadcasts included. Nothing is ever sent.
 *
 * {@link JkPbListener.read} resolves when the master has gone round (a pack is heard a second time)
 * or at the listening deadline, with what was heard; it fails with `timeout` when nothing was.
 *
 * @example
 * ```ts
 * const listener = new JkPbListener(port);
 * const reading = await listener.read(); // batteries pack0, pack1, pack2…
 * ```
 */
export class JkPbListener implements Device<JkPbListenReading> {
  /** Totals: `replies` counts attributed frames, `bytesSkipped` and `checksumErrors` the noise. */
  readonly counters: EngineCounters = emptyCounters();
  private readonly decoder = new FrameDecoder(jkPbBusParser);
  private readonly generation: Exclude<Eb90Generation, "jk04">;
  private readonly listenMs: number;
  private readonly clock: Clock;
  private readonly packs = new Map<number, PackState>();
  private readonly cellListeners = new Set<(address: number) => void>();
  private readonly off: Unsubscribe;
  private pending: Eb90Frame | undefined;

  constructor(transport: Transport, options: JkPbListenerOptions = {}) {
    this.generation = options.generation ?? "jk02-32s";
    this.listenMs = options.listenMs ?? 5000;
    this.clock = options.clock ?? systemClock;
    this.off = transport.onData((chunk) => this.push(chunk));
  }

  /** Feeds bytes heard on the bus (the transport's data does this by itself; for captures). */
  push(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk)) {
      if (event.type === "skipped") {
        this.counters.bytesSkipped += event.bytes.length;
        if (event.code === "checksum") this.counters.checksumErrors++;
        continue;
      }
      this.take(event.frame);
    }
  }

  /** The packs heard so far whose live state is known, in address order. */
  heard(): JkPbHeardPack[] {
    return [...this.packs.entries()]
      .filter(([, state]) => state.live !== undefined)
      .sort(([a], [b]) => a - b)
      .map(([, state]) => ({
        ...state.live!,
        ...(state.deviceInfo
          ? { deviceInfo: { model: state.deviceInfo.model, hardwareVersion: state.deviceInfo.hardwareVersion, softwareVersion: state.deviceInfo.softwareVersion, serialNumber: state.deviceInfo.serialNumber } }
          : {}),
        ...(state.settings ? { settings: state.settings } : {}),
      }));
  }

  /** What a listener is: the bus, not one device. */
  async identify(): Promise<DeviceIdentity> {
    return { driver: "jk", category: "bms", manufacturer: "JK", model: "JK-PB bus (listening)" };
  }

  /**
   * Listens for one polling cycle and returns every pack heard (the packs heard before the call
   * included, with their latest state): a battery per pack (`pack0` is the master), each pack's
   * measurements prefixed by its id, and the packs in the details.
   *
   * @throws BattError `timeout` when no pack was heard by the deadline; `aborted` when `signal` fires.
   */
  async read(options: CallOptions = {}): Promise<DeviceReading<JkPbListenReading>> {
    await this.cycle(options.signal);
    const packs = this.heard();
    const batteries = packs.map((live) => pbBatterySummary(live, `pack${live.address}`, `Pack ${live.address}`));
    const reading = makeReading(this.clock, {
      device: await this.identify(),
      batteries,
      measurements: packs.flatMap((live, i) => pbMeasurements(live, batteries[i])),
      reading: { protocol: "pb-listen" as const, packs },
    });
    return withProbeNumbers(reading, packs);
  }

  /** Stops listening. */
  dispose(): void {
    this.off();
    this.cellListeners.clear();
  }

  private cycle(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const seen = new Set<number>();
      const finish = (error?: BattError): void => {
        this.clock.clearTimer(timer);
        this.cellListeners.delete(onCell);
        signal?.removeEventListener("abort", onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onCell = (address: number): void => {
        if (seen.has(address)) finish();
        else seen.add(address);
      };
      const onAbort = (): void => finish(abortError(signal!));
      const timer = this.clock.setTimer(() => {
        if (this.heard().length > 0) finish();
        else finish(new BattError("timeout", `heard no JK-PB pack in ${this.listenMs} ms (is a master at address 0 polling the bus?)`));
      }, this.listenMs);
      this.cellListeners.add(onCell);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private take(token: JkPbBusToken): void {
    if (token.kind === "frame") {
      this.pending = token.frame;
      return;
    }
    const frame = this.pending;
    this.pending = undefined;
    if (token.kind !== "ack" || !frame || frameTypeOfTrigger(token.register) !== frame.type) return;
    this.attribute(token.address, frame);
  }

  private attribute(address: number, frame: Eb90Frame): void {
    const state = this.packs.get(address) ?? {};
    this.packs.set(address, state);
    this.counters.replies++;
    const values = decodeEb90(frame, this.generation).values;
    if (frame.type === Eb90FrameType.CellInfo) {
      state.live = eb90LiveData(values, this.generation, address);
      for (const listener of [...this.cellListeners]) listener(address);
    } else if (frame.type === Eb90FrameType.Settings) state.settings = values;
    else state.deviceInfo = eb90DeviceInfoOf(values);
  }
}
