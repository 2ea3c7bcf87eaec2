import { isBattError, makeReading, resolveLinkOptions, systemClock, toBattError, type CallOptions, type Clock, type DeviceReading, type LinkOptions, type Transport } from "@batt/core";
import { ModbusClient } from "@batt/modbus-rtu";
import { JK_LINK_DEFAULTS } from "../link-defaults.js";
import { JkPbBms, JK_PB_DEFAULT_MAX_READ } from "./jk-pb-bms.js";
import type { JkPbLiveData } from "./pb-live-data.js";
import { pbBatterySummary, pbMeasurements } from "./pb-measurements.js";
import { withProbeNumbers } from "./probe-keys.js";

/** Options of {@link JkPbBus}; link defaults in {@link JK_LINK_DEFAULTS}. */
export interface JkPbBusOptions extends LinkOptions {
  /** Largest read in registers (default 40). */
  readonly maxRead?: number;
  /** Quiet-period drain after a timeout. */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
}

/** One pack's live data, or why it could not be read. */
export type JkPbPackReading = { readonly address: number; readonly ok: true; readonly data: JkPbLiveData } | { readonly address: number; readonly ok: false; readonly error: unknown };

/** A pack of a bus reading that did not answer: its address and why (JSON-ready). */
export interface JkPbPackFailure {
  /** DIP-switch address. */
  readonly address: number;
  /** The `BattError` code (`timeout`, `checksum`…). */
  readonly code: string;
  /** What went wrong. */
  readonly error: string;
}

/** The details of a reading of several JK-PB packs: each pack's live data, or why it failed, in address order. */
export interface JkPbBusReading {
  /** The protocol. */
  readonly protocol: "pb";
  /** Each pack asked for. */
  readonly packs: readonly (JkPbLiveData | JkPbPackFailure)[];
}

/**
 * An RS-485 bus of JK-PB packs (DIP addresses 1..15) sharing one Modbus RTU client, so requests to
 * different packs never overlap and keep the bus gap.
 *
 * @example
 * ```ts
 * const bus = new JkPbBus(port);
 * const reading = await bus.read([1, 2, 3]); // batteries pack1, pack2, pack3
 * await bus.pack(2).setChargeSwitch(false);
 * ```
 */
export class JkPbBus {
  /** The Modbus client of the bus. */
  readonly client: ModbusClient;
  private readonly packs = new Map<number, JkPbBms>();
  private readonly maxRead: number;
  private readonly clock: Clock;

  constructor(transport: Transport, options: JkPbBusOptions = {}) {
    this.maxRead = options.maxRead ?? JK_PB_DEFAULT_MAX_READ;
    this.clock = options.clock ?? systemClock;
    this.client = new ModbusClient(transport, {
      ...resolveLinkOptions(options, JK_LINK_DEFAULTS),
    });
  }

  /**
   * The pack at DIP address `address` (1..15), on the bus's client.
   *
   * @throws BattError `invalid-argument` for an address outside 1..15.
   */
  pack(address: number): JkPbBms {
    let pack = this.packs.get(address);
    if (!pack) {
      pack = new JkPbBms(this.client, { address, maxRead: this.maxRead, clock: this.clock });
      this.packs.set(address, pack);
    }
    return pack;
  }

  /** Reads the live data of each pack in turn; a pack that fails does not stop the others. */
  async readLiveAll(addresses: readonly number[], signal?: AbortSignal): Promise<JkPbPackReading[]> {
    const out: JkPbPackReading[] = [];
    for (const address of addresses) {
      try {
        out.push({ address, ok: true, data: await this.pack(address).readLive(signal) });
      } catch (error) {
        out.push({ address, ok: false, error });
      }
    }
    return out;
  }

  /**
   * One reading of several packs in the shared model: a battery summary per pack that answered
   * (ids `pack1`, `pack2`… by address), each pack's own measurements prefixed by its id, and
   * every pack's live data or failure in the details. Only the live blocks are read.
   *
   * @throws The first pack's error when no pack answered; BattError `aborted` when `signal` fired.
   */
  async read(addresses: readonly number[], options: CallOptions = {}): Promise<DeviceReading<JkPbBusReading>> {
    const results = await this.readLiveAll(addresses, options.signal);
    const answered = results.flatMap((r) => (r.ok ? [r.data] : []));
    const failed = results.flatMap((r) => (r.ok ? [] : [r.error]));
    // A cancelled read is no reading, even when some packs answered before it.
    const aborted = failed.find((e) => isBattError(e, "aborted"));
    if (aborted !== undefined) throw aborted;
    if (answered.length === 0 && failed.length > 0) throw failed[0];
    const batteries = answered.map((live) => pbBatterySummary(live, `pack${live.address}`, `Pack ${live.address}`));
    const measurements = answered.flatMap((live, i) => pbMeasurements(live, batteries[i]));
    const packs = results.map((r): JkPbLiveData | JkPbPackFailure => {
      if (r.ok) return r.data;
      const error = toBattError(r.error, "unexpected-reply");
      return { address: r.address, code: error.code, error: error.message };
    });
    const reading = makeReading(this.clock, {
      device: { driver: "jk", category: "bms", manufacturer: "JK", model: `JK-PB bus (packs ${addresses.join(", ")})` },
      batteries,
      measurements,
      reading: { protocol: "pb" as const, packs },
    });
    return withProbeNumbers(reading, answered);
  }

  /** Detaches from the transport (which stays open). */
  dispose(): void {
    this.client.dispose();
  }
}
