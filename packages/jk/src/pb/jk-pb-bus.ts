import type { Clock, RetryPolicy, Transport } from "@batt/core";
import { ModbusClient } from "@batt/modbus-rtu";
import { JkPbBms, JK_PB_DEFAULT_MAX_READ } from "./jk-pb-bms.js";
import type { JkPbLiveData } from "./pb-live-data.js";

/** Default gap between commands on a JK-PB bus, ms: faster bursts caused cross-talk (docs/protocols/jk.md#jk-pb-bus-behaviour). */
export const JK_PB_DEFAULT_MIN_GAP_MS = 100;

/** Options of {@link JkPbBus}. */
export interface JkPbBusOptions {
  /** Reply deadline per request, ms (default 1000). */
  readonly timeoutMs?: number;
  /** Least gap between requests, ms (default {@link JK_PB_DEFAULT_MIN_GAP_MS}). */
  readonly minGapMs?: number;
  /** Retry policy (default: one retry; about half the reads failed on some buses). */
  readonly retry?: RetryPolicy;
  /** Largest read in registers (default 40). */
  readonly maxRead?: number;
  /** Quiet-period drain after a timeout. */
  readonly drain?: { readonly quietMs?: number; readonly maxMs?: number };
  /** Time source (default: the system clock). */
  readonly clock?: Clock;
}

/** One pack's live data, or why it could not be read. */
export type JkPbPackReading = { readonly address: number; readonly ok: true; readonly data: JkPbLiveData } | { readonly address: number; readonly ok: false; readonly error: unknown };

/**
 * An RS-485 bus of JK-PB packs (DIP addresses 1..15) sharing one Modbus RTU client, so requests to
 * different packs never overlap and keep the bus gap.
 *
 * @example
 * ```ts
 * const bus = new JkPbBus(port);
 * const readings = await bus.readLiveAll([1, 2, 3]);
 * await bus.pack(2).setChargeSwitch(false);
 * ```
 */
export class JkPbBus {
  /** The Modbus client of the bus. */
  readonly client: ModbusClient;
  private readonly packs = new Map<number, JkPbBms>();
  private readonly maxRead: number;

  constructor(transport: Transport, options: JkPbBusOptions = {}) {
    this.maxRead = options.maxRead ?? JK_PB_DEFAULT_MAX_READ;
    this.client = new ModbusClient(transport, {
      timeoutMs: options.timeoutMs ?? 1000,
      minGapMs: options.minGapMs ?? JK_PB_DEFAULT_MIN_GAP_MS,
      retry: options.retry ?? { retries: 1 },
      ...(options.drain ? { drain: options.drain } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
  }

  /** The pack at DIP address `address` (1..15). */
  pack(address: number): JkPbBms {
    let pack = this.packs.get(address);
    if (!pack) {
      pack = new JkPbBms(this.client, address, { maxRead: this.maxRead });
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

  /** Detaches from the transport (which stays open). */
  dispose(): void {
    this.client.dispose();
  }
}
