import { BattError, toBattError, type Clock, type DevicePlugin, type DeviceReading, type DeviceSession, type TimerHandle } from "@batt/core";
import type { DeviceConfig, LinkConfig } from "../config/gateway-config.js";
import type { DevicePolling } from "../config/resolve-config.js";
import type { Logger } from "../log/logger.js";
import { backoffDelay } from "../schedule/backoff.js";
import { LinkScheduler, type PollOutcome } from "../schedule/link-scheduler.js";
import { openLinkTransport, pluginOptions, type OpenedLink } from "./open-transport.js";

/** A device on a link, with what reads it. */
export interface LinkDevice {
  /** Its config entry. */
  readonly config: DeviceConfig;
  /** The plugin of its kind. */
  readonly plugin: DevicePlugin;
  /** Its timing. */
  readonly polling: DevicePolling;
}

/** Where a link is: opening, open and polling, or waiting to reopen after a failure. */
export type LinkState = "connecting" | "up" | "down" | "stopped";

/** What a link reports. */
export interface LinkEvents {
  /** A device gave a reading. */
  reading(device: string, reading: DeviceReading<unknown>): void;
  /** A poll ended (either way), with its latency. */
  outcome(outcome: PollOutcome): void;
  /** The link changed state; `error` says why it went down. */
  state(link: string, state: LinkState, error?: BattError): void;
}

/** Options of a {@link LinkRunner}. */
export interface LinkRunnerOptions {
  /** Time and timers. */
  readonly clock: Clock;
  /** What the link reports to. */
  readonly events: LinkEvents;
  /** Where problems are logged. */
  readonly logger: Logger;
  /** First wait before reopening a failed link, ms (default 1000); doubles per failure. */
  readonly reconnectMs?: number;
  /** Longest wait before reopening, ms (default 30 000). */
  readonly maxReconnectMs?: number;
  /** Opens the link's transport (default: {@link openLinkTransport}); tests substitute their own. */
  readonly open?: (link: LinkConfig, plugins: readonly DevicePlugin[]) => Promise<OpenedLink>;
}

interface Connection {
  readonly opened: OpenedLink;
  readonly sessions: Map<string, DeviceSession>;
  readonly scheduler: LinkScheduler;
  readonly unsubscribe: () => void;
}

/**
 * Keeps one link open and its devices polled: opens the transport, connects every device's session,
 * runs a {@link LinkScheduler} over them, and when the transport is lost (an adapter unplugged, a
 * TCP gateway dropping) or cannot be opened, tears everything down and tries again after a
 * doubling wait, forever, until stopped.
 */
export class LinkRunner {
  private current: Connection | undefined;
  private linkState: LinkState = "down";
  private attempts = 0;
  private retryTimer: TimerHandle | undefined;
  private stopping = false;
  private transition: Promise<void> = Promise.resolve();

  constructor(
    /** The link's name. */
    readonly name: string,
    private readonly config: LinkConfig,
    /** The devices on it. */
    readonly devices: readonly LinkDevice[],
    private readonly options: LinkRunnerOptions,
  ) {}

  /** Its state now. */
  get state(): LinkState {
    return this.linkState;
  }

  /** Opens the link (in the background; failures are retried). */
  start(): void {
    this.stopping = false;
    this.enqueue(() => this.connect());
  }

  /** Stops polling, closes the sessions and the transport. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer !== undefined) this.options.clock.clearTimer(this.retryTimer);
    this.retryTimer = undefined;
    this.enqueue(() => this.teardown());
    await this.transition;
    this.setState("stopped");
  }

  /**
   * Runs `work` with a device's session as the only operation on the link (between polls).
   *
   * @throws BattError `disconnected` while the link is not up.
   */
  async withSession<T>(device: string, work: (session: DeviceSession) => Promise<T>): Promise<T> {
    const connection = this.current;
    const session = connection?.sessions.get(device);
    if (!connection || !session || this.linkState !== "up") throw new BattError("disconnected", `link ${this.name} is ${this.linkState}`);
    return connection.scheduler.runExclusive(() => work(session));
  }

  /** The session of a device while the link is up (for its controls). */
  sessionOf(device: string): DeviceSession | undefined {
    return this.linkState === "up" ? this.current?.sessions.get(device) : undefined;
  }

  /** Runs link transitions one after another, so a loss during an open is handled after it. */
  private enqueue(step: () => Promise<void>): void {
    this.transition = this.transition.then(step).catch((error: unknown) => this.options.logger.error("link transition failed", { link: this.name, error: String(error) }));
  }

  private setState(state: LinkState, error?: BattError): void {
    if (this.linkState === state) return;
    this.linkState = state;
    this.options.events.state(this.name, state, error);
  }

  private async connect(): Promise<void> {
    if (this.stopping || this.current) return;
    this.setState("connecting");
    let opened: OpenedLink | undefined;
    const sessions = new Map<string, DeviceSession>();
    try {
      opened = await (this.options.open ?? openLinkTransport)(
        this.config,
        this.devices.map((d) => d.plugin),
      );
      for (const device of this.devices) sessions.set(device.config.name, await device.plugin.connect(opened.transport, pluginOptions(device.config)));
    } catch (error) {
      for (const session of sessions.values()) await session.close().catch(() => undefined);
      await opened?.close().catch(() => undefined);
      this.failed(toBattError(error, "not-open"));
      return;
    }
    if (this.stopping) {
      for (const session of sessions.values()) await session.close().catch(() => undefined);
      await opened.close().catch(() => undefined);
      return;
    }
    const scheduler = new LinkScheduler(
      this.devices.map((d) => ({ name: d.config.name, polling: d.polling })),
      {
        clock: this.options.clock,
        poll: async (name, signal) => {
          const reading = await sessions.get(name)!.read(signal);
          this.options.events.reading(name, reading);
        },
        onOutcome: (outcome) => this.options.events.outcome(outcome),
        onStuck: () => this.lost(new BattError("timeout", `link ${this.name}: a reading ignored its deadline; reopening the link`)),
      },
    );
    const unsubscribe = opened.transport.onClose((reason) => {
      if (reason) this.lost(reason);
    });
    this.current = { opened, sessions, scheduler, unsubscribe };
    this.attempts = 0;
    this.setState("up");
    this.options.logger.info("link up", { link: this.name, transport: opened.transport.info.description });
    scheduler.start();
  }

  /** The transport was lost: tear down and try again later. */
  private lost(reason: BattError): void {
    if (this.stopping) return;
    this.options.logger.warn("link lost", { link: this.name, error: reason.message });
    this.enqueue(async () => {
      await this.teardown();
      this.failed(reason);
    });
  }

  private failed(error: BattError): void {
    if (this.stopping) return;
    this.attempts++;
    const delay = backoffDelay(this.attempts, this.options.reconnectMs ?? 1000, this.options.maxReconnectMs ?? 30_000);
    this.setState("down", error);
    this.options.logger.warn("link down; will retry", { link: this.name, error: error.message, retryInMs: delay });
    if (this.retryTimer !== undefined) this.options.clock.clearTimer(this.retryTimer);
    this.retryTimer = this.options.clock.setTimer(() => {
      this.retryTimer = undefined;
      this.enqueue(() => this.connect());
    }, delay);
  }

  private async teardown(): Promise<void> {
    const connection = this.current;
    if (!connection) return;
    this.current = undefined;
    connection.unsubscribe();
    // Stop polling first (aborts the reading in flight), then close the port: a reading that ignores its abort ends when its port closes.
    const stopped = connection.scheduler.stop();
    await connection.opened.close().catch(() => undefined);
    await stopped;
    for (const session of connection.sessions.values()) await session.close().catch(() => undefined);
  }
}
