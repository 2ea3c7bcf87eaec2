import {
  BattError,
  bytesEqual,
  makeReading,
  Mutex,
  systemClock,
  waitFor,
  type CallOptions,
  type Clock,
  type Device,
  type DeviceIdentity,
  type DeviceReading,
  type EngineCounters,
  type Transport,
} from "@batt/core";
import { JkClient, type JkClientOptions } from "./client.js";
import { identifierByKey, type JkKey, type JkWritableKey } from "./identifiers/identifier-table.js";
import { jkIdentity } from "./identity.js";
import { jkReadingOf, type JkReading } from "./jk-reading.js";
import { liveData, type JkLiveData } from "./live-data.js";
import { jkBatterySummary, jkMeasurements } from "./measurements.js";
import { settingsOf, writableSpec, type JkSettings } from "./settings.js";
import { decodeSingleRead } from "./single-read.js";
import { decodeInfoField, type JkDecodeOptions, type JkSnapshot } from "./snapshot.js";
import { decodeValue, encodeValue } from "./value-codec.js";
import type { JkInputOf, JkValueOf } from "./values.js";
import type { JkWriteResult } from "./write-result.js";

/** Default wait between the password frame and the first write, ms (reference: ≥ 100; ESPHome waits 150). */
export const JK_DEFAULT_PASSWORD_DELAY_MS = 150;

/** Options of {@link JkBms}. */
export interface JkBmsOptions extends JkClientOptions, JkDecodeOptions {
  /** Wait after the password frame before writing, ms (default {@link JK_DEFAULT_PASSWORD_DELAY_MS}). */
  readonly passwordDelayMs?: number;
}

/** Options of one write. */
export interface JkWriteOptions {
  /** Cancels the sequence. */
  readonly signal?: AbortSignal;
  /** Write even when the BMS already holds the value (default false: unchanged values are not written). */
  readonly force?: boolean;
}

/** Values to write, by identifier name. */
export type JkWriteValues = { readonly [K in JkWritableKey]?: JkInputOf<K> };

/**
 * A JK BMS (JK-B*, JK-BD*) on its 4-pin GPS / RS485 port, speaking the `4E 57` protocol at 115200 baud.
 *
 * {@link JkBms.read} is the documented way to read it: one read-all (command 06), decoded by the
 * identifier table into the shared model (battery summary, measurements, identity) with every
 * identifier of the frame in the details. Writes follow docs/protocols/jk.md#write-procedure: a read to skip
 * unchanged values, the password frame, a pause, the 0x02 writes, and a read-all to verify what
 * the BMS now holds.
 *
 * @example
 * ```ts
 * const bms = new JkBms(port);
 * const reading = await bms.read();
 * await bms.setChargeSwitch(false);
 * ```
 */
export class JkBms implements Device<JkReading> {
  /** The request layer (engine, counters). */
  readonly client: JkClient;
  private readonly decodeOptions: JkDecodeOptions;
  private readonly passwordDelayMs: number;
  private readonly clock: Clock;
  private readonly exclusive = new Mutex();
  private protocolVersion: number | undefined;
  private identity: DeviceIdentity | undefined;

  constructor(transport: Transport, options: JkBmsOptions = {}) {
    this.client = new JkClient(transport, options);
    this.clock = options.clock ?? systemClock;
    this.passwordDelayMs = options.passwordDelayMs ?? JK_DEFAULT_PASSWORD_DELAY_MS;
    this.decodeOptions = {
      ...(options.temperatureRule ? { temperatureRule: options.temperatureRule } : {}),
      ...(options.extraIdentifiers ? { extraIdentifiers: options.extraIdentifiers } : {}),
    };
  }

  /** Running totals (requests, replies, timeouts, checksum errors, skipped bytes…). */
  get counters(): EngineCounters {
    return this.client.counters;
  }

  /**
   * Reads the live state in the shared model: the pack as a battery summary (SI units, warnings
   * as alarms), the other values as measurements, who the BMS is (from the same frame), and every
   * identifier of the reply in `reading`.
   */
  async read(options: CallOptions = {}): Promise<DeviceReading<JkReading>> {
    const snapshot = await this.readAll(options.signal);
    const reading = jkReadingOf(snapshot);
    return makeReading(this.clock, {
      device: this.identity!,
      batteries: [jkBatterySummary(reading.values)],
      measurements: jkMeasurements(reading.values),
      reading,
    });
  }

  /** Who the BMS is: device id (0xB4) as serial, software version (0xB7), manufacturer id (0xBA); read once, then kept. */
  async identify(options: CallOptions = {}): Promise<DeviceIdentity> {
    if (!this.identity) await this.readAll(options.signal);
    return this.identity!;
  }

  /** Reads and decodes every identifier. */
  async readAll(signal?: AbortSignal): Promise<JkSnapshot> {
    const frame = await this.client.readAll(signal);
    let snapshot: JkSnapshot;
    try {
      snapshot = decodeInfoField(frame.info, this.decodeOptions);
    } catch (error) {
      throw error instanceof BattError ? error.withContext({ raw: frame.info }) : error;
    }
    this.protocolVersion = snapshot.values.protocolVersion;
    this.identity = jkIdentity(snapshot.values);
    return snapshot;
  }

  /** Reads the live state as the package's own summary (cells, voltage, current, SOC, temperatures, warnings, status); {@link JkBms.read} is the shared one. */
  async readLive(signal?: AbortSignal): Promise<JkLiveData> {
    return liveData(await this.readAll(signal));
  }

  /** Reads every setting. */
  async readSettings(signal?: AbortSignal): Promise<JkSettings> {
    return settingsOf(await this.readAll(signal));
  }

  /**
   * Reads one identifier with command 03. No real reply to it has been captured (docs/protocols/jk.md#single-identifier-read),
   * so prefer {@link JkBms.readAll}. The current needs the protocol version: without one seen yet,
   * it is read with read-all.
   */
  async readIdentifier<K extends JkKey>(key: K, signal?: AbortSignal): Promise<JkValueOf<K>> {
    const spec = identifierByKey(key);
    if (!spec) throw new BattError("invalid-argument", `unknown identifier ${key}`);
    if (spec.access === "w") throw new BattError("invalid-argument", `${key} is write-only`);
    if (spec.kind === "current" && this.protocolVersion === undefined) {
      const value = (await this.readAll(signal)).values[key];
      if (value === undefined) throw new BattError("unexpected-reply", `the BMS did not report ${key}`);
      return value as unknown as JkValueOf<K>;
    }
    const frame = await this.client.read(spec.id, signal);
    return decodeSingleRead(frame, spec, { protocolVersion: this.protocolVersion, ...this.decodeOptions }) as JkValueOf<K>;
  }

  /** Writes one identifier; see {@link JkBms.writeSettings}. */
  async writeSetting<K extends JkWritableKey>(key: K, value: JkInputOf<K>, options: JkWriteOptions = {}): Promise<JkWriteResult> {
    const results = await this.writeSettings({ [key]: value } as JkWriteValues, options);
    return results[0]!;
  }

  /**
   * Writes identifiers by docs/protocols/jk.md#write-procedure: every value is checked and encoded first
   * (nothing is sent if one is invalid); a read-all skips values the BMS already holds; then the
   * password frame, a pause, the writes, and a read-all that must show every written value.
   *
   * @throws BattError `invalid-argument` (nothing sent), `verify-failed` when the BMS holds another
   *   value afterwards (it ignores writes of some identifiers), or a link error.
   */
  async writeSettings(values: JkWriteValues, options: JkWriteOptions = {}): Promise<JkWriteResult[]> {
    const plan = Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        const spec = writableSpec(key);
        const bytes = encodeValue(spec, value);
        return { spec, bytes, value: decodeValue(spec, bytes, { protocolVersion: this.protocolVersion }) };
      });
    if (plan.length === 0) return [];
    const signal = options.signal;
    return this.exclusive.run(async () => {
      const readable = plan.some((p) => p.spec.access === "rw");
      const before = readable ? await this.readAll(signal) : undefined;
      const pending = plan.filter((p) => options.force || p.spec.access === "w" || !sameBytes(before?.raw.get(p.spec.id), p.bytes));
      if (pending.length > 0) {
        await this.client.password(signal);
        await waitFor(this.clock, this.passwordDelayMs, signal);
        for (const p of pending) await this.client.write(p.spec.id, p.bytes, signal);
      }
      const after = pending.some((p) => p.spec.access === "rw") ? await this.readAll(signal) : before;
      const results: JkWriteResult[] = plan.map((p) => {
        const previous = before?.values[p.spec.key as JkKey];
        const readBack = p.spec.access === "rw" ? after?.values[p.spec.key as JkKey] : undefined;
        return {
          key: p.spec.key as JkWritableKey,
          id: p.spec.id,
          value: p.value,
          ...(previous !== undefined ? { previous } : {}),
          ...(readBack !== undefined ? { readBack } : {}),
          changed: pending.includes(p),
          verified: p.spec.access === "rw",
          confirmedOnDevices: p.spec.verified === true,
        };
      });
      const failed = plan.filter((p) => p.spec.access === "rw" && !sameBytes(after?.raw.get(p.spec.id), p.bytes));
      if (failed.length > 0) {
        const names = failed.map((p) => p.spec.key).join(", ");
        throw new BattError("verify-failed", `the BMS does not hold the written value of ${names} after the write`, {
          context: { results, expected: failed.map((p) => p.bytes), actual: failed.map((p) => after?.raw.get(p.spec.id)) },
        });
      }
      return results;
    });
  }

  /** Turns the charge MOSFET enable switch (0xAB) on or off and verifies it. */
  setChargeSwitch(on: boolean, options: JkWriteOptions = {}): Promise<JkWriteResult> {
    return this.writeSetting("chargeSwitch", on, options);
  }

  /** Turns the discharge MOSFET enable switch (0xAC) on or off and verifies it. */
  setDischargeSwitch(on: boolean, options: JkWriteOptions = {}): Promise<JkWriteResult> {
    return this.writeSetting("dischargeSwitch", on, options);
  }

  /** Sends the activation frame that wakes a hibernating BMS. */
  activate(signal?: AbortSignal): Promise<void> {
    return this.client.activate(signal);
  }

  /** Detaches from the transport (which stays open). */
  dispose(): void {
    this.client.dispose();
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && bytesEqual(a, b);
}
