import { BattError, type DeviceReading, type Transport } from "@batt/core";
import { JkPbListener, type JkPbListenerOptions, type JkPbListenReading } from "../pb/jk-pb-listener.js";
import type { JkCliSession } from "./jk-session.js";

/** A `batt jk --protocol pb-listen` session: listens to a JK-PB bus polled by its master at address 0; sends nothing. */
export class JkPbListenSession implements JkCliSession {
  /** {@inheritDoc JkCliSession.protocol} */
  readonly protocol = "pb-listen" as const;
  /** The listener. */
  readonly listener: JkPbListener;

  constructor(transport: Transport, options: JkPbListenerOptions = {}) {
    this.listener = new JkPbListener(transport, options);
  }

  /** One polling cycle: a battery per pack heard, by address. */
  read(signal?: AbortSignal): Promise<DeviceReading<JkPbListenReading>> {
    return this.listener.read(signal ? { signal } : {});
  }

  /** The settings frames heard in one cycle, by address (the master asks packs for them now and then). */
  async readSettings(signal?: AbortSignal): Promise<unknown> {
    const reading = await this.read(signal);
    return Object.fromEntries(reading.reading.packs.map((p) => [p.address, p.settings ?? null]));
  }

  /** One setting of every pack heard, by address. */
  async readSetting(name: string, signal?: AbortSignal): Promise<unknown> {
    const reading = await this.read(signal);
    return Object.fromEntries(reading.reading.packs.map((p) => [p.address, p.settings?.[name] ?? null]));
  }

  /** Listen-only: nothing is written. */
  async writeSetting(): Promise<unknown> {
    throw new BattError("unsupported", "--protocol pb-listen only listens; nothing is sent");
  }

  /** Listen-only: nothing is written. */
  async setSwitch(): Promise<unknown> {
    throw new BattError("unsupported", "--protocol pb-listen only listens; nothing is sent");
  }

  /** Stops listening. */
  async close(): Promise<void> {
    this.listener.dispose();
  }
}
