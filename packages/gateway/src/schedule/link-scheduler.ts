import { BattError, toBattError, type Clock, type TimerHandle } from "@batt/core";
import type { DevicePolling } from "../config/resolve-config.js";
import { backoffDelay } from "./backoff.js";

/** A device as the scheduler sees it. */
export interface ScheduledDevice {
  /** Unique name. */
  readonly name: string;
  /** Its timing. */
  readonly polling: DevicePolling;
}

/** How one poll went. */
export interface PollOutcome {
  /** The device. */
  readonly device: string;
  /** Whether the reading succeeded. */
  readonly ok: boolean;
  /** Why it failed. */
  readonly error?: BattError;
  /** How long it took, ms (clock time). */
  readonly latencyMs: number;
  /** Failed readings in a row, after this one. */
  readonly failures: number;
  /** When the device is polled next (clock time, ms). */
  readonly nextAt: number;
}

/** What a {@link LinkScheduler} does its work with. */
export interface LinkSchedulerOptions {
  /** Time and timers. */
  readonly clock: Clock;
  /** Reads one device; rejects on failure. Must give up when `signal` fires. */
  readonly poll: (device: string, signal: AbortSignal) => Promise<void>;
  /** Told after every poll. */
  readonly onOutcome?: (outcome: PollOutcome) => void;
  /** Told when a reading did not end within a grace period after its deadline: the link should be reset. */
  readonly onStuck?: () => void;
  /** Time a reading has after its deadline fired to end, ms (default 1000). */
  readonly graceMs?: number;
}

interface DeviceState {
  readonly device: ScheduledDevice;
  readonly order: number;
  dueAt: number;
  failures: number;
  lastStart: number;
}

interface QueuedCommand {
  readonly run: () => Promise<void>;
}

/**
 * Polls the devices of one link with one request in flight at a time (devices on an RS-485 bus share
 * it). The next device is the one whose reading has been due longest, so a slow or dead device
 * delays the others by at most its deadline and never starves them; a failing device is retried
 * after a doubling wait, capped. Commands (control writes) go before the next poll. Time comes
 * from the clock, so tests run it on a `ManualClock`.
 */
export class LinkScheduler {
  private readonly states: DeviceState[];
  private readonly commands: QueuedCommand[] = [];
  private running = false;
  private busy = false;
  private timer: TimerHandle | undefined;
  private current: Promise<void> | undefined;
  private inFlight = 0;
  private maxInFlight = 0;
  private pollAbort: AbortController | undefined;

  constructor(
    devices: readonly ScheduledDevice[],
    private readonly options: LinkSchedulerOptions,
  ) {
    const now = options.clock.now();
    this.states = devices.map((device, order) => ({ device, order, dueAt: now, failures: 0, lastStart: -Infinity }));
  }

  /** Starts polling: every device is due at once, in config order. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const now = this.options.clock.now();
    for (const state of this.states) state.dueAt = Math.min(state.dueAt, now);
    this.pump();
  }

  /** Stops polling: the reading in flight is aborted, and waited for. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    this.pollAbort?.abort(new BattError("aborted", "the gateway is stopping"));
    await this.current;
    for (const command of this.commands.splice(0)) void command.run();
  }

  /** The most operations that were ever in flight at once (1 when the link was used, by design). */
  get peakInFlight(): number {
    return this.maxInFlight;
  }

  /** Failed readings in a row of a device. */
  failuresOf(device: string): number {
    return this.stateOf(device).failures;
  }

  /** When a device is polled next (clock time, ms). */
  nextPollOf(device: string): number {
    return this.stateOf(device).dueAt;
  }

  /**
   * Runs `work` on the link when it is free (before the next poll), as the only operation in
   * flight. Rejects with `disconnected` when the scheduler is stopped before it ran.
   */
  runExclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.running) return Promise.reject(new BattError("disconnected", "the link is not running"));
    return new Promise<T>((resolve, reject) => {
      this.commands.push({
        run: async () => {
          if (!this.running) return reject(new BattError("disconnected", "the link closed before the command ran"));
          try {
            resolve(await work());
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
      });
      this.pump();
    });
  }

  /** Polls a device as soon as the link is free (after a command, to publish the new state). */
  pollSoon(device: string): void {
    const state = this.stateOf(device);
    state.dueAt = Math.min(state.dueAt, this.options.clock.now());
    this.pump();
  }

  private stateOf(device: string): DeviceState {
    const state = this.states.find((s) => s.device.name === device);
    if (!state) throw new BattError("not-found", `no device "${device}" on this link`);
    return state;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** Starts the next operation if the link is free, else (when idle) sets a timer for the next due poll. */
  private pump(): void {
    if (!this.running || this.busy) return;
    this.clearTimer();
    const command = this.commands.shift();
    if (command) return this.begin(command.run());
    const now = this.options.clock.now();
    let next: DeviceState | undefined;
    for (const state of this.states) {
      if (!next || state.dueAt < next.dueAt || (state.dueAt === next.dueAt && state.lastStart < next.lastStart)) next = state;
    }
    if (!next) return;
    if (next.dueAt > now) {
      this.timer = this.options.clock.setTimer(() => {
        this.timer = undefined;
        this.pump();
      }, next.dueAt - now);
      return;
    }
    this.begin(this.pollOnce(next));
  }

  private begin(work: Promise<void>): void {
    this.busy = true;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.current = work.finally(() => {
      this.inFlight--;
      this.busy = false;
      this.current = undefined;
      this.pump();
    });
  }

  private async pollOnce(state: DeviceState): Promise<void> {
    const { clock } = this.options;
    const { pollMs, deadlineMs, maxBackoffMs } = state.device.polling;
    const started = clock.now();
    const due = state.dueAt;
    state.lastStart = started;
    const controller = new AbortController();
    this.pollAbort = controller;
    let deadlineHit: () => void = () => undefined;
    const deadline = new Promise<"deadline">((resolve) => (deadlineHit = () => resolve("deadline")));
    const timer = clock.setTimer(() => {
      controller.abort(new BattError("timeout", `${state.device.name}: no reading within its deadline of ${deadlineMs} ms`));
      deadlineHit();
    }, deadlineMs);
    const reading = this.options.poll(state.device.name, controller.signal).then(
      () => undefined,
      (error: unknown) => error ?? new Error("poll failed"),
    );
    const first = await Promise.race([reading, deadline]);
    clock.clearTimer(timer);
    this.pollAbort = undefined;
    let error: BattError | undefined;
    if (first === "deadline") {
      error = new BattError("timeout", `${state.device.name}: no reading within its deadline of ${deadlineMs} ms`);
      await this.settleOrReset(reading);
    } else if (first !== undefined) {
      error = toBattError(first, "disconnected");
    }
    if (!this.running) return; // stopped: an aborted reading says nothing about the device
    const now = clock.now();
    if (error) {
      state.failures++;
      state.dueAt = now + backoffDelay(state.failures, pollMs, maxBackoffMs);
    } else {
      state.failures = 0;
      state.dueAt = Math.max(due + pollMs, now);
    }
    this.options.onOutcome?.({
      device: state.device.name,
      ok: !error,
      ...(error ? { error } : {}),
      latencyMs: now - started,
      failures: state.failures,
      nextAt: state.dueAt,
    });
  }

  /** Waits for an abandoned reading to end; one that ignores its abort past the grace period gets the link reset. */
  private async settleOrReset(reading: Promise<unknown>): Promise<void> {
    let graceHit: () => void = () => undefined;
    const grace = new Promise<"grace">((resolve) => (graceHit = () => resolve("grace")));
    const timer = this.options.clock.setTimer(() => graceHit(), this.options.graceMs ?? 1000);
    const settled = await Promise.race([reading.then(() => "settled" as const), grace]);
    this.options.clock.clearTimer(timer);
    if (settled === "grace") {
      this.options.onStuck?.();
      await reading;
    }
  }
}
