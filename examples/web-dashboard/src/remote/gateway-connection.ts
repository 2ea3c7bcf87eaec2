import { BattError } from "@batt/core";
import { readDiscovery } from "./discovery-entry.js";
import { COMMAND_DEADLINE_MS, GatewayDevice } from "./gateway-device.js";
import { loadMqtt, type MqttClientLike, type MqttConnect } from "./mqtt-client.js";

/** Where the connection to a gateway's broker stands. */
export type GatewayStatus = "connecting" | "connected" | "reconnecting" | "closed";

/** How to watch a gateway. */
export interface GatewayConnectOptions {
  /** Home Assistant discovery prefix of the gateway (`mqtt.discoveryPrefix`, default `homeassistant`). */
  readonly discoveryPrefix?: string;
  /** How long the first connection may take, ms (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** How long a command may wait for the gateway's result, ms (default 15 s). */
  readonly commandDeadlineMs?: number;
  /** mqtt.js's connect (default: mqtt.js loaded on first use). */
  readonly connect?: MqttConnect;
}

/** A connection to a `batt gateway`'s broker, and the devices it watches. */
export interface GatewayConnection {
  /** The broker's WebSocket URL. */
  readonly url: string;
  /** Where the connection stands. */
  readonly status: GatewayStatus;
  /** Every device found so far, in topic order. */
  readonly devices: readonly GatewayDevice[];
  /** Watches the device list (a device found); returns the removal. */
  onDevices(listener: (devices: readonly GatewayDevice[]) => void): () => void;
  /** Watches the connection's state; `detail` says why when it is lost. Returns the removal. */
  onStatus(listener: (status: GatewayStatus, detail?: string) => void): () => void;
  /** Disconnects (no reconnection). */
  close(): Promise<void>;
}

/** The gateway's own topic layout under its base (`batt/<gateway id>` by default). */
const DEFAULT_BASE_FILTERS = ["batt/+/status", "batt/+/+/availability"];
/** Reconnection waits, ms: from 1 s doubling to 30 s, so a stopped gateway is not hammered. */
const RECONNECT_FIRST_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

const decoder = new TextDecoder();

/**
 * Connects to the broker of a `batt gateway` over WebSocket and finds its devices from what the gateway
 * keeps retained there: the Home Assistant discovery configs (title, controls, topic root) and the
 * availability of every device (also of devices never read yet). Each device's state, availability and
 * command results are then followed.
 *
 * @throws BattError `disconnected` when the broker cannot be reached, `timeout` when it does not answer in time.
 */
export async function connectGateway(url: string, options: GatewayConnectOptions = {}): Promise<GatewayConnection> {
  const connect = options.connect ?? (await loadMqtt());
  const connection = new MqttGatewayConnection(url, connect, options);
  await connection.opened;
  return connection;
}

class MqttGatewayConnection implements GatewayConnection {
  status: GatewayStatus = "connecting";
  /** Settles with the first connection (and its subscriptions), or its failure. */
  readonly opened: Promise<void>;
  private readonly client: MqttClientLike;
  private readonly byRoot = new Map<string, GatewayDevice>();
  private readonly statusOf = new Map<string, string>();
  private readonly deviceListeners = new Set<(devices: readonly GatewayDevice[]) => void>();
  private readonly statusListeners = new Set<(status: GatewayStatus, detail?: string) => void>();
  private readonly discoveryPrefix: string;
  private readonly deadlineMs: number;
  private list: GatewayDevice[] = [];
  private everConnected = false;
  private lastError = "";

  constructor(
    readonly url: string,
    connect: MqttConnect,
    options: GatewayConnectOptions,
  ) {
    this.discoveryPrefix = options.discoveryPrefix ?? "homeassistant";
    this.deadlineMs = options.commandDeadlineMs ?? COMMAND_DEADLINE_MS;
    const random = Math.floor(Math.random() * 0xffffffff).toString(16);
    this.client = connect(url, {
      clientId: `batt-dashboard-${random}`,
      clean: true,
      reconnectPeriod: RECONNECT_FIRST_MS,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      // Commands are not queued while away: a switch flipped minutes later would surprise.
      queueQoSZero: false,
      resubscribe: true,
    });
    this.opened = new Promise<void>((resolve, reject) => {
      const fail = (error: BattError) => {
        if (this.everConnected || this.status === "closed") return;
        this.setStatus("closed", error.message);
        this.client.end(true);
        reject(error);
      };
      const timer = setTimeout(() => fail(new BattError("timeout", `no answer from ${url} within ${Math.round((options.connectTimeoutMs ?? 10_000) / 1000)} s`)), options.connectTimeoutMs ?? 10_000);
      this.client.on("connect", () => {
        this.client.options.reconnectPeriod = RECONNECT_FIRST_MS;
        // QoS 0 subscriptions: nothing to acknowledge, so no write races a broker that is closing the socket
        // (Chromium logs such a write as an error); a retained message lost that way comes again on reconnect.
        this.client.subscribe([`${this.discoveryPrefix}/+/+/+/config`, ...DEFAULT_BASE_FILTERS, ...this.deviceFilters()], { qos: 0 }, (error) => {
          if (error) {
            clearTimeout(timer);
            fail(new BattError("unsupported", `${url} refused the subscriptions: ${error.message}`));
            return;
          }
          clearTimeout(timer);
          this.everConnected = true;
          this.setStatus("connected");
          resolve();
        });
      });
      this.client.on("error", (error) => {
        this.lastError = error.message;
      });
      this.client.on("close", () => {
        if (!this.everConnected) {
          clearTimeout(timer);
          fail(new BattError("disconnected", `cannot reach ${url}${this.lastError ? `: ${this.lastError}` : ""} (is the gateway running with its WebSocket port open?)`));
          return;
        }
        if (this.status === "closed") return;
        for (const device of this.list) device.connectionLost();
        // Each failed attempt waits twice as long as the one before.
        const wait = this.status === "reconnecting" ? Math.min(RECONNECT_MAX_MS, (this.client.options.reconnectPeriod ?? RECONNECT_FIRST_MS) * 2) : RECONNECT_FIRST_MS;
        this.client.options.reconnectPeriod = wait;
        this.setStatus("reconnecting", `reconnecting in ${Math.round(wait / 1000)} s`);
      });
    });
    this.client.on("message", (topic, payload) => this.message(topic, decoder.decode(payload)));
  }

  get devices(): readonly GatewayDevice[] {
    return this.list;
  }

  onDevices(listener: (devices: readonly GatewayDevice[]) => void): () => void {
    this.deviceListeners.add(listener);
    return () => this.deviceListeners.delete(listener);
  }

  onStatus(listener: (status: GatewayStatus, detail?: string) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.status === "closed") return;
    this.setStatus("closed");
    for (const device of this.list) device.connectionLost();
    await new Promise<void>((resolve) => this.client.end(true, {}, () => resolve()));
  }

  private setStatus(status: GatewayStatus, detail?: string): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status, detail);
  }

  /** The per-device topics (state, availability, result) of every device found. */
  private deviceFilters(): string[] {
    return this.list.flatMap((d) => [d.stateTopic, d.availabilityTopic, d.resultTopic, statusTopicOf(d.root)]);
  }

  private message(topic: string, payload: string): void {
    if (topic.startsWith(`${this.discoveryPrefix}/`) && topic.endsWith("/config")) {
      const entry = readDiscovery(topic, payload);
      if (entry) this.device(entry.root).discovered(entry);
      return;
    }
    if (topic.endsWith("/status")) {
      this.statusOf.set(topic, payload);
      for (const device of this.list) if (statusTopicOf(device.root) === topic) device.gatewayStatus(payload);
      return;
    }
    const slash = topic.lastIndexOf("/");
    const root = topic.slice(0, slash);
    const leaf = topic.slice(slash + 1);
    if (leaf === "availability") {
      this.device(root).availability(payload);
      return;
    }
    const device = this.byRoot.get(root);
    if (!device) return;
    if (leaf === "state") device.state(payload);
    else if (leaf === "result") device.result(payload);
  }

  /** The device at a topic root, found now if it is new (then followed, and the list watchers told). */
  private device(root: string): GatewayDevice {
    const known = this.byRoot.get(root);
    if (known) return known;
    const device = new GatewayDevice(root, (topic, payload) => this.publish(topic, payload), this.deadlineMs);
    this.byRoot.set(root, device);
    const status = this.statusOf.get(statusTopicOf(root));
    if (status !== undefined) device.gatewayStatus(status);
    this.list = [...this.byRoot.values()].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
    this.client.subscribe([device.stateTopic, device.availabilityTopic, device.resultTopic, statusTopicOf(root)], { qos: 0 });
    for (const listener of this.deviceListeners) listener(this.list);
    return device;
  }

  private publish(topic: string, payload: string): Promise<void> {
    if (!this.client.connected) return Promise.reject(new BattError("disconnected", "not connected to the gateway"));
    return new Promise<void>((resolve, reject) => this.client.publish(topic, payload, { qos: 1, retain: false }, (error) => (error ? reject(error) : resolve())));
  }
}

/** The gateway's status topic for a device root: `batt/<gateway>/<device>` → `batt/<gateway>/status`. */
function statusTopicOf(root: string): string {
  return `${root.slice(0, root.lastIndexOf("/"))}/status`;
}
