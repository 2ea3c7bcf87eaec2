import { BattError, systemClock, type Clock, type DeviceControl, type DeviceReading } from "@batt/core";
import { LiveHub } from "../live/live-hub.js";
import type { LiveDevice, LiveEvents } from "../live/live-device.js";
import { PendingCommands, readCommandResult } from "./command-results.js";
import type { AnnouncedControl, DiscoveryEntry } from "./discovery-entry.js";
import { remoteControl } from "./remote-control.js";
import { readStateEnvelope } from "./state-envelope.js";

/** How long a command may take from publishing to the gateway's result, ms: the gateway's own deadline is 10 s by default. */
export const COMMAND_DEADLINE_MS = 15_000;

/** Publishes a command payload (QoS 1); resolves once it is handed to the broker. */
export type PublishCommand = (topic: string, payload: string) => Promise<void>;

/**
 * One device of a `batt gateway`, seen over MQTT, as a {@link LiveDevice}: its readings are the
 * gateway's state envelopes, its availability going `offline` is an error, and its controls are
 * proxies of the ones the gateway announces (switch, number, button) that go through the command
 * topic and are confirmed by the gateway's result topic. No settings: the gateway does not offer them.
 */
export class GatewayDevice implements LiveDevice {
  /** `gateway/<topic root>`. */
  readonly key: string;
  /** Its name (the gateway config's title), else the topic's device segment. */
  title: string;
  /** The gateway's view of it: `online`, `offline`, or undefined before the retained availability arrives. */
  available: boolean | undefined;
  /** Whether the gateway itself is online (its status topic). */
  gatewayOnline: boolean | undefined;
  private readonly hub = new LiveHub();
  private readonly announced = new Map<string, AnnouncedControl>();
  private controlList: DeviceControl[] = [];
  private readonly pending: PendingCommands;
  private readonly changed = new Set<() => void>();

  constructor(
    /** The device's topic root (`batt/<gateway>/<device>`). */
    readonly root: string,
    private readonly publish: PublishCommand,
    private readonly deadlineMs = COMMAND_DEADLINE_MS,
    clock: Clock = systemClock,
  ) {
    this.pending = new PendingCommands(clock);
    this.key = `gateway/${root}`;
    this.title = root.slice(root.lastIndexOf("/") + 1);
  }

  /** Its state topic. */
  get stateTopic(): string {
    return `${this.root}/state`;
  }

  /** Its availability topic. */
  get availabilityTopic(): string {
    return `${this.root}/availability`;
  }

  /** Where the gateway answers commands. */
  get resultTopic(): string {
    return `${this.root}/result`;
  }

  get controls(): readonly DeviceControl[] {
    return this.controlList;
  }

  get latest(): DeviceReading<unknown> | undefined {
    return this.hub.latest;
  }

  /** Whether both the gateway and the device are online. */
  get online(): boolean {
    return this.available === true && this.gatewayOnline !== false;
  }

  subscribe(events: LiveEvents): () => void {
    return this.hub.subscribe(events);
  }

  /** Watches changes of title, availability and controls; returns the removal. */
  onChange(listener: () => void): () => void {
    this.changed.add(listener);
    return () => this.changed.delete(listener);
  }

  /** Takes in a discovery entry of this device (title, a control). */
  discovered(entry: DiscoveryEntry): void {
    let change = false;
    if (entry.title && entry.title !== this.title) {
      this.title = entry.title;
      change = true;
    }
    const control = entry.control;
    if (control && JSON.stringify(this.announced.get(control.key)) !== JSON.stringify(control)) {
      this.announced.set(control.key, control);
      this.controlList = [...this.announced.values()].map((c) => remoteControl(c, (c2, payload, signal) => this.command(c2, payload, signal)));
      change = true;
    }
    if (change) this.emitChange();
  }

  /** A message on the state topic. */
  state(payload: string): void {
    const reading = readStateEnvelope(payload);
    if (reading) this.hub.reading(reading);
    else this.hub.error(new BattError("frame", `${this.title}: the gateway sent a state message that is not a reading`));
  }

  /** A message on the availability topic. */
  availability(payload: string): void {
    const online = payload === "online";
    if (online === this.available) return;
    this.available = online;
    if (!online) this.hub.error(new BattError("disconnected", `${this.title} is offline: the gateway cannot read it`));
    this.emitChange();
  }

  /** A message on the gateway's status topic. */
  gatewayStatus(payload: string): void {
    const online = payload === "online";
    if (online === this.gatewayOnline) return;
    this.gatewayOnline = online;
    if (!online) this.hub.error(new BattError("disconnected", "the gateway is offline"));
    this.emitChange();
  }

  /** A message on the result topic. */
  result(payload: string): void {
    const result = readCommandResult(payload);
    if (result) this.pending.settle(result);
  }

  /** The broker connection is gone: commands in flight have an unknown outcome. */
  connectionLost(): void {
    this.pending.failAll(new BattError("disconnected", "the connection to the gateway was lost; the command may or may not have been applied"));
  }

  private async command(control: AnnouncedControl, payload: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new BattError("aborted", `${control.name}: aborted`);
    // Waiting starts before publishing: the result may come back before publish() resolves.
    const answer = this.pending.wait(control.key, payload, this.deadlineMs, signal);
    // Handled below; this keeps a rejection during publish() from being reported as unhandled meanwhile.
    answer.catch(() => undefined);
    try {
      await this.publish(control.commandTopic, payload);
    } catch (error) {
      this.pending.settle({ ok: false, control: control.key, value: payload, error: { code: "disconnected", message: `${control.name}: not sent: ${String(error)}` } });
    }
    await answer;
  }

  private emitChange(): void {
    for (const listener of this.changed) listener();
  }
}
